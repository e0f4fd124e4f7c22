package dev.gureum.core.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Data planes addressed by host name, answered before anything of the AWS APIs: a load balancer's
 * {@code my-alb-123.us-east-1.elb.localhost.localstack.cloud}. A module claims a host-name suffix; a request
 * whose {@code Host} ends with it goes to the module's handler, on the IO thread, with no
 * {@link dev.gureum.core.RequestContext} (it is no AWS API call, and answers as the resource would). Every
 * other request goes on to {@code next}. A data plane may also claim a path prefix under {@code /_gureum/}, for
 * clients that cannot choose the host name (a function URL's {@code /_gureum/lambda-url/<url-id>/...}).
 */
public final class HostRoutes implements HttpHandler {

    private final Map<String, HttpHandler> bySuffix = new LinkedHashMap<>();
    private final Map<String, HttpHandler> byPathPrefix = new LinkedHashMap<>();
    private final HttpHandler next;

    public HostRoutes(HttpHandler next) {
        this.next = next;
    }

    /**
     * Sends requests for host names ending with {@code suffix} (such as {@code .elb.localhost.localstack.cloud},
     * with its leading dot) to {@code handler}.
     *
     * @throws IllegalStateException when another handler claims the suffix
     */
    public HostRoutes add(String suffix, HttpHandler handler) {
        String key = suffix.toLowerCase(Locale.ROOT);
        if (!key.startsWith(".")) {
            throw new IllegalArgumentException("A host suffix starts with a dot: " + suffix);
        }
        if (bySuffix.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException("The host suffix " + suffix + " is claimed twice");
        }
        return this;
    }

    /**
     * Sends requests whose path starts with {@code prefix} (under {@code /_gureum/}, ending with a slash) to
     * {@code handler}, whatever their host.
     *
     * @throws IllegalStateException when another handler claims the prefix
     */
    public HostRoutes addPathPrefix(String prefix, HttpHandler handler) {
        if (!prefix.startsWith("/_gureum/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A data plane's path prefix is under /_gureum/ and ends with a slash: "
                    + prefix);
        }
        if (byPathPrefix.putIfAbsent(prefix, handler) != null) {
            throw new IllegalStateException("The path prefix " + prefix + " is claimed twice");
        }
        return this;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!bySuffix.isEmpty()) {
            String host = ServiceRouter.hostName(exchange);
            for (Map.Entry<String, HttpHandler> e : bySuffix.entrySet()) {
                if (host.endsWith(e.getKey()) && host.length() > e.getKey().length()) {
                    e.getValue().handleRequest(exchange);
                    return;
                }
            }
        }
        if (!byPathPrefix.isEmpty()) {
            String path = exchange.getRequestPath();
            for (Map.Entry<String, HttpHandler> e : byPathPrefix.entrySet()) {
                if (path.startsWith(e.getKey())) {
                    e.getValue().handleRequest(exchange);
                    return;
                }
            }
        }
        next.handleRequest(exchange);
    }
}
