package dev.gureum.s3.http;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.ErrorRenderer;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.spi.ObjectReader;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's front door: works out the bucket and key from the host (virtual-hosted style) or the path
 * (path style), enforces presigned URL expiry, and dispatches on method, key and subresource to the
 * operations, as the {@code http} traits of the S3 model lay them out.
 */
public final class S3Service implements AwsService, ObjectReader {

    private static final Pattern VIRTUAL_HOST = Pattern.compile(
            "^(.+?)\\.(?:s3(?:[.-][a-z0-9-]+)?\\.(?:localhost\\.localstack\\.cloud|amazonaws\\.com(?:\\.cn)?)|localhost)$");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HttpString AMZ_ID_2 = HttpString.tryFromString("x-amz-id-2");

    private final S3State state;
    private final BucketOperations buckets;
    private final BucketConfigOperations configs;
    private final ObjectOperations objects;
    private final ObjectSubresourceOperations subresources;
    private final CopyOperations copies;
    private final ListOperations lists;
    private final MultipartOperations multipart;
    private final PostObjectOperations posts;

    public S3Service(EmulatorContext context) {
        this.state = new S3State(context);
        this.buckets = new BucketOperations(state);
        this.configs = new BucketConfigOperations(state);
        this.objects = new ObjectOperations(state);
        this.subresources = new ObjectSubresourceOperations(state, objects);
        this.copies = new CopyOperations(state);
        this.lists = new ListOperations(state);
        this.multipart = new MultipartOperations(state);
        this.posts = new PostObjectOperations(state);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return dev.gureum.s3.S3Module.DESCRIPTOR;
    }

    @Override
    public boolean bufferRequestBody() {
        return false;
    }

    @Override
    public void reset() {
        state.reset();
    }

