package dev.gureum.monitoring.alarms;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Metric alarms evaluated as AWS documents it, against a fake metric store. */
class AlarmEvaluationTest {

    static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    /** A metric store holding the datapoints given, answering every query with them. */
    static final class FakeMetrics implements AlarmMetrics {
        final List<Datapoint> points = new ArrayList<>();
        MetricStat lastStat;
        List<AlarmQuery> lastQueries;
        int lastPeriod;

        FakeMetrics at(int minute, double value) {
            return at(minute, value, 1);
        }

        FakeMetrics at(int minute, double value, double samples) {
            points.add(new Datapoint(T0.plusSeconds(60L * minute), value, samples));
            return this;
        }

        @Override
        public List<Datapoint> statistic(String account, String region, MetricStat stat, Instant start, Instant end) {
            lastStat = stat;
            return points.stream().filter(d -> !d.timestamp().isBefore(start) && d.timestamp().isBefore(end)).toList();
        }

        @Override
        public List<Datapoint> query(String account, String region, List<AlarmQuery> queries, int period, Instant start,
                                     Instant end) {
            lastQueries = queries;
            lastPeriod = period;
            return points.stream().filter(d -> !d.timestamp().isBefore(start) && d.timestamp().isBefore(end))
                    .map(d -> new Datapoint(d.timestamp(), d.value(), Double.NaN)).toList();
        }
    }

    static MetricAlarm alarm(int evaluationPeriods, Integer datapointsToAlarm, ComparisonOperator op, double threshold,
                             TreatMissingData treat) {
        return new MetricAlarm("123456789012", "us-east-1", "queue-depth", Alarms.arn("123456789012", "us-east-1",
                "queue-depth"), null, true, List.of(), List.of(), List.of(), "AWS/SQS",
                "ApproximateNumberOfMessagesVisible", List.of(new MetricStat.Dimension("QueueName", "work")), "Average",
                null, 60, null, evaluationPeriods, datapointsToAlarm, threshold, op, treat, null, List.of(), null,
                Map.of(), T0, AlarmStatus.initial(T0));
    }

    @Test
    void twoBreachingPeriodsOfTwoRaiseTheAlarmWithAwsReason() {
        FakeMetrics metrics = new FakeMetrics().at(0, 150).at(1, 160);
        MetricAlarm alarm = alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100, null)
                .withStatus(new AlarmStatus(AlarmState.OK, "x", null, T0, T0));
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(alarm, T0.plusSeconds(120), metrics);
        assertThat(o.state()).isEqualTo(AlarmState.ALARM);
        assertThat(o.reason()).isEqualTo("Threshold Crossed: 2 out of the last 2 datapoints [160.0 (07/12/26 12:01:00), "
                + "150.0 (07/12/26 12:00:00)] were greater than the threshold (100.0) (minimum 2 datapoints for "
                + "OK -> ALARM transition).");
        assertThat(o.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2026-12-07T12:02:00.000+0000\","
                + "\"startDate\":\"2026-12-07T12:00:00.000+0000\",\"statistic\":\"Average\",\"period\":60,"
                + "\"recentDatapoints\":[150.0,160.0],\"threshold\":100.0,\"evaluatedDatapoints\":["
                + "{\"timestamp\":\"2026-12-07T12:01:00.000+0000\",\"sampleCount\":1.0,\"value\":160.0},"
                + "{\"timestamp\":\"2026-12-07T12:00:00.000+0000\",\"sampleCount\":1.0,\"value\":150.0}]}");
        assertThat(metrics.lastStat.metricName()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(metrics.lastStat.stat()).isEqualTo("Average");
    }

