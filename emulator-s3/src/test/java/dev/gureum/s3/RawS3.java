package dev.gureum.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Requests that SDKs will not send: hand-built HTTP requests and raw bytes over a socket. */
public final class RawS3 {

    /** A SigV4 Authorization header naming S3 in us-east-1 (signatures are not checked by default). */
    public static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RawS3() {
    }

    public static HttpResponse<byte[]> send(URI endpoint, String method, String path, Map<String, String> headers,
                                            byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static HttpResponse<String> sendText(URI endpoint, String method, String path, Map<String, String> headers,
                                                String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Sends the bytes and reads what the server answers until it closes the connection or goes quiet.
     * With {@code halfClose} the request side is shut after writing (the body ends early for sure).
     */
    public static String exchange(int port, byte[] request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                    if (complete(response.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // what arrived is the answer
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a response with a Content-Length has arrived whole. */
    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int eol = head.indexOf("\r\n", at);
        long length = Long.parseLong(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
        return response.length() - end - 4 >= length;
    }

    /** The request head of a raw request, with S3 signing headers. */
    public static String head(String method, String path, int port, Map<String, String> headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Authorization: ").append(AUTH).append("\r\n")
                .append("x-amz-date: 20260101T000000Z\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.append("\r\n").toString();
    }

    /** The text of the first element of that name in an XML answer (an error's Code or Message). */
    public static String xmlText(String xml, String element) {
        org.w3c.dom.NodeList nodes = dev.gureum.core.testing.XmlAssert.parse(xml).getElementsByTagName(element);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
