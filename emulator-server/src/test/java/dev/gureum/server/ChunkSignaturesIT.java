package dev.gureum.server;

import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --verify-signatures}, every chunk of a {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} upload is
 * checked: its signature chains from the request's signature through the chunks before it.
 */
class ChunkSignaturesIT {

    private static final String SECRET = "chunk/Secret+Key=0123456789abcdefghij";
    private static final String KEY = "AKIAGUREUMCHUNKS0001";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(KEY, SECRET));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theSdksSignedUploadsPass() {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build()) {
            s3.createBucket(r -> r.bucket("sdk-chunks"));
            byte[] data = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
            s3.putObject(r -> r.bucket("sdk-chunks").key("k"),
                    RequestBody.fromInputStream(new ByteArrayInputStream(data), data.length));
            assertThat(s3.getObjectAsBytes(r -> r.bucket("sdk-chunks").key("k")).asByteArray()).isEqualTo(data);
        }
    }

    @Test
    void aChainOfCorrectChunkSignaturesIsAccepted() throws Exception {
        createBucket();
        HttpResponse<String> response = put("good", List.of("hello, ", "chunked ", "world"), -1);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (S3Client s3 = s3()) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("chunks").key("good")).asUtf8String())
                    .isEqualTo("hello, chunked world");
        }
    }

    @Test
    void aChunkChangedInTransitIsSignatureDoesNotMatch() throws Exception {
        createBucket();
        for (int tampered = 0; tampered < 4; tampered++) {
            HttpResponse<String> response = put("bad", List.of("hello, ", "chunked ", "world"), tampered);
            assertThat(response.statusCode()).as("chunk %d: %s", tampered, response.body()).isEqualTo(403);
            assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        }
        try (S3Client s3 = s3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket("chunks").prefix("bad")).contents()).isEmpty();
        }
    }

    private static S3Client s3() {
        return gureum.configure(S3Client.builder())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(KEY, SECRET))
                .build();
    }

    private static void createBucket() {
        try (S3Client s3 = s3()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals("chunks"))) {
                s3.createBucket(r -> r.bucket("chunks"));
            }
        }
    }

    /**
     * A PutObject signed as the SDKs sign streaming uploads; {@code tampered} names the chunk (the last,
     * empty one included) whose signature is made for other data, or -1.
     */
    private static HttpResponse<String> put(String key, List<String> chunks, int tampered) throws Exception {
        URI endpoint = gureum.endpoint();
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String date = amzDate.substring(0, 8);
        String scope = date + "/us-east-1/s3/aws4_request";
        int decoded = chunks.stream().mapToInt(String::length).sum();
        String path = "/chunks/" + key;
        String signedHeaders = "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length";
        String canonical = "PUT\n" + path + "\n\n"
                + "content-encoding:aws-chunked\nhost:" + host + "\n"
                + "x-amz-content-sha256:STREAMING-AWS4-HMAC-SHA256-PAYLOAD\nx-amz-date:" + amzDate + "\n"
                + "x-amz-decoded-content-length:" + decoded + "\n\n" + signedHeaders + "\nSTREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        String seed = SignatureVerifier.signature(SECRET, date, "us-east-1", "s3", "AWS4-HMAC-SHA256\n" + amzDate + "\n"
                + scope + "\n" + SignatureVerifier.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String previous = seed;
        List<String> all = new java.util.ArrayList<>(chunks);
        all.add("");
        for (int i = 0; i < all.size(); i++) {
            String data = all.get(i);
            String signed = i == tampered ? data + "!" : data;
            String signature = SignatureVerifier.signature(SECRET, date, "us-east-1", "s3",
                    "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                            + SignatureVerifier.sha256Hex(new byte[0]) + "\n"
                            + SignatureVerifier.sha256Hex(signed.getBytes(StandardCharsets.UTF_8)));
            body.writeBytes((Integer.toHexString(data.length()) + ";chunk-signature=" + signature + "\r\n" + data + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            previous = signature;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .header("x-amz-date", amzDate)
                .header("x-amz-decoded-content-length", String.valueOf(decoded))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY + "/" + scope + ", SignedHeaders="
                        + signedHeaders + ", Signature=" + seed)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
