package dev.gureum.core.protocol;

import dev.gureum.core.http.Responses;
import io.undertow.server.HttpServerExchange;

import java.nio.charset.StandardCharsets;

/** The rest-xml protocol's bodies: an output shape as one root element in the service's namespace. */
public final class RestXmlCodec {

    private static final XmlEncoder ENCODER = new XmlEncoder("member");

    private RestXmlCodec() {
    }

    public static byte[] encode(String rootName, String xmlns, Struct body) {
        XmlWriter xml = new XmlWriter();
        xml.start(rootName, xmlns);
        if (body != null) {
            ENCODER.members(xml, body);
        }
        xml.end(rootName);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void send(HttpServerExchange exchange, int status, String rootName, String xmlns, Struct body) {
        exchange.setStatusCode(status);
        Responses.send(exchange, "application/xml", encode(rootName, xmlns, body));
    }
}
