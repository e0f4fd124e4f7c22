package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.List;

/** The result of one {@code GetMetricData} query: values by timestamp, ascending. */
public record TimeSeries(String label, List<Instant> timestamps, List<Double> values) {

    public TimeSeries {
        timestamps = List.copyOf(timestamps);
        values = List.copyOf(values);
        if (timestamps.size() != values.size()) {
            throw new IllegalArgumentException("timestamps and values differ in size");
        }
    }
}
