package dev.gureum.autoscaling.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.MetricAlarms;
import dev.gureum.core.spi.MetricSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The two CloudWatch alarms of a target tracking policy, as AWS creates them: {@code AlarmHigh} when the metric is
 * above the target for 3 of 3 one-minute periods (scale out), {@code AlarmLow} when it is below 90% of the target
 * for 15 of 15 (scale in), unless scale-in is disabled. Their actions run the policy.
 */
public final class TargetTrackingAlarms {

    public static final String CPU = "ASGAverageCPUUtilization";
    public static final String NETWORK_IN = "ASGAverageNetworkIn";
    public static final String NETWORK_OUT = "ASGAverageNetworkOut";
    public static final String REQUEST_COUNT = "ALBRequestCountPerTarget";
    private static final Set<String> PREDEFINED = Set.of(CPU, NETWORK_IN, NETWORK_OUT, REQUEST_COUNT);
    private static final Set<String> STATISTICS = Set.of("Average", "Minimum", "Maximum", "SampleCount", "Sum");
    /** {@code app/<load balancer>/<id>/targetgroup/<target group>/<id>}. */
    private static final Pattern RESOURCE_LABEL = Pattern.compile("app/[^/]+/[0-9a-f]+/targetgroup/[^/]+/[0-9a-f]+");

    private TargetTrackingAlarms() {
    }

    /** New alarm names for a policy of {@code group}: high first, low second unless scale-in is disabled. */
    static List<ScalingPolicy.PolicyAlarm> names(String account, String region, String group, boolean disableScaleIn) {
        List<ScalingPolicy.PolicyAlarm> alarms = new ArrayList<>();
        for (String kind : disableScaleIn ? List.of("AlarmHigh") : List.of("AlarmHigh", "AlarmLow")) {
            String name = "TargetTracking-" + group + "-" + kind + "-" + UUID.randomUUID();
            alarms.add(new ScalingPolicy.PolicyAlarm(name, Arn.of("cloudwatch", region, account, "alarm:" + name)
                    .toString()));
        }
        return alarms;
    }

    static void check(ScalingPolicy.TargetTracking t) {
        boolean predefined = t.predefinedMetricType() != null;
        if (predefined == (t.customized() != null)) {
            throw AutoScalingRefusal.validation("Exactly one of PredefinedMetricSpecification and "
                    + "CustomizedMetricSpecification must be specified.");
        }
        if (predefined) {
            if (!PREDEFINED.contains(t.predefinedMetricType())) {
                throw AutoScalingRefusal.validation("Invalid predefined metric type: " + t.predefinedMetricType());
            }
            if (t.predefinedMetricType().equals(REQUEST_COUNT)) {
                if (t.resourceLabel() == null || !RESOURCE_LABEL.matcher(t.resourceLabel()).matches()) {
                    throw AutoScalingRefusal.validation("The resource label " + t.resourceLabel() + " is not valid for "
                            + "ALBRequestCountPerTarget: it must be app/<load-balancer-name>/<load-balancer-id>/"
                            + "targetgroup/<target-group-name>/<target-group-id>.");
                }
            } else if (t.resourceLabel() != null) {
                throw AutoScalingRefusal.validation("ResourceLabel is only supported for predefined metric type "
                        + REQUEST_COUNT + ".");
            }
        } else {
            ScalingPolicy.CustomizedMetric c = t.customized();
            if (c.metrics().isEmpty()) {
                if (c.metricName() == null || c.namespace() == null || c.statistic() == null) {
                    throw AutoScalingRefusal.validation("MetricName, Namespace and Statistic are required for a "
                            + "customized metric specification without Metrics.");
                }
                if (!STATISTICS.contains(c.statistic())) {
                    throw AutoScalingRefusal.validation("Invalid statistic: " + c.statistic());
                }
            } else {
                if (c.metricName() != null || c.namespace() != null || c.statistic() != null) {
                    throw AutoScalingRefusal.validation("MetricName, Namespace and Statistic cannot be specified with "
                            + "Metrics.");
                }
                long returned = c.metrics().stream().filter(ScalingPolicy.MetricQuery::returnData).count();
                if (returned != 1) {
                    throw AutoScalingRefusal.validation("Exactly one of the Metrics must have ReturnData set to true.");
                }
                for (ScalingPolicy.MetricQuery q : c.metrics()) {
                    if ((q.expression() == null) == (q.metricName() == null)) {
                        throw AutoScalingRefusal.validation("Each of the Metrics must have exactly one of Expression "
                                + "and MetricStat.");
                    }
                }
            }
        }
        if (Double.isNaN(t.targetValue()) || t.targetValue() <= 0) {
            throw AutoScalingRefusal.validation("TargetValue must be greater than 0.");
        }
    }

    /** The alarms to put for the policy: high, then low. */
    static List<MetricAlarms.Alarm> of(ScalingPolicy p) {
        ScalingPolicy.TargetTracking t = p.targetTracking();
        String namespace;
        String metric;
        String statistic;
        String unit = null;
        List<MetricSink.Dimension> dimensions = new ArrayList<>();
        List<MetricAlarms.Query> queries = new ArrayList<>();
        int period = 60;
        if (t.predefinedMetricType() != null) {
            namespace = "AWS/EC2";
            statistic = "Average";
            dimensions.add(new MetricSink.Dimension("AutoScalingGroupName", p.groupName()));
            metric = switch (t.predefinedMetricType()) {
                case NETWORK_IN -> "NetworkIn";
                case NETWORK_OUT -> "NetworkOut";
                case REQUEST_COUNT -> "RequestCountPerTarget";
                default -> "CPUUtilization";
            };
            if (t.predefinedMetricType().equals(REQUEST_COUNT)) {
                String label = t.resourceLabel();
                int split = label.indexOf("/targetgroup/");
                namespace = "AWS/ApplicationELB";
                statistic = "Sum";
                dimensions.clear();
                dimensions.add(new MetricSink.Dimension("TargetGroup", label.substring(split + 1)));
                dimensions.add(new MetricSink.Dimension("LoadBalancer", label.substring(0, split)));
            }
        } else {
            ScalingPolicy.CustomizedMetric c = t.customized();
            namespace = c.namespace();
            metric = c.metricName();
            statistic = c.statistic();
            unit = c.unit();
            if (c.period() != null) {
                period = c.period();
            }
            c.dimensions().forEach(d -> dimensions.add(new MetricSink.Dimension(d.name(), d.value())));
            for (ScalingPolicy.MetricQuery q : c.metrics()) {
                queries.add(new MetricAlarms.Query(q.id(), q.expression(), q.namespace(), q.metricName(),
                        q.dimensions().stream().map(d -> new MetricSink.Dimension(d.name(), d.value())).toList(),
                        q.stat(), q.unit(), q.label(), q.returnData()));
            }
        }
        String description = "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + p.arn() + ".";
        ScalingPolicy.PolicyAlarm high = p.alarms().get(0);
        List<MetricAlarms.Alarm> alarms = new ArrayList<>();
        alarms.add(new MetricAlarms.Alarm(p.account(), p.region(), high.name(), description, namespace, metric,
                dimensions, statistic, unit, period, 3, 3, t.targetValue(), "GreaterThanThreshold", queries,
                List.of(p.arn())));
        if (p.alarms().size() > 1) {
            alarms.add(new MetricAlarms.Alarm(p.account(), p.region(), p.alarms().get(1).name(), description, namespace, metric,
                    dimensions, statistic, unit, period, 15, 15, t.targetValue() * 0.9, "LessThanThreshold", queries,
                    List.of(p.arn())));
        }
        return alarms;
    }
}
