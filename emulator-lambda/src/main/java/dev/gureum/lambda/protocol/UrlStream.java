package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.http.ResponseStream;
import dev.gureum.core.json.Json;
import dev.gureum.lambda.runtime.ResponseChunks;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/**
 * The answer of a function URL in {@code RESPONSE_STREAM} mode, sent to the client as the function writes
 * it. A response of the content type {@code application/vnd.awslambda.http-integration-response} (what
 * {@code awslambda.HttpResponseStream.from} writes) begins with its metadata, a JSON object with
 * {@code statusCode}, {@code headers} and {@code cookies}, and 8 null bytes; the bytes after them are the
 * body. Any other streamed response is a {@code 200} of its content type.
 */
final class UrlStream implements ResponseChunks {

    static final String HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
    private static final int DELIMITER = 8;
    /** The metadata is small; a function that writes this much without ending it describes no response. */
    private static final int MAX_PRELUDE = 64 * 1024;

    private final HttpServerExchange exchange;
    private final Runnable corsHeaders;
    private final long idleMillis;
    private ByteArrayOutputStream prelude;
    private ResponseStream stream;
    private boolean streamed;
    private boolean failed;

    /** @param corsHeaders adds the URL's CORS headers, just before the response starts */
    UrlStream(HttpServerExchange exchange, Runnable corsHeaders, long idleMillis) {
        this.exchange = exchange;
        this.corsHeaders = corsHeaders;
        this.idleMillis = idleMillis;
    }

    @Override
    public synchronized void begin(String contentType) {
        streamed = true;
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(HTTP_INTEGRATION)) {
            prelude = new ByteArrayOutputStream();
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType == null ? "application/octet-stream"
                : contentType);
    }

    @Override
    public synchronized boolean ready(Runnable resume) {
        return stream == null || stream.ready(resume);
    }

    @Override
    public synchronized void chunk(ByteBuffer bytes) {
        if (failed) {
            return;
        }
        if (stream == null && prelude == null) {
            // the response starts with the first byte: a failure before it is still a 502
            open();
        }
        if (stream != null) {
            stream.write(bytes);
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        prelude.writeBytes(copy);
        byte[] gathered = prelude.toByteArray();
        int end = delimiter(gathered);
        if (end < 0) {
            if (gathered.length > MAX_PRELUDE) {
                failed = true;
            }
            return;
        }
        if (!respond(java.util.Arrays.copyOf(gathered, end))) {
            failed = true;
            return;
        }
        open();
        stream.write(ByteBuffer.wrap(gathered, end + DELIMITER, gathered.length - end - DELIMITER));
    }

    /** Whether the function streamed its response (else it answered whole, and is answered as a buffered URL). */
    synchronized boolean streamed() {
        return streamed;
    }

    /**
     * The invocation ended. True when the answer is complete; false when no response has started and none can
     * (a function error before the first byte or the end of the metadata, metadata that describes no
     * response, or none at all): the URL answers 502.
     */
    synchronized boolean end(boolean functionError) {
        if (stream == null && prelude == null && !functionError) {
            // an empty body
            open();
        }
        if (stream == null) {
            return false;
        }
        if (functionError || failed) {
            // too late for an error status: the client sees the body cut short
            stream.fail();
        } else {
            stream.end();
        }
        return true;
    }

    private void open() {
        corsHeaders.run();
        stream = ResponseStream.open(exchange, idleMillis);
    }

    /** Sets the status, headers and cookies the metadata names; false if it names no valid response. */
    private boolean respond(byte[] metadata) {
        JsonNode node;
        try {
            node = metadata.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(metadata);
        } catch (IOException e) {
            return false;
        }
        if (node == null || !node.isObject()) {
            return false;
        }
        int status = node.path("statusCode").asInt(200);
        if (status < 100 || status > 599) {
            return false;
        }
        exchange.setStatusCode(status);
        JsonNode headers = node.get("headers");
        if (headers != null && headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                exchange.getResponseHeaders().put(HttpString.tryFromString(h.getKey()), h.getValue().asText());
            }
        }
        JsonNode cookies = node.get("cookies");
        if (cookies != null && cookies.isArray()) {
            cookies.forEach(c -> exchange.getResponseHeaders().add(Headers.SET_COOKIE, c.asText()));
        }
        if (!exchange.getResponseHeaders().contains(Headers.CONTENT_TYPE)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        }
        return true;
    }

    /** Where the 8 null bytes after the metadata begin, or -1. */
    private static int delimiter(byte[] bytes) {
        int run = 0;
        for (int i = 0; i < bytes.length; i++) {
            run = bytes[i] == 0 ? run + 1 : 0;
            if (run == DELIMITER) {
                return i - DELIMITER + 1;
            }
        }
        return -1;
    }
}
