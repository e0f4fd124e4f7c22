package dev.gureum.s3.http;

import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.core.time.Timers;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Conditions;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server access logging: each request to a bucket whose logging configuration is enabled becomes a log
 * record in S3's format (fields in S3's order), and the records gathered are written every five minutes
 * of the server clock as one object per target bucket and prefix, named as S3 names log objects
 * ({@code <prefix>YYYY-mm-DD-HH-MM-SS-<unique>}, or the partitioned form
 * {@code <prefix><account>/<region>/<bucket>/YYYY/mm/DD/YYYY-mm-DD-HH-MM-SS-<unique>}). Records not yet
 * written are lost if the server stops, as S3 delivers logs on a best-effort basis.
 */
final class AccessLogs {

    /** The error code a request was answered with, noted where it is turned into S3's error. */
    static final AttachmentKey<String> ERROR_CODE = AttachmentKey.create(String.class);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyy/MM/dd/")
            .withZone(ZoneOffset.UTC);

    /** Where a source bucket's records go. */
    private record Target(String bucket, String prefix, boolean partitioned, String sourceAccount,
                          String sourceRegion, String sourceBucket) {
    }

    private final S3State state;
    private final Map<Target, List<String>> pending = new ConcurrentHashMap<>();
    private volatile Timers.Timer flushes;

    AccessLogs(S3State state) {
        this.state = state;
    }

    void start(Timers timers) {
        flushes = timers.every(Duration.ofMinutes(5), this::deliver);
    }

