package dev.gureum.core.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Data planes addressed by host name, answered before anything of the AWS APIs: a load balancer's
 * {@code my-alb-123.us-east-1.elb.localhost.localstack.cloud}. A module claims a host-name suffix; a request
 * whose {@code Host} ends with it goes to the module's handler, on the IO thread, with no
 * {@link dev.gureum.core.RequestContext} (it is no AWS API call, and answers as the resource would). Every
 * other request goes on to {@code next}. A data plane may also claim a path prefix under {@code /_gureum/}, for
 * clients that cannot choose the host name (a function URL's {@code /_gureum/lambda-url/<url-id>/...}).
 */
public final class HostRoutes implements HttpHandler {

    /** A claimed suffix's handler, and its place among the claims: the first claimed wins. */
    private record Claim(int order, HttpHandler handler) {
    }

    private final Map<String, Claim> bySuffix = new HashMap<>();
    /** The last labels of the claimed suffixes, with their dot ({@code .cloud}): most hosts end with none. */
    private final Set<String> lastLabels = new LinkedHashSet<>();
    private String[] lastLabelArray = new String[0];
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
        if (bySuffix.putIfAbsent(key, new Claim(bySuffix.size(), handler)) != null) {
            throw new IllegalStateException("The host suffix " + suffix + " is claimed twice");
        }
        if (lastLabels.add(key.substring(key.lastIndexOf('.')))) {
            lastLabelArray = lastLabels.toArray(new String[0]);
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
            HttpHandler handler = claimOf(ServiceRouter.hostName(exchange));
            if (handler != null) {
                handler.handleRequest(exchange);
                return;
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

    /** The handler of the first claimed suffix the host ends with (and is longer than), or {@code null}. */
    private HttpHandler claimOf(String host) {
        boolean candidate = false;
        for (String label : lastLabelArray) {
            if (host.endsWith(label)) {
                candidate = true;
                break;
            }
        }
        if (!candidate) {
            return null;
        }
        Claim first = null;
        for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
            Claim claim = bySuffix.get(host.substring(dot));
            if (claim != null && (first == null || claim.order() < first.order())) {
                first = claim;
            }
        }
        return first == null ? null : first.handler();
    }
}
