package dev.gureum.s3.select;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON input read one top-level value at a time (a {@code LINES} file's lines, or a {@code DOCUMENT}'s
 * values), as plain maps, lists and scalars; and values written back as JSON text.
 */
final class JsonRecords {

    private static final String PARSING_ERROR =
            "Encountered an error parsing the JSON file. Check the file and try again.";

    private final JsonParser parser;

    JsonRecords(InputStream in) {
        try {
            this.parser = Json.decimals().getFactory().createParser(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next top-level value, or {@code null} at the end. */
    Object next() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            JsonNode node = Json.decimals().readTree(parser);
            return plain(node);
        } catch (JsonProcessingException e) {
            throw new SelectException("JSONParsingError", PARSING_ERROR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), plain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    /** JSON text of a value computed by the query (timestamps as their text). */
    static String write(Object value) {
        return tree(value).toString();
    }

    static JsonNode tree(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (SqlValues.absent(value)) {
            return f.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            map.forEach((k, v) -> {
                if (v != SqlValues.MISSING) {
                    o.set(k.toString(), tree(v));
                }
            });
            return o;
        }
        if (value instanceof List<?> list) {
            var a = f.arrayNode();
            list.forEach(v -> a.add(tree(v)));
            return a;
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(SqlValues.text(value));
    }
}
