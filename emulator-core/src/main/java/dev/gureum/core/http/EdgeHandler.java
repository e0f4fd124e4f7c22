package dev.gureum.core.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost handler: logs each exchange once it completes, and turns anything thrown on the IO
 * thread into the AWS error of the request's protocol. Failures on worker threads go through
 * {@link #fail} too, so every error has one place to be rendered.
 * <p>
 * Work handed to a worker with {@code exchange.dispatch(...)} runs outside this handler's
 * {@code try}: if it throws, Undertow only logs it and the client waits forever. So every exchange's
 * default dispatch executor is a {@link GuardedDispatch}, which answers whatever a dispatched task
 * throws; {@link #dispatch} does the same for Gureum's own hand-offs.
 */
public final class EdgeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeHandler.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.gureum.access");

    private final HttpHandler next;

    public EdgeHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (ACCESS.isDebugEnabled()) {
            long start = System.nanoTime();
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                RequestContext ctx = ex.getAttachment(RequestContext.KEY);
                ACCESS.debug("{} {} -> {} {}.{} {}ms", ex.getRequestMethod(), ex.getRequestURI(), ex.getStatusCode(),
                        ctx == null || ctx.service() == null ? "-" : ctx.service().name(),
                        ctx == null || ctx.operation() == null ? "-" : ctx.operation(),
                        (System.nanoTime() - start) / 1_000_000);
                nextListener.proceed();
            });
        }
        exchange.setDispatchExecutor(new GuardedDispatch(exchange));
        try {
            next.handleRequest(exchange);
        } catch (Throwable t) {
            fail(exchange, t);
        }
    }

    /** Runs the handler on a worker thread (as {@code exchange.dispatch(handler)}); what it throws is answered. */
    public static void dispatch(HttpServerExchange exchange, HttpHandler handler) {
        exchange.dispatch(guarded(handler));
    }

    /** The handler, with whatever it throws answered by {@link #fail}. */
    public static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handleRequest(exchange);
            } catch (Throwable t) {
                fail(exchange, t);
            }
        };
    }

    /**
     * The executor of {@code exchange.dispatch(task)} when no other is named: a worker thread, with the
     * task's failure answered. Undertow clears an exchange's dispatch executor once it has used it, so
     * this one puts itself back for the exchange's next hand-off.
     */
    static final class GuardedDispatch implements java.util.concurrent.Executor {
        private final HttpServerExchange exchange;

        GuardedDispatch(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void execute(Runnable task) {
            exchange.setDispatchExecutor(this);
            exchange.getConnection().getWorker().execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    fail(exchange, t);
                }
            });
        }
    }

    /**
     * Answers the exchange with the error: an {@link AwsException} as it says, anything else as a 500
     * {@code InternalError} carrying the request id, logged once with its stack trace.
     */
    public static void fail(HttpServerExchange exchange, Throwable failure) {
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        if (failure instanceof java.io.IOException && !(failure instanceof io.undertow.io.Receiver.RequestToLargeException)) {
            // the client went away mid-request: there is nobody to answer
            LOG.debug("Request {} aborted: {}", ctx == null ? "-" : ctx.requestId(), failure.toString());
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        AwsException error = Failures.toAwsException(failure, ctx);
        if (error.status() >= 500 && !(failure instanceof AwsException)) {
            LOG.error("Request {} {} {} failed", ctx == null ? "-" : ctx.requestId(), exchange.getRequestMethod(),
                    exchange.getRequestPath(), failure);
        }
        if (exchange.isComplete()) {
            return;
        }
        if (exchange.isResponseStarted()) {
            // too late for an error body: cut the connection so the client sees the failure
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        try {
            exchange.getResponseHeaders().remove(io.undertow.util.Headers.CONTENT_LENGTH);
            if (InternalRoutes.isInternal(exchange)) {
                InternalRoutes.renderError(exchange, ctx, error);
            } else {
                ErrorRenderer.render(exchange, ctx, error);
            }
        } catch (Throwable t) {
            // the answer cannot be written (a sender or stream already in use): end the connection instead
            LOG.error("Request {}: cannot send its error", ctx == null ? "-" : ctx.requestId(), t);
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
    }
}
