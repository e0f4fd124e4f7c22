package dev.gureum.core.protocol;

import dev.gureum.core.http.Responses;
import io.undertow.server.HttpServerExchange;

/** The rest-json protocol's bodies: the payload members as a JSON object. */
public final class RestJsonCodec {

    private RestJsonCodec() {
    }

    public static void send(HttpServerExchange exchange, int status, Struct body) {
        exchange.setStatusCode(status);
        Responses.send(exchange, "application/json", body == null ? new byte[] {'{', '}'} : JsonEncoder.bytes(body));
    }
}
