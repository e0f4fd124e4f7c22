package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.json.Json;
import dev.gureum.lambda.runtime.InvocationResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record Lambda sends to the destinations of an asynchronous invocation: {@code version},
 * {@code timestamp}, {@code requestContext} (request id, the function ARN with its qualifier, the condition
 * and the approximate invoke count), the request payload, and, once the function ran, the response
 * context (status, executed version, function error) and the response payload, as JSON values.
 */
final class InvocationRecords {

    private static final ObjectMapper JSON = Json.mapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Why the record was sent. */
    enum Condition {
        SUCCESS("Success"), RETRIES_EXHAUSTED("RetriesExhausted"), EVENT_AGE_EXCEEDED("EventAgeExceeded");

        final String wire;

        Condition(String wire) {
            this.wire = wire;
        }
    }

    private InvocationRecords() {
    }

    /**
     * @param functionArn the ARN the event was sent to, qualified ({@code :$LATEST} when it was not)
     * @param last        the last time the function ran with the event, or {@code null} when it never did
     */
    static String record(Instant now, String requestId, String functionArn, Condition condition, int invokeCount,
                         byte[] requestPayload, InvocationResult last) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", TIMESTAMP.format(now));
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", requestId);
        context.put("functionArn", functionArn);
        context.put("condition", condition.wire);
        context.put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", requestPayload.length == 0 ? JSON.createObjectNode() : json(requestPayload));
        if (last != null) {
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", last.executedVersion());
            if (last.functionError() != null) {
                response.put("functionError", last.functionError());
            }
            record.set("responsePayload", json(last.payload()));
        }
        return record.toString();
    }

    /** A payload as a JSON value: itself when it is JSON, else its text as a string. */
    static JsonNode json(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return JSON.nullNode();
        }
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null ? JSON.nullNode() : node;
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** The error message of a failed invocation's error document (its text when it has none), for dead-letter queues. */
    static String errorMessage(InvocationResult last) {
        if (last == null) {
            return "Rate Exceeded.";
        }
        JsonNode node = json(last.payload());
        String message = node.path("errorMessage").isTextual() ? node.path("errorMessage").asText()
                : node.isTextual() ? node.asText() : node.toString();
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        // Lambda keeps the first kilobyte of the message
        return bytes.length <= 1024 ? message : new String(bytes, 0, 1024, StandardCharsets.UTF_8).replace("\uFFFD", "");
    }
}
