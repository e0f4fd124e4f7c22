package dev.gureum.core.http;

import dev.gureum.core.EmulatorConfig;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.core.error.AwsException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.util.HashMap;
import java.util.Map;

/**
 * Gureum's own endpoints under {@code /_gureum/} (and LocalStack's {@code /_localstack/} aliases),
 * answered before any AWS routing. Everything else goes to {@code next}.
 * <p>
 * Every route is guarded here, once: the request must pass {@link InternalAccess} (allowed host, own
 * origin, JSON for state changes, an administrator under strict signatures). Handlers run on a worker
 * thread, and whatever they throw is answered as a JSON error.
 */
public final class InternalRoutes implements HttpHandler {

    /** Marks exchanges of internal routes, whose errors are JSON rather than an AWS protocol's shape. */
    private static final AttachmentKey<Boolean> INTERNAL = AttachmentKey.create(Boolean.class);
    /** Admin requests are small; a signed one is read whole to check its payload hash. */
    private static final long MAX_SIGNED_BODY = 64 * 1024;

    /**
     * A handler, the media type a state-changing request to it must have, how much of a signed body is
     * read, and whether even reading it needs an administrator under strict signatures.
     */
    private record Route(HttpHandler handler, String mediaType, long maxSignedBody, boolean adminRead) {
    }

    private final Map<String, Map<HttpString, Route>> routes = new HashMap<>();
    /** Handlers of every method on every path under a prefix, longest prefix first. */
    private final java.util.TreeMap<String, HttpHandler> prefixes = new java.util.TreeMap<>(
            java.util.Comparator.comparing(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()));
    private final InternalAccess access;
    private final HttpHandler next;

    /**
     * @param bindHost the address the server listens on (an allowed host name)
     * @param verifier {@code null} unless signatures are checked
     */
    public InternalRoutes(HttpHandler next, EmulatorConfig config, String bindHost, SignatureVerifier verifier) {
        this.next = next;
        this.access = new InternalAccess(config, bindHost, verifier);
    }

    public InternalRoutes add(HttpString method, String path, HttpHandler handler) {
        return add(method, path, new Route(handler, "application/json", MAX_SIGNED_BODY, false));
    }

