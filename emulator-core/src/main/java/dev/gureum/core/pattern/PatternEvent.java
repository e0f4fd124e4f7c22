package dev.gureum.core.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gureum.core.json.Json;
import dev.gureum.core.spi.MessageAttribute;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as a pattern sees it: for each key path, the leaf values it holds. Nested keys are joined
 * with dots and arrays (of arrays) are looked through, so {@code {"a":{"b":[1,2]}}} holds 1 and 2
 * under {@code a.b}, as does {@code {"a.b":[1,2]}}. Built once, it can be matched against many
 * patterns.
 */
public final class PatternEvent {

    private static final PatternEvent EMPTY = new PatternEvent(Map.of());

    private final Map<String, List<PatternValue>> values;

    private PatternEvent(Map<String, List<PatternValue>> values) {
        this.values = values;
    }

    /**
     * An event given as plain Java values: maps with string keys, lists, strings, numbers, booleans
     * and {@code null}.
     */
    public static PatternEvent of(Map<String, ?> event) {
        Map<String, List<PatternValue>> values = new HashMap<>();
        flatten("", event, values);
        return new PatternEvent(values);
    }

    /** A JSON document; one that is not a JSON object has no keys. */
    public static PatternEvent ofJson(String json) {
        Object root;
        try {
            root = readJson(json);
        } catch (IllegalArgumentException e) {
            return EMPTY;
        }
        return root instanceof Map<?, ?> map ? of(stringKeys(map)) : EMPTY;
    }

    /**
     * Message attributes as SQS and SNS filter them: one value each, a {@code Number} as a number
     * (a string when it does not parse), a {@code String.Array} one value per element (objects in it
     * hold nothing), {@code Binary} ones not at all, as AWS ignores them.
     */
    public static PatternEvent ofMessageAttributes(Map<String, MessageAttribute> attributes) {
        Map<String, Object> event = new LinkedHashMap<>();
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            String type = a.dataType();
            if (type.startsWith("Binary") || a.stringValue() == null) {
                continue;
            }
            if (type.equals("String.Array")) {
                List<Object> elements = new ArrayList<>();
                try {
                    if (readJson(a.stringValue()) instanceof List<?> array) {
                        leaves(array, elements);
                    }
                } catch (IllegalArgumentException ex) {
                    // an attribute that is not a JSON array holds nothing a pattern can match
                }
                event.put(e.getKey(), elements);
            } else if (type.startsWith("Number")) {
                try {
                    event.put(e.getKey(), new BigDecimal(a.stringValue().trim()));
                } catch (NumberFormatException ex) {
                    event.put(e.getKey(), a.stringValue());
                }
            } else {
                event.put(e.getKey(), a.stringValue());
            }
        }
        return of(event);
    }

    /** JSON text as plain values (floating-point numbers as {@code BigDecimal}); IAE when it is not JSON. */
    private static Object readJson(String json) {
        try {
            return Json.decimals().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static void flatten(String path, Object node, Map<String, List<PatternValue>> values) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> f : map.entrySet()) {
                String key = path.isEmpty() ? String.valueOf(f.getKey()) : path + "." + f.getKey();
                // a key with an empty array or object is present, with nothing in it
                values.computeIfAbsent(key, k -> new ArrayList<>(1));
                flatten(key, f.getValue(), values);
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                flatten(path, element, values);
            }
        } else {
            values.computeIfAbsent(path, k -> new ArrayList<>(1)).add(PatternValue.of(node));
        }
    }

    private static void leaves(List<?> array, List<Object> into) {
        for (Object element : array) {
            if (element instanceof List<?> inner) {
                leaves(inner, into);
            } else if (!(element instanceof Map<?, ?>)) {
                into.add(element);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    /** The values under a key path; empty when the key is absent. */
    List<PatternValue> values(String path) {
        List<PatternValue> list = values.get(path);
        return list == null ? List.of() : list;
    }

    /** Whether the event has no keys. */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
