package dev.gureum.sns.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.spi.MessageAttribute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A message as a filter policy sees it: for each key, the values it holds. Message attributes give
 * one value each ({@code String.Array} attributes one per element; {@code Binary} ones none, as AWS
 * ignores them). A JSON body is flattened: nested keys are joined with dots and arrays (of arrays) are
 * looked through, so {@code {"a":{"b":[1,2]}}} holds 1 and 2 under {@code a.b}, as does
 * {@code {"a.b":[1,2]}}.
 */
public final class FilterInput {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Map<String, List<FilterValue>> values;

    private FilterInput(Map<String, List<FilterValue>> values) {
        this.values = values;
    }

    public static FilterInput ofAttributes(Map<String, MessageAttribute> attributes) {
        Map<String, List<FilterValue>> values = new HashMap<>();
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            String type = a.dataType();
            if (type.startsWith("Binary") || a.stringValue() == null) {
                continue;
            }
            List<FilterValue> list = new ArrayList<>(1);
            if (type.equals("String.Array")) {
                try {
                    JsonNode array = JSON.readTree(a.stringValue());
                    if (array != null && array.isArray()) {
                        for (JsonNode element : array) {
                            addLeaves(element, list);
                        }
                    }
                } catch (JsonProcessingException ex) {
                    // an attribute that is not a JSON array holds nothing a policy can match
                }
            } else if (type.startsWith("Number")) {
                try {
                    list.add(FilterValue.Number.of(a.stringValue()));
                } catch (NumberFormatException ex) {
                    list.add(new FilterValue.Text(a.stringValue()));
                }
            } else {
                list.add(new FilterValue.Text(a.stringValue()));
            }
            values.put(e.getKey(), list);
        }
        return new FilterInput(values);
    }

    /** A message body; one that is not a JSON object has no keys. */
    public static FilterInput ofBody(String body) {
        Map<String, List<FilterValue>> values = new HashMap<>();
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                flatten("", root, values);
            }
        } catch (JsonProcessingException e) {
            // not JSON: no property can match
        }
        return new FilterInput(values);
    }

    private static void flatten(String path, JsonNode node, Map<String, List<FilterValue>> values) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                // a key with an empty array or object is present, with nothing in it
                values.computeIfAbsent(key, k -> new ArrayList<>(1));
                flatten(key, f.getValue(), values);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                flatten(path, element, values);
            }
        } else {
            values.computeIfAbsent(path, k -> new ArrayList<>(1)).add(leaf(node));
        }
    }

    private static void addLeaves(JsonNode node, List<FilterValue> into) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                addLeaves(element, into);
            }
        } else if (!node.isObject()) {
            into.add(leaf(node));
        }
    }

    private static FilterValue leaf(JsonNode node) {
        if (node.isNumber()) {
            return new FilterValue.Number(node.decimalValue());
        }
        if (node.isBoolean()) {
            return new FilterValue.Bool(node.booleanValue());
        }
        if (node.isNull()) {
            return FilterValue.NULL;
        }
        return new FilterValue.Text(node.asText());
    }

    /** The values under a key; empty when the key is absent. */
    public List<FilterValue> values(String key) {
        List<FilterValue> list = values.get(key);
        return list == null ? List.of() : list;
    }

    /** Whether the message has no attributes (or a body without properties). */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
