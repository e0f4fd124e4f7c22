package dev.gureum.sns.filter;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A value a filter policy is compared with: a message attribute's value, an element of a
 * {@code String.Array} attribute, or a leaf of a JSON message body. Typed, because AWS compares
 * strings with strings and numbers with numbers: the string {@code "5"} does not match the number 5.
 */
public sealed interface FilterValue {

    record Text(String value) implements FilterValue {
    }

    /** A number, kept to the five decimal places AWS compares with. */
    record Number(BigDecimal value) implements FilterValue {
        public Number {
            value = value.setScale(5, RoundingMode.HALF_UP);
        }

        public static Number of(String text) {
            return new Number(new BigDecimal(text.trim()));
        }
    }

    record Bool(boolean value) implements FilterValue {
    }

    record Null() implements FilterValue {
    }

    Null NULL = new Null();

    default boolean isNull() {
        return this instanceof Null;
    }
}
