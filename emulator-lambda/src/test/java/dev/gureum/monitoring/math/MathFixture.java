package dev.gureum.monitoring.math;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Series on a one-minute grid and a five-minute window, written as lists with gaps ({@code null}). */
final class MathFixture {

    /** 2023-11-14T22:14:00Z, a Tuesday. */
    static final long T0 = 1_700_000_040L;
    static final int PERIOD = 60;
    static final int POINTS = 5;

    private MathFixture() {
    }

    /** A series with the i-th value at {@code T0 + i * PERIOD}; {@code null} is a missing datapoint. */
    static TimeSeries series(String label, Double... values) {
        List<Long> timestamps = new ArrayList<>();
        List<Double> present = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                timestamps.add(T0 + (long) i * PERIOD);
                present.add(values[i]);
            }
        }
        return TimeSeries.of(label, timestamps.stream().mapToLong(Long::longValue).toArray(),
                present.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The values of a series on the grid, {@code null} where it has no datapoint. */
    static List<Double> onGrid(TimeSeries series) {
        Double[] grid = new Double[POINTS];
        for (int i = 0; i < series.size(); i++) {
            long offset = series.timestamp(i) - T0;
            if (offset % PERIOD != 0 || offset < 0 || offset / PERIOD >= POINTS) {
                throw new AssertionError("datapoint off the grid at " + series.timestamp(i));
            }
            grid[(int) (offset / PERIOD)] = series.value(i);
        }
        return Arrays.asList(grid);
    }

    static List<Double> grid(Double... values) {
        return Arrays.asList(Arrays.copyOf(values, POINTS));
    }

    static MathContext.Builder context() {
        return MathContext.builder(Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + POINTS * PERIOD), PERIOD);
    }

    /** m1 [30, 20, 0, 0, -], m2 [20, -, 20, -, 5], m3 [1, 2, 3, 4, 5]: labelled by their ids' upper case. */
    static MathContext standard() {
        return context()
                .metric("m1", series("M1", 30.0, 20.0, 0.0, 0.0, null))
                .metric("m2", series("M2", 20.0, null, 20.0, null, 5.0))
                .metric("m3", series("M3", 1.0, 2.0, 3.0, 4.0, 5.0))
                .build();
    }

    static MathResult evaluate(String expression, MathContext context) {
        return MetricMath.parse(expression).evaluate(context);
    }

    /** The single series an expression gives in the {@link #standard()} context, on the grid. */
    static List<Double> single(String expression) {
        return onGrid(evaluate(expression, standard()).single());
    }

    /** The value of a number-valued expression, read through TIME_SERIES. */
    static double number(String expression) {
        return evaluate("TIME_SERIES(" + expression + ")", standard()).single().value(0);
    }
}
