package dev.gureum.core.http;

import dev.gureum.core.RequestContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Lets one observer see every answered request (the console's live feed). With no observer, a request
 * costs one volatile read here: nothing is recorded until someone listens.
 */
public final class RequestTap implements HttpHandler {

    /** What is told of each answered request, on the thread that completed it: it must not block. */
    public interface Observer {
        void answered(RequestContext context, String method, String path, int status, long nanos);
    }

    private final HttpHandler next;
    private volatile Observer observer;

    public RequestTap(HttpHandler next) {
        this.next = next;
    }

    /** Starts telling {@code observer} of every request, or stops with {@code null}. */
    public void observe(Observer observer) {
        this.observer = observer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Observer o = observer;
        if (o != null) {
            long start = System.nanoTime();
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                try {
                    o.answered(ex.getAttachment(RequestContext.KEY), ex.getRequestMethod().toString(),
                            ex.getRequestPath(), ex.getStatusCode(), System.nanoTime() - start);
                } finally {
                    nextListener.proceed();
                }
            });
        }
        next.handleRequest(exchange);
    }
}
