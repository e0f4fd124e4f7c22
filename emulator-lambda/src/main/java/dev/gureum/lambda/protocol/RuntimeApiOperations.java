package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.Responses;
import dev.gureum.core.http.StreamingBody;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.lambda.runtime.RuntimeApi;
import dev.gureum.lambda.runtime.RuntimeApiException;
import dev.gureum.lambda.runtime.StreamedResponse;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Lambda Runtime API, as runtimes call it through {@code AWS_LAMBDA_RUNTIME_API}, which names
 * their execution environment: {@code next} is a long poll parked without a thread; {@code response},
 * {@code error} and {@code init/error} answer {@code 202}. A response in streaming mode is read as it
 * arrives and handed on at once.
 */
final class RuntimeApiOperations {

    private static final HttpString ERROR_TYPE = HttpString.tryFromString("Lambda-Runtime-Function-Error-Type");
    private static final HttpString ERROR_BODY = HttpString.tryFromString("Lambda-Runtime-Function-Error-Body");
    private static final HttpString RESPONSE_MODE = HttpString.tryFromString("Lambda-Runtime-Function-Response-Mode");

    private final RuntimeApi runtimeApi;

    RuntimeApiOperations(RuntimeApi runtimeApi) {
        this.runtimeApi = runtimeApi;
    }

    void next(RestRequest r) {
        HttpServerExchange exchange = r.exchange();
        CompletableFuture<RuntimeApi.NextInvocation> next;
        try {
            next = runtimeApi.next(r.label("EnvironmentId"));
        } catch (RuntimeApiException e) {
            error(exchange, e.status(), e.errorType(), e.getMessage());
            return;
        }
        if (next.isDone() && !next.isCompletedExceptionally()) {
            send(exchange, next.join());
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> next.whenComplete((invocation, failure) -> {
            if (failure != null) {
                // the environment is ending, and its runtime with it
                error(exchange, 410, "EnvironmentEnded", "The execution environment has ended.");
                return;
            }
            send(exchange, invocation);
        }));
    }

    private static void send(HttpServerExchange exchange, RuntimeApi.NextInvocation invocation) {
        exchange.setStatusCode(200);
        for (Map.Entry<String, String> h : invocation.headers().entrySet()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(h.getKey()), h.getValue());
        }
        Responses.send(exchange, "application/json", invocation.payload());
    }

    /** Whether a runtime streams this response: its body is then read as it arrives, not whole. */
    static boolean streaming(HttpServerExchange exchange) {
        return "streaming".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(RESPONSE_MODE))
                && exchange.getRequestPath().endsWith("/response");
    }

    void response(RestRequest r) {
        if (streaming(r.exchange())) {
            streamedResponse(r);
            return;
        }
        try {
            runtimeApi.respond(r.label("EnvironmentId"), r.label("AwsRequestId"), r.body());
            accepted(r.exchange());
        } catch (RuntimeApiException e) {
            error(r.exchange(), e.status(), e.errorType(), e.getMessage());
        }
    }

    private void streamedResponse(RestRequest r) {
        HttpServerExchange exchange = r.exchange();
        StreamedResponse response;
        try {
            response = runtimeApi.respondStreaming(r.label("EnvironmentId"), r.label("AwsRequestId"),
                    exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
        } catch (RuntimeApiException e) {
            StreamingBody.closeUnlessDrained(exchange, 1000);
            error(exchange, e.status(), e.errorType(), e.getMessage());
            return;
        }
        StreamingBody.read(exchange, null, response.idleMillis(), new StreamingBody.Sink() {
            @Override
            public boolean ready(Runnable resume) {
                return response.ready(resume);
            }

            @Override
            public void accept(ByteBuffer bytes) {
                response.accept(bytes);
            }

            @Override
            public void end() {
                HeaderMap trailers = exchange.getAttachment(HttpAttachments.REQUEST_TRAILERS);
                response.end(trailers == null ? null : trailers.getFirst(ERROR_TYPE),
                        trailers == null ? null : trailers.getFirst(ERROR_BODY));
                accepted(exchange);
            }

            @Override
            public void failed(Throwable cause) {
                response.broken();
            }
        });
    }

    void error(RestRequest r) {
        try {
            runtimeApi.fail(r.label("EnvironmentId"), r.label("AwsRequestId"), r.body(), r.header(ERROR_TYPE.toString()));
            accepted(r.exchange());
        } catch (RuntimeApiException e) {
            error(r.exchange(), e.status(), e.errorType(), e.getMessage());
        }
    }

    void initError(RestRequest r) {
        try {
            runtimeApi.initError(r.label("EnvironmentId"), r.body(), r.header(ERROR_TYPE.toString()));
            accepted(r.exchange());
        } catch (RuntimeApiException e) {
            error(r.exchange(), e.status(), e.errorType(), e.getMessage());
        }
    }

    /** Calls without an environment in the path do not come from a runtime Gureum started. */
    void unaddressed(RestRequest r) {
        error(r.exchange(), 403, "InvalidEnvironment", "Gureum's Runtime API is reached through "
                + "AWS_LAMBDA_RUNTIME_API, which names the execution environment; this call names none.");
    }

    private static void accepted(HttpServerExchange exchange) {
        exchange.setStatusCode(202);
        Responses.send(exchange, "application/json", "{\"status\":\"OK\"}");
    }

    private static void error(HttpServerExchange exchange, int status, String type, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("errorMessage", message);
        body.put("errorType", type);
        exchange.setStatusCode(status);
        Responses.send(exchange, "application/json", body.toString());
    }
}
