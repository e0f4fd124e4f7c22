package dev.gureum.core.pattern;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A leaf of an event as a pattern compares it. Typed, because AWS compares strings with strings and
 * numbers with numbers: the string {@code "5"} does not match the number 5.
 */
sealed interface PatternValue {

    record Text(String value) implements PatternValue {
    }

    /** A number; {@link PatternDialect#number} brings it to the precision the dialect compares. */
    record Number(BigDecimal value) implements PatternValue {
    }

    record Bool(boolean value) implements PatternValue {
    }

    record Null() implements PatternValue {
    }

    Null NULL = new Null();

    default boolean isNull() {
        return this instanceof Null;
    }

    /** A plain Java leaf: a string, any {@link java.lang.Number}, a boolean or {@code null}. */
    static PatternValue of(Object plain) {
        if (plain == null) {
            return NULL;
        }
        if (plain instanceof String s) {
            return new Text(s);
        }
        if (plain instanceof Boolean b) {
            return new Bool(b);
        }
        if (plain instanceof BigDecimal d) {
            return new Number(d);
        }
        if (plain instanceof BigInteger i) {
            return new Number(new BigDecimal(i));
        }
        if (plain instanceof Long || plain instanceof Integer || plain instanceof Short || plain instanceof Byte) {
            return new Number(BigDecimal.valueOf(((java.lang.Number) plain).longValue()));
        }
        if (plain instanceof java.lang.Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new Number(BigDecimal.valueOf(d)) : new Text(n.toString());
        }
        return new Text(plain.toString());
    }
}
