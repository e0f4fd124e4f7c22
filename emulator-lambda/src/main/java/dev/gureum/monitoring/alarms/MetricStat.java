package dev.gureum.monitoring.alarms;

import java.util.List;
import java.util.Objects;

/**
 * A statistic of one metric over periods: what a single-metric alarm watches, and what a {@code MetricStat}
 * query of a metric-math alarm names.
 *
 * @param stat a statistic ({@code Average}, {@code Sum}, {@code SampleCount}, {@code Minimum}, {@code Maximum})
 *             or an extended one ({@code p99}, {@code tm90}...)
 * @param unit the unit asked for, or {@code null} for any
 */
public record MetricStat(String namespace, String metricName, List<Dimension> dimensions, int period, String stat,
                         String unit) {

    public MetricStat {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metricName, "metricName");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(stat, "stat");
    }

    /** A dimension of a metric, such as {@code QueueName=orders}. */
    public record Dimension(String name, String value) {
        public Dimension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
