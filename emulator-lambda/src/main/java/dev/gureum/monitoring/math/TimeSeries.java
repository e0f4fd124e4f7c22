package dev.gureum.monitoring.math;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series of datapoints as metric math sees it: a label, timestamps in epoch seconds (strictly
 * ascending: one value per timestamp, as GetMetricData returns them) and one value per timestamp.
 * A timestamp without a datapoint is simply absent ("missing"); values are never NaN or infinite.
 * Immutable: the arrays are copied in and out.
 */
public final class TimeSeries {

    private static final long[] NO_TIMESTAMPS = {};
    private static final double[] NO_VALUES = {};

    private final String label;
    private final long[] timestamps;
    private final double[] values;

    private TimeSeries(String label, long[] timestamps, double[] values) {
        this.label = label;
        this.timestamps = timestamps;
        this.values = values;
    }

    /**
     * @param label      the series' label ({@code null} is taken as empty)
     * @param timestamps epoch seconds, strictly ascending
     * @param values     one finite value per timestamp
     */
    public static TimeSeries of(String label, long[] timestamps, double[] values) {
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(values, "values");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length: "
                    + timestamps.length + " and " + values.length);
        }
        for (int i = 0; i < timestamps.length; i++) {
            if (i > 0 && timestamps[i] <= timestamps[i - 1]) {
                throw new IllegalArgumentException("timestamps must be strictly ascending, " + timestamps[i]
                        + " follows " + timestamps[i - 1]);
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value at " + timestamps[i] + " is not a finite number");
            }
        }
        return new TimeSeries(label == null ? "" : label, timestamps.clone(), values.clone());
    }

    /** A series without datapoints. */
    public static TimeSeries empty(String label) {
        return new TimeSeries(label == null ? "" : label, NO_TIMESTAMPS, NO_VALUES);
    }

    /** Wraps arrays this package built itself (ascending, finite, never shared). */
    static TimeSeries owned(String label, long[] timestamps, double[] values) {
        return new TimeSeries(label, timestamps, values);
    }

    public String label() {
        return label;
    }

    /** How many datapoints the series has. */
    public int size() {
        return timestamps.length;
    }

    public boolean isEmpty() {
        return timestamps.length == 0;
    }

    /** The timestamp (epoch seconds) of the {@code i}-th datapoint. */
    public long timestamp(int i) {
        return timestamps[i];
    }

    /** The value of the {@code i}-th datapoint. */
    public double value(int i) {
        return values[i];
    }

    /** The timestamps in epoch seconds, ascending (a copy). */
    public long[] timestamps() {
        return timestamps.clone();
    }

    /** The values, in the order of {@link #timestamps()} (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The index of the datapoint at {@code epochSecond}, or a negative number when there is none. */
    public int indexOf(long epochSecond) {
        return Arrays.binarySearch(timestamps, epochSecond);
    }

    /** The same datapoints under another label. */
    public TimeSeries withLabel(String newLabel) {
        return new TimeSeries(newLabel == null ? "" : newLabel, timestamps, values);
    }

    long[] timestampsShared() {
        return timestamps;
    }

    double[] valuesShared() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries other && label.equals(other.label)
                && Arrays.equals(timestamps, other.timestamps) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, Arrays.hashCode(timestamps), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TimeSeries[").append(label).append(": ");
        for (int i = 0; i < timestamps.length; i++) {
            text.append(i == 0 ? "" : ", ").append(timestamps[i]).append('=').append(values[i]);
        }
        return text.append(']').toString();
    }
}
