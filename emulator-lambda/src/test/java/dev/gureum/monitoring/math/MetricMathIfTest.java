package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gureum.monitoring.math.MathFixture.grid;
import static dev.gureum.monitoring.math.MathFixture.onGrid;
import static dev.gureum.monitoring.math.MathFixture.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The tables of the guide's "Using IF expressions", with its metric1, metric2 and metric3. */
class MetricMathIfTest {

    private final MathContext context = MathFixture.context()
            .metric("metric1", series("metric1", 1.0, 1.0, 0.0, 0.0, null))
            .metric("metric2", series("metric2", 30.0, null, 0.0, 0.0, 30.0))
            .metric("metric3", series("metric3", 0.0, 0.0, 20.0, null, 20.0))
            .build();

    private List<Double> single(String expression) {
        return onGrid(MathFixture.evaluate(expression, context).single());
    }

    @Test
    void seriesConditionWithSeriesValues() {
        assertThat(single("IF(metric1, metric2, metric3)")).isEqualTo(grid(30.0, 0.0, 20.0, null, null));
    }

    @Test
    void seriesConditionWithANumberWhenTrue() {
        assertThat(single("IF(metric1, 5, metric3)")).isEqualTo(grid(5.0, 5.0, 20.0, null, null));
    }

    @Test
    void seriesConditionWithANumberWhenFalse() {
        assertThat(single("IF(metric1, metric2, 5)")).isEqualTo(grid(30.0, 0.0, 5.0, 5.0, null));
    }

    @Test
    void withoutAFalseValueTheFalseDatapointsAreDropped() {
        assertThat(single("IF(metric1, metric2)")).isEqualTo(grid(30.0, 0.0, null, null, null));
        assertThat(single("IF(metric3 < 10, metric3)")).isEqualTo(grid(0.0, 0.0, null, null, null));
    }

    @Test
    void aComparisonAsConditionMapsToTwoValues() {
        assertThat(single("IF(metric2 >= 30, 10, 2)")).isEqualTo(grid(10.0, null, 2.0, 2.0, 10.0));
        assertThat(single("IF(metric2 > 10 AND metric3 > 10, 1, 0)")).isEqualTo(grid(0.0, 0.0, 0.0, 0.0, 1.0));
    }

    @Test
    void aNumberAsConditionChoosesAWholeSeries() {
        assertThat(single("IF(1, metric2, metric3)")).isEqualTo(grid(30.0, null, 0.0, 0.0, 30.0));
        assertThat(single("IF(0, metric2, metric3)")).isEqualTo(grid(0.0, 0.0, 20.0, null, 20.0));
        assertThat(MathFixture.evaluate("IF(0, metric2)", context).single().isEmpty()).isTrue();
        assertThat(single("IF(-2, metric2, metric3)")).isEqualTo(grid(30.0, null, 0.0, 0.0, 30.0));
    }

    @Test
    void anArrayConditionIsAppliedToEachSeries() {
        MathResult result = MathFixture.evaluate("IF(METRICS() > 10, 1, 0)", context);
        assertThat(result.series()).extracting(MathFixture::onGrid).containsExactly(
                grid(0.0, 0.0, 0.0, 0.0, null), grid(1.0, null, 0.0, 0.0, 1.0), grid(0.0, 0.0, 1.0, null, 1.0));
        assertThat(result.series()).extracting(TimeSeries::label).containsExactly("metric1", "metric2", "metric3");
    }

    @Test
    void anArrayCannotBeAValueOfASeriesCondition() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class,
                () -> MathFixture.evaluate("IF(metric1, METRICS())", context));
        assertThat(refused.reason()).isEqualTo(Reason.INVALID_ARGUMENTS);
        assertThat(refused).hasMessage(
                "Argument 2 of IF cannot be an array of time series when the condition is a time series at position 13");
    }
}