    /** Another service reading an object (Lambda code) for a principal: as that principal's own GetObject would be judged. */
    @Override
    public InputStream open(Principal reader, String bucketName, String key, String versionId) {
        Bucket bucket = state.buckets.get(bucketName);
        if (bucket == null) {
            throw new AwsException(S3Error.NO_SUCH_BUCKET, "The specified bucket does not exist")
                    .detail("BucketName", bucketName);
        }
        state.access.check(bucket, reader, versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", key, versionId,
                null);
        S3Object object = versionId == null ? bucket.current(key) : bucket.version(key, versionId);
        if (object == null || object.deleteMarker()) {
            throw new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", key);
        }
        try {
            return Files.newInputStream(object.blob());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext ctx) {
        exchange.getResponseHeaders().put(AMZ_ID_2, ErrorRenderer.hostId(ctx.requestId()));
        try {
            S3Request request = address(exchange, ctx);
            checkPresignedExpiry(request);
            if (request.header("Origin") != null && request.bucket() != null) {
                request.corsRules(CorsOperations.rules(state.buckets.get(request.bucket())));
            }
            if (S3Bodies.hasBody(request) && !streamsBody(request)) {
                // small documents are read whole first, as they arrive, so no operation waits on the client
                S3Bodies.readSmall(request, state.requestTimeoutMillis, () -> dispatch(request));
                return;
            }
            dispatch(request);
        } catch (RuntimeException e) {
            if (HttpContinue.requiresContinueResponse(exchange)) {
                // the client still holds the body back (Expect: 100-continue) and may never send it: the
                // connection cannot carry another request after this answer
                exchange.setPersistent(false);
            } else {
                dev.gureum.core.http.StreamingBody.closeUnlessDrained(exchange, state.requestTimeoutMillis);
            }
            throw e;
        }
    }

    /** Whether the operation streams its body itself: objects and parts (PutObject, UploadPart, PostObject). */
    private static boolean streamsBody(S3Request r) {
        return switch (r.method()) {
            case "PUT" -> r.key() != null && !r.has("tagging") && !r.has("acl")
                    && r.header("x-amz-copy-source") == null;
            case "POST" -> r.key() == null && !r.has("delete") && PostObjectOperations.isFormUpload(r);
            default -> false;
        };
    }

    /** Bucket and key of the request: virtual-hosted style from the Host header, else path style. */
    static S3Request address(HttpServerExchange exchange, RequestContext ctx) {
        Map<String, List<String>> query;
        try {
            query = FormDecoder.decode(exchange.getQueryString());
        } catch (IllegalArgumentException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid query string: " + e.getMessage());
        }
        String rawPath = exchange.getRequestPath();
        if (rawPath.startsWith("http://") || rawPath.startsWith("https://")) {
            int slash = rawPath.indexOf('/', rawPath.indexOf("//") + 2);
            rawPath = slash < 0 ? "/" : rawPath.substring(slash);
        }
        String path;
        try {
            path = FormDecoder.percentDecode(rawPath, false);
        } catch (IllegalArgumentException e) {
            throw new AwsException(S3Error.INVALID_URI, "Couldn't parse the specified URI.").detail("URI", rawPath);
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        String hostName = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        Matcher m = VIRTUAL_HOST.matcher(hostName);
        String bucket;
        String key;
        if (m.matches() && !m.group(1).equals("s3")) {
            bucket = m.group(1);
            key = path.length() > 1 ? path.substring(1) : null;
        } else {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            if (rest.isEmpty()) {
                bucket = null;
                key = null;
            } else if (slash < 0) {
                bucket = rest;
                key = null;
            } else {
                bucket = rest.substring(0, slash);
                key = rest.substring(slash + 1);
                if (key.isEmpty()) {
                    key = null;
                }
            }
        }
        return new S3Request(exchange, ctx, bucket, key, query);
    }

    /** A presigned URL past its {@code X-Amz-Expires} (SigV4) or {@code Expires} (SigV2) is refused. */
    private void checkPresignedExpiry(S3Request request) {
        SigV4Credential credential = request.context().credential();
        if (credential == null || !credential.presigned()) {
            return;
        }
        Instant now = state.clock.instant();
        Instant expires;
        if (credential.isSigV4()) {
            if (credential.amzDate() == null || credential.expires() == null) {
                return;
            }
            long seconds = credential.expires();
            if (seconds < 1 || seconds > 604_800) {
                throw new AwsException(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, seconds < 1
                        ? "X-Amz-Expires must be non-negative"
                        : "X-Amz-Expires must be less than a week (in seconds) that is 604800");
            }
            try {
                expires = LocalDateTime.parse(credential.amzDate(), AMZ_DATE).toInstant(ZoneOffset.UTC).plusSeconds(seconds);
            } catch (DateTimeParseException e) {
                throw new AwsException(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
            }
        } else {
            String epoch = request.param("Expires");
            if (epoch == null) {
                return;
            }
            try {
                expires = Instant.ofEpochSecond(Long.parseLong(epoch));
            } catch (NumberFormatException e) {
                throw new AwsException(S3Error.ACCESS_DENIED, "Invalid date (should be seconds since epoch): " + epoch);
            }
        }
        if (now.isAfter(expires)) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Request has expired")
                    .detail("X-Amz-Expires", credential.expires() == null ? null : String.valueOf(credential.expires()))
                    .detail("Expires", dev.gureum.core.protocol.Values.iso(expires))
                    .detail("ServerTime", dev.gureum.core.protocol.Values.iso(now));
        }
    }

    private void dispatch(S3Request r) {
        String method = r.method();
        if (r.bucket() == null) {
            if (method.equals("GET") || method.equals("HEAD")) {
                r.context().operation("ListBuckets");
                refuseAnonymous(r);
                buckets.listBuckets(r);
                return;
            }
            throw notImplemented();
        }
        if (method.equals("OPTIONS")) {
            r.context().operation("PreflightRequest");
            CorsOperations.preflight(r, state.buckets.get(r.bucket()));
            return;
        }
        if (r.key() == null) {
            bucketLevel(r, method);
        } else {
            objectLevel(r, method);
        }
    }

    private static String documentSubresource(S3Request r) {
        for (String name : List.of("cors", "lifecycle", "encryption", "ownershipControls", "publicAccessBlock",
                "website", "logging", "accelerate", "requestPayment", "object-lock", "replication", "notification")) {
            if (r.has(name)) {
                return name;
            }
        }
        return null;
    }

    private void bucketLevel(S3Request r, String method) {
        String document = documentSubresource(r);
        RequestContext ctx = r.context();
        switch (method) {
            case "PUT" -> {
                if (r.has("versioning")) {
                    ctx.operation("PutBucketVersioning");
                    buckets.putBucketVersioning(r);
                } else if (r.has("tagging")) {
                    ctx.operation("PutBucketTagging");
                    buckets.putBucketTagging(r);
                } else if (r.has("policy")) {
                    ctx.operation("PutBucketPolicy");
                    configs.putPolicy(r);
                } else if (r.has("acl")) {
                    ctx.operation("PutBucketAcl");
                    Bucket bucket = state.bucket(r);
                    bucket.acl(configs.readAcl(r, bucket));
                    S3Responses.empty(r, 200);
                } else if (document != null) {
                    ctx.operation("PutBucket" + document);
                    configs.put(r, document);
                } else if (r.query().isEmpty()) {
                    ctx.operation("CreateBucket");
                    refuseAnonymous(r);
                    buckets.createBucket(r);
                } else {
                    throw notImplemented();
                }
            }
            case "GET" -> {
                if (r.has("location")) {
                    ctx.operation("GetBucketLocation");
                    buckets.getBucketLocation(r);
                } else if (r.has("versioning")) {
                    ctx.operation("GetBucketVersioning");
                    buckets.getBucketVersioning(r);
                } else if (r.has("tagging")) {
                    ctx.operation("GetBucketTagging");
                    buckets.getBucketTagging(r);
                } else if (r.has("policyStatus")) {
                    ctx.operation("GetBucketPolicyStatus");
                    configs.getPolicyStatus(r);
                } else if (r.has("policy")) {
                    ctx.operation("GetBucketPolicy");
                    configs.getPolicy(r);
                } else if (r.has("acl")) {
                    ctx.operation("GetBucketAcl");
                    Bucket bucket = state.bucket(r);
                    configs.getAcl(r, bucket.ownerAccount(), bucket.acl());
                } else if (r.has("uploads")) {
                    ctx.operation("ListMultipartUploads");
                    multipart.listUploads(r);
                } else if (r.has("versions")) {
                    ctx.operation("ListObjectVersions");
                    lists.listObjectVersions(r);
                } else if (document != null) {
                    ctx.operation("GetBucket" + document);
                    configs.get(r, document);
                } else if ("2".equals(r.param("list-type"))) {
                    ctx.operation("ListObjectsV2");
                    lists.listObjectsV2(r);
                } else if (isUnsupportedSubresource(r)) {
                    throw notImplemented();
                } else {
                    ctx.operation("ListObjects");
                    lists.listObjects(r);
                }
            }
            case "DELETE" -> {
                if (r.has("tagging")) {
                    ctx.operation("DeleteBucketTagging");
                    buckets.deleteBucketTagging(r);
                } else if (r.has("policy")) {
                    ctx.operation("DeleteBucketPolicy");
                    configs.delete(r, "policy");
                } else if (document != null && !document.equals("notification") && !document.equals("logging")
                        && !document.equals("accelerate") && !document.equals("requestPayment")
                        && !document.equals("object-lock")) {
                    ctx.operation("DeleteBucket" + document);
                    configs.delete(r, document);
                } else if (r.query().isEmpty()) {
                    ctx.operation("DeleteBucket");
                    buckets.deleteBucket(r);
                } else {
                    throw notImplemented();
                }
            }
            case "HEAD" -> {
                ctx.operation("HeadBucket");
                buckets.headBucket(r);
            }
            case "POST" -> {
                if (r.has("delete")) {
                    ctx.operation("DeleteObjects");
                    subresources.deleteObjects(r);
                } else if (PostObjectOperations.isFormUpload(r)) {
                    ctx.operation("PostObject");
                    posts.postObject(r);
                } else {
                    throw notImplemented();
                }
            }
            default -> throw methodNotAllowed(r);
        }
    }

    private static boolean isUnsupportedSubresource(S3Request r) {
        for (String name : List.of("analytics", "inventory", "metrics", "intelligent-tiering", "session", "abac",
                "metadataConfiguration", "metadataTable", "torrent")) {
            if (r.has(name)) {
                return true;
            }
        }
        return false;
    }

    private void objectLevel(S3Request r, String method) {
        RequestContext ctx = r.context();
        switch (method) {
            case "PUT" -> {
                if (r.has("uploadId") && r.has("partNumber")) {
                    if (r.header("x-amz-copy-source") != null) {
                        ctx.operation("UploadPartCopy");
                        multipart.uploadPartCopy(r, copies);
                    } else {
                        ctx.operation("UploadPart");
                        multipart.uploadPart(r);
                    }
                } else if (r.has("tagging")) {
                    ctx.operation("PutObjectTagging");
                    subresources.putTagging(r);
                } else if (r.has("acl")) {
                    ctx.operation("PutObjectAcl");
                    subresources.putAcl(r, configs);
                } else if (r.has("retention") || r.has("legal-hold") || r.has("renameObject") || r.has("encryption")) {
                    throw notImplemented();
                } else if (r.header("x-amz-copy-source") != null) {
                    ctx.operation("CopyObject");
                    copies.copyObject(r);
                } else {
                    ctx.operation("PutObject");
                    objects.putObject(r);
                }
            }
            case "GET", "HEAD" -> {
                boolean head = method.equals("HEAD");
                if (r.has("uploadId") && !head) {
                    ctx.operation("ListParts");
                    multipart.listParts(r);
                } else if (r.has("tagging") && !head) {
                    ctx.operation("GetObjectTagging");
                    subresources.getTagging(r);
                } else if (r.has("acl") && !head) {
                    ctx.operation("GetObjectAcl");
                    subresources.getAcl(r, configs);
                } else if (r.has("attributes") && !head) {
                    ctx.operation("GetObjectAttributes");
                    subresources.getAttributes(r);
                } else if (!head && (r.has("retention") || r.has("legal-hold") || r.has("torrent"))) {
                    throw notImplemented();
                } else {
                    ctx.operation(head ? "HeadObject" : "GetObject");
                    objects.getObject(r, head);
                }
            }
            case "DELETE" -> {
                if (r.has("uploadId")) {
                    ctx.operation("AbortMultipartUpload");
                    multipart.abort(r);
                } else if (r.has("tagging")) {
                    ctx.operation("DeleteObjectTagging");
                    subresources.deleteTagging(r);
                } else {
                    ctx.operation("DeleteObject");
                    objects.deleteObject(r);
                }
            }
            case "POST" -> {
                if (r.has("uploads")) {
                    ctx.operation("CreateMultipartUpload");
                    multipart.create(r);
                } else if (r.has("uploadId")) {
                    ctx.operation("CompleteMultipartUpload");
                    multipart.complete(r);
                } else {
                    throw notImplemented();
                }
            }
            default -> throw methodNotAllowed(r);
        }
    }

    /** Listing and creating buckets needs an account: an anonymous caller has none. */
    private static void refuseAnonymous(S3Request r) {
        if (r.context().anonymous()) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
    }

    private static AwsException notImplemented() {
        return new AwsException(S3Error.NOT_IMPLEMENTED,
                "A header you provided implies functionality that is not implemented");
    }

    private static AwsException methodNotAllowed(S3Request r) {
        return new AwsException(S3Error.METHOD_NOT_ALLOWED, "The specified method is not allowed against this resource.")
                .detail("Method", r.method()).detail("ResourceType", r.key() == null ? "BUCKET" : "OBJECT");
    }
}
