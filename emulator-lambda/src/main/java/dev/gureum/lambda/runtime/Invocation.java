package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.FunctionConfig;

import java.util.concurrent.CompletableFuture;

/** One invocation on its way through an execution environment. */
final class Invocation {

    final String requestId;
    final FunctionConfig config;
    final InvokeRequest request;
    final String traceId;
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    /** The invocation's own log lines (START to REPORT), for {@code LogType=Tail}. */
    final StringBuilder log = new StringBuilder();
    long deliveredNanos;
    long deadlineEpochMillis;

    Invocation(String requestId, FunctionConfig config, InvokeRequest request, String traceId) {
        this.requestId = requestId;
        this.config = config;
        this.request = request;
        this.traceId = traceId;
    }
}
