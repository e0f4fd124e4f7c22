package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gureum.monitoring.math.MathFixture.evaluate;
import static dev.gureum.monitoring.math.MathFixture.grid;
import static dev.gureum.monitoring.math.MathFixture.onGrid;
import static dev.gureum.monitoring.math.MathFixture.series;
import static dev.gureum.monitoring.math.MathFixture.single;
import static dev.gureum.monitoring.math.MathFixture.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** m1 [30, 20, 0, 0, -], m2 [20, -, 20, -, 5], m3 [1, 2, 3, 4, 5]. */
class MetricMathAlignmentTest {

    @Test
    void aNumberAppliesToEachDatapointAndKeepsTheGaps() {
        assertThat(single("m1 * 2")).isEqualTo(grid(60.0, 40.0, 0.0, 0.0, null));
        assertThat(single("100 - m2")).isEqualTo(grid(80.0, null, 80.0, null, 95.0));
        assertThat(single("m3 ^ 2")).isEqualTo(grid(1.0, 4.0, 9.0, 16.0, 25.0));
        assertThat(single("-m2")).isEqualTo(grid(-20.0, null, -20.0, null, -5.0));
        assertThat(single("m3 / 2")).isEqualTo(grid(0.5, 1.0, 1.5, 2.0, 2.5));
    }

    @Test
    void twoSeriesCombineAtEveryTimestampEitherHasAMissingValueCountingAsZero() {
        assertThat(single("m1 + m2")).isEqualTo(grid(50.0, 20.0, 20.0, 0.0, 5.0));
        assertThat(single("m2 - m1")).isEqualTo(grid(-10.0, -20.0, 20.0, 0.0, 5.0));
        assertThat(single("m1 * m2")).isEqualTo(grid(600.0, 0.0, 0.0, 0.0, 0.0));
    }

    @Test
    void aDivisionByZeroDropsTheDatapointAndTheResultSaysSo() {
        MathResult result = evaluate("m2 / m1", standard());
        // 20/30; 0/20 = 0; 20/0 dropped; 0/0 dropped; 5/0 dropped
        assertThat(onGrid(result.single())).isEqualTo(grid(20.0 / 30, 0.0, null, null, null));
        assertThat(result.messages()).containsExactly(MathMessage.ARITHMETIC_ERROR);
        assertThat(MathMessage.ARITHMETIC_ERROR.code()).isEqualTo("ArithmeticError");
        assertThat(MathMessage.ARITHMETIC_ERROR.value())
                .isEqualTo("One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)");

        assertThat(evaluate("m3 / 0", standard()).single().isEmpty()).isTrue();
        assertThat(evaluate("m3 / 2", standard()).messages()).isEmpty();
    }

    @Test
    void comparisonsGiveOneOrZeroAsTheGuidesExampleShows() {
        // the guide's metric1 [30, 20, 0, 0] and metric2 [20, -, 20, -]
        assertThat(single("m1 < m2")).isEqualTo(grid(0.0, 0.0, 1.0, 0.0, 1.0));
        assertThat(single("m1 >= 30")).isEqualTo(grid(1.0, 0.0, 0.0, 0.0, null));
        assertThat(single("m1 > 15 AND m2 > 15")).isEqualTo(grid(1.0, 0.0, 0.0, 0.0, 0.0));
        assertThat(single("m1 > 15 OR m2 > 15")).isEqualTo(grid(1.0, 1.0, 1.0, 0.0, 0.0));
        assertThat(single("m1 == 0")).isEqualTo(grid(0.0, 0.0, 1.0, 1.0, null));
        assertThat(single("m1 != 0")).isEqualTo(grid(1.0, 1.0, 0.0, 0.0, null));
        assertThat(single("m1 <= 20")).isEqualTo(grid(0.0, 1.0, 1.0, 1.0, null));
        assertThat(single("NOT m1")).isEqualTo(grid(0.0, 0.0, 1.0, 1.0, null));
    }

    @Test
    void anArrayAppliesTheOperatorToEachOfItsSeriesKeepingTheirLabels() {
        MathResult result = evaluate("METRICS() / 10", standard());
        assertThat(result.isArray()).isTrue();
        assertThat(result.series()).extracting(TimeSeries::label).containsExactly("M1", "M2", "M3");
        assertThat(onGrid(result.series().get(0))).isEqualTo(grid(3.0, 2.0, 0.0, 0.0, null));

        MathResult withSeries = evaluate("[m1, m2] - m3", standard());
        assertThat(withSeries.series()).extracting(MathFixture::onGrid).containsExactly(
                grid(29.0, 18.0, -3.0, -4.0, -5.0), grid(19.0, -2.0, 17.0, -4.0, 0.0));

        MathResult negated = evaluate("100 / -[m2, m3]", standard());
        assertThat(negated.series()).extracting(MathFixture::onGrid).containsExactly(
                grid(-5.0, null, -5.0, null, -20.0), grid(-100.0, -50.0, -100.0 / 3, -25.0, -20.0));
    }

    @Test
    void twoArraysCannotBeCombined() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class,
                () -> evaluate("METRICS() + [m1, m2]", standard()));
        assertThat(refused.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(refused).hasMessage("The operator + cannot combine two arrays of time series at position 11");
    }

    @Test
    void anArrayFlattensTheArraysInIt() {
        MathContext context = MathFixture.context()
                .metric("errors4xx", series("4xx", 1.0))
                .metric("errors5xx", series("5xx", 2.0))
                .metric("requests", series("req", 10.0))
                .build();
        MathResult result = evaluate("[METRICS(\"4xx\"), METRICS(\"5xx\"), requests]", context);
        assertThat(result.series()).extracting(TimeSeries::label).containsExactly("4xx", "5xx", "req");
        assertThat(onGrid(evaluate("SUM([METRICS(\"4xx\"), METRICS(\"5xx\")])", context).single()))
                .isEqualTo(grid(3.0));
    }

    @Test
    void aNumberIsNoResultAndNoArrayItem() {
        MetricMathException scalar = catchThrowableOfType(MetricMathException.class,
                () -> evaluate("AVG(m1)", standard()));
        assertThat(scalar.reason()).isEqualTo(Reason.SCALAR_RESULT);
        assertThat(scalar).hasMessage("The expression returns a number; it must return a time series or an array of time series");

        MetricMathException item = catchThrowableOfType(MetricMathException.class,
                () -> evaluate("SUM([m1, 5])", standard()));
        assertThat(item.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(item).hasMessage("An array holds time series, not numbers at position 10");
    }

    @Test
    void anUnknownIdIsRefusedWithItsPosition() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class,
                () -> evaluate("m1 + m9", standard()));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_ID);
        assertThat(refused).hasMessage("Unknown metric or expression id 'm9' at position 6");
    }

    @Test
    void aScalarMadeFromStatisticsServesInASeriesExpression() {
        // m1 - AVG(m1): AVG of [30, 20, 0, 0] is 12.5
        assertThat(single("m1 - AVG(m1)")).isEqualTo(grid(17.5, 7.5, -12.5, -12.5, null));
        assertThat(single("SUM([m1, m2]) / AVG(m2)")).isEqualTo(grid(50.0 / 15, 20.0 / 15, 20.0 / 15, 0.0, 5.0 / 15));
        assertThat(List.of(MathFixture.number("MAX(m1) - MIN(m2)"))).containsExactly(25.0);
    }
}
