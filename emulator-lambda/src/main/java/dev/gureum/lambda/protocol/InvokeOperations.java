package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.http.Responses;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.runtime.InvocationResult;
import dev.gureum.lambda.runtime.InvokeRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;

import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Invoke (synchronous, asynchronous, dry run), the older InvokeAsync, and invocations by other services. */
final class InvokeOperations {

    private static final ObjectMapper JSON = Json.mapper();
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
    private static final HttpString EXECUTED_VERSION = HttpString.tryFromString("X-Amz-Executed-Version");
    private static final HttpString FUNCTION_ERROR = HttpString.tryFromString("X-Amz-Function-Error");
    private static final HttpString LOG_RESULT = HttpString.tryFromString("X-Amz-Log-Result");

    private final LambdaState state;
    private final EventQueue events;

    InvokeOperations(LambdaState state) {
        this.state = state;
        this.events = new EventQueue(state);
    }

    void invoke(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        String type = header(r, "X-Amz-Invocation-Type", "RequestResponse");
        if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
            throw Validation.enumValue("invocationType", type, "Event, RequestResponse, DryRun");
        }
        String logType = header(r, "X-Amz-Log-Type", "None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw Validation.enumValue("logType", logType, "None, Tail");
        }
        byte[] payload = r.body();
        checkPayload(payload, type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD,
                type.equals("Event") ? "InvokeAsync" : "InvokeFunction");
        String clientContext = clientContext(r.header("X-Amz-Client-Context"));
        LambdaFunction f = state.function(r.context(), ref, "lambda:InvokeFunction");
        FunctionConfig config = runnable(state.routedConfig(f, ref));
        HttpServerExchange exchange = r.exchange();
        switch (type) {
            case "DryRun" -> {
                exchange.setStatusCode(204);
                exchange.endExchange();
            }
            case "Event" -> {
                submitEvent(ref, new InvokeRequest(payload, clientContext, invokedArn(f, ref), f.reservedConcurrency()));
                exchange.setStatusCode(202);
                exchange.endExchange();
            }
            default -> {
                CompletableFuture<InvocationResult> result = state.runner.invoke(config,
                        new InvokeRequest(payload, clientContext, invokedArn(f, ref), f.reservedConcurrency()));
                boolean tail = logType.equals("Tail");
                // the worker goes back to the pool; the runtime's response completes the exchange
                exchange.dispatch(SameThreadExecutor.INSTANCE, () -> result.whenComplete((done, failure) -> {
                    if (failure != null) {
                        EdgeHandler.fail(exchange, failure);
                        return;
                    }
                    try {
                        exchange.setStatusCode(200);
                        exchange.getResponseHeaders().put(EXECUTED_VERSION, done.executedVersion());
                        if (done.functionError() != null) {
                            exchange.getResponseHeaders().put(FUNCTION_ERROR, done.functionError());
                        }
                        if (tail) {
                            exchange.getResponseHeaders().put(LOG_RESULT, done.logTail());
                        }
                        Responses.send(exchange, "application/json", done.payload());
                    } catch (RuntimeException e) {
                        EdgeHandler.fail(exchange, e);
                    }
                }));
            }
        }
    }

    /** The deprecated InvokeAsync: an asynchronous invocation that answers {@code {"Status": 202}}. */
    void invokeAsync(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        byte[] payload = r.body();
        checkPayload(payload, MAX_ASYNC_PAYLOAD, "InvokeAsync");
        LambdaFunction f = state.function(r.context(), ref, "lambda:InvokeFunction");
        runnable(state.config(f, ref));
        submitEvent(ref, new InvokeRequest(payload, null, invokedArn(f, ref), f.reservedConcurrency()));
        r.exchange().setStatusCode(202);
        Responses.send(r.exchange(), "application/json", "{\"Status\":202}");
    }

    /** Whether another service may invoke the function: its policy must allow the service for its resource. */
    void checkInvoke(String functionArn, Caller caller) {
        state.functionFor(serviceRef(functionArn), caller);
    }

    /** Invocations by other services (SNS, S3 notifications), through the core interface. */
    CompletionStage<FunctionInvoker.Result> invokeFor(String functionArn, byte[] payload,
                                                      FunctionInvoker.InvocationType type, Caller caller) {
        try {
            FunctionRef ref = serviceRef(functionArn);
            return invokeChecked(ref, state.functionFor(ref, caller), payload, type);
        } catch (AwsException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Invocations by the function's own event source mappings (in the function's account). */
    CompletionStage<FunctionInvoker.Result> invokeForMapping(String functionArn, byte[] payload) {
        try {
            FunctionRef ref = serviceRef(functionArn);
            return invokeChecked(ref, state.function(ref), payload, FunctionInvoker.InvocationType.REQUEST_RESPONSE);
        } catch (AwsException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private FunctionRef serviceRef(String functionArn) {
        return FunctionRef.parse(functionArn, null, state.context.config().defaultAccount(),
                state.context.config().defaultRegion());
    }

    private CompletionStage<FunctionInvoker.Result> invokeChecked(FunctionRef ref, LambdaFunction f, byte[] payload,
                                                                  FunctionInvoker.InvocationType type) {
        FunctionConfig config = runnable(state.routedConfig(f, ref));
        InvokeRequest request = new InvokeRequest(payload, null, invokedArn(f, ref), f.reservedConcurrency());
        if (type == FunctionInvoker.InvocationType.EVENT) {
            submitEvent(ref, request);
            return CompletableFuture.completedFuture(new FunctionInvoker.Result(new byte[0], null));
        }
        return state.runner.invoke(config, request)
                .thenApply(r -> new FunctionInvoker.Result(r.payload(), r.functionError()));
    }

    /** Queues an asynchronous invocation in the function's event queue. */
    void submitEvent(FunctionRef ref, InvokeRequest request) {
        events.submit(ref, request.payload(), request.clientContext());
    }

    static String invokedArn(LambdaFunction f, FunctionRef ref) {
        return ref.qualifier() == null ? f.functionArn() : f.functionArn() + ":" + ref.qualifier();
    }

    /** Only functions that reached Active run; AWS answers this for Pending and Failed ones. */
    static FunctionConfig runnable(FunctionConfig c) {
        if (!"Active".equals(c.state)) {
            throw LambdaErrors.conflict("The operation cannot be performed at this time. The function is currently in "
                    + "the following state: " + c.state + (c.stateReason == null ? "" : ". " + c.stateReason));
        }
        return c;
    }

    static String header(RestRequest r, String name, String defaultValue) {
        String value = r.header(name);
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    static void checkPayload(byte[] payload, int max, String operation) {
        if (payload.length > max) {
            // Lambda's front end answers this one itself, with a code the service model does not list
            throw new AwsException(LambdaError.REQUEST_ENTITY_TOO_LARGE, "Request must be smaller than " + max
                    + " bytes for the " + operation + " operation");
        }
        if (payload.length == 0) {
            return;
        }
        try {
            JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new AwsException(LambdaError.INVALID_REQUEST_CONTENT, "Could not parse request body into json: Could "
                    + "not parse payload into json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AwsException(LambdaError.INVALID_REQUEST_CONTENT, "Could not parse request body into json");
        }
    }

    /** The {@code X-Amz-Client-Context} header: base64 of a JSON object, handed to the runtime decoded. */
    static String clientContext(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.trim());
            JsonNode node = JSON.readTree(decoded);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            if (decoded.length > 3583) {
                throw new AwsException(LambdaError.INVALID_REQUEST_CONTENT,
                        "Client context must be at most 3583 bytes once base64-decoded.");
            }
            return node.toString();
        } catch (IllegalArgumentException | IOException e) {
            throw new AwsException(LambdaError.INVALID_REQUEST_CONTENT,
                    "Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
