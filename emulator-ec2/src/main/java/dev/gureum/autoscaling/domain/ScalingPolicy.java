package dev.gureum.autoscaling.domain;

import java.time.Instant;
import java.util.List;

/**
 * A scaling policy of a group: simple, step or target tracking. Kept in the store as an extension record; a
 * change is a new record with the same key.
 *
 * @param adjustmentType        {@code ChangeInCapacity}, {@code ExactCapacity} or {@code PercentChangeInCapacity}
 * @param cooldown              simple scaling's own cooldown, or {@code null} for the group's default
 * @param alarms                the CloudWatch alarms Auto Scaling created for a target tracking policy
 */
public record ScalingPolicy(String arn, String account, String region, String groupName, String name, String type,
                            String adjustmentType, Integer minAdjustmentMagnitude, Integer scalingAdjustment,
                            Integer cooldown, String metricAggregationType, List<Step> steps,
                            Integer estimatedInstanceWarmup, TargetTracking targetTracking, boolean enabled,
                            List<PolicyAlarm> alarms, Instant created) implements AutoScalingStore.Extension {

    public static final String SIMPLE = "SimpleScaling";
    public static final String STEP = "StepScaling";
    public static final String TARGET_TRACKING = "TargetTrackingScaling";
    public static final String PREDICTIVE = "PredictiveScaling";

    public static final String CHANGE_IN_CAPACITY = "ChangeInCapacity";
    public static final String EXACT_CAPACITY = "ExactCapacity";
    public static final String PERCENT_CHANGE_IN_CAPACITY = "PercentChangeInCapacity";

    public ScalingPolicy {
        steps = steps == null ? List.of() : List.copyOf(steps);
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    static String key(String account, String region, String groupName, String name) {
        return "policy|" + AutoScalingStore.key(account, region, groupName) + "|" + name;
    }

    @Override
    public String key() {
        return key(account, region, groupName, name);
    }

    ScalingPolicy withAlarms(List<PolicyAlarm> alarms) {
        return new ScalingPolicy(arn, account, region, groupName, name, type, adjustmentType, minAdjustmentMagnitude,
                scalingAdjustment, cooldown, metricAggregationType, steps, estimatedInstanceWarmup, targetTracking,
                enabled, alarms, created);
    }

    /** One step: bounds relative to the alarm's threshold, {@code null} being infinity. */
    public record Step(Double lowerBound, Double upperBound, int scalingAdjustment) {
    }

    /** An alarm of a target tracking policy. */
    public record PolicyAlarm(String name, String arn) {
    }

    /** A metric dimension. */
    public record Dimension(String name, String value) {
    }

    /**
     * One query of a customized metric: a metric statistic ({@code metricName} set) or a metric-math
     * {@code expression} over the others.
     */
    public record MetricQuery(String id, String expression, String namespace, String metricName,
                              List<Dimension> dimensions, String stat, String unit, String label, boolean returnData) {
        public MetricQuery {
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        }
    }

    /** A customized metric: one metric with its statistic, or {@code metrics} (metric math). */
    public record CustomizedMetric(String metricName, String namespace, List<Dimension> dimensions, String statistic,
                                   String unit, Integer period, List<MetricQuery> metrics) {
        public CustomizedMetric {
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
        }
    }

    /**
     * A target tracking configuration: a predefined metric ({@code ASGAverageCPUUtilization}...) or a customized one,
     * kept at {@code targetValue}.
     */
    public record TargetTracking(String predefinedMetricType, String resourceLabel, CustomizedMetric customized,
                                 double targetValue, boolean disableScaleIn) {
    }
}
