package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.Refusal;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Refusals;
import dev.gureum.s3.protocol.S3Error;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Object tagging, GetObjectAttributes, object ACLs and DeleteObjects. */
final class ObjectSubresourceOperations {

    private static final Set<String> ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");

    private final S3State state;
    private final ObjectOperations objects;

    ObjectSubresourceOperations(S3State state, ObjectOperations objects) {
        this.state = state;
        this.objects = objects;
    }

    private static S3Object target(Bucket bucket, S3Request request) {
        return ObjectStore.resolve(bucket, request.key(), request.param("versionId"));
    }

    void putTagging(S3Request request) {
        Bucket bucket = state.bucket(request);
        S3Object object = target(bucket, request);
        Map<String, String> tags = Tags.parseObjectTags(request.xmlParams("Tagging"));
        ObjectStore.replace(bucket, object.withTags(tags));
        state.saveKey(request, bucket, object.key());
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        S3Responses.empty(request, 200);
    }

    void getTagging(S3Request request) {
        Bucket bucket = state.bucket(request);
        S3Object object = target(bucket, request);
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        S3Responses.xml(request, "Tagging", Tags.render(object.tags()));
    }

    void deleteTagging(S3Request request) {
        Bucket bucket = state.bucket(request);
        S3Object object = target(bucket, request);
        bucket.replace(object.withTags(Map.of()));
        state.saveKey(request, bucket, object.key());
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        S3Responses.empty(request, 204);
    }

    void getAttributes(S3Request request) {
        Bucket bucket = state.bucket(request);
        // SDKs send the list as repeated headers, the CLI as one comma-separated header
        String header = request.headers().get("x-amz-object-attributes");
        if (header == null || header.isBlank()) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The x-amz-object-attributes header specifying the "
                    + "attributes to be retrieved is either missing or empty").detail("ArgumentName", "x-amz-object-attributes");
        }
        Set<String> wanted = new HashSet<>();
        for (String a : header.split(",")) {
            String name = a.trim();
            if (!ATTRIBUTES.contains(name)) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid attribute name specified.")
                        .detail("ArgumentName", "x-amz-object-attributes").detail("ArgumentValue", name);
            }
            wanted.add(name);
        }
        S3Object object = target(bucket, request);
        ServerSideEncryption.checkRead(request::header, null, object.headers());
        S3Responses.header(request, "Last-Modified", Values.httpDate(object.lastModified()));
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        Struct result = Struct.of();
        if (wanted.contains("ETag")) {
            result.put("ETag", object.etag());
        }
        if (wanted.contains("Checksum") && !object.checksums().isEmpty()) {
            Struct checksum = Struct.of();
            object.checksums().forEach((a, v) -> checksum.put("Checksum" + a, v));
            checksum.put("ChecksumType", object.checksumType());
            result.put("Checksum", checksum);
        }
        if (wanted.contains("ObjectParts") && !object.partSizes().isEmpty()) {
            int maxParts = headerInt(request, "x-amz-max-parts", 1000);
            int marker = headerInt(request, "x-amz-part-number-marker", 0);
            List<Object> parts = new ArrayList<>();
            int total = object.partSizes().size();
            int last = marker;
            for (int i = marker; i < total && parts.size() < maxParts; i++) {
                Struct part = Struct.of().put("PartNumber", i + 1).put("Size", object.partSizes().get(i));
                object.partChecksum(i + 1).forEach((a, v) -> part.put("Checksum" + a, v));
                parts.add(part);
                last = i + 1;
            }
            result.put("ObjectParts", Struct.of().put("PartsCount", total).put("PartNumberMarker", marker)
                    .put("NextPartNumberMarker", last).put("MaxParts", maxParts).put("IsTruncated", last < total)
                    .put("Part", ListValue.flattened(parts)));
        }
        if (wanted.contains("StorageClass")) {
            result.put("StorageClass", object.storageClass());
        }
        if (wanted.contains("ObjectSize")) {
            result.put("ObjectSize", object.size());
        }
        S3Responses.xml(request, "GetObjectAttributesResponse", result);
    }

    private static int headerInt(S3Request request, String header, int defaultValue) {
        String value = request.header(header);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) {
                return Math.min(parsed, 1000);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid " + header + " value: " + value)
                .detail("ArgumentName", header).detail("ArgumentValue", value);
    }

    void deleteObjects(S3Request request) {
        Bucket bucket = state.bucket(request);
        Params body = request.xmlParams("Delete");
        List<Params> entries = body.list("Object");
        if (entries.isEmpty() || entries.size() > 1000) {
            throw new AwsException(S3Error.MALFORMED_XML,
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        boolean quiet = "true".equalsIgnoreCase(body.string("Quiet", "false").trim());
        List<Object> deleted = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (Params entry : entries) {
            String key = entry.string("Key");
            String versionId = entry.string("VersionId");
            if (key == null) {
                throw new AwsException(S3Error.MALFORMED_XML,
                        "The XML you provided was not well-formed or did not validate against our published schema");
            }
            try {
                state.access.check(bucket, state.access.caller(request.context()),
                        versionId == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", key, null, request);
                ObjectStore.Deletion outcome = objects.delete(bucket, key, versionId, request);
                if (!quiet) {
                    Struct d = Struct.of().put("Key", key);
                    if (versionId != null) {
                        d.put("VersionId", versionId);
                        if (outcome.deleteMarker()) {
                            d.put("DeleteMarker", true).put("DeleteMarkerVersionId", versionId);
                        }
                    } else if (outcome.deleteMarker()) {
                        d.put("DeleteMarker", true).put("DeleteMarkerVersionId", outcome.versionId());
                    }
                    deleted.add(d);
                }
            } catch (AwsException | Refusal | dev.gureum.s3.lock.LockRefusal refused) {
                AwsException e = refused instanceof Refusal r ? S3Refusals.toAws(r, request.method())
                        : refused instanceof dev.gureum.s3.lock.LockRefusal l ? dev.gureum.s3.protocol.LockErrors.toAws(l)
                        : (AwsException) refused;
                errors.add(Struct.of().put("Key", key).put("VersionId", versionId).put("Code", e.code())
                        .put("Message", e.getMessage()));
            }
        }
        S3Responses.xml(request, "DeleteResult", Struct.of()
                .put("Deleted", ListValue.flattened(deleted)).put("Error", ListValue.flattened(errors)));
    }

    void getAcl(S3Request request, BucketConfigOperations configs) {
        Bucket bucket = state.bucket(request);
        S3Object object = target(bucket, request);
        configs.getAcl(request, S3State.objectOwner(bucket, object), object.acl());
    }

    void putAcl(S3Request request, BucketConfigOperations configs) {
        Bucket bucket = state.bucket(request);
        S3Object object = target(bucket, request);
        ObjectStore.replace(bucket, object.withAcl(configs.readAcl(request, bucket)));
        state.saveKey(request, bucket, object.key());
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        S3Responses.empty(request, 200);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
