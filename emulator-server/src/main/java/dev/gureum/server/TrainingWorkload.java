package dev.gureum.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * The load the build's AOT training run puts on a server, so that the JVM's ahead-of-time cache records how the
 * request paths a busy server runs are used (which methods get hot, and their profiles), and a fresh server's JIT
 * can compile them from its first requests: S3 objects of 4 KiB written and read over keep-alive connections, both
 * bare (as a load generator such as wrk sends them) and with the headers the AWS SDKs send (a SigV4
 * {@code Authorization}, {@code aws-chunked} uploads with a CRC32 trailer); SQS SendMessage and ReceiveMessage over
 * the JSON protocol. The server is expected to run without signature verification (the default), so the
 * signatures are well formed but not computed.
 */
final class TrainingWorkload {

    private static final int OBJECTS = 1000;
    private static final int SIGNED_OBJECTS = 100;
    private static final int OBJECT_SIZE = 4096;
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/%s/"
            + "aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date, "
            + "Signature=" + "0123456789abcdef".repeat(4);
    private static final String SQS_JSON = "application/x-amz-json-1.0";

    private final URI endpoint;
    private final String host;
    private final byte[] object = new byte[OBJECT_SIZE];
    private final AtomicInteger failures = new AtomicInteger();

    TrainingWorkload(URI endpoint) {
        this.endpoint = endpoint;
        this.host = endpoint.getHost() + ":" + endpoint.getPort();
        ThreadLocalRandom.current().nextBytes(object);
    }

    /**
     * Runs {@code scale} times the base load (scale 1: about 60,000 requests) on {@code connections} keep-alive
     * connections at once; answers how many requests did not succeed.
     */
    int run(double scale, int connections) throws InterruptedException {
        onConnections(1, 1, c -> {
            c.call(request("PUT", "/bench", "", null), null);
            for (int i = 0; i < OBJECTS; i++) {
                c.call(request("PUT", "/bench/obj-" + i, "Content-Type: application/octet-stream\r\n", null), object);
            }
            c.call(request("PUT", "/signed", signed("s3", "UNSIGNED-PAYLOAD"), null), null);
            for (int i = 0; i < SIGNED_OBJECTS; i++) {
                c.call(request("PUT", "/signed/obj-" + i, signed("s3", "UNSIGNED-PAYLOAD"), null), object);
            }
            String queue = "{\"QueueName\":\"%s\"}";
            c.call(sqs("CreateQueue"), String.format(queue, "bench").getBytes(StandardCharsets.UTF_8));
        });
        String queueUrl = endpoint + "/000000000000/bench";
        byte[] send = ("{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody\":\"a message of a typical size for a "
                + "benchmark: order 12345 shipped\"}").getBytes(StandardCharsets.UTF_8);
        byte[] receive = ("{\"QueueUrl\":\"" + queueUrl + "\",\"MaxNumberOfMessages\":10,\"VisibilityTimeout\":0}")
                .getBytes(StandardCharsets.UTF_8);
        onConnections(connections, count(40_000, scale), c -> {
            String key = "/bench/obj-" + ThreadLocalRandom.current().nextInt(OBJECTS);
            c.call(request("GET", key, "", null), null);
        });
        onConnections(connections, count(4_000, scale), c -> {
            String key = "/signed/obj-" + ThreadLocalRandom.current().nextInt(SIGNED_OBJECTS);
            switch (ThreadLocalRandom.current().nextInt(4)) {
                case 0 -> c.call(request("PUT", key, signed("s3", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                        + "Content-Encoding: aws-chunked\r\nx-amz-trailer: x-amz-checksum-crc32\r\n"
                        + "x-amz-decoded-content-length: " + OBJECT_SIZE + "\r\n", null), chunked(object));
                case 1 -> c.call(request("PUT", key, signed("s3", "UNSIGNED-PAYLOAD"), null), object);
                case 2 -> c.call(request("HEAD", key, signed("s3", "UNSIGNED-PAYLOAD"), null), null);
                default -> c.call(request("GET", key, signed("s3", "UNSIGNED-PAYLOAD"), null), null);
            }
        });
        onConnections(connections, count(2_000, scale), c -> c.call(request("PUT", "/bench/put-"
                + ThreadLocalRandom.current().nextInt(OBJECTS), "Content-Type: application/octet-stream\r\n", null),
                object));
        onConnections(connections, count(10_000, scale), c -> c.call(sqs("SendMessage"), send));
        onConnections(connections, count(4_000, scale), c -> c.call(sqs("ReceiveMessage"), receive));
        return failures.get();
    }

    private static int count(int base, double scale) {
        return Math.max(1, (int) (base * scale));
    }

    private String sqs(String action) {
        return request("POST", "/", signed("sqs", null) + "X-Amz-Target: AmazonSQS." + action + "\r\n", SQS_JSON);
    }

    /** The headers of a request an AWS SDK signs with SigV4. */
    private static String signed(String service, String payload) {
        return "Authorization: " + String.format(SIGNED, service) + "\r\nX-Amz-Date: 20250101T000000Z\r\n"
                + (payload != null ? "x-amz-content-sha256: " + payload + "\r\n" : "")
                + "amz-sdk-invocation-id: " + java.util.UUID.randomUUID() + "\r\namz-sdk-request: attempt=1; max=4\r\n"
                + "User-Agent: aws-sdk-java/2.30.0 ua/2.1 os/Linux lang/java#17 md/http#Apache\r\n";
    }

    /** A body in the {@code aws-chunked} encoding with an unsigned CRC32 trailer, as the SDKs upload it. */
    private static byte[] chunked(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        String checksum = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(data);
        body.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + checksum + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** A request's head without its length and final blank line, which {@link Connection#call} adds. */
    private String request(String method, String path, String headers, String contentType) {
        return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + (contentType != null ? "Content-Type: " + contentType + "\r\n" : "");
    }

    private interface Step {
        void on(Connection connection) throws IOException;
    }

    /** Takes {@code total} steps, spread over {@code connections} connections, each on a thread of its own. */
    private void onConnections(int connections, int total, Step step) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(total);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                Connection c = null;
                try {
                    while (left.getAndDecrement() > 0) {
                        if (c == null) {
                            c = new Connection(endpoint);
                        }
                        step.on(c);
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                } finally {
                    if (c != null) {
                        c.close();
                    }
                }
            }, "training-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** One keep-alive HTTP/1.1 connection, as a load generator keeps it: a request, then its whole answer. */
    private final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(URI endpoint) throws IOException {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void call(String head, byte[] body) throws IOException {
            boolean hasBody = body != null || head.startsWith("PUT ") || head.startsWith("POST ");
            String request = head + (hasBody ? "Content-Length: " + (body != null ? body.length : 0) + "\r\n" : "")
                    + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String status = line();
            long length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (head.startsWith("HEAD ")) {
                length = 0;
            } else if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            }
            in.skipNBytes(length);
            if (status.length() < 12 || status.charAt(9) > '2') {
                failures.incrementAndGet();
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }
}
