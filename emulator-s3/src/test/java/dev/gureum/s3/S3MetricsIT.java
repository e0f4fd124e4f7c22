package dev.gureum.s3;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.ManualTimers;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetricsConfiguration;
import software.amazon.awssdk.services.s3.model.MetricsFilter;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;

import java.time.Duration;
import java.time.Instant;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

/** Metrics configurations, and the AWS/S3 request and daily storage metrics, as CloudWatch receives them. */
class S3MetricsIT {

    private static final String NS = "AWS/S3";

    ManualTimers timers = new ManualTimers(new MutableClock(Instant.parse("2026-03-01T22:00:00Z")));
    RecordingMetricSink sink = new RecordingMetricSink();
    EmbeddedFrontEnd server;
    S3Client s3;

    @BeforeEach
    void start() {
        server = new EmbeddedFrontEnd(timers, new S3Module()).bind(MetricSink.class, () -> sink);
        s3 = S3Clients.client(server);
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private void configure(String bucket, String id, MetricsFilter filter) {
        s3.putBucketMetricsConfiguration(r -> r.bucket(bucket).id(id)
                .metricsConfiguration(MetricsConfiguration.builder().id(id).filter(filter).build()));
    }

    @Test
    void metricsConfigurationsAreStoredListedAndDeleted() {
        s3.createBucket(r -> r.bucket("configs"));
        configure("configs", "EntireBucket", null);
        configure("configs", "logs", MetricsFilter.builder().prefix("logs/").build());
        configure("configs", "both", MetricsFilter.builder().and(a -> a.prefix("p/")
                .tags(Tag.builder().key("team").value("blue").build())).build());

        MetricsConfiguration both = s3.getBucketMetricsConfiguration(r -> r.bucket("configs").id("both"))
                .metricsConfiguration();
        assertThat(both.filter().and().prefix()).isEqualTo("p/");
        assertThat(both.filter().and().tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "blue"));
        assertThat(s3.getBucketMetricsConfiguration(r -> r.bucket("configs").id("logs")).metricsConfiguration()
                .filter().prefix()).isEqualTo("logs/");
        assertThat(s3.listBucketMetricsConfigurations(r -> r.bucket("configs")).metricsConfigurationList())
                .extracting(MetricsConfiguration::id).containsExactly("EntireBucket", "both", "logs");

        s3.deleteBucketMetricsConfiguration(r -> r.bucket("configs").id("logs"));
        assertS3Error(() -> s3.getBucketMetricsConfiguration(r -> r.bucket("configs").id("logs")), 404,
                "NoSuchConfiguration");
        assertS3Error(() -> s3.deleteBucketMetricsConfiguration(r -> r.bucket("configs").id("logs")), 404,
                "NoSuchConfiguration");
        assertThat(s3.listBucketMetricsConfigurations(r -> r.bucket("configs")).metricsConfigurationList())
                .extracting(MetricsConfiguration::id).containsExactly("EntireBucket", "both");
        assertThat(sink.all()).as("configuration requests are not object requests of a filter").allMatch(d ->
                d.dimensions().get(1).value().equals("EntireBucket"));
    }

