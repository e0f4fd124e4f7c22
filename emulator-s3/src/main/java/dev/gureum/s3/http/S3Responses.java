package dev.gureum.s3.http;

import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.RestXmlCodec;
import dev.gureum.core.protocol.Struct;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Writing S3's answers: XML documents in S3's namespace, and empty successes. */
final class S3Responses {

    private S3Responses() {
    }

    static void xml(S3Request request, String root, Struct body) {
        xml(request, 200, root, body);
    }

    static void xml(S3Request request, int status, String root, Struct body) {
        CorsOperations.applyToResponse(request);
        RestXmlCodec.send(request.exchange(), status, root, S3State.XMLNS, body);
    }

    /** A stored document as it was given. */
    static void document(S3Request request, String contentType, byte[] body) {
        CorsOperations.applyToResponse(request);
        request.exchange().setStatusCode(200);
        Responses.send(request.exchange(), contentType, body);
    }

    static void empty(S3Request request, int status) {
        CorsOperations.applyToResponse(request);
        HttpServerExchange exchange = request.exchange();
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    static void header(S3Request request, String name, Object value) {
        if (value != null) {
            request.exchange().getResponseHeaders().put(io.undertow.util.HttpString.tryFromString(name),
                    String.valueOf(value));
        }
    }
}
