package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Sending complete, small bodies (XML, JSON); streams go through the exchange's channels instead. */
public final class Responses {

    private Responses() {
    }

    public static void send(HttpServerExchange exchange, String contentType, byte[] body) {
        if (contentType != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    public static void send(HttpServerExchange exchange, String contentType, String body) {
        send(exchange, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        send(exchange, "application/json", body);
    }
}