    @Test
    void requestMetricsPerBucketNameAndFilterId() {
        s3.createBucket(r -> r.bucket("metered"));
        s3.createBucket(r -> r.bucket("unmetered"));
        configure("metered", "EntireBucket", null);
        configure("metered", "docs", MetricsFilter.builder().prefix("docs/").build());
        configure("metered", "blue", MetricsFilter.builder().tag(Tag.builder().key("team").value("blue").build()).build());
        // the two later configuration requests count too, published as their answers complete
        Await.until(() -> sink.sum(NS, "AllRequests", "BucketName", "metered", "FilterId",
                "EntireBucket") == 2, "the configuration requests counted");
        sink.clear();

        s3.putObject(r -> r.bucket("metered").key("docs/a.txt").tagging("team=blue"), RequestBody.fromString("0123456789"));
        s3.getObjectAsBytes(r -> r.bucket("metered").key("docs/a.txt"));
        s3.headObject(r -> r.bucket("metered").key("docs/a.txt"));
        s3.putObject(r -> r.bucket("metered").key("other.txt"), RequestBody.fromString("xyz"));
        s3.listObjectsV2(r -> r.bucket("metered"));
        assertS3Error(() -> s3.getObject(r -> r.bucket("metered").key("docs/missing")), 404, "NoSuchKey");
        s3.deleteObject(r -> r.bucket("metered").key("other.txt"));
        s3.putObject(r -> r.bucket("unmetered").key("k"), RequestBody.fromString("not counted"));

        Await.until(() -> sink.sum(NS, "AllRequests", "BucketName", "metered", "FilterId",
                "EntireBucket") == 7, "seven requests counted");
        assertThat(count("EntireBucket", "PutRequests")).isEqualTo(2);
        assertThat(count("EntireBucket", "GetRequests")).isEqualTo(2);
        assertThat(count("EntireBucket", "HeadRequests")).isEqualTo(1);
        assertThat(count("EntireBucket", "ListRequests")).isEqualTo(1);
        assertThat(count("EntireBucket", "DeleteRequests")).isEqualTo(1);
        assertThat(count("EntireBucket", "4xxErrors")).isEqualTo(1);
        assertThat(sink.data(NS, "4xxErrors", "BucketName", "metered", "FilterId", "EntireBucket")).hasSize(7);
        assertThat(count("EntireBucket", "5xxErrors")).isZero();
        assertThat(count("EntireBucket", "BytesUploaded")).isEqualTo(13);
        assertThat(sink.data(NS, "BytesDownloaded", "BucketName", "metered", "FilterId", "EntireBucket"))
                .extracting(MetricDatum::value).contains(10.0);
        // the prefix filter: the put, get, head and failed get under docs/
        assertThat(count("docs", "AllRequests")).isEqualTo(4);
        assertThat(count("docs", "4xxErrors")).isEqualTo(1);
        // the tag filter: requests on the object tagged team=blue
        assertThat(count("blue", "AllRequests")).isEqualTo(3);
        MetricDatum latency = sink.last(NS, "TotalRequestLatency", "BucketName", "metered", "FilterId", "EntireBucket");
        assertThat(latency.unit()).isEqualTo("Milliseconds");
        assertThat(latency.value()).isPositive();
        MetricDatum firstByte = sink.last(NS, "FirstByteLatency", "BucketName", "metered", "FilterId", "EntireBucket");
        assertThat(firstByte.value()).isPositive().isLessThanOrEqualTo(latency.value());
        assertThat(sink.last(NS, "BytesUploaded", "BucketName", "metered", "FilterId", "EntireBucket").unit())
                .isEqualTo("Bytes");
        assertThat(sink.last(NS, "AllRequests", "BucketName", "metered", "FilterId", "EntireBucket").unit())
                .isEqualTo("Count");
        assertThat(sink.all()).noneMatch(d -> d.dimensions().toString().contains("unmetered"));
    }

    @Test
    void listedAHundredAtATimeAndAThousandAtMost() {
        s3.createBucket(r -> r.bucket("many"));
        for (int i = 0; i < 1000; i++) {
            configure("many", String.format("c%04d", i), MetricsFilter.builder().prefix("p/").build());
        }
        var first = s3.listBucketMetricsConfigurations(r -> r.bucket("many"));
        assertThat(first.metricsConfigurationList()).hasSize(100);
        assertThat(first.isTruncated()).isTrue();
        var second = s3.listBucketMetricsConfigurations(r -> r.bucket("many")
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.metricsConfigurationList().get(0).id()).isEqualTo("c0100");
        assertS3Error(() -> configure("many", "one-more", null), 400, "TooManyConfigurations");
        // replacing one is not adding one
        configure("many", "c0001", MetricsFilter.builder().prefix("p").build());
    }

