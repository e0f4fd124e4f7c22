package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Buckets;
import dev.gureum.s3.domain.Listing;
import dev.gureum.s3.domain.BucketVersioning;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Buckets themselves: create, delete, head, list, location, versioning and tags. */
final class BucketOperations {

    private final S3State state;

    BucketOperations(S3State state) {
        this.state = state;
    }

    void createBucket(S3Request request) {
        String name = request.bucket();
        BucketNames.validate(name);
        String requestRegion = request.context().region();
        String constraint = null;
        byte[] body = request.smallBody();
        if (body.length > 0) {
            Params config = S3Request.xmlDocument(body, "CreateBucketConfiguration");
            constraint = config.string("LocationConstraint");
            if (constraint != null && constraint.isEmpty()) {
                constraint = null;
            }
        }
        String region = Buckets.region(requestRegion, constraint);
        String account = request.context().accountId();
        String ownership = request.header("x-amz-object-ownership");
        String ownershipControls = ownershipXml(ownership != null ? ownership
                : state.legacyDefaults ? "ObjectWriter" : "BucketOwnerEnforced");
        boolean grants = request.headers().keySet().stream().anyMatch(h -> h.startsWith("x-amz-grant-"));
        String objectLock = !"true".equalsIgnoreCase(request.header("x-amz-bucket-object-lock-enabled")) ? null
                : "<ObjectLockConfiguration xmlns=\"" + S3State.XMLNS
                        + "\"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>";
        Bucket holder = state.bucketRules.create(name, account, requestRegion, region, ownershipControls,
                request.header("x-amz-acl"), grants, () -> Acls.fromHeaders(request::header, account), objectLock);
        if (state.legacyDefaults) {
            holder.configurations().put(S3State.NO_DEFAULT_ENCRYPTION, "true");
        }
        state.saveBucket(request, holder);
        S3Responses.header(request, "Location", "/" + name);
        S3Responses.header(request, "x-amz-bucket-arn", holder.arn());
        S3Responses.empty(request, 200);
    }

    void deleteBucket(S3Request request) {
        Bucket bucket = state.bucket(request);
        state.bucketRules.delete(bucket);
        state.saveBucketDeleted(request, bucket);
        S3Responses.empty(request, 204);
    }

    void headBucket(S3Request request) {
        Bucket bucket = state.bucket(request);
        S3Responses.header(request, "x-amz-bucket-region", bucket.region());
        S3Responses.header(request, "x-amz-access-point-alias", "false");
        S3Responses.empty(request, 200);
    }

    void getBucketLocation(S3Request request) {
        Bucket bucket = state.bucket(request);
        // us-east-1 is the empty location constraint, for historical reasons
        String location = bucket.region().equals("us-east-1") ? "" : bucket.region();
        S3Responses.document(request, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<LocationConstraint xmlns=\"" + S3State.XMLNS + "\">" + location + "</LocationConstraint>")
                .getBytes(StandardCharsets.UTF_8));
    }

    void listBuckets(S3Request request) {
        String account = request.context().accountId();
        String prefix = request.param("prefix");
        String regionFilter = request.param("bucket-region");
        int max = ListOperations.intParam(request, "max-buckets", 10_000, 1, 10_000);
        String after = null;
        String token = request.param("continuation-token");
        if (token != null) {
            after = ListOperations.decodeToken(token);
        }
        Listing.BucketPage page = Listing.buckets(state.buckets.all(), account, prefix, regionFilter, after, max);
        Struct result = Struct.of()
                .put("Owner", S3State.owner(account))
                .list("Buckets", page.buckets(), b -> Struct.of().put("Name", b.name()).put("CreationDate", b.created())
                        .put("BucketRegion", b.region()).put("BucketArn", b.arn()))
                .put("Prefix", prefix);
        if (page.truncated()) {
            result.put("ContinuationToken", PageTokens.encode(page.lastName()));
        }
        S3Responses.xml(request, "ListAllMyBucketsResult", withBucketMemberName(result));
    }

    /** ListBuckets names its list items {@code Bucket}. */
    private static Struct withBucketMemberName(Struct result) {
        Object buckets = result.get("Buckets");
        if (buckets instanceof dev.gureum.core.protocol.ListValue list) {
            result.put("Buckets", dev.gureum.core.protocol.ListValue.wrapped(list.items(), "Bucket"));
        }
        return result;
    }

    void putBucketVersioning(S3Request request) {
        Bucket bucket = state.bucket(request);
        Params config = request.xmlParams("VersioningConfiguration");
        String status = config.string("Status");
        String mfaDelete = config.string("MfaDelete");
        if (status != null && !status.equals("Enabled") && !status.equals("Suspended")) {
            throw new AwsException(S3Error.MALFORMED_XML,
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        if (mfaDelete != null && !mfaDelete.equals("Enabled") && !mfaDelete.equals("Disabled")) {
            throw new AwsException(S3Error.MALFORMED_XML,
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        BucketVersioning.change(bucket,
                status == null ? null : status.equals("Enabled") ? Bucket.Versioning.ENABLED : Bucket.Versioning.SUSPENDED,
                mfaDelete == null ? null : mfaDelete.equals("Enabled"));
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 200);
    }

    void getBucketVersioning(S3Request request) {
        BucketVersioning.Configuration configuration = BucketVersioning.of(state.bucket(request));
        Struct result = Struct.of();
        switch (configuration.status()) {
            case ENABLED -> result.put("Status", "Enabled");
            case SUSPENDED -> result.put("Status", "Suspended");
            default -> {
                // a bucket that never had versioning answers an empty configuration
            }
        }
        if (configuration.mfaDelete() != null) {
            result.put("MfaDelete", configuration.mfaDelete() ? "Enabled" : "Disabled");
        }
        S3Responses.xml(request, "VersioningConfiguration", result);
    }

    void putBucketTagging(S3Request request) {
        Bucket bucket = state.bucket(request);
        bucket.tags(Tags.parseBucketTags(request.xmlParams("Tagging")));
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    void getBucketTagging(S3Request request) {
        Bucket bucket = state.bucket(request);
        if (bucket.tags().isEmpty()) {
            throw new AwsException(S3Error.NO_SUCH_TAG_SET, "The TagSet does not exist").detail("BucketName", bucket.name());
        }
        S3Responses.xml(request, "Tagging", Tags.render(bucket.tags()));
    }

    void deleteBucketTagging(S3Request request) {
        Bucket bucket = state.bucket(request);
        bucket.tags(Map.of());
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    static String ownershipXml(String ownership) {
        if (!ownership.equals("BucketOwnerEnforced") && !ownership.equals("BucketOwnerPreferred")
                && !ownership.equals("ObjectWriter")) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid x-amz-object-ownership header: " + ownership)
                    .detail("ArgumentName", "x-amz-object-ownership");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><OwnershipControls xmlns=\"" + S3State.XMLNS
                + "\"><Rule><ObjectOwnership>" + ownership + "</ObjectOwnership></Rule></OwnershipControls>";
    }

    /** Objects and versions in a bucket, for tests of emptiness and for listing. */
    static List<S3Object> currentObjects(Bucket bucket) {
        List<S3Object> result = new ArrayList<>();
        for (Map.Entry<String, List<S3Object>> e : bucket.objects().entrySet()) {
            S3Object current = e.getValue().get(0);
            if (!current.deleteMarker()) {
                result.add(current);
            }
        }
        return result;
    }

    static Map<String, String> copy(Map<String, String> map) {
        return new LinkedHashMap<>(map);
    }
}
