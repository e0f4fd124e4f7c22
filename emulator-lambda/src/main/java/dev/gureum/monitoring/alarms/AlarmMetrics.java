package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.List;

/**
 * Where alarms read their data: {@code StoredMetrics} reads the metric store, with metric math for
 * metric-math alarms. Each call answers the datapoints of the
 * periods of {@code [start, end)} that have data, one per period, stamped with the period's start, oldest
 * first; a period without data has no datapoint.
 */
public interface AlarmMetrics {

    /** The values of one metric statistic, per {@code stat.period()}. */
    List<Datapoint> statistic(String account, String region, MetricStat stat, Instant start, Instant end);

    /**
     * The values of the query of {@code queries} whose {@code returnData} is true, per {@code period}, the
     * other queries being the metrics and expressions it is computed from.
     *
     * @throws IllegalArgumentException when the expressions cannot be computed (the message says why)
     */
    List<Datapoint> query(String account, String region, List<AlarmQuery> queries, int period, Instant start,
                          Instant end);

    /**
     * One period's value.
     *
     * @param sampleCount how many values the period's statistic was computed from ({@code NaN} when unknown,
     *                    as for an expression)
     */
    record Datapoint(Instant timestamp, double value, double sampleCount) {
    }

    /** No metric has data: every alarm on a metric finds its periods missing. */
    AlarmMetrics NONE = new AlarmMetrics() {
        @Override
        public List<Datapoint> statistic(String account, String region, MetricStat stat, Instant start, Instant end) {
            return List.of();
        }

        @Override
        public List<Datapoint> query(String account, String region, List<AlarmQuery> queries, int period,
                                     Instant start, Instant end) {
            return List.of();
        }
    };
}
