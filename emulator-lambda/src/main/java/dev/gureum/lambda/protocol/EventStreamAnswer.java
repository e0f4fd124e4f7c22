package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.http.ResponseStream;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.EventStreamMessage;
import dev.gureum.lambda.runtime.InvocationResult;
import dev.gureum.lambda.runtime.ResponseChunks;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answer to InvokeWithResponseStream: {@code PayloadChunk} events as the function writes its
 * response (a function that answers whole: its payload as one chunk), then one {@code InvokeComplete}
 * with the error, if any, and the log tail when asked for. The answer starts with the function's first
 * bytes, so that an invocation refused before it ran is still an ordinary error.
 */
final class EventStreamAnswer implements ResponseChunks {

    private static final HttpString EXECUTED_VERSION = HttpString.tryFromString("X-Amz-Executed-Version");

    private final HttpServerExchange exchange;
    private final String executedVersion;
    private final boolean tail;
    private final long idleMillis;
    private ResponseStream stream;
    private boolean streamed;
    private boolean complete;

    EventStreamAnswer(HttpServerExchange exchange, String executedVersion, boolean tail, long idleMillis) {
        this.exchange = exchange;
        this.executedVersion = executedVersion;
        this.tail = tail;
        this.idleMillis = idleMillis;
    }

    @Override
    public synchronized void begin(String contentType) {
        streamed = true;
        open();
    }

    @Override
    public synchronized boolean ready(Runnable resume) {
        return stream == null || stream.ready(resume);
    }

    @Override
    public synchronized void chunk(ByteBuffer bytes) {
        if (complete) {
            return;
        }
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        stream.write(EventStreamMessage.event("PayloadChunk", "application/octet-stream", payload));
    }

    /** The invocation ended: its result, or why it could not run. */
    synchronized void complete(InvocationResult result, Throwable failure) {
        if (complete) {
            return;
        }
        complete = true;
        if (failure != null) {
            if (stream == null) {
                EdgeHandler.fail(exchange, failure);
                return;
            }
            ObjectNode event = Json.mapper().createObjectNode();
            event.put("ErrorCode", "ServiceException");
            event.put("ErrorDetails", String.valueOf(failure.getMessage()));
            finish(event);
            return;
        }
        open();
        if (!streamed && result.functionError() == null && result.payload().length > 0) {
            stream.write(EventStreamMessage.event("PayloadChunk", "application/octet-stream", result.payload()));
        }
        ObjectNode event = Json.mapper().createObjectNode();
        if (result.functionError() != null) {
            JsonNode error = errorDocument(result.payload());
            event.put("ErrorCode", error.path("errorType").asText(result.functionError()));
            event.put("ErrorDetails", error.path("errorMessage").asText(new String(result.payload(),
                    StandardCharsets.UTF_8)));
        }
        if (tail) {
            event.put("LogResult", result.logTail());
        }
        finish(event);
    }

    private void finish(ObjectNode event) {
        stream.write(EventStreamMessage.event("InvokeComplete", "application/json",
                event.toString().getBytes(StandardCharsets.UTF_8)));
        stream.end();
    }

    private void open() {
        if (stream != null) {
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(EXECUTED_VERSION, executedVersion);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/vnd.amazon.eventstream");
        stream = ResponseStream.open(exchange, idleMillis);
    }

    private static JsonNode errorDocument(byte[] payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IOException notJson) {
            return Json.mapper().createObjectNode();
        }
    }
}
