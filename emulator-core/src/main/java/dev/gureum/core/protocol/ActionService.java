package dev.gureum.core.protocol;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.Authorizer;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.http.Responses;
import dev.gureum.core.http.ServiceRouter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A service of the action protocols: query ({@code Action=Op} forms, XML answers), ec2 (the same
 * forms, EC2's XML), json ({@code X-Amz-Target: Prefix.Op}) and Smithy RPC v2 CBOR
 * ({@code /service/Svc/operation/Op}, CBOR bodies). It decides the protocol once per
 * request, decodes the input into {@link Params}, calls the operation from its dispatch table and
 * encodes the {@link Struct} it returns. Operations may return a {@link CompletionStage} to answer
 * later (long polls) without holding a thread.
 */
public abstract class ActionService implements AwsService {

    /** One operation: input in, output ({@link Struct}, {@code null} for none, or a stage of one) out. */
    @FunctionalInterface
    public interface Operation {
        Object invoke(ActionRequest request) throws Exception;
    }

    private static final io.undertow.util.HttpString SMITHY_PROTOCOL =
            new io.undertow.util.HttpString(CborCodec.PROTOCOL_HEADER);

    private final ServiceDescriptor descriptor;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    protected ActionService(ServiceDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    private AccessRules<ActionRequest> accessRules;
    private Authorizer authorizer;

    /**
     * Authorizes every request by these rules before its operation runs, when {@code --enforce-iam} is on
     * (otherwise nothing changes and nothing is spent).
     */
    public final void enforce(EmulatorContext context, AccessRules<ActionRequest> rules) {
        Authorizer a = Authorizer.of(context);
        if (a.enforcing()) {
            this.authorizer = a;
            this.accessRules = rules;
        }
    }

    /** The authorizer of {@code --enforce-iam}, or {@code null} when IAM is not enforced. */
    protected final Authorizer authorizer() {
        return authorizer;
    }

    protected final void register(String action, Operation operation) {
        operations.put(action, operation);
    }

    /**
     * Registers the operations of the service's API, listed one a line in a class-path resource ({@code #}
     * starts a comment), as answering 501 {@code NotImplemented}; register the served ones afterwards.
     */
    protected final void registerNotImplemented(String resource, String serviceTitle) {
        try (java.io.InputStream in = getClass().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String action = line.strip();
                if (!action.isEmpty() && !action.startsWith("#")) {
                    register(action, r -> {
                        throw new AwsException(CommonError.NOT_IMPLEMENTED,
                                "The operation " + r.action() + " is not supported by Gureum's " + serviceTitle + ".");
                    });
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public final Set<String> actions() {
        return operations.keySet();
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext ctx) throws Exception {
        byte[] body = exchange.getAttachment(ServiceRouter.BODY);
        if (body == null) {
            body = new byte[0];
        }
        body = decompressed(body, exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING));
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        // the dispatcher decided the protocol from the descriptor's protocols
        Protocol protocol = ctx.protocol();
        String action;
        Params params;
        if (protocol == Protocol.JSON) {
            action = target == null ? null : target.substring(target.indexOf('.') + 1);
            if (action == null || action.isEmpty() || target.indexOf('.') < 0) {
                throw new AwsException(CommonError.UNKNOWN_OPERATION, "Missing or malformed X-Amz-Target header");
            }
            params = JsonCodec.decode(body);
        } else if (protocol == Protocol.RPC_V2_CBOR) {
            action = CborCodec.operation(exchange.getRequestPath());
            if (action == null) {
                throw new AwsException(CommonError.UNKNOWN_OPERATION, "Malformed operation path "
                        + exchange.getRequestPath() + ": expected /service/<Service>/operation/<Operation>");
            }
            params = CborCodec.decode(body);
        } else {
            Map<String, List<String>> form = QueryCodec.decodeForm(exchange.getQueryString(), body, contentType);
            List<String> actions = form.get("Action");
            action = actions == null || actions.isEmpty() ? null : actions.get(0);
            if (action == null || action.isEmpty()) {
                throw new AwsException(CommonError.MISSING_ACTION, "Could not find operation Action for "
                        + exchange.getRequestMethod() + " " + exchange.getRequestPath());
            }
            params = Params.fromForm(form);
        }
        ctx.operation(action);
        Operation operation = operations.get(action);
        if (operation == null) {
            throw unknownOperation(ctx, action);
        }
        ActionRequest request = new ActionRequest(ctx, action, params, exchange.getRequestPath());
        if (accessRules != null) {
            accessRules.authorize(authorizer, exchange, ctx, action, request);
        }
        Object result = operation.invoke(request);
        if (result instanceof CompletableFuture<?> done && done.isDone() && !done.isCompletedExceptionally()) {
            // answered already (nothing to wait for, as with a service held in memory): no hand-off
            respond(exchange, ctx, action, done.join());
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            // answered on the connection's IO thread: the thread that completes the stage (a journal's) goes
            // on at once, and the connection reads its next request where it reads anyway
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> stage.whenCompleteAsync((value, failure) -> {
                if (failure != null) {
                    EdgeHandler.fail(exchange, failure);
                } else {
                    respond(exchange, ctx, action, value);
                }
            }, exchange.getIoThread()));
            return;
        }
        respond(exchange, ctx, action, result);
    }

    /** The largest body a compressed request may expand to. */
    private static final int MAX_DECOMPRESSED = 64 * 1024 * 1024;

    /**
     * The body as the client wrote it: SDKs gzip large bodies of operations AWS marks for request
     * compression (CloudWatch's PutMetricData) and say so in {@code Content-Encoding}.
     */
    private static byte[] decompressed(byte[] body, String contentEncoding) {
        if (contentEncoding == null || body.length == 0
                || !contentEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            return body;
        }
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(MAX_DECOMPRESSED + 1);
            if (out.length > MAX_DECOMPRESSED) {
                throw new AwsException(CommonError.REQUEST_ENTITY_TOO_LARGE,
                        "The decompressed request body is larger than " + MAX_DECOMPRESSED + " bytes.");
            }
            return out;
        } catch (java.io.IOException e) {
            throw new AwsException(CommonError.SERIALIZATION_EXCEPTION,
                    "The request body is not the gzip stream its Content-Encoding says it is.");
        }
    }

    private void respond(HttpServerExchange exchange, RequestContext ctx, String action, Object result) {
        try {
            Struct output = (Struct) result;
            switch (ctx.protocol()) {
                case JSON -> Responses.send(exchange, "application/x-amz-json-1.0",
                        output == null ? "{}".getBytes(StandardCharsets.UTF_8) : JsonEncoder.bytes(output));
                case RPC_V2_CBOR -> {
                    exchange.getResponseHeaders().put(SMITHY_PROTOCOL, CborCodec.PROTOCOL_VALUE);
                    Responses.send(exchange, CborCodec.CONTENT_TYPE, CborCodec.encode(output));
                }
                case EC2 -> Responses.send(exchange, "text/xml;charset=UTF-8",
                        Ec2Codec.encode(action, descriptor.xmlNamespace(), output, ctx.requestId()));
                default -> Responses.send(exchange, "text/xml",
                        QueryCodec.encode(action, descriptor.xmlNamespace(), output, ctx.requestId()));
            }
        } catch (RuntimeException e) {
            EdgeHandler.fail(exchange, e);
        }
    }

    private static AwsException unknownOperation(RequestContext ctx, String action) {
        if (ctx.protocol() == Protocol.JSON || ctx.protocol() == Protocol.RPC_V2_CBOR) {
            return new AwsException(CommonError.UNKNOWN_OPERATION,
                    "The operation " + action + " is not supported by Gureum's " + ctx.service().name() + ".");
        }
        return new AwsException(CommonError.INVALID_ACTION,
                "The action " + action + " is not valid for this web service.");
    }

}
