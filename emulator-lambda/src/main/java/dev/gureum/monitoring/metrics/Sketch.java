package dev.gureum.monitoring.metrics;

import java.util.Arrays;

/**
 * The values of a bucket, kept compactly enough to answer percentiles: a histogram of logarithmic bins
 * whose width is 2% of their value, so a percentile read from it is within 1% of the true value (CloudWatch's
 * percentiles are approximations too). Non-negative values only: CloudWatch has no percentiles for a metric
 * with negative values. At most {@value #MAX_BINS} bins; beyond that the lowest are merged, so the memory
 * a bucket takes is bounded whatever it is sent. Up to {@value #MAX_EXACT} distinct values are also kept
 * exactly, so that the percentiles of a few values are those values (p99 of 1, 2 and 3 is 3).
 */
public final class Sketch {

    static final int MAX_BINS = 512;
    static final int MAX_EXACT = 32;
    private static final double ALPHA = 0.01;
    private static final double GAMMA = (1 + ALPHA) / (1 - ALPHA);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** Values this small count as zero. */
    private static final double MIN_POSITIVE = 1e-9;

    private double zeros;
    private int[] keys = new int[2];
    private double[] weights = new double[2];
    private int size;
    /** The distinct values, ascending, while there are few; {@code null} once there were more. */
    private double[] exact = new double[2];
    private double[] exactWeights = new double[2];
    private int exactSize;

    /** Adds {@code weight} occurrences of {@code value} (non-negative). */
    public void add(double value, double weight) {
        addExact(value, weight);
        if (value < MIN_POSITIVE) {
            zeros += weight;
            return;
        }
        addBin((int) Math.ceil(Math.log(value) / LOG_GAMMA), weight);
    }

    private void addExact(double value, double weight) {
        if (exact == null) {
            return;
        }
        int i = Arrays.binarySearch(exact, 0, exactSize, value);
        if (i >= 0) {
            exactWeights[i] += weight;
            return;
        }
        if (exactSize == MAX_EXACT) {
            exact = null;
            exactWeights = null;
            return;
        }
        i = -i - 1;
        if (exactSize == exact.length) {
            exact = Arrays.copyOf(exact, exactSize * 2);
            exactWeights = Arrays.copyOf(exactWeights, exactSize * 2);
        }
        System.arraycopy(exact, i, exact, i + 1, exactSize - i);
        System.arraycopy(exactWeights, i, exactWeights, i + 1, exactSize - i);
        exact[i] = value;
        exactWeights[i] = weight;
        exactSize++;
    }

    private void addBin(int key, double weight) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i >= 0) {
            weights[i] += weight;
            return;
        }
        i = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        System.arraycopy(keys, i, keys, i + 1, size - i);
        System.arraycopy(weights, i, weights, i + 1, size - i);
        keys[i] = key;
        weights[i] = weight;
        size++;
        if (size > MAX_BINS) {
            // the two lowest bins become one: precision goes where it matters least for high percentiles
            weights[1] += weights[0];
            System.arraycopy(keys, 1, keys, 0, size - 1);
            System.arraycopy(weights, 1, weights, 0, size - 1);
            size--;
        }
    }

    public void merge(Sketch other) {
        if (other.exact == null) {
            exact = null;
            exactWeights = null;
        } else {
            for (int i = 0; i < other.exactSize && exact != null; i++) {
                addExact(other.exact[i], other.exactWeights[i]);
            }
        }
        zeros += other.zeros;
        for (int i = 0; i < other.size; i++) {
            addBin(other.keys[i], other.weights[i]);
        }
    }

    public Sketch copy() {
        Sketch c = new Sketch();
        c.zeros = zeros;
        c.keys = Arrays.copyOf(keys, Math.max(2, size));
        c.weights = Arrays.copyOf(weights, Math.max(2, size));
        c.size = size;
        if (exact == null) {
            c.exact = null;
            c.exactWeights = null;
        } else {
            c.exact = Arrays.copyOf(exact, Math.max(2, exactSize));
            c.exactWeights = Arrays.copyOf(exactWeights, Math.max(2, exactSize));
            c.exactSize = exactSize;
        }
        return c;
    }

    /** The value below which {@code percent} % of the values fall (nearest rank), or NaN when empty. */
    public double percentile(double percent) {
        if (exact != null && exactSize > 0) {
            double total = 0;
            for (int i = 0; i < exactSize; i++) {
                total += exactWeights[i];
            }
            double rank = Math.max(1e-12, percent / 100.0 * total);
            double seen = 0;
            for (int i = 0; i < exactSize; i++) {
                seen += exactWeights[i];
                if (seen >= rank - 1e-9) {
                    return exact[i];
                }
            }
            return exact[exactSize - 1];
        }
        double total = zeros;
        for (int i = 0; i < size; i++) {
            total += weights[i];
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = Math.max(1e-12, percent / 100.0 * total);
        double seen = zeros;
        if (seen >= rank) {
            return 0;
        }
        for (int i = 0; i < size; i++) {
            seen += weights[i];
            if (seen >= rank - 1e-9) {
                return binValue(keys[i]);
            }
        }
        return binValue(keys[size - 1]);
    }

    private static double binValue(int key) {
        return 2 * Math.pow(GAMMA, key) / (GAMMA + 1);
    }

    // ---- the persisted form ------------------------------------------------------------------------

    public double zeros() {
        return zeros;
    }

    public int size() {
        return size;
    }

    public int key(int i) {
        return keys[i];
    }

    public double weight(int i) {
        return weights[i];
    }

    /** The distinct values kept exactly, ascending, or {@code null} once there were too many. */
    public double[] exactValues() {
        return exact == null ? null : Arrays.copyOf(exact, exactSize);
    }

    public double[] exactWeights() {
        return exact == null ? null : Arrays.copyOf(exactWeights, exactSize);
    }

    /** Rebuilds a sketch from its persisted bins (keys ascending) and exact values ({@code null}: too many). */
    public static Sketch of(double zeros, int[] keys, double[] weights, double[] exactValues, double[] exactWeights) {
        Sketch s = new Sketch();
        if (exactValues == null) {
            s.exact = null;
            s.exactWeights = null;
        } else {
            s.exact = Arrays.copyOf(exactValues, Math.max(2, exactValues.length));
            s.exactWeights = Arrays.copyOf(exactWeights, Math.max(2, exactValues.length));
            s.exactSize = exactValues.length;
        }
        s.zeros = zeros;
        s.keys = Arrays.copyOf(keys, Math.max(2, keys.length));
        s.weights = Arrays.copyOf(weights, Math.max(2, keys.length));
        s.size = keys.length;
        return s;
    }
}
