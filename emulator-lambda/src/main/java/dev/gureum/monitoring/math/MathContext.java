package dev.gureum.monitoring.math;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an expression is evaluated against: the query window and period, and the results of the
 * other queries of the request by id: metric queries ({@code MetricStat}, in request order: what
 * {@code METRICS()} returns) and expressions evaluated before. Immutable; {@link #withExpression}
 * gives a context that also knows one more expression's result.
 *
 * <p>The window is {@code [start, end)}; the datapoints of a non-sparse series ({@code FILL},
 * {@code TIME_SERIES}, {@code MINUTE}...) are at {@code start}, {@code start + period}, ... before
 * {@code end}, so {@code start} should be aligned as the metric queries' datapoints are.
 */
public final class MathContext {

    private final long start;
    private final long end;
    private final int periodSeconds;
    private final Map<String, MathResult> queries;
    private final List<String> metricIds;
    private final Map<String, Integer> metricPeriods;

    private MathContext(Builder builder, Map<String, MathResult> queries) {
        this.start = builder.start;
        this.end = builder.end;
        this.periodSeconds = builder.periodSeconds;
        this.queries = queries;
        this.metricIds = List.copyOf(builder.metricIds);
        this.metricPeriods = Map.copyOf(builder.metricPeriods);
    }

    /**
     * @param start         the first timestamp of the window (inclusive)
     * @param end           the end of the window (exclusive)
     * @param periodSeconds the period of the expression's datapoints, in seconds
     */
    public static Builder builder(Instant start, Instant end, int periodSeconds) {
        return new Builder(start, end, periodSeconds);
    }

    /** A context that also knows the result of the expression query with this id (as given, not relabelled). */
    public MathContext withExpression(String id, MathResult result) {
        Objects.requireNonNull(result, "result");
        Builder copy = new Builder(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end), periodSeconds);
        copy.metricIds.addAll(metricIds);
        copy.metricPeriods.putAll(metricPeriods);
        Map<String, MathResult> more = new LinkedHashMap<>(queries);
        more.put(id, result);
        return new MathContext(copy, Collections.unmodifiableMap(more));
    }

    /** The first timestamp of the window, epoch seconds. */
    public long startEpochSecond() {
        return start;
    }

    /** The end of the window (exclusive), epoch seconds. */
    public long endEpochSecond() {
        return end;
    }

    public int periodSeconds() {
        return periodSeconds;
    }

    /** The result of the query with this id, metric or expression. */
    public Optional<MathResult> query(String id) {
        return Optional.ofNullable(queries.get(id));
    }

    /** The ids of the metric queries, in request order. */
    public List<String> metricIds() {
        return metricIds;
    }

    /** The period of the metric query with this id, if it is a metric query. */
    public OptionalInt metricPeriod(String id) {
        Integer period = metricPeriods.get(id);
        return period == null ? OptionalInt.empty() : OptionalInt.of(period);
    }

    /** The timestamps of the window's non-sparse series. */
    long[] grid() {
        if (end <= start) {
            return new long[0];
        }
        long count = (end - start + periodSeconds - 1) / periodSeconds;
        long[] grid = new long[(int) Math.min(count, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = start + (long) i * periodSeconds;
        }
        return grid;
    }

    /** Builds a {@link MathContext}. */
    public static final class Builder {
        private final long start;
        private final long end;
        private final int periodSeconds;
        private final Map<String, MathResult> queries = new LinkedHashMap<>();
        private final List<String> metricIds = new ArrayList<>();
        private final Map<String, Integer> metricPeriods = new LinkedHashMap<>();

        private Builder(Instant start, Instant end, int periodSeconds) {
            if (periodSeconds <= 0) {
                throw new IllegalArgumentException("period must be positive: " + periodSeconds);
            }
            this.start = start.getEpochSecond();
            this.end = end.getEpochSecond();
            this.periodSeconds = periodSeconds;
        }

        /** A metric query's series, with the context's period. */
        public Builder metric(String id, TimeSeries series) {
            return metric(id, series, periodSeconds);
        }

        /** A metric query's series and its own period (what {@code PERIOD(id)} returns). */
        public Builder metric(String id, TimeSeries series, int period) {
            Objects.requireNonNull(id, "id");
            if (period <= 0) {
                throw new IllegalArgumentException("period must be positive: " + period);
            }
            if (queries.putIfAbsent(id, MathResult.single(series)) != null) {
                throw new IllegalArgumentException("two queries have the id " + id);
            }
            metricIds.add(id);
            metricPeriods.put(id, period);
            return this;
        }

        /** The result of an expression query evaluated before (as given, not relabelled). */
        public Builder expression(String id, MathResult result) {
            Objects.requireNonNull(id, "id");
            if (queries.putIfAbsent(id, Objects.requireNonNull(result, "result")) != null) {
                throw new IllegalArgumentException("two queries have the id " + id);
            }
            return this;
        }

        public MathContext build() {
            return new MathContext(this, Collections.unmodifiableMap(new LinkedHashMap<>(queries)));
        }
    }
}
