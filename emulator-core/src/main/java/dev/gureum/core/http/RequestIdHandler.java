package dev.gureum.core.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.id.Ids;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.time.Clock;

/**
 * Gives every request an id and a {@link RequestContext}, and echoes the id in the headers AWS
 * clients log: {@code x-amz-request-id} (S3 and the XML services) and {@code x-amzn-RequestId}.
 */
public final class RequestIdHandler implements HttpHandler {

    static final HttpString AMZ_REQUEST_ID = HttpString.tryFromString("x-amz-request-id");
    static final HttpString AMZN_REQUEST_ID = HttpString.tryFromString("x-amzn-RequestId");

    private final Clock clock;
    private final HttpHandler next;

    public RequestIdHandler(Clock clock, HttpHandler next) {
        this.clock = clock;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RequestContext context = new RequestContext(Ids.requestId(), clock);
        exchange.putAttachment(RequestContext.KEY, context);
        exchange.getResponseHeaders().put(AMZ_REQUEST_ID, context.requestId());
        exchange.getResponseHeaders().put(AMZN_REQUEST_ID, context.requestId());
        next.handleRequest(exchange);
    }
}
