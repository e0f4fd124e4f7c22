package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Object Lock enforced: retention, legal holds, default retention, and what S3 refuses while a version is locked. */
class ObjectLockIT {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:30Z");
    private static final String PROTECTED = "Access Denied because object protected by object lock.";

    private static MutableClock clock;
    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        clock = new MutableClock(NOW);
        server = new EmbeddedFrontEnd(clock, new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String lockedBucket(String hint) {
        String bucket = bucketName(hint);
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        return bucket;
    }

    private static PutObjectResponse putLocked(String bucket, String key, ObjectLockMode mode, Instant until) {
        return s3.putObject(b -> b.bucket(bucket).key(key).objectLockMode(mode).objectLockRetainUntilDate(until),
                RequestBody.fromString("kept"));
    }

    @Test
    void governanceRetentionKeepsAVersionUnlessBypassed() {
        String bucket = lockedBucket("governance");
        Instant until = NOW.plus(Duration.ofDays(1));
        PutObjectResponse put = putLocked(bucket, "doc", ObjectLockMode.GOVERNANCE, until);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("doc"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(s3.getObjectRetention(b -> b.bucket(bucket).key("doc")).retention().retainUntilDate()).isEqualTo(until);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).response().objectLockMode())
                .isEqualTo(ObjectLockMode.GOVERNANCE);

        S3Exception refused = assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("doc")
                .versionId(put.versionId())), 403, "AccessDenied");
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(PROTECTED);
        // shortening needs the bypass too
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").retention(r -> r
                .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(NOW.plus(Duration.ofHours(1))))),
                403, "AccessDenied");
        // a delete without version id only hides it behind a delete marker
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("doc")).deleteMarker()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(put.versionId())).asUtf8String())
                .isEqualTo("kept");

        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId()).bypassGovernanceRetention(true));
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId())), 404, null);
    }

    @Test
    void complianceRetentionCanOnlyGrowAndEndsWithItsDate() {
        String bucket = lockedBucket("compliance");
        Instant until = NOW.plus(Duration.ofDays(2));
        PutObjectResponse put = putLocked(bucket, "doc", ObjectLockMode.COMPLIANCE, until);

        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId())
                .bypassGovernanceRetention(true)), 403, "AccessDenied");
        S3Exception shorter = assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc")
                .bypassGovernanceRetention(true).retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
                        .retainUntilDate(NOW.plus(Duration.ofDays(1))))), 403, "AccessDenied");
        assertThat(shorter.awsErrorDetails().errorMessage()).isEqualTo(PROTECTED);
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until))), 403, "AccessDenied");

        Instant later = NOW.plus(Duration.ofDays(3));
        s3.putObjectRetention(b -> b.bucket(bucket).key("doc").retention(r -> r
                .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(later)));
        assertThat(s3.getObjectRetention(b -> b.bucket(bucket).key("doc")).retention().retainUntilDate()).isEqualTo(later);

        clock.advance(Duration.ofDays(3).plusSeconds(1));
        try {
            s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId()));
        } finally {
            clock.set(NOW);
        }
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
    }

    @Test
    void aLegalHoldKeepsAVersionUntilTurnedOff() {
        String bucket = lockedBucket("hold");
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("doc")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("held"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).objectLockLegalHoldStatus())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);

        DeleteObjectsResponse batch = s3.deleteObjects(b -> b.bucket(bucket).bypassGovernanceRetention(true)
                .delete(d -> d.objects(ObjectIdentifier.builder().key("doc").versionId(put.versionId()).build())));
        assertThat(batch.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.message()).isEqualTo(PROTECTED);
        });

        s3.putObjectLegalHold(b -> b.bucket(bucket).key("doc").legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("doc")).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.OFF);
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId()));

        String other = lockedBucket("nohold");
        s3.putObject(b -> b.bucket(other).key("plain"), RequestBody.fromString("x"));
        S3Exception none = assertS3Error(() -> s3.getObjectLegalHold(b -> b.bucket(other).key("plain")), 404,
                "NoSuchObjectLockConfiguration");
        assertThat(none.awsErrorDetails().errorMessage()).isEqualTo("The specified object does not have a ObjectLock configuration");
        assertS3Error(() -> s3.getObjectRetention(b -> b.bucket(other).key("plain")), 404, "NoSuchObjectLockConfiguration");
    }

    @Test
    void theBucketsDefaultRetentionAppliesToWritesAndCopies() {
        String bucket = lockedBucket("default");
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(5)))));

        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("plain"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(NOW.plus(Duration.ofDays(5)));

        // what the write names wins over the default
        Instant until = NOW.plus(Duration.ofDays(9));
        putLocked(bucket, "named", ObjectLockMode.GOVERNANCE, until);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("named")).objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);

        // a copy does not take its source's lock: it gets the destination's
        String plainBucket = bucketName("unlocked");
        s3.createBucket(b -> b.bucket(plainBucket));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("named").destinationBucket(plainBucket).destinationKey("copy"));
        assertThat(s3.headObject(b -> b.bucket(plainBucket).key("copy")).objectLockMode()).isNull();
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("named").destinationBucket(bucket).destinationKey("copy"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("copy")).objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);

        // a multipart upload gets its lock when it starts
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("parts")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("parts").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("parts").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        HeadObjectResponse parts = s3.headObject(b -> b.bucket(bucket).key("parts"));
        assertThat(parts.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertThat(parts.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
    }

    @Test
    void lockSettingsAreRefusedWhereS3RefusesThem() throws Exception {
        String plain = bucketName("nolock");
        s3.createBucket(b -> b.bucket(plain));
        S3Exception missing = assertS3Error(() -> putLocked(plain, "doc", ObjectLockMode.GOVERNANCE,
                NOW.plus(Duration.ofDays(1))), 400, "InvalidRequest");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("Bucket is missing Object Lock Configuration");
        s3.putObject(b -> b.bucket(plain).key("doc"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.getObjectRetention(b -> b.bucket(plain).key("doc")), 400, "InvalidRequest");

        String bucket = lockedBucket("refusals");
        S3Exception past = assertS3Error(() -> putLocked(bucket, "doc", ObjectLockMode.GOVERNANCE,
                NOW.minusSeconds(60)), 400, "InvalidArgument");
        assertThat(past.awsErrorDetails().errorMessage()).isEqualTo("The retain until date must be in the future!");
        S3Exception half = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("doc")
                .objectLockMode(ObjectLockMode.GOVERNANCE), RequestBody.fromString("x")), 400, "InvalidArgument");
        assertThat(half.awsErrorDetails().errorMessage())
                .isEqualTo("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");

        // without Content-MD5 or a checksum, a locked upload is refused
        HttpResponse<String> bare = RawS3.sendText(server.endpoint(), "PUT", "/" + bucket + "/raw",
                Map.of("Authorization", RawS3.AUTH, "x-amz-object-lock-legal-hold", "ON"), "body");
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(bare.body(), "Code")).isEqualTo("InvalidRequest");
        assertThat(RawS3.xmlText(bare.body(), "Message")).isEqualTo("Content-MD5 OR x-amz-checksum- HTTP header is "
                + "required for Put Object requests with Object Lock parameters");
        HttpResponse<String> badMode = RawS3.sendText(server.endpoint(), "PUT", "/" + bucket + "/raw",
                Map.of("Authorization", RawS3.AUTH, "Content-MD5", "hBotaJrYa9FhFEdFPCLG/A==",
                        "x-amz-object-lock-mode", "FOREVER", "x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z"),
                "body");
        assertThat(RawS3.xmlText(badMode.body(), "Message")).isEqualTo("Unknown wormMode directive.");
        HttpResponse<String> md5 = RawS3.sendText(server.endpoint(), "PUT", "/" + bucket + "/raw",
                Map.of("Authorization", RawS3.AUTH, "Content-MD5", "hBotaJrYa9FhFEdFPCLG/A==",
                        "x-amz-object-lock-legal-hold", "ON"), "body");
        assertThat(md5.statusCode()).isEqualTo(200);
    }

    @Test
    void aBucketPolicyCanDenyTheBypass() {
        String bucket = lockedBucket("nobypass");
        PutObjectResponse put = putLocked(bucket, "doc", ObjectLockMode.GOVERNANCE, NOW.plus(Duration.ofDays(1)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:BypassGovernanceRetention\",\"Resource\":"
                + "\"arn:aws:s3:::" + bucket + "/*\"}]}"));

        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(put.versionId())
                .bypassGovernanceRetention(true)), 403, "AccessDenied");
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").bypassGovernanceRetention(true)
                .retention(r -> { })), 403, "AccessDenied");
    }

    @Test
    void locksAreKeptAcrossARestart(@TempDir Path dataDir) {
        MutableClock restartClock = new MutableClock(NOW);
        Instant until = NOW.plus(Duration.ofDays(1));
        String versionId;
        try (EmbeddedFrontEnd first = EmbeddedFrontEnd.persistent(dataDir, restartClock, new S3Module());
             S3Client client = S3Clients.client(first)) {
            client.createBucket(b -> b.bucket("kept-locks").objectLockEnabledForBucket(true));
            versionId = client.putObject(b -> b.bucket("kept-locks").key("doc").objectLockMode(ObjectLockMode.COMPLIANCE)
                    .objectLockRetainUntilDate(until), RequestBody.fromString("x")).versionId();
            client.putObjectLegalHold(b -> b.bucket("kept-locks").key("doc")
                    .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        }
        try (EmbeddedFrontEnd second = EmbeddedFrontEnd.persistent(dataDir, restartClock, new S3Module());
             S3Client client = S3Clients.client(second)) {
            HeadObjectResponse head = client.headObject(b -> b.bucket("kept-locks").key("doc"));
            assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
            assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
            assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
            assertS3Error(() -> client.deleteObject(b -> b.bucket("kept-locks").key("doc").versionId(versionId)),
                    403, "AccessDenied");
        }
    }

    @Test
    void aRetentionModeOutsideTheSchemaIsMalformedXml() {
        String bucket = lockedBucket("bad-mode");
        s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("x"));
        Instant until = NOW.plus(Duration.ofDays(1));
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc")
                .retention(r -> r.mode("governance").retainUntilDate(until))), 400, "MalformedXML");
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc")
                .retention(r -> r.mode("abc").retainUntilDate(until))), 400, "MalformedXML");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).objectLockMode()).isNull();
    }

    @Test
    void turningGovernanceIntoComplianceNeedsTheBypass() {
        String bucket = lockedBucket("harden");
        Instant until = NOW.plus(Duration.ofDays(1));
        putLocked(bucket, "doc", ObjectLockMode.GOVERNANCE, until);
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").retention(r -> r
                .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until))), 403, "AccessDenied");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);

        s3.putObjectRetention(b -> b.bucket(bucket).key("doc").bypassGovernanceRetention(true).retention(r -> r
                .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until)));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
    }
}
