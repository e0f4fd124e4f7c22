package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.List;

/**
 * A {@code PutMetricData} entry as the client sent it, before validation: any member may be missing
 * ({@code null}); {@link MetricDataRules} checks it as CloudWatch does.
 */
public record MetricDataInput(String metricName, List<DimensionInput> dimensions, Instant timestamp, Double value,
                              StatisticsInput statisticValues, List<Double> values, List<Double> counts, String unit,
                              Integer storageResolution) {

    public record DimensionInput(String name, String value) {
    }

    public record StatisticsInput(Double sampleCount, Double sum, Double minimum, Double maximum) {
    }
}
