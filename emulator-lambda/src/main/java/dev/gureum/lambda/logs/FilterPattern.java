package dev.gureum.lambda.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CloudWatch Logs' filter pattern for unstructured events, the common part of it: terms that must all
 * appear ({@code ERROR timeout}), quoted phrases ({@code "Task timed out"}), terms that must not
 * ({@code -DEBUG}), and {@code ?term ?other} for any one of several. Matching is case-sensitive, as
 * on AWS. An empty pattern matches everything.
 */
final class FilterPattern {

    private final List<String> required = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final List<String> anyOf = new ArrayList<>();

    FilterPattern(String pattern) {
        if (pattern == null) {
            return;
        }
        String text = pattern.trim();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char kind = c == '-' || c == '?' ? c : ' ';
            if (kind != ' ') {
                i++;
            }
            String term;
            if (i < text.length() && text.charAt(i) == '"') {
                int end = text.indexOf('"', i + 1);
                end = end < 0 ? text.length() : end;
                term = text.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (term.isEmpty()) {
                continue;
            }
            switch (kind) {
                case '-' -> excluded.add(term);
                case '?' -> anyOf.add(term);
                default -> required.add(term);
            }
        }
    }

    boolean matches(String message) {
        for (String t : required) {
            if (!message.contains(t)) {
                return false;
            }
        }
        for (String t : excluded) {
            if (message.contains(t)) {
                return false;
            }
        }
        if (!anyOf.isEmpty()) {
            for (String t : anyOf) {
                if (message.contains(t)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "required=%s excluded=%s anyOf=%s", required, excluded, anyOf);
    }
}