    @Test
    void multipartUploadsArePostsAndPuts() {
        s3.createBucket(r -> r.bucket("uploads"));
        configure("uploads", "EntireBucket", null);
        sink.clear();
        String upload = s3.createMultipartUpload(r -> r.bucket("uploads").key("big")).uploadId();
        String etag = s3.uploadPart(r -> r.bucket("uploads").key("big").uploadId(upload).partNumber(1),
                RequestBody.fromString("part one")).eTag();
        s3.completeMultipartUpload(r -> r.bucket("uploads").key("big").uploadId(upload)
                .multipartUpload(m -> m.parts(software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                        .partNumber(1).eTag(etag).build())));
        Await.until(() -> sink.sum(NS, "AllRequests", "BucketName", "uploads", "FilterId",
                "EntireBucket") == 3, "three requests counted");
        assertThat(sink.sum(NS, "PostRequests", "BucketName", "uploads", "FilterId", "EntireBucket")).isEqualTo(2);
        assertThat(sink.sum(NS, "PutRequests", "BucketName", "uploads", "FilterId", "EntireBucket")).isEqualTo(1);
    }

    @Test
    void storageCountsVersionsDeleteMarkersAndUnfinishedParts() {
        s3.createBucket(r -> r.bucket("versioned"));
        s3.putBucketVersioning(r -> r.bucket("versioned").versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(r -> r.bucket("versioned").key("k"), RequestBody.fromString("1234"));
        s3.putObject(r -> r.bucket("versioned").key("k"), RequestBody.fromString("123456"));
        s3.deleteObject(r -> r.bucket("versioned").key("k"));
        String upload = s3.createMultipartUpload(r -> r.bucket("versioned").key("half")).uploadId();
        s3.uploadPart(r -> r.bucket("versioned").key("half").uploadId(upload).partNumber(1),
                RequestBody.fromString("12345678"));
        timers.advance(Duration.ofHours(2));
        // two versions, a delete marker and a part
        assertThat(sink.last(NS, "NumberOfObjects", "BucketName", "versioned", "StorageType", "AllStorageTypes")
                .value()).isEqualTo(4);
        assertThat(sink.last(NS, "BucketSizeBytes", "BucketName", "versioned", "StorageType", "StandardStorage")
                .value()).isEqualTo(4 + 6 + 8);
    }

    @Test
    void storageMetricsOnceADayAtMidnight() {
        s3.createBucket(r -> r.bucket("stored"));
        s3.putObject(r -> r.bucket("stored").key("a"), RequestBody.fromString("12345"));
        s3.putObject(r -> r.bucket("stored").key("b"), RequestBody.fromString("123"));
        s3.putObject(r -> r.bucket("stored").key("cold").storageClass(StorageClass.STANDARD_IA),
                RequestBody.fromString("1234567"));
        s3.createBucket(r -> r.bucket("empty"));

        timers.advance(Duration.ofMinutes(119));
        assertThat(sink.all()).isEmpty();
        timers.advance(Duration.ofMinutes(1));
        Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
        MetricDatum standard = sink.last(NS, "BucketSizeBytes", "BucketName", "stored", "StorageType", "StandardStorage");
        assertThat(standard.value()).isEqualTo(8);
        assertThat(standard.unit()).isEqualTo("Bytes");
        assertThat(standard.timestamp()).isEqualTo(midnight);
        assertThat(sink.last(NS, "BucketSizeBytes", "BucketName", "stored", "StorageType", "StandardIAStorage").value())
                .isEqualTo(7);
        MetricDatum objects = sink.last(NS, "NumberOfObjects", "BucketName", "stored", "StorageType", "AllStorageTypes");
        assertThat(objects.value()).isEqualTo(3);
        assertThat(objects.unit()).isEqualTo("Count");
        assertThat(sink.all()).noneMatch(d -> d.dimensions().toString().contains("empty"));

        s3.deleteObject(r -> r.bucket("stored").key("b"));
        sink.clear();
        timers.advance(Duration.ofDays(1));
        assertThat(sink.last(NS, "NumberOfObjects", "BucketName", "stored", "StorageType", "AllStorageTypes").value())
                .isEqualTo(2);
        assertThat(sink.data(NS, "NumberOfObjects", "BucketName", "stored", "StorageType", "AllStorageTypes")).hasSize(1);
    }

    private double count(String filterId, String metric) {
        return sink.sum(NS, metric, "BucketName", "metered", "FilterId", filterId);
    }
}
