package dev.gureum.monitoring.alarms;

import java.util.Objects;

/**
 * One entry of a metric-math alarm's {@code Metrics}: a metric statistic or an expression over the others.
 *
 * @param metricStat the metric queried, or {@code null} for an expression
 * @param expression the metric-math expression, or {@code null} for a metric
 * @param period the expression's period, or {@code null}
 */
public record AlarmQuery(String id, MetricStat metricStat, String expression, String label, boolean returnData,
                         Integer period, String accountId) {

    public AlarmQuery {
        Objects.requireNonNull(id, "id");
    }
}
