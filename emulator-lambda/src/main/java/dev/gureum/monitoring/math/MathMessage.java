package dev.gureum.monitoring.math;

import java.util.Objects;

/**
 * A warning that comes with a result, as GetMetricData returns it in a {@code MetricDataResult}'s
 * {@code Messages}: a code and a text.
 */
public record MathMessage(String code, String value) {

    /** Datapoints whose result was not a number (a division by zero, the logarithm of 0) were left out. */
    public static final MathMessage ARITHMETIC_ERROR = new MathMessage("ArithmeticError",
            "One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)");

    public MathMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
    }
}
