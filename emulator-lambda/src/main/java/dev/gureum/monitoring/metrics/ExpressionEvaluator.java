package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Metric math: evaluates the {@code Expression} queries of a {@code GetMetricData} request over the results
 * of its metric queries. The metrics service calls it and knows nothing of the language.
 */
public interface ExpressionEvaluator {

    /** An expression query: its id, its text and its label ({@code null} when it has none). */
    record Expression(String id, String text, String label) {
    }

    /** The result of a metric query, with the query's period in seconds. */
    record Input(String id, TimeSeries series, int period) {
    }

    /** A warning of GetMetricData's {@code Messages}, such as {@code ArithmeticError}. */
    record Message(String code, String value) {
    }

    /**
     * The result of an expression: one series, or several for an expression over an array of series
     * ({@code METRICS()}), labelled as CloudWatch labels them.
     */
    record Evaluated(List<TimeSeries> series, List<Message> messages) {
        public Evaluated {
            series = List.copyOf(series);
            messages = List.copyOf(messages);
        }
    }

    /**
     * @param metrics     the metric queries' results, in request order
     * @param expressions the expression queries, in request order
     * @param period      the expressions' period in seconds
     * @return each expression's result by id
     * @throws MetricException with reason {@code VALIDATION} for an expression CloudWatch would refuse
     */
    Map<String, Evaluated> evaluate(List<Input> metrics, List<Expression> expressions, Instant start, Instant end,
                                    int period);
}
