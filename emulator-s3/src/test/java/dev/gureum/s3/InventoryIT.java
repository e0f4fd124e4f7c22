package dev.gureum.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.InventoryConfiguration;
import software.amazon.awssdk.services.s3.model.InventoryFormat;
import software.amazon.awssdk.services.s3.model.InventoryFrequency;
import software.amazon.awssdk.services.s3.model.InventoryIncludedObjectVersions;
import software.amazon.awssdk.services.s3.model.InventoryOptionalField;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static dev.gureum.s3.S3Clients.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Inventory configurations, and their CSV reports written into the destination bucket on the server clock. */
class InventoryIT {

    /** A Saturday morning: the first midnight after it is a Sunday's. */
    private static final Instant START = Instant.parse("2026-05-02T10:00:00Z");

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

    private static InventoryConfiguration configuration(String id, String destination, InventoryFrequency frequency) {
        return InventoryConfiguration.builder().id(id).isEnabled(true)
                .destination(d -> d.s3BucketDestination(b -> b.bucket("arn:aws:s3:::" + destination)
                        .format(InventoryFormat.CSV).prefix("reports")))
                .filter(f -> f.prefix("data/"))
                .includedObjectVersions(InventoryIncludedObjectVersions.CURRENT)
                .optionalFields(InventoryOptionalField.SIZE, InventoryOptionalField.E_TAG,
                        InventoryOptionalField.STORAGE_CLASS)
                .schedule(s -> s.frequency(frequency)).build();
    }

    @Test
    void configurationsArePutListedAndDeleted() {
        String bucket = bucketName("inventoried");
        s3.createBucket(b -> b.bucket(bucket));
        InventoryConfiguration config = configuration("daily", bucket, InventoryFrequency.DAILY);
        s3.putBucketInventoryConfiguration(b -> b.bucket(bucket).id("daily").inventoryConfiguration(config));

        assertThat(s3.getBucketInventoryConfiguration(b -> b.bucket(bucket).id("daily")).inventoryConfiguration())
                .isEqualTo(config);
        assertThat(s3.listBucketInventoryConfigurations(b -> b.bucket(bucket)).inventoryConfigurationList())
                .containsExactly(config);
        s3.deleteBucketInventoryConfiguration(b -> b.bucket(bucket).id("daily"));
        assertS3Error(() -> s3.getBucketInventoryConfiguration(b -> b.bucket(bucket).id("daily")), 404,
                "NoSuchConfiguration");
        assertS3Error(() -> s3.putBucketInventoryConfiguration(b -> b.bucket(bucket).id("other")
                .inventoryConfiguration(config)), 400, "InvalidArgument");
    }

    @Test
    void reportsAreWrittenOnSchedule() throws IOException {
        String source = bucketName("source");
        String destination = bucketName("reports");
        s3.createBucket(b -> b.bucket(source));
        s3.createBucket(b -> b.bucket(destination));
        s3.putObject(b -> b.bucket(source).key("data/a.csv"), RequestBody.fromString("12345"));
        s3.putObject(b -> b.bucket(source).key("data/b c.csv"), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket(source).key("other/x"), RequestBody.fromString("x"));
        s3.putBucketInventoryConfiguration(b -> b.bucket(source).id("daily")
                .inventoryConfiguration(configuration("daily", destination, InventoryFrequency.DAILY)));
        s3.putBucketInventoryConfiguration(b -> b.bucket(source).id("weekly")
                .inventoryConfiguration(configuration("weekly", destination, InventoryFrequency.WEEKLY)));

        server.serverClock().advance(Duration.ofDays(1));

        String base = "reports/" + source + "/daily/";
        List<S3Object> written = s3.listObjectsV2(b -> b.bucket(destination).prefix(base)).contents();
        assertThat(written).extracting(S3Object::key).satisfiesExactlyInAnyOrder(
                k -> assertThat(k).matches(base + "2026-05-03T00-00Z/manifest.checksum"),
                k -> assertThat(k).matches(base + "2026-05-03T00-00Z/manifest.json"),
                k -> assertThat(k).matches(base + "data/[0-9a-f-]{36}\\.csv\\.gz"));
        byte[] manifestBytes = s3.getObjectAsBytes(b -> b.bucket(destination)
                .key(base + "2026-05-03T00-00Z/manifest.json")).asByteArray();
        JsonNode manifest = Json.mapper().readTree(manifestBytes);
        assertThat(manifest.get("sourceBucket").asText()).isEqualTo(source);
        assertThat(manifest.get("destinationBucket").asText()).isEqualTo("arn:aws:s3:::" + destination);
        assertThat(manifest.get("fileFormat").asText()).isEqualTo("CSV");
        assertThat(manifest.get("fileSchema").asText()).isEqualTo("Bucket, Key, Size, ETag, StorageClass");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(destination).key(base + "2026-05-03T00-00Z/manifest.checksum"))
                .asUtf8String()).isEqualTo(md5Hex(manifestBytes));

        JsonNode file = manifest.get("files").get(0);
        byte[] gzipped = s3.getObjectAsBytes(b -> b.bucket(destination).key(file.get("key").asText())).asByteArray();
        assertThat(file.get("MD5checksum").asText()).isEqualTo(md5Hex(gzipped));
        String csv = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(csv.lines()).containsExactly(
                "\"" + source + "\",\"data%2Fa.csv\",\"5\",\"" + md5Hex("12345".getBytes(StandardCharsets.UTF_8))
                        + "\",\"STANDARD\"",
                "\"" + source + "\",\"data%2Fb%20c.csv\",\"1\",\"" + md5Hex("1".getBytes(StandardCharsets.UTF_8))
                        + "\",\"STANDARD\"");

        // the weekly report is written on Sundays
        assertThat(s3.listObjectsV2(b -> b.bucket(destination).prefix("reports/" + source + "/weekly/")).contents())
                .hasSize(3);
        server.serverClock().advance(Duration.ofDays(1));
        assertThat(s3.listObjectsV2(b -> b.bucket(destination).prefix("reports/" + source + "/weekly/")).contents())
                .hasSize(3);
        assertThat(s3.listObjectsV2(b -> b.bucket(destination).prefix(base)).contents()).hasSize(6);
    }
}
