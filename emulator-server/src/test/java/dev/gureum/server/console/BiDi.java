package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client of WebDriver BiDi (https://w3c.github.io/webdriver-bidi/), the protocol a browser speaks itself over a
 * WebSocket: commands are JSON objects with an {@code id}, a {@code method} and {@code params}; the browser answers
 * each with a message of the same {@code id}, and sends events (messages with a {@code method} and no {@code id}) to
 * the subscribers of their method. Only what the console's tests use; no driver program stands in between.
 */
final class BiDi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();
    private volatile Throwable closed;

    private BiDi(WebSocket socket) {
        this.socket = socket;
    }

    static BiDi connect(URI endpoint) {
        Receiver receiver = new Receiver();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(endpoint, receiver).join();
        BiDi bidi = new BiDi(socket);
        receiver.bidi = bidi;
        return bidi;
    }

    /** Calls {@code listener} with the {@code params} of every event named {@code method} (once subscribed to). */
    void on(String method, Consumer<JsonNode> listener) {
        listeners.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Sends a command and waits for its result; an error answer is thrown as a {@link BiDiException}. */
    JsonNode send(String method, ObjectNode params) {
        CompletableFuture<JsonNode> answer = sendAsync(method, params);
        try {
            return answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer to " + method + " within " + COMMAND_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a command; the future completes with its result, or exceptionally with a {@link BiDiException}. */
    CompletableFuture<JsonNode> sendAsync(String method, ObjectNode params) {
        if (closed != null) {
            throw new IllegalStateException("The BiDi connection is closed", closed);
        }
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        synchronized (socket) {
            socket.sendText(command.toString(), true).join();
        }
        return answer;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message.hasNonNull("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asLong());
            if (answer == null) {
                return;
            }
            if ("error".equals(message.path("type").asText())) {
                answer.completeExceptionally(new BiDiException(message.path("error").asText(),
                        message.path("message").asText()));
            } else {
                answer.complete(message.path("result"));
            }
        } else if ("event".equals(message.path("type").asText())) {
            for (Consumer<JsonNode> listener : listeners.getOrDefault(message.path("method").asText(), List.of())) {
                listener.accept(message.path("params"));
            }
        }
    }

    private void failAll(Throwable why) {
        closed = why;
        pending.values().forEach(f -> f.completeExceptionally(why));
        pending.clear();
    }

    @Override
    public void close() {
        failAll(new IllegalStateException("closed"));
        socket.abort();
    }

    /** An error answer: {@code error} is BiDi's error code, such as {@code no such element}. */
    static final class BiDiException extends RuntimeException {
        final String error;

        BiDiException(String error, String message) {
            super(error + ": " + message);
            this.error = error;
        }
    }

    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        volatile BiDi bidi;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                bidi.received(message);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            if (bidi != null) {
                bidi.failAll(new IllegalStateException("The browser closed the connection: " + status + " " + reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (bidi != null) {
                bidi.failAll(error);
            }
        }
    }
}
