package dev.gureum.monitoring;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.monitoring.alarms.AlarmMetrics;
import dev.gureum.monitoring.alarms.AlarmQuery;
import dev.gureum.monitoring.alarms.MetricStat;
import dev.gureum.monitoring.math.MetricMathEvaluator;
import dev.gureum.monitoring.metrics.MetricDatum;
import dev.gureum.monitoring.metrics.MetricId;
import dev.gureum.monitoring.metrics.MetricStore;
import dev.gureum.monitoring.metrics.Unit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredMetricsTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<MetricStat.Dimension> QUEUE = List.of(new MetricStat.Dimension("QueueName", "work"));

    private final MetricStore store = new MetricStore(new MutableClock(T0.plusSeconds(600)));
    private final StoredMetrics metrics = new StoredMetrics(store, new MetricMathEvaluator());

    /** Depth 100 and 300 in the first minute, nothing in the second, 500 in the third. */
    StoredMetricsTest() {
        MetricId depth = new MetricId("AWS/SQS", "ApproximateNumberOfMessagesVisible",
                List.of(new MetricId.Dimension("QueueName", "work")));
        store.put(ACCOUNT, REGION, List.of(MetricDatum.of(depth, T0.plusSeconds(1), Unit.COUNT, 100),
                MetricDatum.of(depth, T0.plusSeconds(30), Unit.COUNT, 300),
                MetricDatum.of(depth, T0.plusSeconds(121), Unit.COUNT, 500)));
    }

    private static MetricStat depth(String stat) {
        return new MetricStat("AWS/SQS", "ApproximateNumberOfMessagesVisible", QUEUE, 60, stat, null);
    }

    @Test
    void aStatisticHasOneDatapointPerPeriodWithDataAndItsSampleCount() {
        List<AlarmMetrics.Datapoint> points = metrics.statistic(ACCOUNT, REGION, depth("Average"), T0,
                T0.plusSeconds(180));
        assertThat(points).containsExactly(new AlarmMetrics.Datapoint(T0, 200, 2),
                new AlarmMetrics.Datapoint(T0.plusSeconds(120), 500, 1));
        assertThat(metrics.statistic(ACCOUNT, "us-east-1", depth("Average"), T0, T0.plusSeconds(180))).isEmpty();
    }

    @Test
    void aQueryAnswersTheExpressionThatReturnsData() {
        List<AlarmQuery> queries = List.of(new AlarmQuery("m1", depth("Maximum"), null, null, false, null, null),
                new AlarmQuery("e1", null, "FILL(m1, 0) / 5", null, true, null, null));
        List<AlarmMetrics.Datapoint> points = metrics.query(ACCOUNT, REGION, queries, 60, T0, T0.plusSeconds(180));
        assertThat(points).extracting(AlarmMetrics.Datapoint::value).containsExactly(60.0, 0.0, 100.0);
        assertThat(points).extracting(AlarmMetrics.Datapoint::timestamp)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(points.get(0).sampleCount()).isNaN();
    }

    @Test
    void aQueryThatCannotBeComputedIsRefused() {
        List<AlarmQuery> queries = List.of(new AlarmQuery("m1", depth("Maximum"), null, null, false, null, null),
                new AlarmQuery("e1", null, "METRICS()", null, true, null, null),
                new AlarmQuery("m2", depth("Minimum"), null, null, false, null, null));
        assertThatThrownBy(() -> metrics.query(ACCOUNT, REGION, queries, 60, T0, T0.plusSeconds(180)))
                .isInstanceOf(IllegalArgumentException.class);
        List<AlarmQuery> unknown = List.of(new AlarmQuery("e1", null, "m9 * 2", null, true, null, null));
        assertThatThrownBy(() -> metrics.query(ACCOUNT, REGION, unknown, 60, T0, T0.plusSeconds(180)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m9");
    }
}
