package dev.gureum.monitoring.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an expression evaluates to: one time series, or an array of them ({@code METRICS()}, and
 * functions mapped over arrays), with the warnings of the evaluation. An array may hold one series or
 * none; it stays an array (an alarm can only watch a single time series).
 */
public final class MathResult {

    private final boolean array;
    private final List<TimeSeries> series;
    private final List<MathMessage> messages;

    private MathResult(boolean array, List<TimeSeries> series, List<MathMessage> messages) {
        this.array = array;
        this.series = List.copyOf(series);
        this.messages = List.copyOf(messages);
    }

    /** A single time series, as a metric query gives it. */
    public static MathResult single(TimeSeries series) {
        return new MathResult(false, List.of(Objects.requireNonNull(series, "series")), List.of());
    }

    /** An array of time series. */
    public static MathResult array(List<TimeSeries> series) {
        return new MathResult(true, series, List.of());
    }

    MathResult withMessages(List<MathMessage> newMessages) {
        return new MathResult(array, series, newMessages);
    }

    /** Whether the result is an array of time series rather than a single one. */
    public boolean isArray() {
        return array;
    }

    /** The series of the result: one for a single time series, any number for an array. */
    public List<TimeSeries> series() {
        return series;
    }

    /**
     * The single time series of the result.
     *
     * @throws IllegalStateException if the result is an array
     */
    public TimeSeries single() {
        if (array) {
            throw new IllegalStateException("the result is an array of " + series.size() + " time series");
        }
        return series.get(0);
    }

    /** Warnings for GetMetricData's {@code Messages} of this result (each at most once). */
    public List<MathMessage> messages() {
        return messages;
    }

    /**
     * The series labelled as CloudWatch labels the results of the query with this id and label: a
     * single time series takes the query's label, or its id when the query has none; each series of
     * an array keeps its own label (that of its metric), after the query's label and a space when the
     * query has one ("Filled With 0: Errors" for {@code FILL(METRICS(), 0)} labelled "Filled With 0:").
     */
    public List<TimeSeries> labelled(String queryId, String queryLabel) {
        boolean hasLabel = queryLabel != null && !queryLabel.isEmpty();
        if (!array) {
            return List.of(series.get(0).withLabel(hasLabel ? queryLabel : queryId));
        }
        if (!hasLabel) {
            return series;
        }
        List<TimeSeries> labelled = new ArrayList<>(series.size());
        for (TimeSeries each : series) {
            labelled.add(each.withLabel(each.label().isEmpty() ? queryLabel : queryLabel + " " + each.label()));
        }
        return List.copyOf(labelled);
    }

    /** This result with {@link #labelled} labels, as other expressions see it by the query's id. */
    public MathResult relabelled(String queryId, String queryLabel) {
        return new MathResult(array, labelled(queryId, queryLabel), messages);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MathResult other && array == other.array && series.equals(other.series)
                && messages.equals(other.messages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(array, series, messages);
    }

    @Override
    public String toString() {
        return (array ? "array " : "single ") + series + (messages.isEmpty() ? "" : " " + messages);
    }
}
