package dev.gureum.monitoring.math;

import dev.gureum.monitoring.metrics.ExpressionEvaluator;
import dev.gureum.monitoring.metrics.MetricException;
import dev.gureum.monitoring.metrics.TimeSeries;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricMathEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final long S = T0.getEpochSecond();
    private final MetricMathEvaluator evaluator = new MetricMathEvaluator();
    private final List<ExpressionEvaluator.Input> metrics = List.of(
            new ExpressionEvaluator.Input("a", new TimeSeries("Orders a", new long[] {S, S + 60}, new double[] {1, 2}), 60),
            new ExpressionEvaluator.Input("b", new TimeSeries("Orders b", new long[] {S + 60}, new double[] {0}), 60));

    private Map<String, ExpressionEvaluator.Evaluated> evaluate(ExpressionEvaluator.Expression... expressions) {
        return evaluator.evaluate(metrics, List.of(expressions), T0, T0.plusSeconds(120), 60);
    }

    @Test
    void expressionsSeeTheMetricsAndEachOtherLabelledAsCloudWatchLabelsThem() {
        Map<String, ExpressionEvaluator.Evaluated> r = evaluate(
                new ExpressionEvaluator.Expression("e2", "e1 * 10", null),
                new ExpressionEvaluator.Expression("e1", "a + b", "Total"),
                new ExpressionEvaluator.Expression("all", "METRICS()", "All"));
        assertThat(r).containsOnlyKeys("e1", "e2", "all");
        assertThat(r.get("e2").series()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("e2");
            assertThat(s.values()).containsExactly(10, 20);
        });
        assertThat(r.get("e1").series().get(0).label()).isEqualTo("Total");
        assertThat(r.get("all").series()).extracting(TimeSeries::label).containsExactly("All Orders a", "All Orders b");
    }

    @Test
    void droppedDatapointsComeWithAnArithmeticError() {
        ExpressionEvaluator.Evaluated r = evaluate(new ExpressionEvaluator.Expression("e1", "a / b", null)).get("e1");
        assertThat(r.series().get(0).values()).isEmpty();
        assertThat(r.messages()).containsExactly(new ExpressionEvaluator.Message("ArithmeticError",
                MathMessage.ARITHMETIC_ERROR.value()));
    }

    @Test
    void malformedMathIsAValidationErrorNamingTheQuery() {
        assertThatThrownBy(() -> evaluate(new ExpressionEvaluator.Expression("e1", "a + b", null),
                new ExpressionEvaluator.Expression("e2", "SUM(", null)))
                .isInstanceOfSatisfying(MetricException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MetricException.Reason.VALIDATION);
                    assertThat(e.getMessage()).startsWith("Error in expression 'e2': ");
                });
        assertThatThrownBy(() -> evaluate(new ExpressionEvaluator.Expression("e1", "MAX(a)", null)))
                .isInstanceOf(MetricException.class).hasMessageStartingWith("Error in expression 'e1': ");
    }
}
