package dev.gureum.monitoring.metrics;

/**
 * The values of one metric that fell into one period of time: their sum, count, minimum and maximum, and a
 * {@link Sketch} for percentiles. A bucket loses its percentiles, as CloudWatch does, once it receives a
 * negative value or a statistic set that is not a single value repeated.
 */
public final class Bucket {

    double sum;
    double count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    /** {@code null} when empty, or when percentiles are not available. */
    Sketch sketch;
    boolean percentiles = true;

    public Bucket() {
    }

    /** A bucket as persisted. */
    public Bucket(double sum, double count, double min, double max, Sketch sketch, boolean percentiles) {
        this.sum = sum;
        this.count = count;
        this.min = min;
        this.max = max;
        this.sketch = sketch;
        this.percentiles = percentiles;
    }

    /** {@code count} occurrences of {@code value}. */
    void add(double value, double count) {
        sum += value * count;
        this.count += count;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (!percentiles) {
            return;
        }
        if (value < 0) {
            losePercentiles();
            return;
        }
        if (sketch == null) {
            sketch = new Sketch();
        }
        sketch.add(value, count);
    }

    /** A statistic set: percentiles survive only when it describes one value repeated. */
    void addStatistics(double sampleCount, double sum, double min, double max) {
        if (min == max && Math.abs(sum - min * sampleCount) <= 1e-9 * Math.max(1, Math.abs(sum))) {
            add(min, sampleCount);
            this.sum += sum - min * sampleCount;
            return;
        }
        this.sum += sum;
        this.count += sampleCount;
        this.min = Math.min(this.min, min);
        this.max = Math.max(this.max, max);
        losePercentiles();
    }

    void merge(Bucket other) {
        merge(other, true);
    }

    /** Merges {@code other} in; without {@code percentiles}, the sketches are left out (cheaper). */
    void merge(Bucket other, boolean percentiles) {
        sum += other.sum;
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (!other.percentiles) {
            losePercentiles();
        } else if (percentiles && this.percentiles && other.sketch != null) {
            if (sketch == null) {
                sketch = other.sketch.copy();
            } else {
                sketch.merge(other.sketch);
            }
        }
    }

    private void losePercentiles() {
        percentiles = false;
        sketch = null;
    }

    public Bucket copy() {
        return copy(true);
    }

    Bucket copy(boolean withSketch) {
        return new Bucket(sum, count, min, max, sketch == null || !withSketch ? null : sketch.copy(), percentiles);
    }

    public double sum() {
        return sum;
    }

    public double count() {
        return count;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double average() {
        return count == 0 ? 0 : sum / count;
    }

    public Sketch sketch() {
        return sketch;
    }

    public boolean percentilesAvailable() {
        return percentiles;
    }

    /** The percentile, clamped to the values' range; NaN when not available. */
    public double percentile(double percent) {
        if (!percentiles || sketch == null) {
            return Double.NaN;
        }
        double p = sketch.percentile(percent);
        return Double.isNaN(p) ? p : Math.max(min, Math.min(max, p));
    }
}
