package dev.gureum.s3;

import dev.gureum.core.protocol.Values;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Lifecycle rules run by the server at each midnight of its clock, which the tests move forward. */
class LifecycleIT {

    /** Not a midnight: expirations round up to the next one. */
    private static final Instant START = Instant.parse("2026-05-04T10:15:30Z");

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

    private static Instant now() {
        return server.serverClock().instant();
    }

    private static void advanceDays(int days) {
        server.serverClock().advance(Duration.ofDays(days));
    }

    /** Midnight UTC after {@code from} plus {@code days}, for a {@code from} that is not a midnight. */
    private static Instant midnightAfter(Instant from, int days) {
        return from.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    private static void rules(String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
    }

    @Test
    void currentVersionsExpireAtTheMidnightAfterTheirDays() {
        String bucket = bucketName("expire");
        s3.createBucket(b -> b.bucket(bucket));
        rules(bucket, LifecycleRule.builder().id("expire-logs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("logs/")).expiration(e -> e.days(30)).build());
        Instant written = now();
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("logs/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("keep/b"), RequestBody.fromString("b"));

        String expected = "expiry-date=\"" + Values.httpDate(midnightAfter(written, 30)) + "\", rule-id=\"expire-logs\"";
        assertThat(put.expiration()).isEqualTo(expected);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("logs/a")).expiration()).isEqualTo(expected);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("logs/a")).response().expiration()).isEqualTo(expected);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("keep/b")).expiration()).isNull();

        advanceDays(30);
        assertThat(keys(bucket)).containsExactly("keep/b", "logs/a");
        advanceDays(1);
        assertThat(keys(bucket)).containsExactly("keep/b");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("logs/a")), 404, null);
    }

    @Test
    void versionedBucketsGetDeleteMarkersAndLoseOldVersions() {
        String bucket = bucketName("versions");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        rules(bucket,
                LifecycleRule.builder().id("current").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("cur/"))
                        .expiration(e -> e.days(1)).build(),
                LifecycleRule.builder().id("old").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("old/"))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(2).newerNoncurrentVersions(1)).build(),
                LifecycleRule.builder().id("markers").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("markers/"))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1))
                        .expiration(e -> e.expiredObjectDeleteMarker(true)).build(),
                LifecycleRule.builder().id("off").status(ExpirationStatus.DISABLED).filter(f -> f.prefix("off/"))
                        .expiration(e -> e.days(1)).build());
        String cur = s3.putObject(b -> b.bucket(bucket).key("cur/doc"), RequestBody.fromString("c")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("old/doc"), RequestBody.fromString("1"));
        String v2 = s3.putObject(b -> b.bucket(bucket).key("old/doc"), RequestBody.fromString("2")).versionId();
        String v3 = s3.putObject(b -> b.bucket(bucket).key("old/doc"), RequestBody.fromString("3")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("markers/doc"), RequestBody.fromString("m"));
        s3.deleteObject(b -> b.bucket(bucket).key("markers/doc"));
        s3.putObject(b -> b.bucket(bucket).key("off/doc"), RequestBody.fromString("o"));

        advanceDays(4);

        // the current version is hidden behind a delete marker, and kept
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("cur/doc")), 404, null);
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("cur/")).deleteMarkers()).hasSize(1);
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("cur/")).versions())
                .extracting(ObjectVersion::versionId).containsExactly(cur);
        // the newest noncurrent version is kept, older ones go
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("old/")).versions())
                .extracting(ObjectVersion::versionId).containsExactly(v3, v2);
        // the old version goes, then the delete marker left alone
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("markers/")).versions()).isEmpty();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("markers/")).deleteMarkers()).isEmpty();
        // a disabled rule does nothing
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("off/doc")).asUtf8String()).isEqualTo("o");
    }

    @Test
    void transitionsFollowFiltersAndIncompleteUploadsAreAborted() {
        String bucket = bucketName("transitions");
        s3.createBucket(b -> b.bucket(bucket));
        Tag cold = Tag.builder().key("class").value("cold").build();
        rules(bucket,
                LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED)
                        .filter(f -> f.and(a -> a.prefix("archive/").tags(cold).objectSizeGreaterThan(3L)))
                        .transitions(t -> t.days(30).storageClass(TransitionStorageClass.GLACIER)).build(),
                LifecycleRule.builder().id("uploads").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)).build());
        s3.putObject(b -> b.bucket(bucket).key("archive/big").tagging("class=cold"), RequestBody.fromString("0123456789"));
        s3.putObject(b -> b.bucket(bucket).key("archive/small").tagging("class=cold"), RequestBody.fromString("01"));
        s3.putObject(b -> b.bucket(bucket).key("archive/untagged"), RequestBody.fromString("0123456789"));
        s3.createMultipartUpload(b -> b.bucket(bucket).key("unfinished"));

        advanceDays(6);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).hasSize(1);
        advanceDays(2);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("archive/big")).storageClass()).isNull();

        advanceDays(23);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("archive/big")).storageClass()).isEqualTo(StorageClass.GLACIER);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("archive/small")).storageClass()).isNull();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("archive/untagged")).storageClass()).isNull();
    }

    @Test
    void whatLifecycleDidIsKeptAcrossARestart(@TempDir Path dataDir) {
        MutableClock clock = new MutableClock(START);
        try (EmbeddedFrontEnd first = EmbeddedFrontEnd.persistent(dataDir, clock, new S3Module());
             S3Client client = S3Clients.client(first)) {
            client.createBucket(b -> b.bucket("kept-lifecycle"));
            client.putBucketLifecycleConfiguration(b -> b.bucket("kept-lifecycle").lifecycleConfiguration(c -> c.rules(
                    LifecycleRule.builder().id("gone").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("gone/"))
                            .expiration(e -> e.days(1)).build(),
                    LifecycleRule.builder().id("cold").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("cold/"))
                            .transitions(t -> t.days(1).storageClass(TransitionStorageClass.STANDARD_IA)).build())));
            client.putObject(b -> b.bucket("kept-lifecycle").key("gone/doc"), RequestBody.fromString("x"));
            client.putObject(b -> b.bucket("kept-lifecycle").key("cold/doc"), RequestBody.fromString("y"));
            client.createMultipartUpload(b -> b.bucket("kept-lifecycle").key("cold/upload"));
            first.serverClock().advance(Duration.ofDays(2));
            assertThat(client.listObjectsV2(b -> b.bucket("kept-lifecycle")).contents()).hasSize(1);
        }
        try (EmbeddedFrontEnd second = EmbeddedFrontEnd.persistent(dataDir, clock, new S3Module());
             S3Client client = S3Clients.client(second)) {
            assertThat(client.listObjectsV2(b -> b.bucket("kept-lifecycle")).contents())
                    .extracting(o -> o.key()).containsExactly("cold/doc");
            assertThat(client.headObject(b -> b.bucket("kept-lifecycle").key("cold/doc")).storageClass())
                    .isEqualTo(StorageClass.STANDARD_IA);
        }
    }
}
