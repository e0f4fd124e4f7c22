package dev.gureum.autoscaling.domain;

import dev.gureum.core.spi.MetricSink;

import java.time.Instant;
import java.util.List;

/**
 * The {@code AWS/AutoScaling} metrics of groups that enabled them (EnableMetricsCollection), by
 * {@code AutoScalingGroupName}, each minute. Without weights, capacity units are instances; there is no warm pool.
 */
public final class GroupMetrics {

    private GroupMetrics() {
    }

    public static void publish(AutoScalingStore store, MetricSink sink, Instant now) {
        for (AutoScalingGroup g : store.allGroups()) {
            if (g.enabledMetrics().isEmpty()) {
                continue;
            }
            List<GroupInstance> instances = store.instances(g);
            for (String metric : g.enabledMetrics()) {
                sink.put(new MetricSink.MetricDatum(g.account(), g.region(), "AWS/AutoScaling", metric,
                        List.of(new MetricSink.Dimension("AutoScalingGroupName", g.name())),
                        value(g, instances, metric), "None", now));
            }
        }
    }

    static double value(AutoScalingGroup g, List<GroupInstance> instances, String metric) {
        return switch (metric) {
            case "GroupMinSize" -> g.minSize();
            case "GroupMaxSize" -> g.maxSize();
            case "GroupDesiredCapacity", "GroupAndWarmPoolDesiredCapacity" -> g.desiredCapacity();
            case "GroupInServiceInstances", "GroupInServiceCapacity" -> count(instances, "InService");
            case "GroupPendingInstances", "GroupPendingCapacity" -> count(instances, "Pending");
            case "GroupStandbyInstances", "GroupStandbyCapacity" -> count(instances, "Standby");
            case "GroupTerminatingInstances", "GroupTerminatingCapacity" -> count(instances, "Terminating");
            case "GroupTotalInstances", "GroupTotalCapacity", "GroupAndWarmPoolTotalCapacity" -> instances.size();
            default -> 0;
        };
    }

    private static long count(List<GroupInstance> instances, String state) {
        return instances.stream().filter(i -> i.lifecycleState().startsWith(state)).count();
    }
}
