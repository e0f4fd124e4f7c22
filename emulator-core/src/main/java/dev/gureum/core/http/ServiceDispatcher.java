package dev.gureum.core.http;

import dev.gureum.core.AwsService;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.Protocol;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.concurrent.Executor;

/**
 * Hands a routed request to its service on a worker thread. For services that take whole bodies,
 * the body is read first without blocking, so no thread waits on a slow client, and a client that
 * stops sending it loses its connection after the request timeout. With strict
 * signatures on, the signature is checked before the service sees the request.
 */
public final class ServiceDispatcher implements HttpHandler {

    /** Largest body a buffering service accepts (Lambda's zipped code, base64 in JSON, is the largest). */
    public static final long MAX_BUFFERED_BODY = 128L * 1024 * 1024;

    private final ServiceRegistry registry;
    private final SignatureVerifier verifier;
    private final Executor workers;
    private final long bodyIdleMillis;

    /**
     * @param verifier       {@code null} unless signatures are checked
     * @param workers        where services run; {@code null} for Undertow's worker pool
     * @param bodyIdleMillis how long a body may send nothing before its connection is closed
     */
    public ServiceDispatcher(ServiceRegistry registry, SignatureVerifier verifier, Executor workers,
                             long bodyIdleMillis) {
        this.registry = registry;
        this.verifier = verifier;
        this.workers = workers;
        this.bodyIdleMillis = bodyIdleMillis;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        ServiceDescriptor descriptor = ctx.service();
        // decided once: the service, and every error on the way to it, answers in this protocol
        ctx.protocol(requestProtocol(exchange, descriptor));
        if (!registry.isBuilt(descriptor.name())) {
            throw new AwsException(CommonError.NOT_IMPLEMENTED,
                    "Service '" + descriptor.name() + "' is not available in this version of Gureum.");
        }
        if (!registry.isEnabled(descriptor.name())) {
            // not a 503: clients would retry a service that will not come
            throw new AwsException(CommonError.NOT_IMPLEMENTED,
                    "Service '" + descriptor.name() + "' is disabled on this server (see --services).");
        }
        if (!registry.gate().tryEnter(descriptor.name(), exchange)) {
            // the service's state is being replaced: the request waits, without a thread, and starts again after
            exchange.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, () -> waitAtGate(exchange, descriptor.name()));
            return;
        }
        AwsService built = registry.peek(descriptor.name());
        if (exchange.isInIoThread() && built != null && built.nonBlocking() && built.bufferRequestBody(exchange)
                && exchange.getAttachment(ServiceRouter.BODY) == null
                && !io.undertow.server.protocol.http.HttpContinue.requiresContinueResponse(exchange)) {
            // in-memory services answer small requests where they arrive: no thread hand-off
            BufferedBody.read(exchange, bodyIdleMillis, MAX_BUFFERED_BODY, (ex, body) -> {
                ex.putAttachment(ServiceRouter.BODY, body);
                call(ex, ctx, built);
            });
            return;
        }
        if (exchange.isInIoThread() && built != null && !built.bufferRequestBody(exchange)) {
            // a request the service can answer without blocking (a small object's bytes in memory) is
            // answered where it arrived: no thread hand-off
            try {
                if (verifier != null) {
                    verifier.verify(exchange, ctx, exchange.getAttachment(ServiceRouter.BODY));
                }
                if (built.answerOnIoThread(exchange, ctx)) {
                    return;
                }
            } catch (Throwable t) {
                EdgeHandler.fail(exchange, t);
                return;
            }
            dispatch(exchange, () -> call(exchange, ctx, built, false));
            return;
        }
        if (exchange.isInIoThread()) {
            dispatch(exchange, () -> prepare(exchange, ctx));
        } else {
            prepare(exchange, ctx);
        }
    }

    private void waitAtGate(HttpServerExchange exchange, String service) {
        Runnable again = () -> exchange.getConnection().getWorker().execute(() ->
                io.undertow.server.Connectors.executeRootHandler(ex -> {
                    try {
                        handleRequest(ex);
                    } catch (Throwable t) {
                        EdgeHandler.fail(ex, t);
                    }
                }, exchange));
        if (!registry.gate().park(service, again)) {
            again.run();
        }
    }

    /** On a worker: build the service if needed (first use), then read the body and call it. */
    private void prepare(HttpServerExchange exchange, RequestContext ctx) {
        AwsService service = registry.get(ctx.service().name());
        if (!service.bufferRequestBody(exchange) || exchange.getAttachment(ServiceRouter.BODY) != null) {
            call(exchange, ctx, service);
            return;
        }
        if (io.undertow.server.protocol.http.HttpContinue.requiresContinueResponse(exchange)) {
            try {
                io.undertow.server.protocol.http.HttpContinue.sendContinueResponseBlocking(exchange);
            } catch (java.io.IOException e) {
                EdgeHandler.fail(exchange, e);
                return;
            }
        }
        BufferedBody.read(exchange, bodyIdleMillis, MAX_BUFFERED_BODY, (ex, body) -> {
            ex.putAttachment(ServiceRouter.BODY, body);
            if (ex.isInIoThread()) {
                dispatch(ex, () -> call(ex, ctx, service));
            } else {
                call(ex, ctx, service);
            }
        });
    }

    private void call(HttpServerExchange exchange, RequestContext ctx, AwsService service) {
        call(exchange, ctx, service, verifier != null);
    }

    private void call(HttpServerExchange exchange, RequestContext ctx, AwsService service, boolean verify) {
        try {
            if (verify) {
                verifier.verify(exchange, ctx, exchange.getAttachment(ServiceRouter.BODY));
            }
            service.handle(exchange, ctx);
        } catch (Throwable t) {
            EdgeHandler.fail(exchange, t);
        }
    }

    /**
     * The protocol the client speaks, so that even errors raised before the service decodes the
     * request (signatures, a disabled service) come in a shape it reads: CBOR when it sent the
     * {@code smithy-protocol: rpc-v2-cbor} header and the service answers CBOR, JSON when it sent JSON and
     * the service answers JSON, else the service's XML (the query protocol for a JSON or CBOR service's
     * form calls). Without a service (none claimed the request): CBOR, JSON or query XML, the same way.
     */
    public static Protocol requestProtocol(HttpServerExchange exchange, ServiceDescriptor service) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.CONTENT_TYPE);
        boolean cbor = dev.gureum.core.protocol.CborCodec.PROTOCOL_VALUE.equals(
                exchange.getRequestHeaders().getFirst(dev.gureum.core.protocol.CborCodec.PROTOCOL_HEADER));
        boolean json = target != null || contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-amz-json");
        if (service == null) {
            return cbor ? Protocol.RPC_V2_CBOR : json ? Protocol.JSON : Protocol.QUERY;
        }
        if (cbor && service.protocols().contains(Protocol.RPC_V2_CBOR)) {
            return Protocol.RPC_V2_CBOR;
        }
        if (json && service.protocols().contains(Protocol.JSON)) {
            return Protocol.JSON;
        }
        Protocol model = service.protocol();
        return model == Protocol.JSON || model == Protocol.RPC_V2_CBOR ? Protocol.QUERY : model;
    }

    private void dispatch(HttpServerExchange exchange, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                EdgeHandler.fail(exchange, t);
            }
        };
        if (workers == null) {
            exchange.dispatch(guarded);
        } else {
            exchange.dispatch(workers, guarded);
        }
    }
}
