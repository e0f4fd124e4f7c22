package dev.gureum.core.spi;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * CloudWatch alarms that other services create and delete for their users, as Auto Scaling does for its target
 * tracking policies ({@code TargetTracking-<group>-AlarmHigh-<uuid>}). Bound by the server to CloudWatch; a service
 * never imports the monitoring module. The alarms are ordinary ones: {@code DescribeAlarms} lists them.
 */
public interface MetricAlarms {

    /** Creates or replaces a metric alarm. */
    void put(Alarm alarm);

    /** Deletes the alarms of these names that exist. */
    void delete(String account, String region, Collection<String> names);

    /** One query of a metric-math alarm: a metric statistic ({@code metricName} set) or an {@code expression}. */
    record Query(String id, String expression, String namespace, String metricName,
                 List<MetricSink.Dimension> dimensions, String stat, String unit, String label, boolean returnData) {
        public Query {
            Objects.requireNonNull(id, "id");
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        }
    }

    /**
     * A metric alarm as {@code PutMetricAlarm} takes it: on one metric ({@code namespace}, {@code metricName},
     * {@code statistic}), or on {@code metrics}.
     */
    record Alarm(String account, String region, String name, String description, String namespace, String metricName,
                 List<MetricSink.Dimension> dimensions, String statistic, String unit, int period,
                 int evaluationPeriods, int datapointsToAlarm, double threshold, String comparisonOperator,
                 List<Query> metrics, List<String> alarmActions) {
        public Alarm {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(name, "name");
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
            alarmActions = List.copyOf(alarmActions);
        }
    }
}
