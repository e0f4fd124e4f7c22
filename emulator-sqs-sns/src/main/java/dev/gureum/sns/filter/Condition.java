package dev.gureum.sns.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of a filter policy's value array. A key matches when any of its conditions matches the
 * values the message has under that key (none when the key is absent; several for arrays).
 */
sealed interface Condition {

    boolean matches(List<FilterValue> values, FilterInput message);

    /** An exact string, number, boolean or {@code null}. */
    record Exact(FilterValue expected) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            for (FilterValue v : values) {
                if (v.equals(expected)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Prefix(String prefix) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            for (FilterValue v : values) {
                if (v instanceof FilterValue.Text t && t.value().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Suffix(String suffix) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            for (FilterValue v : values) {
                if (v instanceof FilterValue.Text t && t.value().endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        }
    }

    record EqualsIgnoreCase(String expected) implements Condition {
        public EqualsIgnoreCase {
            expected = expected.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            for (FilterValue v : values) {
                if (v instanceof FilterValue.Text t && t.value().toLowerCase(Locale.ROOT).equals(expected)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code anything-but}: the key is present and none of its values is excluded (for an array,
     * no element may be one of the excluded values).
     */
    record AnythingBut(Set<FilterValue> excluded, String excludedPrefix) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            boolean present = false;
            for (FilterValue v : values) {
                if (v.isNull()) {
                    continue;
                }
                present = true;
                if (excluded.contains(v)
                        || excludedPrefix != null && v instanceof FilterValue.Text t && t.value().startsWith(excludedPrefix)) {
                    return false;
                }
            }
            return present;
        }
    }

    /** {@code numeric}: an equality, or a range open or closed at either end. */
    record Numeric(BigDecimal equalTo, BigDecimal lower, boolean lowerInclusive, BigDecimal upper,
                   boolean upperInclusive) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            for (FilterValue v : values) {
                if (v instanceof FilterValue.Number n && inRange(n.value())) {
                    return true;
                }
            }
            return false;
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
     * {@code exists}: {@code true} wants a non-null value; {@code false} wants the key absent, and
     * (as AWS documents) a message with no attributes at all matches neither.
     */
    record Exists(boolean exists) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            boolean present = false;
            for (FilterValue v : values) {
                if (!v.isNull()) {
                    present = true;
                    break;
                }
            }
            return exists ? present : !present && !message.isEmpty();
        }
    }

    record Cidr(CidrRange range) implements Condition {
        @Override
        public boolean matches(List<FilterValue> values, FilterInput message) {
            for (FilterValue v : values) {
                if (v instanceof FilterValue.Text t && range.contains(t.value())) {
                    return true;
                }
            }
            return false;
        }
    }
}
