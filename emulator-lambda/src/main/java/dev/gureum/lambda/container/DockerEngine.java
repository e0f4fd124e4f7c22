package dev.gureum.lambda.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gureum.core.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * A client of a Docker engine's HTTP API: over its Unix socket ({@code DOCKER_HOST=unix://...}, else
 * {@code /var/run/docker.sock}) or plain TCP ({@code DOCKER_HOST=tcp://host:port}). The JDK has no HTTP
 * client for Unix sockets, and the few calls Lambda needs (images, containers, their logs) are simple, so
 * each call is one HTTP/1.0 exchange on a connection of its own: the engine answers with a length or closes
 * the connection after the body, never in chunks, and a streamed body (logs, a wait) is read until it ends.
 */
public final class DockerEngine {

    /** An answer of the engine that is not a success, with the engine's own message. */
    public static final class EngineException extends IOException {
        public final int status;

        EngineException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** An answer whose body is read as it comes; closing it closes the connection. */
    public static final class Streamed implements AutoCloseable {
        public final int status;
        public final InputStream body;
        private final SocketChannel channel;

        Streamed(int status, InputStream body, SocketChannel channel) {
            this.status = status;
            this.body = body;
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private final SocketAddress address;
    private final String description;

    DockerEngine(SocketAddress address, String description) {
        this.address = address;
        this.description = description;
    }

    /** The engine {@code dockerHost} names as {@code DOCKER_HOST} would, else the one at {@code /var/run/docker.sock}. */
    public static DockerEngine of(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return new DockerEngine(UnixDomainSocketAddress.of("/var/run/docker.sock"), "unix:///var/run/docker.sock");
        }
        URI uri = URI.create(dockerHost.trim());
        if ("unix".equals(uri.getScheme())) {
            return new DockerEngine(UnixDomainSocketAddress.of(uri.getPath()), dockerHost.trim());
        }
        if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
            return new DockerEngine(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()),
                    dockerHost.trim());
        }
        // ssh:// and TLS engines need more than a plain connection
        return new DockerEngine(null, dockerHost.trim());
    }

    /** Where the engine is expected, as {@code DOCKER_HOST} writes it. */
    public String description() {
        return description;
    }

    /** Why the engine cannot be used, or {@code null} when it answers. */
    public String unreachable() {
        if (address == null) {
            return "DOCKER_HOST " + description + " is not a unix:// or tcp:// address";
        }
        if (address instanceof UnixDomainSocketAddress unix && !Files.exists(unix.getPath())) {
            return "no Docker engine socket at " + unix.getPath();
        }
        try {
            call("GET", "/_ping", null);
            return null;
        } catch (IOException e) {
            return "the Docker engine at " + description + " does not answer (" + e.getMessage() + ")";
        }
    }

    /** A call whose answer is JSON (or nothing); a status of 400 or more is an {@link EngineException}. */
    public JsonNode call(String method, String path, JsonNode body) throws IOException {
        try (Streamed answer = open(method, path, body)) {
            byte[] bytes = answer.body.readAllBytes();
            if (answer.status >= 400) {
                throw new EngineException(answer.status, message(bytes));
            }
            if (bytes.length == 0 || bytes[0] != '{' && bytes[0] != '[') {
                return MissingNode.getInstance();
            }
            return Json.mapper().readTree(bytes);
        }
    }

    private static String message(byte[] bytes) {
        try {
            JsonNode error = Json.mapper().readTree(bytes);
            if (error.hasNonNull("message")) {
                return error.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON
        }
        return new String(bytes, StandardCharsets.UTF_8).trim();
    }

    /** Sends a request and returns the answer with its body unread (logs, waits, which last as long as a container). */
    public Streamed open(String method, String path, JsonNode body) throws IOException {
        if (address == null) {
            throw new IOException(unreachable());
        }
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try {
            channel.connect(address);
            byte[] content = body == null ? new byte[0] : Json.mapper().writeValueAsBytes(body);
            StringBuilder head = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.0\r\n")
                    .append("Host: docker\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            OutputStream out = Channels.newOutputStream(channel);
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            long length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                    length = Long.parseLong(header.substring(colon + 1).trim());
                }
            }
            InputStream bodyStream = length < 0 ? in : new BoundedInputStream(in, length);
            return new Streamed(Integer.parseInt(parts[1]), bodyStream, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the Docker engine closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A body of a known length. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A path segment or query value, escaped. */
    public static String escape(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
