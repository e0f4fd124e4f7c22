package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLoggingStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** What S3 answers where clients and conformance suites look closely: headers, owners, metadata, validations. */
class ConformanceIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3Client otherAccount;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        otherAccount = S3Clients.client(server, "us-east-1", S3Clients.OTHER_ACCOUNT);
        bucket = bucketName("conformance");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        otherAccount.close();
        server.close();
    }

    @Test
    void aNotModifiedAnswerCarriesNoChecksum() throws Exception {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cached").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("cached body")).eTag();
        HttpResponse<byte[]> answer = RawS3.send(server.endpoint(), "GET", "/" + bucket + "/cached",
                Map.of("Authorization", RawS3.AUTH, "If-None-Match", etag, "x-amz-checksum-mode", "ENABLED"), null);
        assertThat(answer.statusCode()).isEqualTo(304);
        assertThat(answer.headers().firstValue("ETag")).contains(etag);
        assertThat(answer.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-amz-checksum"));
        // a 200 still carries them
        HttpResponse<byte[]> full = RawS3.send(server.endpoint(), "GET", "/" + bucket + "/cached",
                Map.of("Authorization", RawS3.AUTH, "x-amz-checksum-mode", "ENABLED"), null);
        assertThat(full.headers().firstValue("x-amz-checksum-crc32")).isPresent();
    }

    @Test
    void withBucketOwnerEnforcedTheBucketOwnerOwnsWhatOthersWrite() {
        String name = bucketName("enforced");
        s3.createBucket(b -> b.bucket(name));
        s3.putBucketPolicy(b -> b.bucket(name).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + S3Clients.OTHER_ACCOUNT + ":root\"},\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + name + "/*\"}]}"));
        otherAccount.putObject(b -> b.bucket(name).key("theirs"), RequestBody.fromString("written by another account"));
        String bucketOwner = s3.listBuckets().owner().id();

        assertThat(s3.getObjectAcl(b -> b.bucket(name).key("theirs")).owner().id()).isEqualTo(bucketOwner);
        assertThat(s3.listObjectsV2(b -> b.bucket(name).fetchOwner(true)).contents().get(0).owner().id())
                .isEqualTo(bucketOwner);
        assertThat(s3.listObjectVersions(b -> b.bucket(name)).versions().get(0).owner().id()).isEqualTo(bucketOwner);
    }

    @Test
    void nonAsciiMetadataIsStoredDecodedAndReturnedAsAnEncodedWord() throws Exception {
        // an RFC 2047 encoded word is decoded on the way in...
        RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/words", Map.of("Authorization", RawS3.AUTH,
                "x-amz-meta-greeting", "=?UTF-8?B?Y2Fmw6k=?=", "x-amz-meta-plain", "ascii only"), "x".getBytes());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("words"));
        // ...and a value that is not US-ASCII goes out as one, as S3 answers
        assertThat(head.metadata()).containsEntry("greeting", "=?UTF-8?B?Y2Fmw6k=?=")
                .containsEntry("plain", "ascii only");

        // the Q encoding, and raw UTF-8 bytes in the header, are read as the text they mean
        RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/q", Map.of("Authorization", RawS3.AUTH,
                "x-amz-meta-q", "=?utf-8?Q?caf=C3=A9_au_lait?="), "x".getBytes());
        assertThat(s3.headObject(b -> b.bucket(bucket).key("q")).metadata())
                .containsEntry("q", "=?UTF-8?B?Y2Fmw6kgYXUgbGFpdA==?=");
        String raw = RawS3.exchange(server.port(), (RawS3.head("PUT", "/" + bucket + "/raw", server.port(),
                Map.of("Content-Length", "1", "x-amz-meta-raw", "caf\u00c3\u00a9")) + "x")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false);
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("raw")).metadata()).containsEntry("raw", "=?UTF-8?B?Y2Fmw6k=?=");
    }

    @Test
    void listObjectsV1LeavesThePrefixAsSent() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("dir with space/a+b"), RequestBody.fromString("x"));
        String xml = RawS3.sendText(server.endpoint(), "GET", "/" + bucket + "?prefix=dir%20with%20space/&encoding-type=url",
                Map.of("Authorization", RawS3.AUTH), null).body();
        assertThat(RawS3.xmlText(xml, "Prefix")).isEqualTo("dir with space/");
        assertThat(RawS3.xmlText(xml, "Key")).isEqualTo("dir%20with%20space/a%2Bb");
        ListObjectsResponse listed = s3.listObjects(b -> b.bucket(bucket).prefix("dir with space/"));
        assertThat(listed.prefix()).isEqualTo("dir with space/");
        assertThat(listed.contents().get(0).key()).isEqualTo("dir with space/a+b");
    }

    @Test
    void contentEncodingIsKeptAsSent() {
        s3.putObject(b -> b.bucket(bucket).key("encoded").contentEncoding("deflate, gzip"), RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("encoded")).contentEncoding()).isEqualTo("deflate, gzip");
    }

    @Test
    void headOfADeletedKeyIsNotFound() {
        s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket(bucket).key("gone"));
        S3Exception e = assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("gone")), 404, null);
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).isEmpty();
        assertThat(e.requestId()).isNotBlank();
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("gone")), 404, "NoSuchKey");
    }

    @Test
    void lifecycleRulesAreChecked() {
        String name = bucketName("lifecycle");
        s3.createBucket(b -> b.bucket(name));
        LifecycleRule days = LifecycleRule.builder().id("r").status(ExpirationStatus.ENABLED)
                .filter(LifecycleRuleFilter.builder().prefix("").build())
                .expiration(e -> e.days(1)).build();
        S3Exception duplicate = assertS3Error(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(name)
                .lifecycleConfiguration(c -> c.rules(days, days))), 400, "InvalidArgument");
        assertThat(duplicate.awsErrorDetails().errorMessage())
                .isEqualTo("RuleId must be unique. Found same ID for more than one rule");
        S3Exception zero = assertS3Error(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(name)
                .lifecycleConfiguration(c -> c.rules(days.toBuilder().expiration(e -> e.days(0)).build()))),
                400, "InvalidArgument");
        assertThat(zero.awsErrorDetails().errorMessage()).isEqualTo("'Days' for Expiration action must be a positive integer");
        S3Exception noon = assertS3Error(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(name)
                .lifecycleConfiguration(c -> c.rules(days.toBuilder()
                        .expiration(e -> e.date(Instant.parse("2030-01-01T12:00:00Z"))).build()))), 400, "InvalidArgument");
        assertThat(noon.awsErrorDetails().errorMessage()).isEqualTo("'Date' must be at midnight GMT");
        S3Exception abort = assertS3Error(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(name)
                .lifecycleConfiguration(c -> c.rules(days.toBuilder().expiration((software.amazon.awssdk.services.s3.model.LifecycleExpiration) null)
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(0)).build()))), 400, "InvalidArgument");
        assertThat(abort.awsErrorDetails().errorMessage())
                .isEqualTo("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");

        s3.putBucketLifecycleConfiguration(b -> b.bucket(name).lifecycleConfiguration(c -> c.rules(days,
                days.toBuilder().id("midnight").expiration(e -> e.date(Instant.parse("2030-01-01T00:00:00Z"))).build())));
        assertThat(s3.getBucketLifecycleConfiguration(b -> b.bucket(name)).rules()).hasSize(2);
    }

    @Test
    void loggingNeedsATargetBucketOfTheSameOwner() {
        String name = bucketName("logged");
        String logs = bucketName("logs");
        String theirs = bucketName("their-logs");
        s3.createBucket(b -> b.bucket(name));
        s3.createBucket(b -> b.bucket(logs));
        otherAccount.createBucket(b -> b.bucket(theirs));

        S3Exception missing = assertS3Error(() -> s3.putBucketLogging(b -> b.bucket(name).bucketLoggingStatus(
                BucketLoggingStatus.builder().loggingEnabled(LoggingEnabled.builder().targetBucket("no-such-logs-bucket")
                        .targetPrefix("p/").build()).build())), 400, "InvalidTargetBucketForLogging");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The target bucket for logging does not exist");
        S3Exception other = assertS3Error(() -> s3.putBucketLogging(b -> b.bucket(name).bucketLoggingStatus(
                BucketLoggingStatus.builder().loggingEnabled(LoggingEnabled.builder().targetBucket(theirs)
                        .targetPrefix("p/").build()).build())), 400, "InvalidTargetBucketForLogging");
        assertThat(other.awsErrorDetails().errorMessage())
                .isEqualTo("The owner for the bucket to be logged and the target bucket must be the same.");

        s3.putBucketLogging(b -> b.bucket(name).bucketLoggingStatus(BucketLoggingStatus.builder().loggingEnabled(
                LoggingEnabled.builder().targetBucket(logs).targetPrefix("p/").build()).build()));
        assertThat(s3.getBucketLogging(b -> b.bucket(name)).loggingEnabled().targetBucket()).isEqualTo(logs);
    }

    @Test
    void objectLockConfigurationsAreChecked() {
        String name = bucketName("locked");
        s3.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
        assertS3Error(() -> s3.putObjectLockConfiguration(b -> b.bucket(name).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED).rule(r -> r.defaultRetention(d -> d
                        .mode(ObjectLockRetentionMode.GOVERNANCE).days(1).years(1))))), 400, "MalformedXML");
        assertS3Error(() -> s3.putObjectLockConfiguration(b -> b.bucket(name).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED).rule(r -> r.defaultRetention(d -> d
                        .mode("SOMETIMES").days(1))))), 400, "MalformedXML");
        S3Exception zero = assertS3Error(() -> s3.putObjectLockConfiguration(b -> b.bucket(name).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED).rule(r -> r.defaultRetention(d -> d
                        .mode(ObjectLockRetentionMode.COMPLIANCE).days(0))))), 400, "InvalidRetentionPeriod");
        assertThat(zero.awsErrorDetails().errorMessage()).isEqualTo("Default retention period must be a positive integer value.");

        s3.putObjectLockConfiguration(b -> b.bucket(name).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED).rule(r -> r.defaultRetention(d -> d
                        .mode(ObjectLockRetentionMode.GOVERNANCE).years(1)))));
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(name)).objectLockConfiguration().rule()
                .defaultRetention().years()).isEqualTo(1);
    }

    @Test
    void aWrongWholeObjectChecksumOnCompletionIsRefused() {
        byte[] first = S3Clients.randomBytes(5 * 1024 * 1024, 7);
        byte[] second = "the end".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("whole").checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .checksumType(software.amazon.awssdk.services.s3.model.ChecksumType.FULL_OBJECT)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("whole").uploadId(upload).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("whole").uploadId(upload).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(second)).eTag();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(first);
        crc.update(second);
        String right = java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4)
                .putInt((int) crc.getValue()).array());
        var parts = List.of(software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(1).eTag(e1).build(),
                software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(2).eTag(e2).build());
        S3Exception wrong = assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("whole").uploadId(upload)
                .checksumCRC32("AAAAAA==").multipartUpload(m -> m.parts(parts))), 400, "BadDigest");
        assertThat(wrong.awsErrorDetails().errorMessage()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("whole")), 404, null);

        assertThat(s3.completeMultipartUpload(b -> b.bucket(bucket).key("whole").uploadId(upload).checksumCRC32(right)
                .multipartUpload(m -> m.parts(parts))).checksumCRC32()).isEqualTo(right);
    }
}
