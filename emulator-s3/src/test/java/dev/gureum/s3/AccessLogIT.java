package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Server access logs delivered into the target bucket, in S3's log format, on the server clock. */
class AccessLogIT {

    private static final Instant START = Instant.parse("2026-05-04T10:12:00Z");

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new MutableClock(START), new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static List<S3Object> logObjects(String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
    }

    /**
     * Moves the clock five minutes at a time until the records of {@code expected} requests are delivered: a
     * request is logged once its answer is sent, which its client may see a moment before.
     */
    private static List<String> delivered(String bucket, String prefix, int expected) {
        List<String> lines = List.of();
        for (int i = 0; i < 100 && lines.size() < expected; i++) {
            server.serverClock().advance(Duration.ofMinutes(5));
            lines = logObjects(bucket, prefix).stream()
                    .flatMap(o -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String().lines())
                    .toList();
        }
        return lines;
    }

    @Test
    void requestsAreLoggedInS3sFormatAndDeliveredInBatches() {
        String source = bucketName("source");
        String logs = bucketName("logs");
        s3.createBucket(b -> b.bucket(source));
        s3.createBucket(b -> b.bucket(logs));
        s3.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(l -> l.loggingEnabled(e -> e
                .targetBucket(logs).targetPrefix("access/"))));

        s3.putObject(b -> b.bucket(source).key("doc"), RequestBody.fromString("hello"));
        s3.getObjectAsBytes(b -> b.bucket(source).key("doc"));
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(source).key("missing")), 404, "NoSuchKey");
        assertThat(logObjects(logs, "access/")).isEmpty();

        List<String> lines = delivered(logs, "access/", 3);
        assertThat(lines).hasSize(3);
        assertThat(logObjects(logs, "access/")).allSatisfy(o ->
                assertThat(o.key()).matches("access/\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9A-F]{16}"));
        String owner = "[0-9a-f]{64} " + source + " \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\] \\S+ [0-9a-f]{64} "
                + "\\S+ ";
        assertThat(lines.get(0)).matches(owner + "REST\\.PUT\\.OBJECT doc \"PUT /" + source + "/doc(\\?\\S*)? HTTP/1\\.1\" "
                + "200 - - 5 \\d+ \\d+ \"-\" \".*\" - \\S+ SigV4 - AuthHeader \\S+ - - -");
        assertThat(lines.get(1)).matches(owner + "REST\\.GET\\.OBJECT doc \"GET /" + source + "/doc(\\?\\S*)? HTTP/1\\.1\" "
                + "200 - 5 5 \\d+ \\d+ \"-\" \".*\" - \\S+ SigV4 - AuthHeader \\S+ - - -");
        assertThat(lines.get(2)).matches(owner + "REST\\.GET\\.OBJECT missing \".*\" 404 NoSuchKey \\d+ - .*");

        // nothing new: nothing delivered
        int objects = logObjects(logs, "access/").size();
        server.serverClock().advance(Duration.ofMinutes(5));
        assertThat(logObjects(logs, "access/")).hasSize(objects);
    }

    @Test
    void partitionedPrefixes() {
        String source = bucketName("partitioned");
        String logs = bucketName("plogs");
        s3.createBucket(b -> b.bucket(source));
        s3.createBucket(b -> b.bucket(logs));
        s3.putBucketLogging(b -> b.bucket(source).bucketLoggingStatus(l -> l.loggingEnabled(e -> e
                .targetBucket(logs).targetPrefix("p/")
                .targetObjectKeyFormat(f -> f.partitionedPrefix(p -> p.partitionDateSource("EventTime"))))));
        s3.listObjectsV2(b -> b.bucket(source));

        assertThat(delivered(logs, "p/", 1)).singleElement().satisfies(line -> assertThat(line).contains("REST.GET.BUCKET"));
        assertThat(logObjects(logs, "p/")).singleElement().satisfies(o -> assertThat(o.key())
                .matches("p/000000000000/us-east-1/" + source + "/\\d{4}/\\d{2}/\\d{2}/\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9A-F]{16}"));
    }
}