    private InternalRoutes add(HttpString method, String path, Route route) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, route);
        return this;
    }

    public InternalRoutes get(String path, HttpHandler handler) {
        return add(Methods.GET, path, handler).add(Methods.HEAD, path, handler);
    }

    public InternalRoutes post(String path, HttpHandler handler) {
        return add(Methods.POST, path, handler);
    }

    /**
     * A POST that takes a body of its own {@code mediaType} rather than JSON. It must not be one a web page
     * may send across origins without a preflight ({@code text/plain}, {@code multipart/form-data},
     * {@code application/x-www-form-urlencoded}). A signed request's body, read whole to check its hash,
     * may be up to {@code maxSignedBody} bytes, and reaches the handler as {@link ServiceRouter#BODY}.
     */
    public InternalRoutes post(String path, String mediaType, long maxSignedBody, HttpHandler handler) {
        if (InternalAccess.CORS_SAFELISTED.contains(mediaType)) {
            throw new IllegalArgumentException(mediaType + " can be sent by any web page");
        }
        return add(Methods.POST, path, new Route(handler, mediaType, maxSignedBody, false));
    }

    /**
     * A GET whose answer only an administrator may read under strict signatures (every account's state,
     * secrets included): it then needs the admin token or a configured key's signature, as state changes do.
     */
    public InternalRoutes getForAdmin(String path, HttpHandler handler) {
        Route route = new Route(handler, "application/json", MAX_SIGNED_BODY, true);
        return add(Methods.GET, path, route).add(Methods.HEAD, path, route);
    }

    /**
     * Every method on every path under {@code prefix} (ending in {@code /}), for an endpoint that stands for
     * a service programs on this machine reach without signing (an EC2 instance's metadata service). Only
     * the origin check applies: the handler decides what it accepts, and must change no state a web page
     * could abuse.
     */
    public InternalRoutes under(String prefix, HttpHandler handler) {
        if (!prefix.endsWith("/") || !isInternal(prefix)) {
            throw new IllegalArgumentException("Not a prefix of Gureum's own paths: " + prefix);
        }
        prefixes.put(prefix, handler);
        return this;
    }

    /** Whether the path is one of Gureum's own. */
    public static boolean isInternal(String path) {
        return path.startsWith("/_gureum/") || path.startsWith("/_localstack/");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!isInternal(exchange.getRequestPath())) {
            next.handleRequest(exchange);
            return;
        }
        exchange.putAttachment(INTERNAL, Boolean.TRUE);
        // the host check may look up this machine's names, and handlers may block
        EdgeHandler.dispatch(exchange, this::admit);
    }

    /** On a worker: the access checks, then the route. */
    private void admit(HttpServerExchange exchange) throws Exception {
        InternalAccess.Refusal refusal = access.checkOrigin(exchange);
        if (refusal != null) {
            refuse(exchange, refusal);
            return;
        }
        String path = exchange.getRequestPath();
        Map<HttpString, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            for (Map.Entry<String, HttpHandler> p : prefixes.entrySet()) {
                if (path.startsWith(p.getKey())) {
                    p.getValue().handleRequest(exchange);
                    return;
                }
            }
            Responses.json(exchange, 404, "{\"error\":\"Not found\",\"path\":" + quote(path) + "}");
            return;
        }
        Route route = byMethod.get(exchange.getRequestMethod());
        if (route == null) {
            // no CORS preflight is ever answered: OPTIONS is not a method of any route
            exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, String.join(", ",
                    byMethod.keySet().stream().map(HttpString::toString).sorted().toList()));
            Responses.json(exchange, 405, "{\"error\":\"Method not allowed\"}");
            return;
        }
        HttpHandler handler = route.handler();
        if (!InternalAccess.changesState(exchange)) {
            refusal = route.adminRead() && access.requiresAdmin()
                    ? access.checkAdmin(exchange, InternalAccess.signed(exchange) ? new byte[0] : null) : null;
            if (refusal != null) {
                refuse(exchange, refusal);
            } else {
                handler.handleRequest(exchange);
            }
            return;
        }
        refusal = InternalAccess.checkContentType(exchange, route.mediaType());
        if (refusal == null && access.requiresAdmin() && !InternalAccess.signed(exchange)) {
            refusal = access.checkAdmin(exchange, null);
        }
        if (refusal != null) {
            refuse(exchange, refusal);
            return;
        }
        if (!access.requiresAdmin()) {
            handler.handleRequest(exchange);
            return;
        }
        // a signature covers the body: read it (without blocking) before checking
        exchange.setMaxEntitySize(route.maxSignedBody());
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            ex.putAttachment(ServiceRouter.BODY, body);
            HttpHandler checked = e -> {
                InternalAccess.Refusal denied = access.checkAdmin(e, body);
                if (denied != null) {
                    refuse(e, denied);
                } else {
                    handler.handleRequest(e);
                }
            };
            if (ex.isInIoThread()) {
                EdgeHandler.dispatch(ex, checked);
            } else {
                try {
                    checked.handleRequest(ex);
                } catch (Throwable t) {
                    EdgeHandler.fail(ex, t);
                }
            }
        }, EdgeHandler::fail);
    }

    private static void refuse(HttpServerExchange exchange, InternalAccess.Refusal refusal) {
        // the connection may carry a body the handler never read
        exchange.setPersistent(false);
        Responses.json(exchange, refusal.status(), "{\"error\":" + quote(refusal.error()) + ",\"message\":"
                + quote(refusal.message()) + "}");
    }

    /** Whether the exchange is one of Gureum's own endpoints (its errors are rendered by {@link #renderError}). */
    static boolean isInternal(HttpServerExchange exchange) {
        return exchange.getAttachment(INTERNAL) != null;
    }

    /** Gureum's endpoints answer errors in JSON: {@code {"error": code, "message": ..., "requestId": ...}}. */
    static void renderError(HttpServerExchange exchange, RequestContext ctx, AwsException error) {
        exchange.setStatusCode(error.status());
        Responses.json(exchange, error.status(), "{\"error\":" + quote(error.code()) + ",\"message\":"
                + quote(error.getMessage()) + ",\"requestId\":" + quote(ctx == null ? "" : ctx.requestId()) + "}");
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text == null ? "" : text).toString();
    }
}
