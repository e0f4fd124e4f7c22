package dev.gureum.monitoring.math;

import java.util.Arrays;

/**
 * Collects the datapoints of a result in ascending time. A value that is not a number (division by
 * zero, logarithm of 0...) is dropped, as CloudWatch drops it, and the evaluation is told so that the
 * result carries CloudWatch's {@code ArithmeticError} message.
 */
final class SeriesBuilder {

    private final Evaluation evaluation;
    private long[] timestamps;
    private double[] values;
    private int size;

    SeriesBuilder(Evaluation evaluation, int capacity) {
        this.evaluation = evaluation;
        this.timestamps = new long[Math.max(capacity, 4)];
        this.values = new double[timestamps.length];
    }

    void add(long timestamp, double value) {
        if (!Double.isFinite(value)) {
            evaluation.droppedNonNumeric();
            return;
        }
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        timestamps[size] = timestamp;
        values[size] = value;
        size++;
    }

    TimeSeries build(String label) {
        return TimeSeries.owned(label, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
    }

    /** The timestamps of both, ascending, each once. */
    static long[] union(long[] a, long[] b) {
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                next = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                next = b[j++];
            } else {
                next = a[i++];
                j++;
            }
            merged[n++] = next;
        }
        return n == merged.length ? merged : Arrays.copyOf(merged, n);
    }
}
