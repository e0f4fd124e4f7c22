package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gureum.monitoring.math.MathFixture.grid;
import static dev.gureum.monitoring.math.MathFixture.onGrid;
import static dev.gureum.monitoring.math.MathFixture.series;
import static dev.gureum.monitoring.math.MathFixture.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The expressions of one request together, and the labels of their results. */
class MetricMathRequestTest {

    private static ExpressionQuery query(String id, String expression, String label) {
        return new ExpressionQuery(id, MetricMath.parse(expression), label);
    }

    @Test
    void anExpressionIsEvaluatedAfterTheExpressionsItNames() {
        Map<String, MathResult> results = MetricMath.evaluateAll(standard(), List.of(
                query("e2", "e1 + 1", "Plus one"),
                query("e1", "m1 * 2", null)));
        assertThat(results.keySet()).containsExactly("e2", "e1");
        assertThat(onGrid(results.get("e1").single())).isEqualTo(grid(60.0, 40.0, 0.0, 0.0, null));
        assertThat(onGrid(results.get("e2").single())).isEqualTo(grid(61.0, 41.0, 1.0, 1.0, null));
        assertThat(results.get("e1").single().label()).isEqualTo("e1");
        assertThat(results.get("e2").single().label()).isEqualTo("Plus one");
    }

    @Test
    void anArrayExpressionIsSeenByOthersWithItsLabels() {
        Map<String, MathResult> results = MetricMath.evaluateAll(standard(), List.of(
                query("e1", "FILL(METRICS(), 0)", "Filled With 0:"),
                query("e2", "SUM(e1)", "Total"),
                query("e3", "e1 * 2", null)));
        assertThat(results.get("e1").series()).extracting(TimeSeries::label)
                .containsExactly("Filled With 0: M1", "Filled With 0: M2", "Filled With 0: M3");
        assertThat(onGrid(results.get("e2").single())).isEqualTo(grid(51.0, 22.0, 23.0, 4.0, 10.0));
        assertThat(results.get("e3").series()).extracting(TimeSeries::label)
                .containsExactly("Filled With 0: M1", "Filled With 0: M2", "Filled With 0: M3");
    }

    @Test
    void expressionsThatDependOnThemselvesAreRefused() {
        MetricMathException self = catchThrowableOfType(MetricMathException.class,
                () -> MetricMath.evaluateAll(standard(), List.of(query("e1", "e1 + 1", null))));
        assertThat(self.reason()).isEqualTo(Reason.CIRCULAR_REFERENCE);
        assertThat(self.queryId()).isEqualTo("e1");
        assertThat(self.clientMessage())
                .isEqualTo("Error in expression 'e1': Circular reference: the expression depends on its own result");

        MetricMathException loop = catchThrowableOfType(MetricMathException.class,
                () -> MetricMath.evaluateAll(standard(), List.of(
                        query("e1", "e2 + m1", null), query("e2", "e3 * 2", null), query("e3", "e1", null))));
        assertThat(loop.reason()).isEqualTo(Reason.CIRCULAR_REFERENCE);
        assertThat(loop.queryId()).isEqualTo("e1");
    }

    @Test
    void theFailingExpressionIsNamed() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class,
                () -> MetricMath.evaluateAll(standard(), List.of(
                        query("e1", "m1 * 2", null), query("e2", "e1 + m9", null))));
        assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_ID);
        assertThat(refused.queryId()).isEqualTo("e2");
        assertThat(refused.clientMessage()).isEqualTo("Error in expression 'e2': Unknown metric or expression id 'm9' at position 6");
    }

    @Test
    void aResultKeepsItsArithmeticMessageWhenRelabelled() {
        Map<String, MathResult> results = MetricMath.evaluateAll(standard(), List.of(query("e1", "m3 / m1", "Ratio")));
        assertThat(results.get("e1").messages()).containsExactly(MathMessage.ARITHMETIC_ERROR);
        assertThat(results.get("e1").single().label()).isEqualTo("Ratio");
    }

    @Test
    void labelsAreFormedAsCloudWatchFormsThem() {
        MathResult single = MathResult.single(series("inner", 1.0));
        assertThat(single.labelled("e1", null)).extracting(TimeSeries::label).containsExactly("e1");
        assertThat(single.labelled("e1", "")).extracting(TimeSeries::label).containsExactly("e1");
        assertThat(single.labelled("e1", "Error rate")).extracting(TimeSeries::label).containsExactly("Error rate");

        MathResult array = MathResult.array(List.of(series("Errors", 1.0), series("", 2.0)));
        assertThat(array.labelled("e1", null)).extracting(TimeSeries::label).containsExactly("Errors", "");
        assertThat(array.labelled("e1", "Filled With 0:")).extracting(TimeSeries::label)
                .containsExactly("Filled With 0: Errors", "Filled With 0:");
        assertThat(array.labelled("e1", "x").get(0).values()).containsExactly(1.0);
    }

    @Test
    void aResultTellsASingleSeriesFromAnArrayOfOne() {
        MathContext context = MathFixture.context().metric("m1", series("m1", 1.0)).build();
        MathResult array = MathFixture.evaluate("METRICS()", context);
        assertThat(array.isArray()).isTrue();
        assertThat(array.series()).hasSize(1);
        assertThat(catchThrowableOfType(IllegalStateException.class, array::single))
                .hasMessage("the result is an array of 1 time series");
        MathResult single = MathFixture.evaluate("SUM(METRICS())", context);
        assertThat(single.isArray()).isFalse();
    }

    @Test
    void aContextRefusesTwoQueriesWithOneId() {
        MathContext.Builder builder = MathFixture.context().metric("m1", series("a", 1.0));
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> builder.expression("m1", MathResult.single(series("b", 1.0)))))
                .hasMessage("two queries have the id m1");
        MathContext context = builder.build().withExpression("e1", MathResult.single(series("e", 2.0)));
        assertThat(context.query("e1")).isPresent();
        assertThat(context.metricIds()).containsExactly("m1");
        assertThat(context.metricPeriod("m1")).hasValue(60);
        assertThat(context.metricPeriod("e1")).isEmpty();
    }
}
