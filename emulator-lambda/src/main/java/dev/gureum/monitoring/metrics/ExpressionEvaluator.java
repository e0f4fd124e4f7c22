package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * Metric math: evaluates a {@code GetMetricData} query's {@code Expression} over the other queries' results.
 * The metrics service calls it and knows nothing of the language.
 */
@FunctionalInterface
public interface ExpressionEvaluator {

    /**
     * @param id      the id of the expression's query
     * @param inputs  the results of the other queries by id (metric queries, and expressions evaluated before)
     * @param period  the expression's period in seconds (its own {@code Period}, else the shortest of its inputs')
     * @return the series of the expression
     * @throws MetricException with reason {@code VALIDATION} for an expression CloudWatch would refuse
     */
    TimeSeries evaluate(String id, String expression, Map<String, TimeSeries> inputs, Instant start, Instant end,
                        int period);

    /** Without metric math: every expression is refused, as CloudWatch refuses one it cannot parse. */
    ExpressionEvaluator UNSUPPORTED = (id, expression, inputs, start, end, period) -> {
        throw MetricException.validation("Error in expression " + id + ": Unsupported or malformed expression "
                + expression + ".");
    };
}
