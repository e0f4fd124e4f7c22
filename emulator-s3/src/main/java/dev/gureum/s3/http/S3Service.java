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
import dev.gureum.s3.domain.Refusal;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.protocol.S3Refusals;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's front door: works out the bucket and key from the host (virtual-hosted style) or the path
 * (path style), enforces presigned URL expiry, finds the operation the request makes ({@link S3Routes})
 * and runs it.
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
    private final ObjectLockOperations locks;
    private final LifecycleRunner lifecycle;
    private final WebsiteEndpoint website;
    private final AccessLogs accessLogs;
    private final InventoryOperations inventory;
    private final InventoryReports inventoryReports;
    private final BucketMetricsOperations metricsConfigurations;
    private final RequestMetrics requestMetrics;
    private final dev.gureum.s3.domain.StorageMetrics storageMetrics;
    private final S3Routes routes = new S3Routes();
    private final S3ControlTags controlTags;
    private final Map<S3Operation, Consumer<S3Request>> handlers;

    public S3Service(EmulatorContext context) {
        this.state = new S3State(context);
        this.buckets = new BucketOperations(state);
        this.configs = new BucketConfigOperations(state);
        this.locks = new ObjectLockOperations(state);
        this.lifecycle = new LifecycleRunner(state, new LifecycleDocument());
        this.website = new WebsiteEndpoint(state);
        this.accessLogs = new AccessLogs(state);
        this.inventory = new InventoryOperations(state);
        this.inventoryReports = new InventoryReports(state);
        this.objects = new ObjectOperations(state, locks, lifecycle);
        this.subresources = new ObjectSubresourceOperations(state, objects);
        this.copies = new CopyOperations(state, locks);
        this.lists = new ListOperations(state);
        this.multipart = new MultipartOperations(state);
        this.posts = new PostObjectOperations(state);
        this.metricsConfigurations = new BucketMetricsOperations(state);
        this.controlTags = new S3ControlTags(state);
        dev.gureum.core.spi.MetricSink sink = context.crossService().find(dev.gureum.core.spi.MetricSink.class)
                .orElse(null);
        this.requestMetrics = new RequestMetrics(sink, context.clock(), state, metricsConfigurations);
        this.storageMetrics = dev.gureum.s3.domain.StorageMetrics.start(sink, context.timers(), state.buckets);
        this.handlers = bind();
        lifecycle.start(context.timers());
        accessLogs.start(context.timers());
        inventoryReports.start(context.timers());
    }

    /** Objects written and deleted as their bucket's owner, for Gureum's own pages (the console). */
    public OwnerObjects ownerObjects() {
        return new OwnerObjects(state);
    }

    /** Every bucket, for Gureum's own views (the console). */
    public dev.gureum.s3.domain.BucketStore buckets() {
        return state.buckets;
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
    public void serving() {
        state.removeLeftovers();
    }

    @Override
    public void reset() {
        state.reset();
        objects.reset();
    }

    @Override
    public void close() {
        storageMetrics.stop();
        lifecycle.stop();
        accessLogs.stop();
        inventoryReports.stop();
        AwsService.super.close();
    }

    /**
     * How many bodies the data directory holds: files of their own, and live slices of segments (those of
     * an earlier run are counted once they have been taken in, after the server started serving).
     */
    public int storedBodies() {
        int files;
        try (java.util.stream.Stream<java.nio.file.Path> list = Files.list(state.blobs.objectsDirectory())) {
            files = (int) list.count();
        } catch (IOException e) {
            files = 0;
        }
        return files + state.blobs.segments().liveSlices();
    }

    /** Another service reading an object (Lambda code) for a principal: as that principal's own GetObject would be judged. */
    @Override
    public InputStream open(Principal reader, String bucketName, String key, String versionId) {
        Bucket bucket;
        try {
            bucket = state.existing(bucketName);
        } catch (Refusal refusal) {
            throw S3Refusals.toAws(refusal, "GET");
        }
        state.access.check(bucket, reader, versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", key, versionId,
                null);
        S3Object object = versionId == null ? bucket.current(key) : bucket.version(key, versionId);
        if (object == null || object.deleteMarker()) {
            throw new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", key);
        }
        try {
            return new dev.gureum.s3.storage.RangeInputStream(object.blob(), 0, object.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request to a bucket's website endpoint, on a worker thread: {@code path} is the decoded path of the
     * request ({@code /docs/}).
     */
    public void serveWebsite(HttpServerExchange exchange, String bucket, String path) {
        website.serve(exchange, bucket, path);
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext ctx) {
        long start = System.nanoTime();
        exchange.getResponseHeaders().put(AMZ_ID_2, ErrorRenderer.hostId(ctx.requestId()));
        S3Request request;
        S3Operation operation;
        try {
            request = address(exchange, ctx);
            operation = request.control() ? S3ControlTags.operation(request) : routes.resolve(request);
        } catch (RuntimeException e) {
            closeUnlessReady(exchange);
            throw e;
        }
        run(request, operation, start);
    }

    /**
     * GetObject and HeadObject of an object whose bytes are in memory (or that has none to send) need no
     * blocking work: they are answered on the IO thread. Everything else goes to a worker.
     */
    @Override
    public boolean answerOnIoThread(HttpServerExchange exchange, RequestContext ctx) {
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (!head && !exchange.getRequestMethod().equals(Methods.GET) 
                || exchange.getRequestHeaders().contains(Headers.CONTENT_LENGTH)
                || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)) {
            return false;
        }
        long start = System.nanoTime();
        S3Request request;
        S3Operation operation;
        try {
            request = address(exchange, ctx);
            if (request.control()) {
                return false;
            }
            operation = routes.resolve(request);
        } catch (RuntimeException e) {
            // answered by the worker, as any refused request
            return false;
        }
        if (operation != S3Operation.GET_OBJECT && operation != S3Operation.HEAD_OBJECT
                || !objects.servableFromMemory(request, head)) {
            return false;
        }
        exchange.getResponseHeaders().put(AMZ_ID_2, ErrorRenderer.hostId(ctx.requestId()));
        run(request, operation, start);
        return true;
    }

    private void run(S3Request request, S3Operation operation, long start) {
        HttpServerExchange exchange = request.exchange();
        try {
            request.operation(operation);
            requestMetrics.watch(request, operation, start);
            accessLogs.watch(request, operation, start);
            if (operation.wireName() != null) {
                request.context().operation(operation.wireName());
            }
            checkPresignedExpiry(request);
            if (request.header("Origin") != null && request.bucket() != null) {
                request.corsRules(CorsOperations.rules(state.buckets.get(request.bucket())));
            }
            if (S3Bodies.hasBody(request) && !operation.streamsBody()) {
                // small documents are read whole first, as they arrive, so no operation waits on the client
                S3Bodies.readSmall(request, state.requestTimeoutMillis, () -> dispatch(request));
                return;
            }
            dispatch(request);
        } catch (RuntimeException e) {
            closeUnlessReady(exchange);
            throw e;
        }
    }

    /** A request refused before its body was read leaves the connection ready for the next only if that body is gone. */
    private void closeUnlessReady(HttpServerExchange exchange) {
        if (HttpContinue.requiresContinueResponse(exchange)) {
            // the client still holds the body back (Expect: 100-continue) and may never send it: the
            // connection cannot carry another request after this answer
            exchange.setPersistent(false);
        } else {
            dev.gureum.core.http.StreamingBody.closeUnlessDrained(exchange, state.requestTimeoutMillis);
        }
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
        String hostName = host == null ? "" : withoutPort(host.toLowerCase(Locale.ROOT));
        if (S3ControlTags.addresses(path, hostName, exchange.getRequestHeaders().getFirst("x-amz-account-id"))) {
            String bucket = path.startsWith(S3ControlTags.PATH)
                    ? S3ControlTags.bucketOf(path.substring(S3ControlTags.PATH.length())) : null;
            return new S3Request(exchange, ctx, bucket, null, query).control(true);
        }
        Matcher m = virtualHost(hostName) ? VIRTUAL_HOST.matcher(hostName) : null;
        String bucket;
        String key;
        if (m != null && m.matches() && !m.group(1).equals("s3")) {
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

    /** The host name without a trailing {@code :port}. */
    static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || colon == host.length() - 1) {
            return host;
        }
        for (int i = colon + 1; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return host;
            }
        }
        return host.substring(0, colon);
    }

    /** Whether the host name can name a bucket: it ends as one of S3's endpoints ({@link #VIRTUAL_HOST}) does. */
    private static boolean virtualHost(String hostName) {
        return hostName.endsWith("localhost") || hostName.endsWith(".cloud") || hostName.endsWith(".com")
                || hostName.endsWith(".cn");
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
                        : "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires"
                                + " must be less than 604800 seconds");
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
        try {
            try {
                handlers.get(r.operation()).accept(r);
            } catch (Refusal refusal) {
                throw S3Refusals.toAws(refusal, r.method());
            } catch (dev.gureum.s3.lock.LockRefusal refusal) {
                throw dev.gureum.s3.protocol.LockErrors.toAws(refusal);
            }
        } catch (AwsException e) {
            AccessLogs.noteError(r, e.code());
            // an error answer to a cross-origin request carries the matching rule's CORS headers too
            CorsOperations.applyToResponse(r);
            throw e;
        }
    }

    /** What each operation runs. */
    private Map<S3Operation, Consumer<S3Request>> bind() {
        Map<S3Operation, Consumer<S3Request>> h = new EnumMap<>(S3Operation.class);
        h.put(S3Operation.LIST_BUCKETS, r -> {
            refuseAnonymous(r);
            state.access.checkIdentity(state.access.caller(r.context()), "s3:ListAllMyBuckets", "*", r);
            buckets.listBuckets(r);
        });
        h.put(S3Operation.CREATE_BUCKET, r -> {
            refuseAnonymous(r);
            state.access.checkIdentity(state.access.caller(r.context()), "s3:CreateBucket",
                    dev.gureum.core.id.Arn.of("s3", "", "", r.bucket()).toString(), r);
            buckets.createBucket(r);
        });
        h.put(S3Operation.DELETE_BUCKET, buckets::deleteBucket);
        h.put(S3Operation.HEAD_BUCKET, buckets::headBucket);
        h.put(S3Operation.LIST_OBJECTS, lists::listObjects);
        h.put(S3Operation.LIST_OBJECTS_V2, lists::listObjectsV2);
        h.put(S3Operation.LIST_OBJECT_VERSIONS, lists::listObjectVersions);
        h.put(S3Operation.LIST_MULTIPART_UPLOADS, multipart::listUploads);
        h.put(S3Operation.GET_BUCKET_LOCATION, buckets::getBucketLocation);
        h.put(S3Operation.GET_BUCKET_VERSIONING, buckets::getBucketVersioning);
        h.put(S3Operation.PUT_BUCKET_VERSIONING, buckets::putBucketVersioning);
        h.put(S3Operation.GET_BUCKET_TAGGING, buckets::getBucketTagging);
        h.put(S3Operation.PUT_BUCKET_TAGGING, buckets::putBucketTagging);
        h.put(S3Operation.DELETE_BUCKET_TAGGING, buckets::deleteBucketTagging);
        h.put(S3Operation.GET_BUCKET_POLICY, configs::getPolicy);
        h.put(S3Operation.PUT_BUCKET_POLICY, configs::putPolicy);
        h.put(S3Operation.DELETE_BUCKET_POLICY, r -> configs.delete(r, "policy"));
        h.put(S3Operation.GET_BUCKET_POLICY_STATUS, configs::getPolicyStatus);
        h.put(S3Operation.GET_BUCKET_ACL, r -> {
            Bucket bucket = state.bucket(r);
            configs.getAcl(r, bucket.ownerAccount(), bucket.acl());
        });
        h.put(S3Operation.PUT_BUCKET_ACL, r -> {
            Bucket bucket = state.bucket(r);
            bucket.acl(configs.readAcl(r, bucket));
            state.saveBucket(r, bucket);
            S3Responses.empty(r, 200);
        });
        for (S3Routes.Document document : S3Routes.DOCUMENTS) {
            h.put(document.get(), r -> configs.get(r, document.subresource()));
            h.put(document.put(), r -> configs.put(r, document.subresource()));
            if (document.delete() != S3Operation.NOT_IMPLEMENTED) {
                h.put(document.delete(), r -> configs.delete(r, document.subresource()));
            }
        }
        h.put(S3Operation.GET_BUCKET_METRICS_CONFIGURATION, metricsConfigurations::get);
        h.put(S3Operation.PUT_BUCKET_METRICS_CONFIGURATION, metricsConfigurations::put);
        h.put(S3Operation.DELETE_BUCKET_METRICS_CONFIGURATION, metricsConfigurations::delete);
        h.put(S3Operation.LIST_BUCKET_METRICS_CONFIGURATIONS, metricsConfigurations::list);
        h.put(S3Operation.TAG_RESOURCE, r -> controlTags.run(r, controlTags::tagResource));
        h.put(S3Operation.UNTAG_RESOURCE, r -> controlTags.run(r, controlTags::untagResource));
        h.put(S3Operation.LIST_TAGS_FOR_RESOURCE, r -> controlTags.run(r, controlTags::listTagsForResource));
        h.put(S3Operation.GET_BUCKET_INVENTORY_CONFIGURATION, inventory::get);
        h.put(S3Operation.PUT_BUCKET_INVENTORY_CONFIGURATION, inventory::put);
        h.put(S3Operation.DELETE_BUCKET_INVENTORY_CONFIGURATION, inventory::delete);
        h.put(S3Operation.LIST_BUCKET_INVENTORY_CONFIGURATIONS, inventory::list);
        h.put(S3Operation.DELETE_OBJECTS, subresources::deleteObjects);
        h.put(S3Operation.POST_OBJECT, posts::postObject);
        h.put(S3Operation.PREFLIGHT_REQUEST, r -> CorsOperations.preflight(r, state.buckets.get(r.bucket())));

        h.put(S3Operation.GET_OBJECT, r -> objects.getObject(r, false));
        h.put(S3Operation.HEAD_OBJECT, r -> objects.getObject(r, true));
        h.put(S3Operation.PUT_OBJECT, objects::putObject);
        h.put(S3Operation.COPY_OBJECT, copies::copyObject);
        h.put(S3Operation.DELETE_OBJECT, objects::deleteObject);
        h.put(S3Operation.GET_OBJECT_TAGGING, subresources::getTagging);
        h.put(S3Operation.PUT_OBJECT_TAGGING, subresources::putTagging);
        h.put(S3Operation.DELETE_OBJECT_TAGGING, subresources::deleteTagging);
        h.put(S3Operation.GET_OBJECT_ACL, r -> subresources.getAcl(r, configs));
        h.put(S3Operation.PUT_OBJECT_ACL, r -> subresources.putAcl(r, configs));
        h.put(S3Operation.GET_OBJECT_ATTRIBUTES, subresources::getAttributes);
        h.put(S3Operation.GET_OBJECT_TORRENT, new ObjectTorrents(state)::getTorrent);
        h.put(S3Operation.SELECT_OBJECT_CONTENT, new SelectOperations(state)::select);
        h.put(S3Operation.GET_OBJECT_RETENTION, locks::getRetention);
        h.put(S3Operation.PUT_OBJECT_RETENTION, locks::putRetention);
        h.put(S3Operation.GET_OBJECT_LEGAL_HOLD, locks::getLegalHold);
        h.put(S3Operation.PUT_OBJECT_LEGAL_HOLD, locks::putLegalHold);

        h.put(S3Operation.CREATE_MULTIPART_UPLOAD, multipart::create);
        h.put(S3Operation.UPLOAD_PART, multipart::uploadPart);
        h.put(S3Operation.UPLOAD_PART_COPY, r -> multipart.uploadPartCopy(r, copies));
        h.put(S3Operation.COMPLETE_MULTIPART_UPLOAD, multipart::complete);
        h.put(S3Operation.ABORT_MULTIPART_UPLOAD, multipart::abort);
        h.put(S3Operation.LIST_PARTS, multipart::listParts);

        h.put(S3Operation.NOT_IMPLEMENTED, r -> {
            if (r.control()) {
                controlTags.run(r, control -> {
                    throw notImplemented();
                });
                return;
            }
            throw notImplemented();
        });
        h.put(S3Operation.NOT_IMPLEMENTED_UNREAD, r -> {
            throw notImplemented();
        });
        h.put(S3Operation.METHOD_NOT_ALLOWED, r -> {
            throw methodNotAllowed(r);
        });
        for (S3Operation operation : S3Operation.values()) {
            if (!h.containsKey(operation)) {
                throw new IllegalStateException("No handler for " + operation);
            }
        }
        return h;
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
