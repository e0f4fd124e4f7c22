package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import org.junit.jupiter.api.Test;

import static dev.gureum.monitoring.math.MathFixture.T0;
import static dev.gureum.monitoring.math.MathFixture.evaluate;
import static dev.gureum.monitoring.math.MathFixture.grid;
import static dev.gureum.monitoring.math.MathFixture.number;
import static dev.gureum.monitoring.math.MathFixture.onGrid;
import static dev.gureum.monitoring.math.MathFixture.series;
import static dev.gureum.monitoring.math.MathFixture.single;
import static dev.gureum.monitoring.math.MathFixture.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** Every function, on m1 [30, 20, 0, 0, -], m2 [20, -, 20, -, 5], m3 [1, 2, 3, 4, 5]. */
class MetricMathFunctionsTest {

    @Test
    void absCeilFloorApplyToEachDatapoint() {
        assertThat(single("ABS(m1 - 25)")).isEqualTo(grid(5.0, 5.0, 25.0, 25.0, null));
        assertThat(single("CEIL(m3 / 2)")).isEqualTo(grid(1.0, 1.0, 2.0, 2.0, 3.0));
        assertThat(single("FLOOR(m3 / 2)")).isEqualTo(grid(0.0, 1.0, 1.0, 2.0, 2.0));
        assertThat(evaluate("ABS(-METRICS())", standard()).series()).extracting(MathFixture::onGrid)
                .containsExactly(grid(30.0, 20.0, 0.0, 0.0, null), grid(20.0, null, 20.0, null, 5.0),
                        grid(1.0, 2.0, 3.0, 4.0, 5.0));
        assertThat(number("ABS(-2) + CEIL(0.2) + FLOOR(1.8)")).isEqualTo(4.0);
    }

    @Test
    void logarithmsDropWhatHasNone() {
        assertThat(single("LOG10(m3 * 10)").get(0)).isEqualTo(1.0);
        assertThat(single("LOG(m3)").get(1)).isCloseTo(Math.log(2), within(1e-12));
        MathResult result = evaluate("LOG(m1)", standard());
        assertThat(onGrid(result.single())).isEqualTo(grid(Math.log(30), Math.log(20), null, null, null));
        assertThat(result.messages()).containsExactly(MathMessage.ARITHMETIC_ERROR);
    }

    @Test
    void statisticsOfASeriesAreNumbers() {
        assertThat(number("SUM(m1)")).isEqualTo(50.0);
        assertThat(number("AVG(m1)")).isEqualTo(12.5);
        assertThat(number("MIN(m2)")).isEqualTo(5.0);
        assertThat(number("MAX(m2)")).isEqualTo(20.0);
        assertThat(number("DATAPOINT_COUNT(m1)")).isEqualTo(4.0);
        assertThat(number("STDDEV(m3)")).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(single("m1 / MAX(m1)")).isEqualTo(grid(1.0, 20.0 / 30, 0.0, 0.0, null));
    }

    @Test
    void statisticsOfAnEmptySeriesLeaveNothingToDraw() {
        MathContext context = MathFixture.context().metric("m1", TimeSeries.empty("none")).build();
        assertThat(evaluate("TIME_SERIES(SUM(m1))", context).single().size()).isEqualTo(5);
        assertThat(evaluate("TIME_SERIES(DATAPOINT_COUNT(m1))", context).single().value(0)).isZero();
        MathResult average = evaluate("TIME_SERIES(AVG(m1))", context);
        assertThat(average.single().isEmpty()).isTrue();
        assertThat(average.messages()).containsExactly(MathMessage.ARITHMETIC_ERROR);
    }

