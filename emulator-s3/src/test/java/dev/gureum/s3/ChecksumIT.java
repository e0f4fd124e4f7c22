package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.s3.storage.Crc64Nvme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flexible checksums as the SDK sends them (a header with a precomputed value, or an aws-chunked
 * trailer), stored with the object and returned when asked for; and the ones that do not match.
 */
class ChecksumIT {

    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog 구름".getBytes(StandardCharsets.UTF_8);

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("checksums");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    /** The base64 checksum S3 reports, computed here independently of the server. */
    static String expected(ChecksumAlgorithm algorithm, byte[] data) {
        return switch (algorithm) {
            case CRC32 -> crc(new CRC32(), data, 4);
            case CRC32_C -> crc(new CRC32C(), data, 4);
            case CRC64_NVME -> crc(new Crc64Nvme(), data, 8);
            case SHA1 -> Base64.getEncoder().encodeToString(S3Clients.digest("SHA-1", data));
            case SHA256 -> Base64.getEncoder().encodeToString(S3Clients.digest("SHA-256", data));
            default -> throw new IllegalArgumentException(algorithm.toString());
        };
    }

    private static String crc(Checksum checksum, byte[] data, int bytes) {
        checksum.update(data, 0, data.length);
        byte[] all = ByteBuffer.allocate(8).putLong(checksum.getValue()).array();
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(all, 8 - bytes, 8));
    }

    private static String reported(GetObjectResponse r, ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> r.checksumCRC32();
            case CRC32_C -> r.checksumCRC32C();
            case CRC64_NVME -> r.checksumCRC64NVME();
            case SHA1 -> r.checksumSHA1();
            case SHA256 -> r.checksumSHA256();
            default -> throw new IllegalArgumentException(algorithm.toString());
        };
    }

    private static String reported(PutObjectResponse r, ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> r.checksumCRC32();
            case CRC32_C -> r.checksumCRC32C();
            case CRC64_NVME -> r.checksumCRC64NVME();
            case SHA1 -> r.checksumSHA1();
            case SHA256 -> r.checksumSHA256();
            default -> throw new IllegalArgumentException(algorithm.toString());
        };
    }

    private static ResponseBytes<GetObjectResponse> getWithChecksum(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
    }

    /** The SDK computes CRC64NVME only with the CRT on the class path; it is sent as a header below. */
    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C", "SHA1", "SHA256"})
    void checksumSentAsTrailer(ChecksumAlgorithm algorithm) {
        String key = "trailer-" + algorithm;
        // the SDK computes the checksum while streaming and sends it in an aws-chunked trailer
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm),
                RequestBody.fromBytes(BODY));
        assertThat(reported(put, algorithm)).isEqualTo(expected(algorithm, BODY));

        ResponseBytes<GetObjectResponse> get = getWithChecksum(key);
        assertThat(get.asByteArray()).isEqualTo(BODY);
        assertThat(reported(get.response(), algorithm)).isEqualTo(expected(algorithm, BODY));
        assertThat(get.response().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentLength()).isEqualTo(BODY.length);
        // without checksum mode, no checksum headers
        assertThat(reported(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).response(), algorithm)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C", "SHA1", "SHA256", "CRC64_NVME"})
    void precomputedChecksumSentAsHeader(ChecksumAlgorithm algorithm) {
        String key = "header-" + algorithm;
        String value = expected(algorithm, BODY);
        PutObjectResponse put = s3.putObject(b -> {
            b.bucket(bucket).key(key);
            switch (algorithm) {
                case CRC32 -> b.checksumCRC32(value);
                case CRC32_C -> b.checksumCRC32C(value);
                case CRC64_NVME -> b.checksumCRC64NVME(value);
                case SHA1 -> b.checksumSHA1(value);
                default -> b.checksumSHA256(value);
            }
        }, RequestBody.fromBytes(BODY));
        assertThat(reported(put, algorithm)).isEqualTo(value);
        assertThat(reported(getWithChecksum(key).response(), algorithm)).isEqualTo(value);
    }

    @Test
    void unknownLengthBodyIsStreamedWithATrailer() {
        byte[] big = S3Clients.randomBytes(300_000, 7);
        s3.putObject(b -> b.bucket(bucket).key("streamed").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(big), "application/octet-stream"));
        ResponseBytes<GetObjectResponse> get = getWithChecksum("streamed");
        assertThat(get.asByteArray()).isEqualTo(big);
        assertThat(get.response().checksumCRC32C()).isEqualTo(expected(ChecksumAlgorithm.CRC32_C, big));
        assertThat(get.response().eTag()).isEqualTo("\"" + S3Clients.md5Hex(big) + "\"");

        s3.putObject(b -> b.bucket(bucket).key("from-stream"), RequestBody.fromInputStream(new ByteArrayInputStream(big),
                big.length));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("from-stream")).asByteArray()).isEqualTo(big);
    }

    @Test
    void withoutAChecksumTheSdkDefaultIsStored() {
        s3.putObject(b -> b.bucket(bucket).key("default"), RequestBody.fromBytes(BODY));
        GetObjectResponse r = getWithChecksum("default").response();
        // the SDK sends CRC32 unless told otherwise
        assertThat(r.checksumCRC32()).isEqualTo(expected(ChecksumAlgorithm.CRC32, BODY));
    }

    @Test
    void aPutWithoutAnyChecksumGetsCrc64Nvme() throws Exception {
        HttpResponse<byte[]> put = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/raw-default", Map.of(), BODY);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("x-amz-checksum-crc64nvme")).isEmpty();
        GetObjectResponse r = getWithChecksum("raw-default").response();
        assertThat(r.checksumCRC64NVME()).isEqualTo(expected(ChecksumAlgorithm.CRC64_NVME, BODY));
        assertThat(r.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void aWrongChecksumHeaderIsBadDigest() throws Exception {
        String wrong = expected(ChecksumAlgorithm.CRC32, "something else".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/wrong-header",
                Map.of("x-amz-checksum-crc32", wrong), BODY);
        assertThat(response.statusCode()).isEqualTo(400);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("<Code>BadDigest</Code>")
                .contains("<Message>The CRC32 you specified did not match the calculated checksum.</Message>");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("wrong-header")), 404, null);

        HttpResponse<byte[]> sha = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/wrong-header",
                Map.of("x-amz-checksum-sha256", expected(ChecksumAlgorithm.SHA256, new byte[0])), BODY);
        assertThat(new String(sha.body(), StandardCharsets.UTF_8)).contains("<Code>BadDigest</Code>")
                .contains("The SHA256 you specified did not match the calculated checksum.");
    }

    @Test
    void aSignedPayloadHashThatDoesNotMatchIsRefused() throws Exception {
        String other = java.util.HexFormat.of().formatHex(S3Clients.digest("SHA-256", new byte[] {1}));
        HttpResponse<byte[]> response = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/signed-payload",
                Map.of("x-amz-content-sha256", other), BODY);
        assertThat(response.statusCode()).isEqualTo(400);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(RawS3.xmlText(body, "Code")).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(RawS3.xmlText(body, "ClientComputedContentSHA256")).isEqualTo(other);
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("signed-payload")), 404, null);

        String right = java.util.HexFormat.of().formatHex(S3Clients.digest("SHA-256", BODY));
        assertThat(RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/signed-payload",
                Map.of("x-amz-content-sha256", right), BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void aChecksumThatIsNotBase64OfTheRightLengthIsInvalid() throws Exception {
        HttpResponse<byte[]> response = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/bad-value",
                Map.of("x-amz-checksum-crc32c", "not base64!"), BODY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<Code>InvalidRequest</Code>")
                .contains("Value for x-amz-checksum-crc32c header is invalid.");
    }

    @Test
    void aWrongTrailerIsBadDigest() throws Exception {
        String chunked = Integer.toHexString(BODY.length) + "\r\n" + new String(BODY, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\nx-amz-checksum-crc32:" + expected(ChecksumAlgorithm.CRC32, new byte[] {1}) + "\r\n\r\n";
        byte[] framed = chunked.getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> response = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/wrong-trailer",
                Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding", "aws-chunked",
                        "x-amz-decoded-content-length", String.valueOf(BODY.length),
                        "x-amz-trailer", "x-amz-checksum-crc32"), framed);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<Code>BadDigest</Code>");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("wrong-trailer")), 404, null);

        String right = chunked.replace(expected(ChecksumAlgorithm.CRC32, new byte[] {1}),
                expected(ChecksumAlgorithm.CRC32, BODY));
        HttpResponse<byte[]> ok = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/wrong-trailer",
                Map.of("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding", "aws-chunked",
                        "x-amz-decoded-content-length", String.valueOf(BODY.length),
                        "x-amz-trailer", "x-amz-checksum-crc32"), right.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amz-checksum-crc32")).hasValue(expected(ChecksumAlgorithm.CRC32, BODY));
        ResponseBytes<GetObjectResponse> stored = getWithChecksum("wrong-trailer");
        assertThat(stored.asByteArray()).isEqualTo(BODY);
        // aws-chunked framed the upload; it is not the object's content encoding
        assertThat(stored.response().contentEncoding()).isNull();
    }

    @Test
    void aRangeHasNoWholeObjectChecksum() {
        s3.putObject(b -> b.bucket(bucket).key("ranged").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(BODY));
        GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("ranged").range("bytes=0-3")
                .checksumMode(ChecksumMode.ENABLED)).response();
        assertThat(r.checksumSHA256()).isNull();
        assertThat(r.contentLength()).isEqualTo(4);
    }
}
