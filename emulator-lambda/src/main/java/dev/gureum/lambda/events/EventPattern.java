package dev.gureum.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.pattern.PatternDialect;
import dev.gureum.core.pattern.PatternEvent;
import dev.gureum.core.pattern.PatternException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pattern of {@code FilterCriteria}: the core's event pattern in Lambda's dialect, matched against
 * the JSON records an event source mapping builds. Lambda answers one message for any pattern it
 * refuses.
 */
public final class EventPattern {

    private final dev.gureum.core.pattern.EventPattern pattern;

    private EventPattern(dev.gureum.core.pattern.EventPattern pattern) {
        this.pattern = pattern;
    }

    /** Parses a pattern; {@link IllegalArgumentException} when it is not one. */
    public static EventPattern parse(String text) {
        try {
            return new EventPattern(dev.gureum.core.pattern.EventPattern.parse(text,
                    PatternDialect.LAMBDA_FILTER_CRITERIA));
        } catch (PatternException e) {
            throw new IllegalArgumentException("Invalid filter pattern definition.", e);
        }
    }

    public boolean matches(JsonNode event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event != null && event.isObject()) {
            event.properties().forEach(f -> fields.put(f.getKey(), plain(f.getValue())));
        }
        return pattern.matches(PatternEvent.of(fields));
    }

    /** A JSON node as the plain values the core matches: maps, lists, strings, decimals, booleans, null. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(f -> map.put(f.getKey(), plain(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
