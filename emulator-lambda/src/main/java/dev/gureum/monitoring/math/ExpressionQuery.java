package dev.gureum.monitoring.math;

import java.util.Objects;

/**
 * An expression query of a request ({@code MetricDataQuery} with an {@code Expression}): its id, its
 * parsed expression and its label ({@code null} when the query has none).
 */
public record ExpressionQuery(String id, MetricMathExpression expression, String label) {

    public ExpressionQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expression, "expression");
    }
}
