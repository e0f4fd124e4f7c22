package dev.gureum.lambda.runtime;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Lambda Runtime API as an execution environment's runtime sees it: {@code invocation/next} hands
 * it an invocation (parked until there is one), {@code invocation/{id}/response} and
 * {@code invocation/{id}/error} complete it, {@code init/error} ends an environment whose runtime
 * could not start the function. The HTTP side is the protocol layer's.
 */
public final class RuntimeApi {

    /** The largest synchronous response Lambda returns: 6 MB and, as Lambda counts it, 100 bytes more. */
    static final int MAX_RESPONSE = 6 * 1024 * 1024 + 100;

    private final InvocationScheduler scheduler;
    private final InvocationLogs logs;

    RuntimeApi(InvocationScheduler scheduler, InvocationLogs logs) {
        this.scheduler = scheduler;
        this.logs = logs;
    }

    /** What {@code next} answers: the event and the {@code Lambda-Runtime-*} headers. */
    public record NextInvocation(byte[] payload, Map<String, String> headers) {
    }

    private ExecutionEnvironment environment(String id) {
        ExecutionEnvironment env = scheduler.environment(id);
        if (env == null) {
            throw new RuntimeApiException(403, "InvalidEnvironment", "No such execution environment: " + id);
        }
        return env;
    }

    /** {@code GET /invocation/next}: the environment's next invocation, when there is one. */
    public CompletableFuture<NextInvocation> next(String environmentId) {
        ExecutionEnvironment env = environment(environmentId);
        CompletableFuture<Invocation> next;
        boolean ready = false;
        synchronized (env) {
            if (!env.initialized) {
                // an environment started ahead (provisioned concurrency) waits among the idle ones
                ready = env.current == null && !env.dead;
                env.initialized = true;
                env.initNanos = System.nanoTime() - env.createdNanos;
                if (env.timer != null) {
                    env.timer.cancel(false);
                    env.timer = null;
                }
            }
            if (env.waitingNext != null) {
                env.waitingNext.cancel(false);
            }
            if (env.current != null && !env.delivered) {
                scheduler.deliver(env, env.current, true);
                next = CompletableFuture.completedFuture(env.current);
            } else {
                next = new CompletableFuture<>();
                env.waitingNext = next;
            }
        }
        if (ready) {
            scheduler.ready(env);
        }
        return next.thenApply(RuntimeApi::describe);
    }

    private static NextInvocation describe(Invocation inv) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Lambda-Runtime-Aws-Request-Id", inv.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", String.valueOf(inv.deadlineEpochMillis));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", inv.request.invokedArn());
        headers.put("Lambda-Runtime-Trace-Id", inv.traceId);
        if (inv.request.clientContext() != null) {
            headers.put("Lambda-Runtime-Client-Context", inv.request.clientContext());
        }
        byte[] payload = inv.request.payload() == null || inv.request.payload().length == 0
                ? "{}".getBytes(StandardCharsets.UTF_8) : inv.request.payload();
        return new NextInvocation(payload, headers);
    }

    /** {@code POST /invocation/{id}/response}. */
    public void respond(String environmentId, String requestId, byte[] body) {
        ExecutionEnvironment env = environment(environmentId);
        Invocation inv = running(env, requestId);
        if (body.length > MAX_RESPONSE) {
            scheduler.finish(env, inv, Invocation.errorDocument("Function.ResponseSizeTooLarge", "Response payload size ("
                    + body.length + " bytes) exceeded maximum allowed payload size (" + MAX_RESPONSE + " bytes)."),
                    "Unhandled", null);
            throw new RuntimeApiException(413, "RequestEntityTooLarge", "Response payload size exceeded maximum allowed "
                    + "payload size (" + MAX_RESPONSE + " bytes).");
        }
        scheduler.finish(env, inv, body, null, null);
    }

    /**
     * {@code POST /invocation/{id}/response} in streaming mode: the response whose bytes follow.
     *
     * @param contentType the {@code Content-Type} the runtime sent, or {@code null}
     */
    public StreamedResponse respondStreaming(String environmentId, String requestId, String contentType) {
        ExecutionEnvironment env = environment(environmentId);
        return new StreamedResponse(scheduler, env, running(env, requestId), contentType);
    }

    /** {@code POST /invocation/{id}/error}: the function failed; its document goes to the caller. */
    public void fail(String environmentId, String requestId, byte[] body, String errorType) {
        ExecutionEnvironment env = environment(environmentId);
        Invocation inv = running(env, requestId);
        scheduler.finish(env, inv, errorBody(body, errorType), "Unhandled", null);
    }

    /** {@code POST /init/error}: the runtime could not start the function; the environment ends. */
    public void initError(String environmentId, byte[] body, String errorType) {
        ExecutionEnvironment env = environment(environmentId);
        byte[] document = errorBody(body, errorType);
        String type = errorType != null ? errorType : "Runtime.Unknown";
        Invocation inv;
        synchronized (env) {
            inv = env.current;
            env.dead = true;
            if (!env.initialized) {
                env.initNanos = System.nanoTime() - env.createdNanos;
            }
            String report = InvocationLogs.initReport(env, type);
            if (inv != null && !inv.result.isDone()) {
                if (!env.delivered) {
                    scheduler.deliver(env, inv, false);
                }
            } else {
                inv = null;
            }
            logs.append(env, inv, env.drainOutput(true));
            logs.append(env, inv, List.of(report));
        }
        if (inv != null) {
            scheduler.finish(env, inv, document, "Unhandled", "error\tError Type: " + type);
        }
        scheduler.end(env);
    }

    private static Invocation running(ExecutionEnvironment env, String requestId) {
        synchronized (env) {
            Invocation inv = env.current;
            if (inv == null || !env.delivered || !inv.requestId.equals(requestId)) {
                throw new RuntimeApiException(400, "InvalidRequestID", "Invalid request ID");
            }
            return inv;
        }
    }

    private static byte[] errorBody(byte[] body, String errorType) {
        if (body != null && body.length > 0) {
            return body;
        }
        return Invocation.errorDocument(errorType == null ? "Runtime.Unknown" : errorType, "");
    }
}
