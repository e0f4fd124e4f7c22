package dev.gureum.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event filtering pattern, the language of {@code FilterCriteria}: keys select fields, arrays list
 * accepted values or matchers ({@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but}, {@code numeric}, {@code exists}, {@code wildcard}). All keys must match; any
 * element of an array may.
 */
public final class EventPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    /** Parses a pattern; {@link IllegalArgumentException} when it is not one. */
    public static EventPattern parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid filter pattern definition.");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Invalid filter pattern definition.");
        }
        check(node);
        return new EventPattern(node);
    }

    private static void check(JsonNode node) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isObject()) {
                check(value);
            } else if (!value.isArray()) {
                throw new IllegalArgumentException("Invalid filter pattern definition.");
            }
        }
    }

    public boolean matches(JsonNode event) {
        return matchesObject(pattern, event);
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Map.Entry<String, JsonNode> f : pattern.properties()) {
            JsonNode value = event == null || !event.isObject() ? null : event.get(f.getKey());
            JsonNode p = f.getValue();
            if (p.isObject()) {
                if (!matchesObject(p, value)) {
                    return false;
                }
            } else if (!matchesAny(p, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(JsonNode matchers, JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(candidates::add);
        } else if (value != null) {
            candidates.add(value);
        }
        for (JsonNode m : matchers) {
            if (m.isObject() && m.has("exists")) {
                if (m.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            if (m.isObject() && m.has("anything-but") && value == null) {
                continue;
            }
            for (JsonNode candidate : candidates) {
                if (matchesOne(m, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode m, JsonNode v) {
        if (!m.isObject()) {
            return equal(m, v);
        }
        if (m.has("prefix")) {
            JsonNode p = m.get("prefix");
            if (p.isObject() && p.has("equals-ignore-case")) {
                return v.isTextual() && v.asText().toLowerCase(Locale.ROOT)
                        .startsWith(p.get("equals-ignore-case").asText().toLowerCase(Locale.ROOT));
            }
            return v.isTextual() && v.asText().startsWith(p.asText());
        }
        if (m.has("suffix")) {
            JsonNode s = m.get("suffix");
            if (s.isObject() && s.has("equals-ignore-case")) {
                return v.isTextual() && v.asText().toLowerCase(Locale.ROOT)
                        .endsWith(s.get("equals-ignore-case").asText().toLowerCase(Locale.ROOT));
            }
            return v.isTextual() && v.asText().endsWith(s.asText());
        }
        if (m.has("equals-ignore-case")) {
            return v.isTextual() && v.asText().equalsIgnoreCase(m.get("equals-ignore-case").asText());
        }
        if (m.has("wildcard")) {
            return v.isTextual() && wildcard(m.get("wildcard").asText(), v.asText());
        }
        if (m.has("numeric")) {
            return v.isNumber() && numeric(m.get("numeric"), v.asDouble());
        }
        if (m.has("anything-but")) {
            JsonNode but = m.get("anything-but");
            if (but.isArray()) {
                for (JsonNode b : but) {
                    if (equal(b, v)) {
                        return false;
                    }
                }
                return true;
            }
            if (but.isObject()) {
                return !matchesOne(but, v);
            }
            return !equal(but, v);
        }
        return false;
    }

    private static boolean equal(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.asDouble() == actual.asDouble();
        }
        if (expected.isNull()) {
            return actual.isNull();
        }
        if (expected.isBoolean()) {
            return actual.isBoolean() && expected.asBoolean() == actual.asBoolean();
        }
        return actual.isTextual() && expected.isTextual() && expected.asText().equals(actual.asText());
    }

    private static boolean numeric(JsonNode conditions, double value) {
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            String op = conditions.get(i).asText();
            double bound = conditions.get(i + 1).asDouble();
            boolean ok = switch (op) {
                case "=" -> value == bound;
                case "<" -> value < bound;
                case "<=" -> value <= bound;
                case ">" -> value > bound;
                case ">=" -> value >= bound;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean wildcard(String pattern, String text) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return text.matches(regex.toString());
    }
}