    void stop() {
        Timers.Timer timer = flushes;
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Notes the error code of a request that was refused. */
    static void noteError(S3Request request, String code) {
        request.exchange().putAttachment(ERROR_CODE, code);
    }

    /** Logs the request once its answer is sent, if its bucket logs. */
    void watch(S3Request request, S3Operation operation, long startNanos) {
        if (request.bucket() == null) {
            return;
        }
        Bucket bucket = state.buckets.get(request.bucket());
        String config = bucket == null ? null : bucket.configurations().get("logging");
        if (config == null || !config.contains("LoggingEnabled")) {
            return;
        }
        Instant received = request.context().receivedAt();
        request.exchange().addExchangeCompleteListener((exchange, next) -> {
            try {
                record(bucket, config, request, operation, exchange, received, startNanos);
            } catch (RuntimeException e) {
                // a record that cannot be made is left out; the request is answered all the same
            } finally {
                next.proceed();
            }
        });
    }

    private void record(Bucket bucket, String config, S3Request request, S3Operation operation,
                        HttpServerExchange exchange, Instant received, long startNanos) {
        Params enabled = XmlDecoder.parse(config.getBytes(StandardCharsets.UTF_8)).root().object("LoggingEnabled");
        String targetBucket = enabled.string("TargetBucket");
        if (targetBucket == null) {
            return;
        }
        boolean partitioned = enabled.object("TargetObjectKeyFormat").object("PartitionedPrefix").isPresent();
        Target target = new Target(targetBucket.trim(), enabled.string("TargetPrefix", ""), partitioned,
                bucket.ownerAccount(), bucket.region(), bucket.name());
        String line = line(bucket, request, operation, exchange, received, startNanos);
        pending.computeIfAbsent(target, t -> java.util.Collections.synchronizedList(new ArrayList<>())).add(line);
    }

    private static String line(Bucket bucket, S3Request request, S3Operation operation, HttpServerExchange exchange,
                               Instant received, long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String account = request.context().accountId();
        var credential = request.context().credential();
        String query = exchange.getQueryString();
        String uri = request.method() + " " + exchange.getRequestURI() + (query == null || query.isEmpty() ? "" : "?"
                + query) + " " + exchange.getProtocol();
        String errorCode = exchange.getAttachment(ERROR_CODE);
        S3Object object = request.key() == null ? null : bucket.current(request.key());
        long objectSize = object == null || object.deleteMarker() ? -1 : object.size();
        var source = exchange.getSourceAddress();
        String host = request.header("Host");
        return String.join(" ",
                S3State.canonicalId(bucket.ownerAccount()),
                bucket.name(),
                TIME.format(received),
                source == null || source.getAddress() == null ? "-" : source.getAddress().getHostAddress(),
                account == null || request.context().anonymous() ? "-" : S3State.canonicalId(account),
                request.context().requestId(),
                operationName(request, operation),
                request.key() == null ? "-" : encode(request.key()),
                quoted(uri),
                String.valueOf(exchange.getStatusCode()),
                errorCode == null ? "-" : errorCode,
                exchange.getResponseBytesSent() > 0 ? String.valueOf(exchange.getResponseBytesSent()) : "-",
                objectSize < 0 ? "-" : String.valueOf(objectSize),
                String.valueOf(millis),
                String.valueOf(millis),
                quoted(request.header("Referer")),
                quoted(request.header("User-Agent")),
                request.param("versionId") == null ? "-" : request.param("versionId"),
                dev.gureum.core.http.ErrorRenderer.hostId(request.context().requestId()),
                credential == null ? "-" : credential.isSigV4() ? "SigV4" : "SigV2",
                "https".equalsIgnoreCase(exchange.getRequestScheme()) ? "TLS_AES_128_GCM_SHA256" : "-",
                credential == null ? "-" : credential.presigned() ? "QueryString" : "AuthHeader",
                host == null ? "-" : host,
                "https".equalsIgnoreCase(exchange.getRequestScheme()) ? "TLSv1.3" : "-",
                "-",
                "-");
    }

    private static String quoted(String value) {
        return "\"" + (value == null ? "-" : value.replace("\"", "\\\"")) + "\"";
    }

    private static String encode(String key) {
        return java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    /** {@code REST.<method>.<resource>}, as S3's logs name operations. */
    static String operationName(S3Request request, S3Operation operation) {
        if (operation == S3Operation.COPY_OBJECT) {
            return "REST.COPY.OBJECT";
        }
        if (operation == S3Operation.UPLOAD_PART_COPY) {
            return "REST.COPY.PART";
        }
        if (operation == S3Operation.DELETE_OBJECTS) {
            return "REST.POST.MULTI_OBJECT_DELETE";
        }
        String resource = switch (operation) {
            case LIST_OBJECTS, LIST_OBJECTS_V2, HEAD_BUCKET, CREATE_BUCKET, DELETE_BUCKET -> "BUCKET";
            case GET_OBJECT, HEAD_OBJECT, PUT_OBJECT, DELETE_OBJECT, POST_OBJECT -> "OBJECT";
            case UPLOAD_PART -> "PART";
            case CREATE_MULTIPART_UPLOAD, LIST_MULTIPART_UPLOADS -> "UPLOADS";
            case COMPLETE_MULTIPART_UPLOAD, ABORT_MULTIPART_UPLOAD, LIST_PARTS -> "UPLOAD";
            case GET_OBJECT_TAGGING, PUT_OBJECT_TAGGING, DELETE_OBJECT_TAGGING -> "OBJECT_TAGGING";
            case LIST_OBJECT_VERSIONS -> "BUCKETVERSIONS";
            case GET_BUCKET_POLICY, PUT_BUCKET_POLICY, DELETE_BUCKET_POLICY -> "BUCKETPOLICY";
            case GET_BUCKET_LOGGING, PUT_BUCKET_LOGGING -> "LOGGING_STATUS";
            case GET_OBJECT_RETENTION, PUT_OBJECT_RETENTION -> "RETENTION";
            case GET_OBJECT_LEGAL_HOLD, PUT_OBJECT_LEGAL_HOLD -> "LEGAL_HOLD";
            default -> subresource(request);
        };
        return "REST." + request.method() + "." + resource;
    }

    private static String subresource(S3Request request) {
        for (String name : request.query().keySet()) {
            if (!name.contains("-") || name.equals("object-lock")) {
                return name.replace("-", "_").toUpperCase(Locale.ROOT);
            }
        }
        return request.key() == null ? "BUCKET" : "OBJECT";
    }

    /** Writes the records gathered as one log object per target; dated {@code now}. */
    void deliver(Instant now) {
        for (Target target : List.copyOf(pending.keySet())) {
            List<String> lines = pending.remove(target);
            if (lines == null || lines.isEmpty()) {
                continue;
            }
            Bucket bucket = state.buckets.get(target.bucket());
            if (bucket == null) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            synchronized (lines) {
                lines.forEach(line -> body.append(line).append('\n'));
            }
            String key = target.prefix() + (target.partitioned() ? target.sourceAccount() + "/" + target.sourceRegion()
                    + "/" + target.sourceBucket() + "/" + PARTITION.format(now) : "") + KEY_TIME.format(now) + "-"
                    + Ids.hex(16).toUpperCase(Locale.ROOT);
            ObjectStore.ObjectMetadata metadata = new ObjectStore.ObjectMetadata(
                    Map.of("Content-Type", "text/plain", "x-amz-server-side-encryption", "AES256"), Map.of(), Map.of(),
                    "STANDARD", Acl.PRIVATE, bucket.ownerAccount());
            try {
                state.objects.put(bucket, key, metadata,
                        new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)), Conditions.NONE);
                state.saveKey(bucket, key);
            } catch (RuntimeException e) {
                // the target bucket went away meanwhile
            }
        }
    }
}
