package dev.gureum.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Requests that SDKs would never send: raw bytes over a socket, or hand-built HTTP requests. */
final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RawHttp() {
    }

    /** Sends the bytes, half-closes, and reads everything the server answers until it closes (or 10 s). */
    static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is the answer
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    static String exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static HttpResponse<String> post(URI endpoint, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(URI endpoint, String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI endpoint, String path) throws IOException, InterruptedException {
        return send(endpoint, "GET", path, Map.of());
    }

    /** A SigV4 Authorization header whose scope names this service and region (the signature is not checked). */
    static String authorization(String accessKey, String region, String service) {
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20260101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
    }
}
