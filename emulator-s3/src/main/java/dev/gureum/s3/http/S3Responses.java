package dev.gureum.s3.http;

import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.RestXmlCodec;
import dev.gureum.core.protocol.Struct;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Writing S3's answers: XML documents in S3's namespace, and empty successes. */
final class S3Responses {

    private S3Responses() {
    }

    static void xml(S3Request request, String root, Struct body) {
        xml(request, 200, root, body);
    }

    static void xml(S3Request request, int status, String root, Struct body) {
        xml(request, status, root, S3State.XMLNS, body);
    }

    /** A document in the namespace given ({@code null}: none, as S3's PostResponse has none). */
    static void xml(S3Request request, int status, String root, String xmlns, Struct body) {
        whenDurable(request, () -> {
            CorsOperations.applyToResponse(request);
            RestXmlCodec.send(request.exchange(), status, root, xmlns, body);
        });
    }

    /** A stored document as it was given. */
    static void document(S3Request request, String contentType, byte[] body) {
        whenDurable(request, () -> {
            CorsOperations.applyToResponse(request);
            request.exchange().setStatusCode(200);
            Responses.send(request.exchange(), contentType, body);
        });
    }

    static void empty(S3Request request, int status) {
        whenDurable(request, () -> {
            CorsOperations.applyToResponse(request);
            HttpServerExchange exchange = request.exchange();
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            exchange.endExchange();
        });
    }

    /**
     * Answers once the change the request made is durable: at once when it made none or it already is
     * (always, without a data directory); else from the journal's completion, without holding a thread.
     */
    private static void whenDurable(S3Request request, Runnable answer) {
        CompletionStage<Void> stage = request.durable();
        CompletableFuture<Void> future = stage == null ? null : stage.toCompletableFuture();
        if (future == null || future.isDone() && !future.isCompletedExceptionally()) {
            answer.run();
            return;
        }
        HttpServerExchange exchange = request.exchange();
        // answered on the connection's IO thread, so that the journal's writer goes on to its next write at once
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> stage.whenCompleteAsync((done, failure) -> {
            try {
                if (failure != null) {
                    EdgeHandler.fail(exchange, failure);
                } else {
                    answer.run();
                }
            } catch (RuntimeException e) {
                EdgeHandler.fail(exchange, e);
            }
        }, exchange.getIoThread()));
    }

    static void header(S3Request request, String name, Object value) {
        if (value != null) {
            request.exchange().getResponseHeaders().put(io.undertow.util.HttpString.tryFromString(name),
                    String.valueOf(value));
        }
    }
}
