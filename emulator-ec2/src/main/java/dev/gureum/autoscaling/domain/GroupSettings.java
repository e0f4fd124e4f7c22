package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/**
 * What a group runs and shows besides its capacity: suspended processes, tags, metrics collection. Called under
 * {@link AutoScaling}'s lock.
 */
public final class GroupSettings {

    /** The processes a group runs, which SuspendProcesses can stop. */
    public static final List<String> PROCESSES = List.of("Launch", "Terminate", "AddToLoadBalancer",
            "AlarmNotification", "AZRebalance", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy",
            "ScheduledActions");
    /** The group metrics it can publish to CloudWatch. */
    public static final List<String> METRICS = List.of("GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity",
            "GroupInServiceInstances", "GroupPendingInstances", "GroupStandbyInstances", "GroupTerminatingInstances",
            "GroupTotalInstances", "GroupInServiceCapacity", "GroupPendingCapacity", "GroupStandbyCapacity",
            "GroupTerminatingCapacity", "GroupTotalCapacity", "WarmPoolDesiredCapacity", "WarmPoolWarmedCapacity",
            "WarmPoolPendingCapacity", "WarmPoolTerminatingCapacity", "WarmPoolTotalCapacity",
            "GroupAndWarmPoolDesiredCapacity", "GroupAndWarmPoolTotalCapacity");

    private final AutoScaling domain;

    public GroupSettings(AutoScaling domain) {
        this.domain = domain;
    }

    /** SuspendProcesses (all of them when none is named). */
    public void suspend(String account, String region, String name, List<String> processes, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        Map<String, String> suspended = new LinkedHashMap<>(g.suspendedProcesses());
        for (String p : check(processes)) {
            suspended.putIfAbsent(p, "User suspended at " + domain.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        AutoScalingGroup.Builder b = g.toBuilder();
        b.suspendedProcesses = suspended;
        changes.add(b.build());
    }

    /** ResumeProcesses (all of them when none is named); the group then meets its capacity again. */
    public void resume(String account, String region, String name, List<String> processes, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        Map<String, String> suspended = new LinkedHashMap<>(g.suspendedProcesses());
        check(processes).forEach(suspended::remove);
        AutoScalingGroup.Builder b = g.toBuilder();
        b.suspendedProcesses = suspended;
        AutoScalingGroup resumed = b.build();
        changes.add(resumed);
        domain.capacity().reconcile(resumed, null, changes);
    }

    private static List<String> check(List<String> processes) {
        if (processes == null || processes.isEmpty()) {
            return PROCESSES;
        }
        for (String p : processes) {
            if (!PROCESSES.contains(p)) {
                throw validation("Process names must be one of: " + String.join(", ", PROCESSES));
            }
        }
        return processes;
    }

    /** A tag request's target: the group named by {@code ResourceId} ({@code ResourceType} auto-scaling-group). */
    public record TagChange(String groupName, String resourceType, GroupTag tag) {
    }

    /** CreateOrUpdateTags: sets the tags on their groups; propagated ones reach instances launched later. */
    public void putTags(String account, String region, List<TagChange> tags, Changes changes) {
        for (Map.Entry<String, List<GroupTag>> e : byGroup(tags).entrySet()) {
            AutoScalingGroup g = domain.groups().get(account, region, e.getKey());
            AutoScalingGroup.Builder b = g.toBuilder();
            b.tags = Tags.merge(g.tags(), e.getValue());
            changes.add(b.build());
        }
    }

    /** DeleteTags: removes the keys (a value given must match). */
    public void deleteTags(String account, String region, List<TagChange> tags, Changes changes) {
        for (Map.Entry<String, List<GroupTag>> e : byGroup(tags).entrySet()) {
            AutoScalingGroup g = domain.groups().get(account, region, e.getKey());
            List<GroupTag> kept = new ArrayList<>(g.tags());
            for (GroupTag t : e.getValue()) {
                kept.removeIf(k -> k.key().equals(t.key()) && (t.value() == null || t.value().equals(k.value())));
            }
            AutoScalingGroup.Builder b = g.toBuilder();
            b.tags = kept;
            changes.add(b.build());
        }
    }

    private static Map<String, List<GroupTag>> byGroup(List<TagChange> tags) {
        Map<String, List<GroupTag>> out = new LinkedHashMap<>();
        for (TagChange t : tags) {
            if (t.groupName() == null || t.groupName().isEmpty()) {
                throw validation("ResourceId must be specified for a tag.");
            }
            if (t.resourceType() != null && !t.resourceType().equals("auto-scaling-group")) {
                throw validation("Invalid resource type: " + t.resourceType() + ". The only valid resource type is "
                        + "auto-scaling-group.");
            }
            out.computeIfAbsent(t.groupName(), k -> new ArrayList<>()).add(t.tag());
        }
        return out;
    }

    /** EnableMetricsCollection (every metric when none is named); granularity {@code 1Minute} only. */
    public void enableMetrics(String account, String region, String name, List<String> metrics, String granularity,
                              Changes changes) {
        if (!"1Minute".equals(granularity)) {
            throw validation("Valid granularity values are: 1Minute");
        }
        AutoScalingGroup g = domain.groups().get(account, region, name);
        List<String> enabled = new ArrayList<>(g.enabledMetrics());
        for (String m : checkMetrics(metrics)) {
            if (!enabled.contains(m)) {
                enabled.add(m);
            }
        }
        AutoScalingGroup.Builder b = g.toBuilder();
        b.enabledMetrics = enabled;
        changes.add(b.build());
    }

    public void disableMetrics(String account, String region, String name, List<String> metrics, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        List<String> enabled = new ArrayList<>(g.enabledMetrics());
        enabled.removeAll(checkMetrics(metrics));
        AutoScalingGroup.Builder b = g.toBuilder();
        b.enabledMetrics = enabled;
        changes.add(b.build());
    }

    private static List<String> checkMetrics(List<String> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return METRICS;
        }
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                throw validation("Metric " + m + " is not a valid group metric.");
            }
        }
        return metrics;
    }
}
