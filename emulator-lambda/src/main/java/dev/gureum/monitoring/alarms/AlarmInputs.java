package dev.gureum.monitoring.alarms;

import java.util.List;
import java.util.Map;

/** The members of {@code PutMetricAlarm} and {@code PutCompositeAlarm} as the client sent them, before validation. */
public final class AlarmInputs {

    private AlarmInputs() {
    }

    /** {@code PutMetricAlarm}'s members; absent ones are {@code null} (lists and maps empty). */
    public record MetricAlarmInput(String name, String description, Boolean actionsEnabled, List<String> okActions,
                                   List<String> alarmActions, List<String> insufficientDataActions, String metricName,
                                   String namespace, String statistic, String extendedStatistic,
                                   List<MetricStat.Dimension> dimensions, Integer period, String unit,
                                   Integer evaluationPeriods, Integer datapointsToAlarm, Double threshold,
                                   String comparisonOperator, String treatMissingData,
                                   String evaluateLowSampleCountPercentile, List<AlarmQuery> metrics,
                                   Map<String, String> tags, String thresholdMetricId) {
        public MetricAlarmInput {
            okActions = List.copyOf(okActions);
            alarmActions = List.copyOf(alarmActions);
            insufficientDataActions = List.copyOf(insufficientDataActions);
            dimensions = List.copyOf(dimensions);
            metrics = List.copyOf(metrics);
            tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        }
    }

    /** {@code PutCompositeAlarm}'s members; absent ones are {@code null} (lists and maps empty). */
    public record CompositeAlarmInput(String name, String description, Boolean actionsEnabled, List<String> okActions,
                                      List<String> alarmActions, List<String> insufficientDataActions, String rule,
                                      String actionsSuppressor, Integer actionsSuppressorWaitPeriod,
                                      Integer actionsSuppressorExtensionPeriod, Map<String, String> tags) {
        public CompositeAlarmInput {
            okActions = List.copyOf(okActions);
            alarmActions = List.copyOf(alarmActions);
            insufficientDataActions = List.copyOf(insufficientDataActions);
            tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        }
    }
}
