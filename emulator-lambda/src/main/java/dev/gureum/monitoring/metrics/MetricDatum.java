package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated entry of {@code PutMetricData}: either values (each with its count; a single {@code Value}
 * is one value counted once) or a statistic set.
 *
 * @param storageResolution 1 for a high-resolution metric, 60 otherwise
 */
public record MetricDatum(MetricId id, Instant timestamp, Unit unit, int storageResolution, double[] values,
                          double[] counts, StatisticSet statistics) {

    /** A {@code StatisticValues} member: what a client aggregated itself. */
    public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
    }

    public MetricDatum {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(unit, "unit");
        if (statistics == null) {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(counts, "counts");
        }
    }

    /** One value, counted once. */
    public static MetricDatum of(MetricId id, Instant timestamp, Unit unit, double value) {
        return new MetricDatum(id, timestamp, unit, 60, new double[] {value}, new double[] {1}, null);
    }
}