    @Test
    void theCurrentPeriodIsNotEvaluatedUntilItEnds() {
        FakeMetrics metrics = new FakeMetrics().at(0, 150).at(1, 160).at(2, 10);
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(
                alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100, null), T0.plusSeconds(179), metrics);
        assertThat(o.state()).isEqualTo(AlarmState.ALARM);
    }

    @Test
    void mOutOfNNeedsOnlyMBreachingDatapoints() {
        FakeMetrics metrics = new FakeMetrics().at(0, 150).at(1, 20).at(2, 130);
        MetricAlarm alarm = alarm(3, 2, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 130, null);
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(alarm, T0.plusSeconds(180), metrics);
        assertThat(o.state()).isEqualTo(AlarmState.ALARM);
        assertThat(o.reason()).isEqualTo("Threshold Crossed: 2 out of the last 3 datapoints [130.0 (07/12/26 12:02:00), "
                + "150.0 (07/12/26 12:00:00)] were greater than or equal to the threshold (130.0) (minimum 2 "
                + "datapoints for INSUFFICIENT_DATA -> ALARM transition).");

        AlarmEvaluation.Outcome one = AlarmEvaluation.evaluate(alarm, T0.plusSeconds(180),
                new FakeMetrics().at(0, 150).at(1, 20).at(2, 10));
        assertThat(one.state()).isEqualTo(AlarmState.OK);
        assertThat(one.reason()).isEqualTo("Threshold Crossed: 2 out of the last 3 datapoints [10.0 (07/12/26 12:02:00), "
                + "20.0 (07/12/26 12:01:00)] were not greater than or equal to the threshold (130.0) (minimum 2 "
                + "datapoints for INSUFFICIENT_DATA -> OK transition).");
    }

    @Test
    void lessThanOperatorsCompareDownwards() {
        FakeMetrics metrics = new FakeMetrics().at(0, 5);
        assertThat(AlarmEvaluation.evaluate(alarm(1, null, ComparisonOperator.LESS_THAN_THRESHOLD, 5, null),
                T0.plusSeconds(60), metrics).state()).isEqualTo(AlarmState.OK);
        assertThat(AlarmEvaluation.evaluate(alarm(1, null, ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD, 5, null),
                T0.plusSeconds(60), metrics).reason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints "
                + "[5.0 (07/12/26 12:00:00)] was less than or equal to the threshold (5.0) (minimum 1 datapoint for "
                + "INSUFFICIENT_DATA -> ALARM transition).");
    }

    @Test
    void noDataIsInsufficientDataWhenMissingIsMissing() {
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(
                alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100, null), T0.plusSeconds(120),
                new FakeMetrics());
        assertThat(o.state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(o.reason()).isEqualTo("Insufficient Data: 2 datapoints were unknown.");
        assertThat(o.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2026-12-07T12:02:00.000+0000\","
                + "\"statistic\":\"Average\",\"period\":60,\"recentDatapoints\":[],\"threshold\":100.0}");
    }

    @Test
    void noDataKeepsTheStateWhenMissingIsIgnored() {
        assertThat(AlarmEvaluation.evaluate(alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100,
                TreatMissingData.IGNORE), T0.plusSeconds(120), new FakeMetrics())).isNull();
    }

    @Test
    void noDataIsBreachingOrNotAsTreatMissingDataSays() {
        AlarmEvaluation.Outcome breaching = AlarmEvaluation.evaluate(alarm(2, null,
                ComparisonOperator.GREATER_THAN_THRESHOLD, 100, TreatMissingData.BREACHING), T0.plusSeconds(120),
                new FakeMetrics());
        assertThat(breaching.state()).isEqualTo(AlarmState.ALARM);
        assertThat(breaching.reason()).isEqualTo("Threshold Crossed: no datapoints were received for 2 periods and 2 "
                + "missing datapoints were treated as [Breaching].");
        AlarmEvaluation.Outcome notBreaching = AlarmEvaluation.evaluate(alarm(1, null,
                ComparisonOperator.GREATER_THAN_THRESHOLD, 100, TreatMissingData.NOT_BREACHING), T0.plusSeconds(120),
                new FakeMetrics());
        assertThat(notBreaching.state()).isEqualTo(AlarmState.OK);
        assertThat(notBreaching.reason()).isEqualTo("Threshold Crossed: no datapoints were received for 1 period and 1 "
                + "missing datapoint was treated as [NonBreaching].");
    }

    @Test
    void missingPeriodsMakeUpTheCountOnlyWhenTooFewDatapointsExist() {
        // one breaching datapoint of the two periods evaluated: the other is missing
        FakeMetrics one = new FakeMetrics().at(1, 150);
        assertThat(AlarmEvaluation.evaluate(alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100,
                TreatMissingData.BREACHING), T0.plusSeconds(180), one).state()).isEqualTo(AlarmState.ALARM);
        assertThat(AlarmEvaluation.evaluate(alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100,
                TreatMissingData.NOT_BREACHING), T0.plusSeconds(180), one).state()).isEqualTo(AlarmState.OK);
        assertThat(AlarmEvaluation.evaluate(alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100,
                TreatMissingData.MISSING), T0.plusSeconds(180), one).state()).isEqualTo(AlarmState.OK);
        // two real datapoints in the evaluation range, one older than the last two periods: no missing datapoint
        // is needed, so breaching missing data does not count
        FakeMetrics spread = new FakeMetrics().at(0, 10).at(2, 150);
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(alarm(2, null, ComparisonOperator.GREATER_THAN_THRESHOLD,
                100, TreatMissingData.BREACHING), T0.plusSeconds(240), spread);
        assertThat(o.state()).isEqualTo(AlarmState.OK);
        assertThat(o.reason()).startsWith("Threshold Crossed: 1 out of the last 2 datapoints [10.0 (07/12/26 12:00:00)]");
    }

    @Test
    void lowSampleCountPercentilesKeepTheStateWhenAskedToIgnore() {
        MetricAlarm base = alarm(1, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 100, null);
        MetricAlarm p99 = new MetricAlarm(base.account(), base.region(), base.name(), base.arn(), null, true, List.of(),
                List.of(), List.of(), base.namespace(), base.metricName(), base.dimensions(), null, "p99", 60, null, 1,
                null, 100.0, ComparisonOperator.GREATER_THAN_THRESHOLD, null, "ignore", List.of(), null, Map.of(), T0,
                AlarmStatus.initial(T0));
        // p99 needs 10 / (1 - 0.99) = 1,000 samples
        assertThat(AlarmEvaluation.evaluate(p99, T0.plusSeconds(60), new FakeMetrics().at(0, 500, 999))).isNull();
        assertThat(AlarmEvaluation.evaluate(p99, T0.plusSeconds(60), new FakeMetrics().at(0, 500, 1000)).state())
                .isEqualTo(AlarmState.ALARM);
        MetricAlarm evaluate = new MetricAlarm(base.account(), base.region(), base.name(), base.arn(), null, true,
                List.of(), List.of(), List.of(), base.namespace(), base.metricName(), base.dimensions(), null, "p99", 60,
                null, 1, null, 100.0, ComparisonOperator.GREATER_THAN_THRESHOLD, null, "evaluate", List.of(), null,
                Map.of(), T0, AlarmStatus.initial(T0));
        assertThat(AlarmEvaluation.evaluate(evaluate, T0.plusSeconds(60), new FakeMetrics().at(0, 500, 3)).state())
                .isEqualTo(AlarmState.ALARM);
    }

    @Test
    void metricMathAlarmsReadTheirQueriesAndWriteNoStatistic() {
        MetricStat sent = new MetricStat("AWS/SQS", "NumberOfMessagesSent", List.of(), 60, "Sum", null);
        List<AlarmQuery> queries = List.of(new AlarmQuery("m1", sent, null, null, false, null, null),
                new AlarmQuery("e1", null, "m1 * 2", "doubled", true, null, null));
        MetricAlarm alarm = new MetricAlarm("123456789012", "us-east-1", "math", "arn", null, true, List.of(),
                List.of(), List.of(), null, null, List.of(), null, null, null, null, 1, null, 10.0,
                ComparisonOperator.GREATER_THAN_THRESHOLD, null, null, queries, null, Map.of(), T0,
                AlarmStatus.initial(T0));
        FakeMetrics metrics = new FakeMetrics().at(0, 20);
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(alarm, T0.plusSeconds(60), metrics);
        assertThat(o.state()).isEqualTo(AlarmState.ALARM);
        assertThat(metrics.lastQueries).isEqualTo(queries);
        assertThat(metrics.lastPeriod).isEqualTo(60);
        assertThat(o.reasonData()).doesNotContain("statistic").doesNotContain("sampleCount")
                .contains("\"evaluatedDatapoints\":[{\"timestamp\":\"2026-12-07T12:00:00.000+0000\",\"value\":20.0}]");
    }

    @Test
    void bandOperatorsWithoutAModelKeepTheState() {
        MetricAlarm band = alarm(1, null, ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD, 0, null);
        assertThat(AlarmEvaluation.evaluate(band, T0.plusSeconds(60), new FakeMetrics().at(0, 5))).isNull();
    }

    @Test
    void highResolutionAlarmsEvaluateTheirOwnPeriods() {
        MetricAlarm base = alarm(3, null, ComparisonOperator.GREATER_THAN_THRESHOLD, 1, null);
        MetricAlarm tenSeconds = new MetricAlarm(base.account(), base.region(), base.name(), base.arn(), null, true,
                List.of(), List.of(), List.of(), base.namespace(), base.metricName(), base.dimensions(), "Maximum", null,
                10, null, 3, null, 1.0, ComparisonOperator.GREATER_THAN_THRESHOLD, null, null, List.of(), null,
                Map.of(), T0, AlarmStatus.initial(T0));
        FakeMetrics metrics = new FakeMetrics();
        for (int s = 0; s < 30; s += 10) {
            metrics.points.add(new AlarmMetrics.Datapoint(T0.plusSeconds(s), 2, 1));
        }
        AlarmEvaluation.Outcome o = AlarmEvaluation.evaluate(tenSeconds, T0.plusSeconds(30), metrics);
        assertThat(o.state()).isEqualTo(AlarmState.ALARM);
        assertThat(o.reason()).contains("3 out of the last 3 datapoints").contains("(07/12/26 12:00:20)");
    }
}
