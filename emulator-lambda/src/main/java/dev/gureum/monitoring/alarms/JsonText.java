package dev.gureum.monitoring.alarms;

import java.util.Collection;
import java.util.Map;

/**
 * The JSON CloudWatch writes into strings (state reason data, history data, notifications), built in member
 * order. Values: strings, numbers, booleans, {@code null}, nested {@link JsonText}s, maps and collections.
 * The domain writes these few documents itself rather than depending on a JSON library.
 */
public final class JsonText {

    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    public static JsonText object() {
        return new JsonText();
    }

    /** Adds a member; a {@code null} value is written as {@code null}. */
    public JsonText put(String name, Object value) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(out, name);
        out.append(':');
        value(out, value);
        return this;
    }

    /** Adds a member unless {@code value} is {@code null}. */
    public JsonText putIfPresent(String name, Object value) {
        return value == null ? this : put(name, value);
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonText || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Raw r) {
            out.append(r.json());
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(number(((Number) value).doubleValue()));
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                value(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object item : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    /** JSON that is written as it is (a document stored as text, such as a state's reason data). */
    public record Raw(String json) {
    }

    /** A double as Java writes it ({@code 100.0}, {@code 1.5E10}), which is how CloudWatch's JSON shows numbers. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        return Double.toString(d);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