    @Test
    void statisticsOfAnArrayAreSeriesAcrossItsSeries() {
        assertThat(single("SUM([m1, m2])")).isEqualTo(grid(50.0, 20.0, 20.0, 0.0, 5.0));
        // AVG counts a missing datapoint as 0
        assertThat(single("AVG([m1, m2])")).isEqualTo(grid(25.0, 10.0, 10.0, 0.0, 2.5));
        assertThat(single("MIN([m1, m2])")).isEqualTo(grid(20.0, 20.0, 0.0, 0.0, 5.0));
        assertThat(single("MAX([m1, m2])")).isEqualTo(grid(30.0, 20.0, 20.0, 0.0, 5.0));
        assertThat(single("DATAPOINT_COUNT([m1, m2])")).isEqualTo(grid(2.0, 1.0, 2.0, 1.0, 1.0));
        assertThat(single("STDDEV([m1, m2])")).isEqualTo(grid(5.0, 0.0, 10.0, 0.0, 0.0));
        assertThat(single("SUM(100 / [m2, m3])")).isEqualTo(grid(105.0, 50.0, 5.0 + 100.0 / 3, 25.0, 40.0));
        assertThat(single("SUM(METRICS())")).isEqualTo(grid(51.0, 22.0, 23.0, 4.0, 10.0));
        assertThat(single("MAX(METRICS(\"3\"))")).isEqualTo(grid(1.0, 2.0, 3.0, 4.0, 5.0));
        assertThat(evaluate("SUM(METRICS(\"nothing\"))", standard()).single().isEmpty()).isTrue();
    }

