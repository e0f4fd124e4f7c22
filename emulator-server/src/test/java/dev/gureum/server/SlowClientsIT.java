package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that stall cannot take the server away from the others: more stalled uploads than there are
 * worker threads, and clients trickling their headers, while a normal client uses S3 and SQS. The stalled
 * uploads are answered {@code RequestTimeout} once the request timeout passes, other stalled bodies lose
 * their connection, and the tricklers are dropped.
 */
class SlowClientsIT {

    private static final int STALLED_UPLOADS = 100;
    private static final int SLOWLORIS = 200;

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b
            .setting("http.request-timeout-seconds", "5")
            .setting("http.header-timeout-seconds", "5"));

    /** One raw connection and what the server has sent on it. */
    private static final class Connection {
        final SocketChannel channel;
        final StringBuilder received = new StringBuilder();
        boolean closed;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    @Test
    void stalledUploadsAndTricklingHeadersDoNotStallOtherClients() throws Exception {
        int port = gureum.server().port();
        try (S3Client s3 = gureum.configure(S3Client.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5)).retryStrategy(r -> r.maxAttempts(1)))
                .build();
             SqsClient sqs = gureum.configure(SqsClient.builder())
                     .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5)).retryStrategy(r -> r.maxAttempts(1)))
                     .build();
             Selector selector = Selector.open()) {
            try {
                attack(s3, sqs, selector, port);
            } finally {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            }
        }
    }

    private static void attack(S3Client s3, SqsClient sqs, Selector selector, int port) throws Exception {
        s3.createBucket(r -> r.bucket("slow"));
        String queue = sqs.createQueue(r -> r.queueName("slow")).queueUrl();

        List<Connection> stalled = new ArrayList<>();
        for (int i = 0; i < STALLED_UPLOADS; i++) {
            // promises 1000 bytes, sends 10, then nothing
            stalled.add(open(selector, port, "PUT /slow/stalled-" + i + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
                    + "SignedHeaders=host, Signature=" + "0".repeat(64) + "\r\n"
                    + "Content-Length: 1000\r\n\r\n0123456789"));
        }
        Connection stalledSqs = open(selector, port, "POST / HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Amz-Target: AmazonSQS.ListQueues\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: 100\r\n\r\n{\"Queue");
        // a form whose Action the router must read before it knows the service
        Connection stalledForm = open(selector, port, "POST / HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=GetCall");
        List<Connection> slowloris = new ArrayList<>();
        for (int i = 0; i < SLOWLORIS; i++) {
            slowloris.add(open(selector, port, "GET /slow HTTP/1.1\r\nHost: localhost\r\nX-Trickle-" + i + ": a"));
        }

        within5Seconds(() -> s3.putObject(r -> r.bucket("slow").key("normal"), RequestBody.fromString("hello")));
        assertThat(within5Seconds(() -> s3.getObjectAsBytes(r -> r.bucket("slow").key("normal")).asUtf8String()))
                .isEqualTo("hello");
        within5Seconds(() -> sqs.sendMessage(r -> r.queueUrl(queue).messageBody("hi")));
        assertThat(within5Seconds(() -> sqs.receiveMessage(r -> r.queueUrl(queue)).messages())).hasSize(1);

        // the normal client was served while every stalled upload was still waiting for its body
        poll(selector);
        assertThat(stalled).noneMatch(c -> c.received.length() > 0 || c.closed);

        await(selector, () -> stalled.stream().allMatch(c -> c.closed) && stalledSqs.closed && stalledForm.closed
                && slowloris.stream().allMatch(c -> c.closed));
        for (Connection c : stalled) {
            assertThat(c.received.toString()).startsWith("HTTP/1.1 400 ")
                    .containsIgnoringCase("Connection: close")
                    .contains("<Code>RequestTimeout</Code>")
                    .contains("<Message>Your socket connection to the server was not read from or written to "
                            + "within the timeout period. Idle connections will be closed.</Message>");
        }
        assertThat(slowloris).allMatch(c -> c.received.length() == 0 || c.received.toString().startsWith("HTTP/1.1 4"));
        assertThat(s3.listObjectsV2(r -> r.bucket("slow")).contents()).hasSize(1);
    }

    private static Connection open(Selector selector, int port, String request) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ByteBuffer bytes = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.configureBlocking(false);
        Connection connection = new Connection(channel);
        channel.register(selector, SelectionKey.OP_READ, connection);
        return connection;
    }

    private static <T> T within5Seconds(Callable<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        return result;
    }

    /** Reads whatever the server has sent, without waiting. */
    private static void poll(Selector selector) throws IOException {
        selector.selectNow();
        read(selector);
    }

    /** Reads what the server sends until the condition holds (or a deadline well past the timeouts). */
    private static void await(Selector selector, java.util.function.BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the server ends stalled connections").isLessThan(deadline);
            selector.select(200);
            read(selector);
        }
    }

    private static void read(Selector selector) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        for (SelectionKey key : selector.selectedKeys()) {
            Connection c = (Connection) key.attachment();
            for (; ; ) {
                buffer.clear();
                int n;
                try {
                    n = c.channel.read(buffer);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    c.closed = true;
                    key.cancel();
                    c.channel.close();
                    break;
                }
                if (n == 0) {
                    break;
                }
                c.received.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
            }
        }
        selector.selectedKeys().clear();
    }
}
