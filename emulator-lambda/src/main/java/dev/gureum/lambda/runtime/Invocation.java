package dev.gureum.lambda.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.json.Json;
import dev.gureum.lambda.domain.FunctionConfig;

import java.nio.charset.StandardCharsets;
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
    /** Where a streamed response goes, or {@code null}: then it is gathered and answered whole. */
    volatile ResponseChunks chunks;
    long deliveredNanos;
    long deadlineEpochMillis;

    Invocation(String requestId, FunctionConfig config, InvokeRequest request, String traceId) {
        this.requestId = requestId;
        this.config = config;
        this.request = request;
        this.traceId = traceId;
    }

    /** The document a failed invocation answers with: {@code {"errorType": ..., "errorMessage": ...}}. */
    static byte[] errorDocument(String type, String message) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("errorType", type);
        error.put("errorMessage", message);
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }
}
