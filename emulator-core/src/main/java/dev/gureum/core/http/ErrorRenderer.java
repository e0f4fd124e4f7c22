package dev.gureum.core.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.protocol.XmlWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Renders an {@link AwsException} in the shape each protocol's clients parse. */
public final class ErrorRenderer {

    /** Errors raised by the AWS front end itself rather than a service; JSON names them in Coral's namespace. */
    private static final Set<String> FRONT_END_CODES = Set.of(
            CommonError.UNKNOWN_OPERATION.code(), CommonError.SERIALIZATION_EXCEPTION.code(),
            CommonError.INTERNAL_FAILURE.code(), CommonError.VALIDATION_EXCEPTION.code(),
            CommonError.MISSING_AUTHENTICATION_TOKEN.code(), CommonError.INVALID_CLIENT_TOKEN_ID.code(),
            CommonError.SIGNATURE_DOES_NOT_MATCH.code(), CommonError.INCOMPLETE_SIGNATURE.code());

    private ErrorRenderer() {
    }

    public static void render(HttpServerExchange exchange, RequestContext context, AwsException error) {
        Protocol protocol = context == null || context.protocol() == null ? guessProtocol(exchange) : context.protocol();
        ServiceDescriptor service = context == null ? null : context.service();
        String requestId = context == null ? "" : context.requestId();
        exchange.setStatusCode(error.status());
        for (Map.Entry<String, String> h : error.headers().entrySet()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(h.getKey()), h.getValue());
        }
        String contentType;
        byte[] body;
        switch (protocol) {
            case JSON -> {
                contentType = "application/x-amz-json-1.0";
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                String namespace = FRONT_END_CODES.contains(error.code()) || service == null
                        ? "com.amazon.coral.service#" : "com.amazonaws." + service.name() + "#";
                json.put("__type", namespace + error.code());
                json.put("message", error.getMessage());
                error.details().forEach(json::put);
                body = json.toString().getBytes(StandardCharsets.UTF_8);
                queryError(exchange, service, error);
            }
            case RPC_V2_CBOR -> {
                contentType = dev.gureum.core.protocol.CborCodec.CONTENT_TYPE;
                exchange.getResponseHeaders().put(HttpString.tryFromString(
                        dev.gureum.core.protocol.CborCodec.PROTOCOL_HEADER), dev.gureum.core.protocol.CborCodec.PROTOCOL_VALUE);
                String namespace = FRONT_END_CODES.contains(error.code()) || service == null
                        ? "com.amazon.coral.service#" : "com.amazonaws." + service.name() + "#";
                body = dev.gureum.core.protocol.CborCodec.error(namespace + error.code(), error.getMessage(),
                        error.details());
                queryError(exchange, service, error);
            }
            case REST_JSON -> {
                contentType = "application/json";
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                json.put("Type", error.error().senderFault() ? "User" : "Service");
                json.put("Message", error.getMessage());
                error.details().forEach(json::put);
                exchange.getResponseHeaders().put(HttpString.tryFromString("x-amzn-ErrorType"), error.code());
                body = json.toString().getBytes(StandardCharsets.UTF_8);
            }
            case EC2 -> {
                contentType = "text/xml;charset=UTF-8";
                XmlWriter xml = new XmlWriter();
                xml.start("Response").start("Errors").start("Error")
                        .element("Code", error.error().queryCode())
                        .element("Message", error.getMessage());
                error.details().forEach(xml::element);
                xml.end("Error").end("Errors").element("RequestID", requestId).end("Response");
                body = xml.toString().getBytes(StandardCharsets.UTF_8);
            }
            case REST_XML -> {
                contentType = "application/xml";
                XmlWriter xml = new XmlWriter();
                xml.start("Error").element("Code", error.code()).element("Message", error.getMessage());
                error.details().forEach(xml::element);
                xml.element("RequestId", requestId).element("HostId", hostId(requestId)).end("Error");
                body = xml.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                contentType = "text/xml";
                XmlWriter xml = new XmlWriter(false);
                xml.start("ErrorResponse", service == null ? null : service.xmlNamespace()).start("Error")
                        .element("Type", error.error().senderFault() ? "Sender" : "Receiver")
                        .element("Code", error.error().queryCode())
                        .element("Message", error.getMessage());
                error.details().forEach(xml::element);
                xml.end("Error").element("RequestId", requestId).end("ErrorResponse");
                body = xml.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        if (Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, contentType);
            exchange.endExchange();
            return;
        }
        Responses.send(exchange, contentType, body);
    }

    /** A service whose JSON or CBOR form stands in for its query form names the query code too (awsQueryCompatible). */
    private static void queryError(HttpServerExchange exchange, ServiceDescriptor service, AwsException error) {
        if (service != null && service.queryCompatible()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString("x-amzn-query-error"),
                    error.error().queryCode() + ";" + (error.error().senderFault() ? "Sender" : "Receiver"));
        }
    }

    /** S3's {@code x-amz-id-2}: an opaque base64 token; derived from the request id so it is stable. */
    public static String hostId(String requestId) {
        return java.util.Base64.getEncoder().encodeToString(
                ("gureum/" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    /** For requests no service claimed: JSON if the client speaks JSON, XML otherwise. */
    static Protocol guessProtocol(HttpServerExchange exchange) {
        return ServiceDispatcher.requestProtocol(exchange, null);
    }
}
