package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A metric alarm: on one metric ({@code namespace}, {@code metricName}, {@code dimensions}, a statistic or an
 * extended statistic, {@code period}) or on metric-math {@code metrics}, compared with a threshold.
 */
public record MetricAlarm(String account, String region, String name, String arn, String description,
                          boolean actionsEnabled, List<String> okActions, List<String> alarmActions,
                          List<String> insufficientDataActions, String namespace, String metricName,
                          List<MetricStat.Dimension> dimensions, String statistic, String extendedStatistic,
                          Integer period, String unit, int evaluationPeriods, Integer datapointsToAlarm,
                          Double threshold, ComparisonOperator comparisonOperator, TreatMissingData treatMissingData,
                          String evaluateLowSampleCountPercentile, List<AlarmQuery> metrics, String thresholdMetricId,
                          Map<String, String> tags, Instant configurationUpdated, AlarmStatus status)
        implements Alarm {

    public MetricAlarm {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        okActions = List.copyOf(okActions);
        alarmActions = List.copyOf(alarmActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Objects.requireNonNull(comparisonOperator, "comparisonOperator");
    }

    @Override
    public String type() {
        return "MetricAlarm";
    }

    /** Whether the alarm watches metric math rather than one metric. */
    public boolean onMetrics() {
        return !metrics.isEmpty();
    }

    /** The statistic or extended statistic of a single-metric alarm. */
    public String stat() {
        return statistic != null ? statistic : extendedStatistic;
    }

    /** The metric statistic a single-metric alarm watches. */
    public MetricStat metricStat() {
        return new MetricStat(namespace, metricName, dimensions, period, stat(), unit);
    }

    /** The period the alarm evaluates: its own, or that of the query whose data it compares. */
    public int evaluatedPeriod() {
        if (period != null) {
            return period;
        }
        for (AlarmQuery q : metrics) {
            if (q.returnData()) {
                if (q.metricStat() != null) {
                    return q.metricStat().period();
                }
                if (q.period() != null) {
                    return q.period();
                }
            }
        }
        for (AlarmQuery q : metrics) {
            if (q.metricStat() != null) {
                return q.metricStat().period();
            }
        }
        return 60;
    }

    /** {@code DatapointsToAlarm}, which defaults to {@code EvaluationPeriods}. */
    public int datapointsRequired() {
        return datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
    }

    /** {@code TreatMissingData}, which defaults to {@code missing}. */
    public TreatMissingData missingData() {
        return treatMissingData == null ? TreatMissingData.MISSING : treatMissingData;
    }

    @Override
    public MetricAlarm withStatus(AlarmStatus newStatus) {
        return new MetricAlarm(account, region, name, arn, description, actionsEnabled, okActions, alarmActions,
                insufficientDataActions, namespace, metricName, dimensions, statistic, extendedStatistic, period, unit,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData,
                evaluateLowSampleCountPercentile, metrics, thresholdMetricId, tags, configurationUpdated, newStatus);
    }

    @Override
    public MetricAlarm withActionsEnabled(boolean enabled) {
        return new MetricAlarm(account, region, name, arn, description, enabled, okActions, alarmActions,
                insufficientDataActions, namespace, metricName, dimensions, statistic, extendedStatistic, period, unit,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData,
                evaluateLowSampleCountPercentile, metrics, thresholdMetricId, tags, configurationUpdated, status);
    }

    @Override
    public MetricAlarm withTags(Map<String, String> newTags) {
        return new MetricAlarm(account, region, name, arn, description, actionsEnabled, okActions, alarmActions,
                insufficientDataActions, namespace, metricName, dimensions, statistic, extendedStatistic, period, unit,
                evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData,
                evaluateLowSampleCountPercentile, metrics, thresholdMetricId, newTags, configurationUpdated, status);
    }
}