    @Test
    void statisticsRefuseANumber() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class, () -> evaluate("m1 + SUM(5)", standard()));
        assertThat(refused.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(refused).hasMessage(
                "Argument 1 of SUM must be a time series or an array of time series, not a number at position 10");
    }

    @Test
    void diffDiffTimeRateAndRunningSumFollowEachSeriesDatapoints() {
        assertThat(single("DIFF(m2)")).isEqualTo(grid(null, null, 0.0, null, -15.0));
        assertThat(single("DIFF_TIME(m2)")).isEqualTo(grid(null, null, 120.0, null, 120.0));
        assertThat(single("RATE(m2)")).isEqualTo(grid(null, null, 0.0, null, -0.125));
        assertThat(single("RATE(m3 * 60)")).isEqualTo(grid(null, 1.0, 1.0, 1.0, 1.0));
        assertThat(single("RUNNING_SUM(m2)")).isEqualTo(grid(20.0, null, 40.0, null, 45.0));
        assertThat(evaluate("RUNNING_SUM([m1, m3])", standard()).series()).extracting(MathFixture::onGrid)
                .containsExactly(grid(30.0, 50.0, 50.0, 50.0, null), grid(1.0, 3.0, 6.0, 10.0, 15.0));
        assertThat(evaluate("RATE(METRICS())", standard()).series()).hasSize(3);
    }

    @Test
    void fillGivesADatapointAtEveryPeriodOfTheWindow() {
        assertThat(single("FILL(m2, 0)")).isEqualTo(grid(20.0, 0.0, 20.0, 0.0, 5.0));
        assertThat(single("FILL(m1, 7)")).isEqualTo(grid(30.0, 20.0, 0.0, 0.0, 7.0));
        assertThat(single("FILL(m2, m3)")).isEqualTo(grid(20.0, 2.0, 20.0, 4.0, 5.0));
        assertThat(single("FILL(m2, MIN(m2))")).isEqualTo(grid(20.0, 5.0, 20.0, 5.0, 5.0));
        assertThat(single("FILL(m2, REPEAT)")).isEqualTo(grid(20.0, 20.0, 20.0, 20.0, 5.0));
        assertThat(single("FILL(m2, LINEAR)")).isEqualTo(grid(20.0, 20.0, 20.0, 12.5, 5.0));
        assertThat(evaluate("FILL(METRICS(), 0)", standard()).series()).extracting(MathFixture::onGrid)
                .containsExactly(grid(30.0, 20.0, 0.0, 0.0, 0.0), grid(20.0, 0.0, 20.0, 0.0, 5.0),
                        grid(1.0, 2.0, 3.0, 4.0, 5.0));
    }

    @Test
    void repeatAndLinearHaveNothingToFillTheEdgesWith() {
        MathContext context = MathFixture.context().metric("m1", series("m1", null, 4.0, null, 8.0, null)).build();
        assertThat(onGrid(evaluate("FILL(m1, REPEAT)", context).single())).isEqualTo(grid(null, 4.0, 4.0, 8.0, 8.0));
        assertThat(onGrid(evaluate("FILL(m1, LINEAR)", context).single())).isEqualTo(grid(null, 4.0, 6.0, 8.0, null));
        assertThat(onGrid(evaluate("FILL(m1, m1)", context).single())).isEqualTo(grid(null, 4.0, null, 8.0, null));
    }

    @Test
    void fillKeepsDatapointsOffTheGrid() {
        MathContext context = MathFixture.context()
                .metric("m1", TimeSeries.of("m1", new long[] {T0 + 30}, new double[] {9})).build();
        TimeSeries filled = evaluate("FILL(m1, 1)", context).single();
        assertThat(filled.timestamps()).containsExactly(T0, T0 + 30, T0 + 60, T0 + 120, T0 + 180, T0 + 240);
        assertThat(filled.values()).containsExactly(1, 9, 1, 1, 1, 1);
    }

    @Test
    void fillRefusesAnArrayAsFiller() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class,
                () -> evaluate("FILL(m1, METRICS())", standard()));
        assertThat(refused.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(refused).hasMessage("Argument 2 of FILL must be a number, a time series, REPEAT or LINEAR at position 10");
    }

    @Test
    void timeSeriesAndTheCalendarFunctionsCoverTheWholeWindow() {
        assertThat(single("TIME_SERIES(7)")).isEqualTo(grid(7.0, 7.0, 7.0, 7.0, 7.0));
        assertThat(single("TIME_SERIES(5 * AVG(m1))")).isEqualTo(grid(62.5, 62.5, 62.5, 62.5, 62.5));
        // T0 is Tuesday 2023-11-14T22:14:00Z
        assertThat(single("MINUTE(m1)")).isEqualTo(grid(14.0, 15.0, 16.0, 17.0, 18.0));
        assertThat(single("HOUR(m1)")).isEqualTo(grid(22.0, 22.0, 22.0, 22.0, 22.0));
        assertThat(single("DAY(m1)")).isEqualTo(grid(2.0, 2.0, 2.0, 2.0, 2.0));
        assertThat(single("DATE(m1)")).isEqualTo(grid(14.0, 14.0, 14.0, 14.0, 14.0));
        assertThat(single("MONTH(m1)")).isEqualTo(grid(11.0, 11.0, 11.0, 11.0, 11.0));
        assertThat(single("YEAR(m1)")).isEqualTo(grid(2023.0, 2023.0, 2023.0, 2023.0, 2023.0));
        assertThat(single("EPOCH(m1) - " + T0)).isEqualTo(grid(0.0, 60.0, 120.0, 180.0, 240.0));
        // the guide's "metrics only from weekdays"
        assertThat(single("IF(DAY(m1) < 6, m1)")).isEqualTo(grid(30.0, 20.0, 0.0, 0.0, 0.0));
        assertThat(evaluate("HOUR(METRICS())", standard()).series()).hasSize(3);
    }

    @Test
    void timeSeriesTakesANumber() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class, () -> evaluate("TIME_SERIES(m1)", standard()));
        assertThat(refused).hasMessage("Argument 1 of TIME_SERIES must be a number at position 13");
    }

    @Test
    void theWindowEndsBeforeItsEnd() {
        MathContext context = MathContext.builder(java.time.Instant.ofEpochSecond(T0),
                java.time.Instant.ofEpochSecond(T0 + 150), 60).build();
        assertThat(evaluate("TIME_SERIES(1)", context).single().timestamps()).containsExactly(T0, T0 + 60, T0 + 120);
        MathContext none = MathContext.builder(java.time.Instant.ofEpochSecond(T0), java.time.Instant.ofEpochSecond(T0), 60).build();
        assertThat(evaluate("TIME_SERIES(1)", none).single().isEmpty()).isTrue();
    }

    @Test
    void periodIsTheMetricsOwnPeriod() {
        MathContext context = MathFixture.context()
                .metric("m1", series("m1", 120.0), 300)
                .metric("m2", series("m2", 60.0))
                .expression("e1", MathResult.single(series("e1", 1.0)))
                .build();
        assertThat(onGrid(evaluate("m1 / PERIOD(m1)", context).single())).isEqualTo(grid(0.4));
        assertThat(onGrid(evaluate("m2 / PERIOD(m2)", context).single())).isEqualTo(grid(1.0));
        MetricMathException refused = catchThrowableOfType(MetricMathException.class, () -> evaluate("m1 / PERIOD(e1)", context));
        assertThat(refused).hasMessage("PERIOD takes the id of a metric, not of an expression at position 13");
        assertThat(catchThrowableOfType(MetricMathException.class, () -> evaluate("m1 / PERIOD(m9)", context)).reason())
                .isEqualTo(Reason.UNKNOWN_ID);
    }

    @Test
    void metricsReturnsTheMetricQueriesWhoseIdContainsTheFilterNotTheExpressions() {
        MathContext context = MathFixture.context()
                .metric("errors_a", series("A", 1.0))
                .metric("requests", series("R", 2.0))
                .metric("errors_b", series("B", 3.0))
                .expression("errors_sum", MathResult.single(series("S", 4.0)))
                .build();
        assertThat(evaluate("METRICS()", context).series()).extracting(TimeSeries::label).containsExactly("A", "R", "B");
        assertThat(evaluate("METRICS(\"errors\")", context).series()).extracting(TimeSeries::label).containsExactly("A", "B");
        assertThat(evaluate("METRICS(\"Errors\")", context).series()).isEmpty();
        assertThat(evaluate("METRICS(\"errors\")", context).isArray()).isTrue();
    }

    @Test
    void firstAndLastPickFromAnArray() {
        assertThat(evaluate("FIRST(METRICS())", standard()).single().label()).isEqualTo("M1");
        assertThat(evaluate("LAST(METRICS())", standard()).single().label()).isEqualTo("M3");
        assertThat(evaluate("LAST(m2)", standard()).single().label()).isEqualTo("M2");
        assertThat(evaluate("FIRST(METRICS(\"none\"))", standard()).single().isEmpty()).isTrue();
        // the guide's example: the top metric by average, 1 where above 10
        assertThat(single("IF(FIRST(SORT(METRICS(), AVG, DESC)) > 10, 1, 0)")).isEqualTo(grid(1.0, null, 1.0, null, 0.0));
    }

    @Test
    void sortOrdersByAStatisticAndMayLimit() {
        // AVG: m1 12.5, m2 15, m3 3; MAX: 30, 20, 5; SUM: 50, 45, 15
        assertThat(labels("SORT(METRICS(), AVG, DESC)")).containsExactly("M2", "M1", "M3");
        assertThat(labels("SORT(METRICS(), MAX, ASC)")).containsExactly("M3", "M2", "M1");
        assertThat(labels("SORT(METRICS(), SUM, DESC, 2)")).containsExactly("M1", "M2");
        assertThat(labels("SORT(METRICS(), MIN, ASC)")).containsExactly("M1", "M3", "M2");
        assertThat(labels("SORT(METRICS(), MIN, ASC, 0)")).isEmpty();
    }

    @Test
    void sortKeepsTheOrderOfEqualsAndPutsEmptySeriesLast() {
        MathContext context = MathFixture.context()
                .metric("a", TimeSeries.empty("empty"))
                .metric("b", series("b1", 1.0))
                .metric("c", series("c1", 1.0))
                .metric("d", series("d2", 2.0))
                .build();
        assertThat(evaluate("SORT(METRICS(), SUM, ASC)", context).series()).extracting(TimeSeries::label)
                .containsExactly("b1", "c1", "d2", "empty");
        assertThat(evaluate("SORT(METRICS(), SUM, DESC)", context).series()).extracting(TimeSeries::label)
                .containsExactly("d2", "b1", "c1", "empty");
        assertThat(evaluate("REMOVE_EMPTY(METRICS())", context).series()).extracting(TimeSeries::label)
                .containsExactly("b1", "c1", "d2");
    }

    @Test
    void sliceTakesAPartOfAnArray() {
        assertThat(labels("SLICE(SORT(METRICS(), SUM, DESC), 0, 1)")).containsExactly("M1");
        assertThat(labels("SLICE(SORT(METRICS(), AVG, ASC), 1)")).containsExactly("M1", "M2");
        assertThat(labels("SLICE(METRICS(), 1.7, 10)")).containsExactly("M2", "M3");
        assertThat(labels("SLICE(METRICS(), 2, 1)")).isEmpty();
        MetricMathException refused = catchThrowableOfType(MetricMathException.class, () -> evaluate("SLICE(METRICS(), m1)", standard()));
        assertThat(refused).hasMessage("Argument 2 of SLICE must be a number at position 18");
    }

    @Test
    void metricCountAndConcatWorkOnArrays() {
        assertThat(single("m1 / METRIC_COUNT(METRICS())")).isEqualTo(grid(10.0, 20.0 / 3, 0.0, 0.0, null));
        assertThat(labels("CONCAT(METRICS(\"1\"), [m2, m3], m1)")).containsExactly("M1", "M2", "M3", "M1");
    }

    private static java.util.List<String> labels(String expression) {
        return evaluate(expression, standard()).series().stream().map(TimeSeries::label).toList();
    }
}
