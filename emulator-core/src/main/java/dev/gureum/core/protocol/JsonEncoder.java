package dev.gureum.core.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gureum.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Turns a {@link Struct} into the JSON the json and rest-json protocols send. */
public final class JsonEncoder {

    /** The mapper the protocols write JSON with: {@link Json#mapper()}. */
    public static final ObjectMapper MAPPER = Json.mapper();

    private JsonEncoder() {
    }

    public static ObjectNode toJson(Struct struct) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < struct.size(); i++) {
            object.set(struct.name(i), value(struct.value(i)));
        }
        return object;
    }

    /** The JSON of the struct, written as it is walked: no tree of nodes in between. */
    public static byte[] bytes(Struct struct) {
        Collected out = new Collected();
        try (JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            write(generator, struct);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.bytes();
    }

    /**
     * What the generator writes, kept as one array. The generator fills its own (recycled) buffer and
     * hands it over when it is full or closed, so an answer of up to a few kilobytes arrives in one
     * write, copied once into an array of its size, which is the result: no growing and no final copy.
     * A longer one grows by doubling and is cut to size at the end.
     */
    private static final class Collected extends java.io.OutputStream {

        private byte[] bytes = new byte[0];
        private int count;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (count + len > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, count == 0 ? len : Math.max(count + len, bytes.length * 2));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        byte[] bytes() {
            return count == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, count);
        }
    }

    /** Writes what {@link #value} would make of the value, the common kinds directly. */
    private static void write(JsonGenerator g, Object value) throws java.io.IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Struct struct) {
            g.writeStartObject();
            for (int i = 0; i < struct.size(); i++) {
                g.writeFieldName(struct.name(i));
                write(g, struct.value(i));
            }
            g.writeEndObject();
        } else if (value instanceof ListValue list) {
            g.writeStartArray();
            for (Object item : list.items()) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof MapValue map) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : map.entries().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value == null) {
            g.writeNull();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else {
            MAPPER.writeTree(g, value(value));
        }
    }

    static JsonNode value(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Struct struct) {
            return toJson(struct);
        }
        if (value instanceof ListValue list) {
            ArrayNode array = f.arrayNode();
            list.items().forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof MapValue map) {
            ObjectNode object = f.objectNode();
            map.entries().forEach((k, v) -> object.set(k, value(v)));
            return object;
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Float d) {
            return f.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        if (value instanceof BigInteger d) {
            return f.numberNode(d);
        }
        if (value instanceof Instant instant) {
            return f.numberNode(Values.epochSeconds(instant));
        }
        if (value instanceof byte[] bytes) {
            return f.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode array = f.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        return f.textNode(String.valueOf(value));
    }
}
