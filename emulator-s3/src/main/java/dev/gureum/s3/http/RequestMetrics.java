package dev.gureum.s3.http;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.MetricsConfiguration;
import dev.gureum.s3.domain.S3Object;
import io.undertow.server.HttpServerExchange;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code AWS/S3} request metrics of buckets with a metrics configuration, per {@code BucketName}
 * and {@code FilterId} (the configuration's Id), for each request the configuration's filter counts:
 * {@code AllRequests}, the request's kind ({@code GetRequests}, {@code PutRequests}...), bytes up and
 * down, {@code 4xxErrors} and {@code 5xxErrors} (0 or 1 each, so that their average is the error rate),
 * {@code FirstByteLatency} and {@code TotalRequestLatency}. A bucket without one costs a lookup.
 */
final class RequestMetrics {

    private final MetricSink sink;
    private final Clock clock;
    private final S3State state;
    private final BucketMetricsOperations configurations;

    RequestMetrics(MetricSink sink, Clock clock, S3State state, BucketMetricsOperations configurations) {
        this.sink = sink;
        this.clock = clock;
        this.state = state;
        this.configurations = configurations;
    }

    /** Publishes the request's metrics when its answer is sent, if its bucket has a metrics configuration. */
    void watch(S3Request request, S3Operation operation, long startNanos) {
        if (sink == null || request.bucket() == null) {
            return;
        }
        Bucket bucket = state.buckets.get(request.bucket());
        if (bucket == null || !configured(bucket)) {
            return;
        }
        HttpServerExchange exchange = request.exchange();
        long[] firstByte = {0};
        exchange.addResponseCommitListener(e -> firstByte[0] = System.nanoTime());
        exchange.addExchangeCompleteListener((e, next) -> {
            try {
                publish(bucket, request, operation, e, startNanos, firstByte[0]);
            } finally {
                next.proceed();
            }
        });
    }

    private static boolean configured(Bucket bucket) {
        for (String key : bucket.configurations().keySet()) {
            if (key.startsWith(MetricsConfiguration.KEY_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private void publish(Bucket bucket, S3Request request, S3Operation operation, HttpServerExchange exchange,
                         long startNanos, long firstByteNanos) {
        String key = request.key();
        S3Object object = key == null ? null : bucket.current(key);
        Map<String, String> tags = object == null ? null : object.tags();
        int status = exchange.getStatusCode();
        long end = System.nanoTime();
        String kind = kind(operation);
        long uploaded = uploaded(request);
        long downloaded = request.method().equals("GET") && status / 100 == 2 ? exchange.getResponseBytesSent() : 0;
        Instant now = clock.instant();
        for (MetricsConfiguration config : configurations.configurations(bucket).values()) {
            if (!config.counts(key, tags)) {
                continue;
            }
            List<Dimension> dimensions = List.of(new Dimension("BucketName", bucket.name()),
                    new Dimension("FilterId", config.id()));
            Put put = (name, value, unit) -> sink.put(new MetricDatum(bucket.ownerAccount(), bucket.region(),
                    dev.gureum.s3.domain.StorageMetrics.NAMESPACE, name, dimensions, value, unit, now));
            put.put("AllRequests", 1, "Count");
            if (kind != null) {
                put.put(kind, 1, "Count");
            }
            if (downloaded > 0) {
                put.put("BytesDownloaded", downloaded, "Bytes");
            }
            if (uploaded > 0) {
                put.put("BytesUploaded", uploaded, "Bytes");
            }
            put.put("4xxErrors", status / 100 == 4 ? 1 : 0, "Count");
            put.put("5xxErrors", status / 100 == 5 ? 1 : 0, "Count");
            put.put("FirstByteLatency", ((firstByteNanos == 0 ? end : firstByteNanos) - startNanos) / 1e6,
                    "Milliseconds");
            put.put("TotalRequestLatency", (end - startNanos) / 1e6, "Milliseconds");
        }
    }

    private interface Put {
        void put(String name, double value, String unit);
    }

    /** The bytes of the request's body: what an aws-chunked body decodes to, else its length. */
    private static long uploaded(S3Request request) {
        if (!request.method().equals("PUT") && !request.method().equals("POST")) {
            return 0;
        }
        String length = request.header("x-amz-decoded-content-length");
        if (length == null) {
            length = request.header("Content-Length");
        }
        try {
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Which of S3's request counts the operation adds to, beside AllRequests. */
    private static String kind(S3Operation operation) {
        return switch (operation) {
            case GET_OBJECT -> "GetRequests";
            case PUT_OBJECT, COPY_OBJECT, UPLOAD_PART, UPLOAD_PART_COPY -> "PutRequests";
            case DELETE_OBJECT, DELETE_OBJECTS -> "DeleteRequests";
            case HEAD_OBJECT, HEAD_BUCKET -> "HeadRequests";
            case POST_OBJECT, CREATE_MULTIPART_UPLOAD, COMPLETE_MULTIPART_UPLOAD -> "PostRequests";
            case LIST_OBJECTS, LIST_OBJECTS_V2, LIST_OBJECT_VERSIONS, LIST_MULTIPART_UPLOADS, LIST_PARTS -> "ListRequests";
            default -> null;
        };
    }
}
