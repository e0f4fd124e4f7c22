package dev.gureum.core.pattern;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of a pattern's value array. A key matches when any of its conditions matches the values
 * the event has under that key (none when the key is absent; several for arrays).
 */
sealed interface Condition {

    boolean matches(List<PatternValue> values, PatternEvent event, PatternDialect dialect);

    /** Whether one single value matches; the base of the per-value conditions. */
    default boolean accepts(PatternValue value, PatternDialect dialect) {
        return false;
    }

    /** A condition met when any one value is accepted. */
    sealed interface AnyValue extends Condition {
        @Override
        default boolean matches(List<PatternValue> values, PatternEvent event, PatternDialect dialect) {
            for (PatternValue v : values) {
                if (accepts(v, dialect)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An exact string, number, boolean or {@code null} (numbers already in the dialect's precision). */
    record Exact(PatternValue expected) implements AnyValue {
        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return dialect.value(value).equals(expected);
        }
    }

    record Prefix(String prefix, boolean ignoreCase) implements AnyValue {
        public Prefix {
            prefix = ignoreCase ? prefix.toLowerCase(Locale.ROOT) : prefix;
        }

        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return value instanceof PatternValue.Text t && fold(t.value(), ignoreCase).startsWith(prefix);
        }
    }

    record Suffix(String suffix, boolean ignoreCase) implements AnyValue {
        public Suffix {
            suffix = ignoreCase ? suffix.toLowerCase(Locale.ROOT) : suffix;
        }

        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return value instanceof PatternValue.Text t && fold(t.value(), ignoreCase).endsWith(suffix);
        }
    }

    record EqualsIgnoreCase(String expected) implements AnyValue {
        public EqualsIgnoreCase {
            expected = expected.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return value instanceof PatternValue.Text t && t.value().toLowerCase(Locale.ROOT).equals(expected);
        }
    }

    /** {@code wildcard}: {@code *} stands for any run of characters, everything else for itself. */
    record Wildcard(String pattern, java.util.regex.Pattern regex) implements AnyValue {
        static Wildcard of(String pattern) {
            StringBuilder regex = new StringBuilder();
            String[] parts = pattern.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*").append(java.util.regex.Pattern.quote(parts[i]));
            }
            return new Wildcard(pattern, java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL));
        }

        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return value instanceof PatternValue.Text t && regex.matcher(t.value()).matches();
        }
    }

    /**
     * {@code anything-but}: the key is present and its values are not excluded, either by being one
     * of the listed values or by matching the nested operator ({@code prefix} and, where the dialect
     * has them, others). On an array, SNS wants no element excluded, Lambda any element not excluded.
     */
    record AnythingBut(Set<PatternValue> excluded, AnyValue except) implements Condition {
        @Override
        public boolean matches(List<PatternValue> values, PatternEvent event, PatternDialect dialect) {
            boolean anyElement = dialect.has(PatternDialect.Feature.ANYTHING_BUT_ANY_ELEMENT);
            boolean present = false;
            for (PatternValue v : values) {
                if (v.isNull()) {
                    continue;
                }
                present = true;
                boolean out = excluded.contains(dialect.value(v)) || except != null && except.accepts(v, dialect);
                if (out != anyElement) {
                    // excluded (SNS: the whole key fails) or accepted (Lambda: the key matches)
                    return anyElement;
                }
            }
            return !anyElement && present;
        }
    }

    /** {@code numeric}: an equality, or a range open or closed at either end (bounds in the dialect's precision). */
    record Numeric(BigDecimal equalTo, BigDecimal lower, boolean lowerInclusive, BigDecimal upper,
                   boolean upperInclusive) implements AnyValue {
        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return value instanceof PatternValue.Number n && inRange(dialect.number(n.value()));
        }

        private boolean inRange(BigDecimal x) {
            if (equalTo != null) {
                return x.compareTo(equalTo) == 0;
            }
            if (lower != null) {
                int c = x.compareTo(lower);
                if (c < 0 || c == 0 && !lowerInclusive) {
                    return false;
                }
            }
            if (upper != null) {
                int c = x.compareTo(upper);
                return c < 0 || c == 0 && upperInclusive;
            }
            return true;
        }
    }

    /**
     * {@code exists}: {@code true} wants a non-null leaf value; {@code false} wants none, and (as AWS
     * documents for SNS) a message with no attributes at all matches neither.
     */
    record Exists(boolean exists) implements Condition {
        @Override
        public boolean matches(List<PatternValue> values, PatternEvent event, PatternDialect dialect) {
            boolean present = false;
            for (PatternValue v : values) {
                if (!v.isNull()) {
                    present = true;
                    break;
                }
            }
            return exists ? present
                    : !present && (!event.isEmpty() || dialect.has(PatternDialect.Feature.EXISTS_FALSE_ON_EMPTY_EVENT));
        }
    }

    record Cidr(CidrRange range) implements AnyValue {
        @Override
        public boolean accepts(PatternValue value, PatternDialect dialect) {
            return value instanceof PatternValue.Text t && range.contains(t.value());
        }
    }

    private static String fold(String text, boolean ignoreCase) {
        return ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    }
}
