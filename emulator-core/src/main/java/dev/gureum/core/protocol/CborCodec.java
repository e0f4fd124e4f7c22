package dev.gureum.core.protocol;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The Smithy RPC v2 CBOR protocol ({@code smithy-protocol: rpc-v2-cbor}): requests are
 * {@code POST /service/<ServiceShape>/operation/<Operation>} with a CBOR map as body; answers and errors are
 * CBOR maps. Timestamps are tag 1 (epoch seconds), blobs are byte strings, errors name their shape in
 * {@code __type}.
 */
public final class CborCodec {

    public static final String CONTENT_TYPE = "application/cbor";
    /** The header every request and answer of the protocol carries, and its value. */
    public static final String PROTOCOL_HEADER = "smithy-protocol";
    public static final String PROTOCOL_VALUE = "rpc-v2-cbor";

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final CBORMapper READER = new CBORMapper(FACTORY);
    /** The epoch-seconds tag of timestamps (RFC 8949, 3.4.2). */
    private static final int EPOCH_TAG = 1;

    private CborCodec() {
    }

    /**
     * The operation a request path names: {@code Op} of {@code /service/Svc/operation/Op}; {@code null}
     * when the path is not of that form.
     */
    public static String operation(String path) {
        if (path == null || !path.startsWith("/service/")) {
            return null;
        }
        int marker = path.indexOf("/operation/", "/service/".length());
        if (marker < 0) {
            return null;
        }
        String op = path.substring(marker + "/operation/".length());
        return op.isEmpty() || op.indexOf('/') >= 0 ? null : op;
    }

    /** Decodes a request body; an empty body is an empty input. What is not a CBOR map is a {@code SerializationException}. */
    public static Params decode(byte[] body) {
        if (body == null || body.length == 0) {
            return Params.empty();
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (IOException e) {
            throw new AwsException(CommonError.SERIALIZATION_EXCEPTION, "Could not parse request body as CBOR");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Params.empty();
        }
        if (!node.isObject()) {
            throw new AwsException(CommonError.SERIALIZATION_EXCEPTION, "Request body must be a CBOR map");
        }
        return new Params(node, Params.Origin.JSON);
    }

    /** An operation's output as a CBOR map ({@code null}: an empty map). */
    public static byte[] encode(Struct output) {
        return write(g -> {
            if (output == null) {
                g.writeStartObject();
                g.writeEndObject();
            } else {
                value(g, output);
            }
        });
    }

    /** An error's body: {@code __type}, {@code message} and the error's other members. */
    public static byte[] error(String type, String message, Map<String, String> details) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("__type", type);
            g.writeStringField("message", message);
            for (Map.Entry<String, String> d : details.entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(CBORGenerator generator) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void value(CBORGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Struct struct) {
            g.writeStartObject();
            for (int i = 0; i < struct.size(); i++) {
                g.writeFieldName(struct.name(i));
                value(g, struct.value(i));
            }
            g.writeEndObject();
        } else if (value instanceof ListValue list) {
            g.writeStartArray(list, list.items().size());
            for (Object item : list.items()) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof MapValue map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : map.entries().entrySet()) {
                g.writeFieldName(e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            number(g, d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i.longValue());
        } else if (value instanceof BigDecimal d) {
            // not CBOR's decimal fraction (tag 4): the protocol's doubles are IEEE 754
            if (d.scale() <= 0 && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
                g.writeNumber(d.longValue());
            } else {
                g.writeNumber(d.doubleValue());
            }
        } else if (value instanceof Instant instant) {
            g.writeTag(EPOCH_TAG);
            long millis = instant.toEpochMilli();
            if (millis % 1000 == 0) {
                g.writeNumber(millis / 1000);
            } else {
                g.writeNumber(millis / 1000.0);
            }
        } else if (value instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (value instanceof JsonNode node) {
            node(g, node);
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    /** A double in the fewest bytes that keep it exactly: CBOR's single precision when that loses nothing. */
    private static void number(CBORGenerator g, double d) throws IOException {
        float f = (float) d;
        if (f == d || Double.isNaN(d)) {
            g.writeNumber(f);
        } else {
            g.writeNumber(d);
        }
    }

    private static void node(CBORGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                g.writeFieldName(f.getKey());
                node(g, f.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray(node, node.size());
            for (JsonNode item : node) {
                node(g, item);
            }
            g.writeEndArray();
        } else if (node.isBinary()) {
            g.writeBinary(node.binaryValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isNumber()) {
            number(g, node.doubleValue());
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else {
            g.writeNull();
        }
    }
}
