package dev.gureum.autoscaling.domain;

import java.util.Map;

/** The JSON of Auto Scaling's messages, written by hand: flat objects of strings, numbers and nested objects. */
final class JsonText {

    private JsonText() {
    }

    static String object(Map<String, ?> members) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> e : members.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(string(e.getKey())).append(':');
            Object v = e.getValue();
            if (v == null) {
                out.append("null");
            } else if (v instanceof Number) {
                out.append(v);
            } else if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) m;
                out.append(object(nested));
            } else if (v instanceof Raw raw) {
                out.append(raw.json());
            } else {
                out.append(string(v.toString()));
            }
        }
        return out.append('}').toString();
    }

    /** JSON already written. */
    record Raw(String json) {
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
