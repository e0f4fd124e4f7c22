package dev.gureum.s3;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** SDK clients pointed at an embedded server, and the assertions the S3 integration tests share. */
public final class S3Clients {

    /** The access key of a second account: a 12-digit access key id is that account. */
    public static final String OTHER_ACCOUNT = "111111111111";

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private S3Clients() {
    }

    public static S3Client client(EmbeddedFrontEnd server) {
        return client(server, "us-east-1", "test");
    }

    public static S3Client client(EmbeddedFrontEnd server, String region, String accessKey) {
        return SdkClients.configure(S3Client.builder(), server.endpoint(), accessKey, Region.of(region)).build();
    }

    /** Like {@link #client(EmbeddedFrontEnd)}, without retries: a 500 is seen, not retried into a success. */
    public static S3Client clientWithoutRetries(EmbeddedFrontEnd server) {
        return SdkClients.withoutRetries(SdkClients.configure(S3Client.builder(), server.endpoint())).build();
    }

    /** The content of the object {@code precious}, which requests meant to fail must leave as it is. */
    public static final String PRECIOUS = "original content";

    /** Creates a bucket no other test uses, holding the object {@code precious}; returns its name. */
    public static String bucketWithPreciousObject(S3Client s3, String hint) {
        String bucket = bucketName(hint);
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("precious"), RequestBody.fromString(PRECIOUS));
        return bucket;
    }

    public static void assertPreciousObjectIntact(S3Client s3, String bucket) {
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("precious")).asUtf8String()).isEqualTo(PRECIOUS);
    }

    /** A bucket name no other test uses. */
    public static String bucketName(String hint) {
        return hint + "-" + BUCKETS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** Runs the call, expects it to fail with this status and error code, and returns the error. */
    public static S3Exception assertS3Error(Runnable call, int status, String code) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
        assertThat(e).as("expected %s (%s)", code, status).isNotNull();
        assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
        if (code != null) {
            assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
        }
        return e;
    }

    /** Any SDK failure (some, such as 304 and 412 on HEAD, carry no body to name a code). */
    public static SdkException assertFails(Runnable call) {
        SdkException e = catchThrowableOfType(SdkException.class, call::run);
        assertThat(e).isNotNull();
        return e;
    }

    public static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5", data));
    }

    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** S3's listing order: by the UTF-8 bytes of the keys. */
    public static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
