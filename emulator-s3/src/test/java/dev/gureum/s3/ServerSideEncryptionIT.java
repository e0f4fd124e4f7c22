package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** SSE-S3, SSE-KMS and SSE-C as clients see them: headers echoed, customer keys required and checked. */
class ServerSideEncryptionIT {

    private static final byte[] KEY = S3Clients.randomBytes(32, 1);
    private static final byte[] OTHER_KEY = S3Clients.randomBytes(32, 2);

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("sse");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String md5(byte[] key) {
        return b64(S3Clients.digest("MD5", key));
    }

    private static void putWithCustomerKey(String key, String body) {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY)), RequestBody.fromString(body));
        assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5(KEY));
        assertThat(put.serverSideEncryption()).isNull();
    }

    @Test
    void aCustomerKeyIsNeededOnEveryRead() {
        putWithCustomerKey("secret", "for my key only");

        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY)));
        assertThat(got.asString(StandardCharsets.UTF_8)).isEqualTo("for my key only");
        GetObjectResponse response = got.response();
        assertThat(response.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(response.sseCustomerKeyMD5()).isEqualTo(md5(KEY));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY)));
        assertThat(head.sseCustomerKeyMD5()).isEqualTo(md5(KEY));

        S3Exception missing = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret")),
                400, "InvalidRequest");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The object was stored using a form of Server "
                + "Side Encryption. The correct parameters must be provided to retrieve the object.");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("secret")), 400, null);
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(OTHER_KEY)).sseCustomerKeyMD5(md5(OTHER_KEY))), 403, "AccessDenied");
    }

    @Test
    void customerKeysAreChecked() {
        S3Exception badMd5 = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(OTHER_KEY)), RequestBody.fromString("x")),
                400, "InvalidArgument");
        assertThat(badMd5.awsErrorDetails().errorMessage())
                .isEqualTo("The calculated MD5 hash of the key did not match the hash that was provided.");
        byte[] shortKey = new byte[16];
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(shortKey)).sseCustomerKeyMD5(md5(shortKey)), RequestBody.fromString("x")),
                400, "InvalidArgument");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad").sseCustomerAlgorithm("AES128")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY)), RequestBody.fromString("x")),
                400, "InvalidEncryptionAlgorithmError");
        S3Exception both = assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad")
                .serverSideEncryption(ServerSideEncryption.AES256).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY)), RequestBody.fromString("x")),
                400, "InvalidArgument");
        assertThat(both.awsErrorDetails().errorMessage()).isEqualTo("Server Side Encryption with Customer provided key "
                + "is incompatible with the encryption method specified");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad").serverSideEncryption(ServerSideEncryption.AES256)
                .ssekmsKeyId("my-key"), RequestBody.fromString("x")), 400, "InvalidArgument");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("bad")), 404, null);

        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x"));
        S3Exception notApplicable = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY))), 400, "InvalidRequest");
        assertThat(notApplicable.awsErrorDetails().errorMessage()).isEqualTo("The encryption parameters are not applicable to this object.");
    }

    @Test
    void kmsKeysAreEchoedAsArns() {
        PutObjectResponse byDefault = s3.putObject(b -> b.bucket(bucket).key("kms-default")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS), RequestBody.fromString("x"));
        assertThat(byDefault.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(byDefault.ssekmsKeyId()).matches("arn:aws:kms:us-east-1:000000000000:key/[0-9a-f-]{36}");
        PutObjectResponse named = s3.putObject(b -> b.bucket(bucket).key("kms-named")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")
                .bucketKeyEnabled(true), RequestBody.fromString("x"));
        assertThat(named.ssekmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(named.bucketKeyEnabled()).isTrue();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("kms-named"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(named.ssekmsKeyId());
        assertThat(head.bucketKeyEnabled()).isTrue();
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad-algorithm").serverSideEncryption("AES512"),
                RequestBody.fromString("x")), 400, "InvalidArgument");
    }

    @Test
    void copiesBetweenEncryptionsNeedTheSourceKey() {
        putWithCustomerKey("c-source", "copied");
        // SSE-C to SSE-S3: the source's key in the copy-source headers
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("c-source").destinationBucket(bucket)
                .destinationKey("to-s3")), 400, "InvalidRequest");
        CopyObjectResponse toS3 = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("c-source").destinationBucket(bucket)
                .destinationKey("to-s3").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(b64(KEY))
                .copySourceSSECustomerKeyMD5(md5(KEY)));
        assertThat(toS3.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("to-s3")).asUtf8String()).isEqualTo("copied");

        // SSE-S3 to SSE-C with another key, then SSE-C to SSE-C with a third, then to SSE-KMS
        CopyObjectResponse toC = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("to-s3").destinationBucket(bucket)
                .destinationKey("to-c").sseCustomerAlgorithm("AES256").sseCustomerKey(b64(OTHER_KEY))
                .sseCustomerKeyMD5(md5(OTHER_KEY)));
        assertThat(toC.sseCustomerKeyMD5()).isEqualTo(md5(OTHER_KEY));
        assertThat(toC.serverSideEncryption()).isNull();
        CopyObjectResponse cToC = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("to-c").destinationBucket(bucket)
                .destinationKey("c-to-c").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(b64(OTHER_KEY))
                .copySourceSSECustomerKeyMD5(md5(OTHER_KEY)).sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY))
                .sseCustomerKeyMD5(md5(KEY)));
        assertThat(cToC.sseCustomerKeyMD5()).isEqualTo(md5(KEY));
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("c-to-c").destinationBucket(bucket)
                .destinationKey("to-kms").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(b64(OTHER_KEY))
                .copySourceSSECustomerKeyMD5(md5(OTHER_KEY))), 403, "AccessDenied");
        CopyObjectResponse toKms = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("c-to-c").destinationBucket(bucket)
                .destinationKey("to-kms").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(b64(KEY))
                .copySourceSSECustomerKeyMD5(md5(KEY)).serverSideEncryption(ServerSideEncryption.AWS_KMS));
        assertThat(toKms.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(toKms.ssekmsKeyId()).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("to-kms")).asUtf8String()).isEqualTo("copied");
        // an SSE-C object copied onto itself with a new key is a change
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("c-to-c").destinationBucket(bucket)
                .destinationKey("c-to-c").copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(b64(KEY))
                .copySourceSSECustomerKeyMD5(md5(KEY)));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("c-to-c")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void multipartUploadsWithACustomerKey() {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY))).uploadId();
        assertS3Error(() -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")), 400, "InvalidRequest");
        byte[] first = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(first, (byte) 'p');
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1)
                .sseCustomerAlgorithm("AES256").sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY)),
                RequestBody.fromBytes(first)).eTag();
        putWithCustomerKey("part-source", "-copied");
        String copied = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("part-source").destinationBucket(bucket)
                .destinationKey("mp").uploadId(upload).partNumber(2).copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(b64(KEY)).copySourceSSECustomerKeyMD5(md5(KEY)).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY))).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(etag).build(),
                CompletedPart.builder().partNumber(2).eTag(copied).build())));
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")), 400, "InvalidRequest");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY)).sseCustomerKeyMD5(md5(KEY))).asUtf8String()).endsWith("p-copied")
                .hasSize(first.length + "-copied".length());
    }

    @Test
    void readsThatNameAnEncryptionMethodAreRefused() {
        s3.putObject(b -> b.bucket(bucket).key("kms-read").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("kms"));
        s3.putObject(b -> b.bucket(bucket).key("s3-read"), RequestBody.fromString("sse-s3"));

        // S3 decrypts SSE-S3 and SSE-KMS objects by itself: a GET or HEAD naming the method is a 400
        S3Exception get = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("kms-read")
                .overrideConfiguration(o -> o.putHeader("x-amz-server-side-encryption", "aws:kms"))), 400, "InvalidArgument");
        assertThat(get.awsErrorDetails().errorMessage())
                .isEqualTo("x-amz-server-side-encryption header is not supported for this operation.");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("s3-read")
                .overrideConfiguration(o -> o.putHeader("x-amz-server-side-encryption", "AES256"))), 400, null);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("s3-read")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }
}
