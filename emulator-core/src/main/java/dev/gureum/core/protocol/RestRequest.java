package dev.gureum.core.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.http.ServiceRouter;
import io.undertow.server.HttpServerExchange;

import java.util.List;
import java.util.Map;

/**
 * A call of a REST protocol (rest-xml, rest-json) matched to an operation: its path labels, decoded
 * query parameters, headers and, for services that buffer bodies, the body.
 */
public record RestRequest(HttpServerExchange exchange, RequestContext context, String operation,
                          Map<String, String> labels, Map<String, List<String>> query) {

    public String label(String name) {
        return labels.get(name);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The whole body, for services that buffer it; empty when there was none. */
    public byte[] body() {
        byte[] body = exchange.getAttachment(ServiceRouter.BODY);
        return body == null ? new byte[0] : body;
    }
}
