package dev.gureum.monitoring.metrics;

import java.time.Instant;
import java.util.Arrays;

/**
 * The result of one {@code GetMetricData} query: values by timestamp (epoch seconds), ascending. Arrays,
 * not lists: a day of one-minute data for a hundred metrics is 144,000 values, answered in milliseconds.
 */
public record TimeSeries(String label, long[] epochSeconds, double[] values) {

    public TimeSeries {
        if (epochSeconds.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in size");
        }
    }

    public int size() {
        return values.length;
    }

    public Instant timestamp(int i) {
        return Instant.ofEpochSecond(epochSeconds[i]);
    }

    public TimeSeries withLabel(String newLabel) {
        return new TimeSeries(newLabel, epochSeconds, values);
    }

    /** Collects a series point by point, ascending. */
    static final class Builder {
        private long[] seconds;
        private double[] values;
        private int size;

        Builder(int expected) {
            int capacity = Math.max(4, Math.min(expected, 1 << 16));
            seconds = new long[capacity];
            values = new double[capacity];
        }

        void add(long epochSecond, double value) {
            if (size == values.length) {
                seconds = Arrays.copyOf(seconds, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            seconds[size] = epochSecond;
            values[size++] = value;
        }

        TimeSeries build(String label) {
            return new TimeSeries(label, Arrays.copyOf(seconds, size), Arrays.copyOf(values, size));
        }
    }
}
