package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A request body that stops arriving is answered {@code RequestTimeout} once the request timeout (one
 * second here) passes, whichever operation reads it, and the connection is closed; nothing is stored.
 * A download whose client stops reading holds no thread and loses its connection after the same time.
 */
class RequestTimeoutIT {

    private static final String TIMEOUT_MESSAGE = "Your socket connection to the server was not read from or written "
            + "to within the timeout period. Idle connections will be closed.";

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(Map.of("http.request-timeout-seconds", "1"), new S3Module());
        s3 = S3Clients.client(server);
        bucket = S3Clients.bucketWithPreciousObject(s3, "timeouts");
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @AfterEach
    void nothingWasStoredAndTheServerStillServes() {
        S3Clients.assertPreciousObjectIntact(s3, bucket);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
    }

    /** Sends the bytes, then nothing, and reads what the server answers until it closes the connection. */
    private static String stall(String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (SocketTimeoutException e) {
                fail("The server neither answered nor closed the connection; it sent: " + answer);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertRequestTimeout(String answer) {
        int xml = answer.indexOf("<?xml");
        assertThat(answer).contains("HTTP/1.1 400 ").containsIgnoringCase("Connection: close");
        assertThat(xml).isPositive();
        assertThat(RawS3.xmlText(answer.substring(xml), "Code")).isEqualTo("RequestTimeout");
        assertThat(RawS3.xmlText(answer.substring(xml), "Message")).isEqualTo(TIMEOUT_MESSAGE);
    }

    @Test
    void aContentLengthLargerThanWhatArrives() throws Exception {
        assertRequestTimeout(stall(RawS3.head("PUT", "/" + bucket + "/precious", server.port(),
                Map.of("Content-Length", "2000000000")), "0123456789"));
    }

    @Test
    void anAwsChunkedBodyThatStopsInsideAChunk() throws Exception {
        assertRequestTimeout(stall(RawS3.head("PUT", "/" + bucket + "/precious", server.port(), Map.of(
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding", "aws-chunked",
                "x-amz-decoded-content-length", "1024", "Content-Length", "1100")), "400\r\nabc"));
    }

    @Test
    void aBodyHeldBackAfter100Continue() throws Exception {
        String answer = stall(RawS3.head("PUT", "/" + bucket + "/precious", server.port(),
                Map.of("Content-Length", "10", "Expect", "100-continue")), "");
        assertThat(answer).startsWith("HTTP/1.1 100 Continue");
        assertRequestTimeout(answer);
    }

    @Test
    void anUploadPart() throws Exception {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("parts")).uploadId();
        try {
            assertRequestTimeout(stall(RawS3.head("PUT", "/" + bucket + "/parts?partNumber=1&uploadId=" + uploadId,
                    server.port(), Map.of("Content-Length", "100")), "abc"));
            assertThat(s3.listParts(b -> b.bucket(bucket).key("parts").uploadId(uploadId)).parts()).isEmpty();
        } finally {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key("parts").uploadId(uploadId));
        }
    }

    @Test
    void aConfigurationDocument() throws Exception {
        assertRequestTimeout(stall(RawS3.head("PUT", "/" + bucket + "?tagging", server.port(),
                Map.of("Content-Length", "500")), "<Tagging><TagSet>"));
        assertThat(S3Clients.assertS3Error(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet"))
                .isNotNull();
    }

    @Test
    void aDeleteObjectsDocument() throws Exception {
        assertRequestTimeout(stall(RawS3.head("POST", "/" + bucket + "?delete", server.port(),
                Map.of("Content-Length", "500")), "<Delete><Object><Key>precious</Key></Object>"));
    }

    @Test
    void aFormUpload() throws Exception {
        String boundary = "slow-form";
        assertRequestTimeout(stall(RawS3.head("POST", "/" + bucket, server.port(), Map.of(
                "Content-Type", "multipart/form-data; boundary=" + boundary, "Content-Length", "5000")),
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nprecious\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nnew"));
    }

    @Test
    void anErrorAnsweredBeforeTheBodyStillEndsAStalledConnection() throws Exception {
        String answer = stall(RawS3.head("PUT", "/no-such-bucket-for-timeouts/k", server.port(),
                Map.of("Content-Length", "1000")), "0123456789");
        assertThat(answer).startsWith("HTTP/1.1 404 ").contains("<Code>NoSuchBucket</Code>");
    }

    @Test
    void readersThatStopReadingHoldNoThreadAndLoseTheirConnection() throws Exception {
        int size = 32 * 1024 * 1024;
        s3.putObject(b -> b.bucket(bucket).key("large"), RequestBody.fromBytes(new byte[size]));
        java.util.List<Socket> readers = new java.util.ArrayList<>();
        try {
            // more readers than the server has worker threads, none of which reads its answer
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write(("GET /" + bucket + "/large HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: " + RawS3.AUTH + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                readers.add(socket);
            }
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                s3.putObject(b -> b.bucket(bucket).key("small"), RequestBody.fromString("small"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("small")).asUtf8String()).isEqualTo("small");
            });
            // each connection ends: cut off after the timeout, or (for the first few, read here before
            // the timeout passed) at the end of the whole answer
            int cutOff = 0;
            for (Socket reader : readers) {
                reader.setSoTimeout(15_000);
                long received = 0;
                try {
                    received = reader.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.net.SocketException e) {
                    // reset: the server gave up on the connection all the same
                } catch (SocketTimeoutException e) {
                    fail("The server kept the connection of a reader that stopped reading");
                }
                if (received < size) {
                    cutOff++;
                }
            }
            // how many are read whole before their timeout depends on the machine's load (answers start in
            // waves as workers free up); that the server cuts readers off at all is what matters
            assertThat(cutOff).as("readers the server cut off").isPositive();
        } finally {
            for (Socket reader : readers) {
                reader.close();
            }
            s3.deleteObject(b -> b.bucket(bucket).key("large"));
            s3.deleteObject(b -> b.bucket(bucket).key("small"));
        }
    }

    @Test
    void aSlowButSteadyUploadIsNotCutOff() throws Exception {
        // each pause is shorter than the timeout; all of them together are longer
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(RawS3.head("PUT", "/" + bucket + "/steady", server.port(), Map.of("Content-Length", "5"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (char c : "abcde".toCharArray()) {
                out.write(c);
                out.flush();
                Thread.sleep(400);
            }
            byte[] head = socket.getInputStream().readNBytes(12);
            assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("steady")).asUtf8String()).isEqualTo("abcde");
        s3.deleteObject(b -> b.bucket(bucket).key("steady"));
    }
}
