package dev.gureum.core.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.util.HashMap;
import java.util.Map;

/**
 * Gureum's own endpoints under {@code /_gureum/} (and LocalStack's {@code /_localstack/} aliases),
 * answered before any AWS routing. Everything else goes to {@code next}.
 */
public final class InternalRoutes implements HttpHandler {

    private final Map<String, Map<HttpString, HttpHandler>> routes = new HashMap<>();
    private final HttpHandler next;

    public InternalRoutes(HttpHandler next) {
        this.next = next;
    }

    public InternalRoutes add(HttpString method, String path, HttpHandler handler) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, handler);
        return this;
    }

    public InternalRoutes get(String path, HttpHandler handler) {
        return add(Methods.GET, path, handler).add(Methods.HEAD, path, handler);
    }

    public InternalRoutes post(String path, HttpHandler handler) {
        return add(Methods.POST, path, handler);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.startsWith("/_gureum/") && !path.startsWith("/_localstack/")) {
            next.handleRequest(exchange);
            return;
        }
        Map<HttpString, HttpHandler> byMethod = routes.get(path);
        if (byMethod == null) {
            Responses.json(exchange, 404, "{\"error\":\"Not found\",\"path\":" + quote(path) + "}");
            return;
        }
        HttpHandler handler = byMethod.get(exchange.getRequestMethod());
        if (handler == null) {
            exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, String.join(", ",
                    byMethod.keySet().stream().map(HttpString::toString).sorted().toList()));
            Responses.json(exchange, 405, "{\"error\":\"Method not allowed\"}");
            return;
        }
        handler.handleRequest(exchange);
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
