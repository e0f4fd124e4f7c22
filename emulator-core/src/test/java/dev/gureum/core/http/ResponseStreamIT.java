package dev.gureum.core.http;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.TestServices;
import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose body the service takes as it arrives ({@code bufferRequestBody(exchange)} false) and
 * a {@link ResponseStream} that sends each piece on: the client reads every echoed piece before it sends
 * the next, so neither side waited for the whole body.
 */
class ResponseStreamIT {

    private static final class EchoModule implements ServiceModule {
        @Override
        public ServiceDescriptor descriptor() {
            return TestServices.SQS;
        }

        @Override
        public AwsService create(EmulatorContext context) {
            return new AwsService() {
                @Override
                public ServiceDescriptor descriptor() {
                    return TestServices.SQS;
                }

                @Override
                public boolean bufferRequestBody(HttpServerExchange request) {
                    return !"stream".equals(request.getRequestHeaders().getFirst("X-Echo"));
                }

                @Override
                public void handle(HttpServerExchange exchange, RequestContext context) {
                    byte[] buffered = exchange.getAttachment(ServiceRouter.BODY);
                    exchange.setStatusCode(200);
                    exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/plain");
                    ResponseStream out = ResponseStream.open(exchange, 30_000);
                    if (buffered != null) {
                        out.write(("whole:" + new String(buffered, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                        out.end();
                        return;
                    }
                    StreamingBody.read(exchange, null, 30_000, new StreamingBody.Sink() {
                        @Override
                        public boolean ready(Runnable resume) {
                            boolean ready = out.ready(resume);
                            if (!ready) {
                                PAUSES.incrementAndGet();
                            }
                            return ready;
                        }

                        @Override
                        public void accept(ByteBuffer bytes) {
                            out.write(bytes);
                        }

                        @Override
                        public void end() {
                            out.end();
                        }

                        @Override
                        public void failed(Throwable cause) {
                            out.fail();
                        }
                    });
                }

                @Override
                public void reset() {
                }
            };
        }
    }

    /** How often the echo stopped reading the request because its client was behind. */
    private static final java.util.concurrent.atomic.AtomicInteger PAUSES = new java.util.concurrent.atomic.AtomicInteger();
    private static EmbeddedFrontEnd server;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new EchoModule());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String request(String echo, String transfer) {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AmazonSQS.Echo\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nX-Echo: " + echo + "\r\n" + transfer + "\r\n";
    }

    /** Reads one chunk of a chunked body: its size line, its bytes and the CRLF after them. */
    private static String chunk(BufferedReader in) throws Exception {
        int size = Integer.parseInt(in.readLine().trim(), 16);
        char[] data = new char[size];
        int read = 0;
        while (read < size) {
            read += in.read(data, read, size - read);
        }
        in.readLine();
        return new String(data);
    }

    private static void headers(BufferedReader in) throws Exception {
        assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        boolean chunked = false;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            chunked |= line.equalsIgnoreCase("transfer-encoding: chunked");
        }
        assertThat(chunked).isTrue();
    }

    @Test
    void eachPieceIsEchoedBeforeTheNextIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(request("stream", "Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write("5\r\nfirst\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            headers(in);
            assertThat(chunk(in)).isEqualTo("first");
            for (String piece : new String[]{"second", "third"}) {
                out.write((Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(chunk(in)).isEqualTo(piece);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(in.readLine()).isEqualTo("0");
            assertThat(in.readLine()).isEmpty();

            // the connection stays usable, and other requests of the service still get whole bodies
            out.write((request("whole", "Content-Length: 4\r\n") + "body").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            headers(in);
            assertThat(chunk(in)).isEqualTo("whole:body");
        }
    }

    @Test
    void aClientThatDoesNotReadHoldsTheRequestBack() throws Exception {
        int pieces = 512;
        byte[] piece = new byte[64 * 1024];
        java.util.Arrays.fill(piece, (byte) 'x');
        PAUSES.set(0);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            java.util.concurrent.CompletableFuture<Void> sent = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    out.write(request("stream", "Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    for (int i = 0; i < pieces; i++) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(piece);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // nothing is read until the server has stopped taking the request for the unread answer
            dev.gureum.core.testing.Await.until(() -> PAUSES.get() > 0, "the echo to wait for its client");
            assertThat(sent).isNotDone();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            headers(in);
            long total = 0;
            for (String chunk = chunk(in); !chunk.isEmpty(); chunk = chunk(in)) {
                total += chunk.length();
            }
            sent.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(total).isEqualTo((long) pieces * piece.length);
        }
    }
}
