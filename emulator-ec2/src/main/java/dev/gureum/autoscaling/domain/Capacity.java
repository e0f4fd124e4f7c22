package dev.gureum.autoscaling.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How a group meets its desired capacity: it follows its instances in EC2 (pending ones coming into service,
 * stopped or terminated ones replaced), launches into the zones with the fewest instances, terminates by its
 * termination policies, and rebalances its zones. Every step is a scaling activity with AWS's texts. Called under
 * {@link AutoScaling}'s lock.
 */
public final class Capacity {

    private static final Set<String> GONE = Set.of("stopping", "stopped", "shutting-down", "terminated");

    private final AutoScaling domain;
    private final List<InstanceWatch> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Something that follows a group's instances coming and going (load balancer registration, lifecycle hooks). */
    public interface InstanceWatch {
        /** An instance launched or attached; may change its record (Pending:Wait). */
        default GroupInstance launched(AutoScalingGroup group, GroupInstance instance, Changes changes) {
            return instance;
        }

        /** An instance came into service. */
        default void inService(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        }

        /**
         * An instance leaves (terminated or detached); may hold it ({@code Terminating:Wait}) by returning its new
         * record, or {@code null} to let it go.
         */
        default GroupInstance leaving(AutoScalingGroup group, GroupInstance instance, Changes changes) {
            return null;
        }

        /** An instance left the group's service but not EC2 (detached, or put on standby). */
        default void detached(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        }

        /** Whether an instance in service is unhealthy for this watch (ELB health checks). */
        default boolean unhealthy(AutoScalingGroup group, GroupInstance instance) {
            return false;
        }
    }

    private final Launches launches;

    Capacity(AutoScaling domain) {
        this.domain = domain;
        this.launches = new Launches(domain, this);
    }

    public void watch(InstanceWatch watch) {
        watches.add(watch);
    }

    void unwatch(InstanceWatch watch) {
        if (watch != null) {
            watches.remove(watch);
        }
    }

    private AutoScalingStore store() {
        return domain.store();
    }

    private Fleet fleet() {
        return domain.fleet();
    }

    /**
     * Brings the group to its desired capacity; {@code cause} is the text of what changed it ({@code null} for
     * the periodic check).
     *
     * @return the activities started
     */
    public List<Activity> reconcile(AutoScalingGroup group, String cause, Changes changes) {
        List<Activity> started = new ArrayList<>();
        refresh(group, changes, started);
        AutoScalingGroup g = store().group(group.account(), group.region(), group.name());
        if (g == null) {
            return started;
        }
        List<GroupInstance> all = store().instances(g);
        if (g.deleting() && all.isEmpty()) {
            domain.groups().remove(g, changes);
            return started;
        }
        int counted = (int) all.stream().filter(GroupInstance::counted).count();
        if (counted < g.desiredCapacity() && !g.suspended("Launch")) {
            launch(g, g.desiredCapacity() - counted, counted, cause, null, changes, started);
        } else if (counted > g.desiredCapacity() && !g.suspended("Terminate")) {
            terminate(g, counted - g.desiredCapacity(), counted, cause, changes, started);
        } else if (cause == null && !g.suspended("AZRebalance") && !g.suspended("Launch") && !g.suspended("Terminate")) {
            rebalance(g, all, changes, started);
        }
        return started;
    }

    /** Follows the group's instances in EC2. */
    private void refresh(AutoScalingGroup g, Changes changes, List<Activity> started) {
        List<GroupInstance> instances = store().instances(g);
        if (instances.isEmpty()) {
            return;
        }
        Map<String, Fleet.InstanceFacts> facts = fleet().describe(g.account(), g.region(),
                instances.stream().map(GroupInstance::instanceId).toList());
        Instant now = domain.now();
        List<String> toTerminate = new ArrayList<>();
        for (GroupInstance i : instances) {
            Fleet.InstanceFacts f = facts.get(i.instanceId());
            String state = f == null ? "terminated" : f.state();
            if (i.leaving()) {
                if (i.lifecycleState().equals(GroupInstance.TERMINATING_WAIT)) {
                    continue;
                }
                if (state.equals("terminated") || i.lifecycleState().equals(GroupInstance.DETACHING)) {
                    changes.add(new AutoScalingStore.InstanceRemoved(i.key()));
                    finish(i, Activity.SUCCESSFUL, null, changes);
                }
                continue;
            }
            if (i.lifecycleState().equals(GroupInstance.STANDBY)) {
                continue;
            }
            boolean unhealthy = i.healthStatus().equals("Unhealthy");
            if (!unhealthy && GONE.contains(state) && !g.suspended("HealthCheck")) {
                unhealthy = true;
                replace(g, i, "an instance was taken out of service in response to an EC2 health check indicating it "
                        + "has been terminated or stopped.", state, changes, toTerminate, started);
                continue;
            }
            if (!unhealthy && i.lifecycleState().equals(GroupInstance.IN_SERVICE) && !g.suspended("HealthCheck")
                    && g.healthCheckType().equals("ELB") && inGrace(g, i, now) == false
                    && watches.stream().anyMatch(w -> w.unhealthy(g, i))) {
                replace(g, i, "an instance was taken out of service in response to an ELB system health check failure.",
                        state, changes, toTerminate, started);
                continue;
            }
            if (unhealthy && !g.suspended("ReplaceUnhealthy") && i.lifecycleState().equals(GroupInstance.IN_SERVICE)) {
                replace(g, i, "an instance was taken out of service in response to a user health-check.", state,
                        changes, toTerminate, started);
                continue;
            }
            if ((i.lifecycleState().equals(GroupInstance.PENDING)
                    || i.lifecycleState().equals(GroupInstance.PENDING_PROCEED)) && state.equals("running")) {
                GroupInstance in = i.withState(GroupInstance.IN_SERVICE);
                changes.add(in);
                finish(in, Activity.SUCCESSFUL, null, changes);
                watches.forEach(w -> w.inService(g, in, changes));
            }
        }
        if (!toTerminate.isEmpty()) {
            fleet().terminate(g.account(), g.region(), toTerminate);
        }
    }

    private static boolean inGrace(AutoScalingGroup g, GroupInstance i, Instant now) {
        return i.launchedAt().plusSeconds(g.healthCheckGracePeriod()).isAfter(now);
    }

    private void replace(AutoScalingGroup g, GroupInstance i, String why, String state, Changes changes,
                         List<String> toTerminate, List<Activity> started) {
        GroupInstance unhealthy = i.withHealth("Unhealthy");
        Activity a = activity(g, "Terminating EC2 instance: " + i.instanceId(), domain.at() + why, Activity.IN_PROGRESS,
                i, changes);
        started.add(a);
        leave(g, unhealthy.withActivity(a.id()), changes, toTerminate);
        if (state.equals("terminated")) {
            toTerminate.remove(i.instanceId());
        }
    }

    /** Takes an instance out of service to terminate it, unless a watch (a lifecycle hook) holds it. */
    private void leave(AutoScalingGroup g, GroupInstance i, Changes changes, List<String> toTerminate) {
        GroupInstance leaving = i.withState(GroupInstance.TERMINATING);
        for (InstanceWatch w : watches) {
            GroupInstance held = w.leaving(g, leaving, changes);
            if (held != null) {
                leaving = held;
            }
        }
        changes.add(leaving);
        if (!leaving.lifecycleState().equals(GroupInstance.TERMINATING_WAIT)) {
            toTerminate.add(i.instanceId());
        }
    }

    /** Tells the watches an instance left service without being terminated. */
    void detached(AutoScalingGroup g, GroupInstance i, Changes changes) {
        watches.forEach(w -> w.detached(g, i, changes));
    }

    /** Tells the watches an instance came (back) into service. */
    void inService(AutoScalingGroup g, GroupInstance i, Changes changes) {
        watches.forEach(w -> w.inService(g, i, changes));
    }

    /** Terminates an instance a lifecycle hook let go ({@code CONTINUE}, or the hook's default result). */
    public void proceedTerminating(AutoScalingGroup g, GroupInstance i, Changes changes) {
        changes.add(i.withState(GroupInstance.TERMINATING_PROCEED));
        fleet().terminate(g.account(), g.region(), List.of(i.instanceId()));
    }

    /** Ends an instance's activity. */
    void finish(GroupInstance i, String status, String message, Changes changes) {
        Activity a = i.activityId() == null ? null : store().activity(i.activityId());
        if (a != null && !a.finished()) {
            Activity ended = a.ended(status, message, domain.now());
            changes.add(ended);
            AutoScalingGroup g = store().group(i.account(), i.region(), i.groupName());
            if (g != null) {
                domain.notifications().ended(g, ended, i.instanceId());
            }
        }
    }

    /** A launch a lifecycle hook abandoned: the instance is terminated and its launch cancelled. */
    void abandonLaunch(AutoScalingGroup g, GroupInstance i, String token, Changes changes) {
        finish(i, Activity.CANCELLED, "Instance failed to complete user's Lifecycle Action: Lifecycle Action with "
                + "token " + token + " was abandoned: Lifecycle Action Completed with ABANDON Result", changes);
        changes.add(i.withState(GroupInstance.TERMINATING_PROCEED).withHealth("Unhealthy").withActivity(null));
        fleet().terminate(g.account(), g.region(), List.of(i.instanceId()));
    }

    Activity activity(AutoScalingGroup g, String description, String cause, String status, GroupInstance i,
                      Changes changes) {
        String details = i == null ? "{}" : "{\"Subnet ID\":\"" + nullToEmpty(subnetOf(g, i.zone()))
                + "\",\"Availability Zone\":\"" + i.zone() + "\"}";
        Activity a = new Activity(UUID.randomUUID().toString(), g.account(), g.region(), g.name(), g.arn(),
                description, cause, domain.now(), null, status, null, status.equals(Activity.SUCCESSFUL) ? 100 : 30,
                details);
        if (a.finished()) {
            a = a.ended(status, null, domain.now());
        }
        changes.add(a);
        return a;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The group's subnet in a zone, or {@code null} outside a VPC. */
    private String subnetOf(AutoScalingGroup g, String zone) {
        for (String s : g.subnets()) {
            if (fleet().subnet(g.account(), g.region(), s).map(f -> f.zone().equals(zone)).orElse(false)) {
                return s;
            }
        }
        return null;
    }

    /** Launches {@code count} instances into the zones with the fewest ({@code onlyZone} when given). */
    void launch(AutoScalingGroup g, int count, int counted, String cause, String onlyZone, Changes changes,
                List<Activity> started) {
        launches.launch(g, count, counted, cause, onlyZone, changes, started);
    }

    /** A launched instance, as the watches (lifecycle hooks) leave it. */
    GroupInstance launched(AutoScalingGroup g, GroupInstance i, Changes changes) {
        GroupInstance launched = i;
        for (InstanceWatch w : watches) {
            launched = w.launched(g, launched, changes);
        }
        return launched;
    }

    /** Terminates {@code count} instances chosen by the termination policies. */
    private void terminate(AutoScalingGroup g, int count, int counted, String cause, Changes changes,
                           List<Activity> started) {
        List<GroupInstance> candidates = store().instances(g).stream()
                .filter(i -> i.counted() && (!i.protectedFromScaleIn() || g.deleting())).toList();
        Map<String, Long> versions = templateVersions(g, candidates);
        List<GroupInstance> chosen = TerminationPolicies.choose(g, candidates, count, domain.now(), versions);
        int capacity = counted;
        int target = counted - chosen.size();
        List<String> ids = new ArrayList<>();
        for (GroupInstance i : chosen) {
            Activity a = activity(g, "Terminating EC2 instance: " + i.instanceId(), (cause == null ? "" : cause + "  ")
                    + domain.at() + "an instance was taken out of service in response to a difference between desired "
                    + "and actual capacity, shrinking the capacity from " + capacity + " to " + target + ".  "
                    + domain.at() + "instance " + i.instanceId() + " was selected for termination.",
                    Activity.IN_PROGRESS, i, changes);
            started.add(a);
            leave(g, i.withActivity(a.id()), changes, ids);
        }
        if (!ids.isEmpty()) {
            fleet().terminate(g.account(), g.region(), ids);
        }
    }

    private Map<String, Long> templateVersions(AutoScalingGroup g, Collection<GroupInstance> instances) {
        Map<String, Long> out = new HashMap<>();
        if (instances.isEmpty() || g.launchConfigurationName() != null) {
            return out;
        }
        fleet().describe(g.account(), g.region(), instances.stream().map(GroupInstance::instanceId).toList())
                .forEach((id, f) -> {
                    if (f.templateVersion() != null) {
                        try {
                            out.put(id, Long.parseLong(f.templateVersion()));
                        } catch (NumberFormatException e) {
                            // not a number: not a version
                        }
                    }
                });
        return out;
    }

    /**
     * AZRebalance: when zones differ by more than one instance, launch into the smallest first (the group may
     * go above its desired capacity for it, by up to 10% of its maximum or one instance); the next check
     * terminates from the largest.
     */
    private void rebalance(AutoScalingGroup g, List<GroupInstance> all, Changes changes, List<Activity> started) {
        List<GroupInstance> counted = all.stream().filter(GroupInstance::counted).toList();
        if (counted.size() != g.desiredCapacity() || counted.isEmpty()
                || all.stream().anyMatch(i -> !i.lifecycleState().equals(GroupInstance.IN_SERVICE))) {
            return;
        }
        Map<String, Integer> perZone = new LinkedHashMap<>();
        g.zones().forEach(z -> perZone.put(z, 0));
        counted.forEach(i -> perZone.merge(i.zone(), 1, Integer::sum));
        Map.Entry<String, Integer> smallest = perZone.entrySet().stream()
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow();
        int largest = perZone.values().stream().max(Comparator.naturalOrder()).orElse(0);
        if (largest - smallest.getValue() <= 1) {
            return;
        }
        int allowed = g.maxSize() + Math.max(1, g.maxSize() / 10);
        if (counted.size() + 1 > allowed) {
            return;
        }
        launch(g, 1, counted.size(), domain.at() + "an instance was launched to aid in balancing the group's zones.",
                smallest.getKey(), changes, started);
    }

    /** Adds running instances to the group (AttachInstances, or CreateAutoScalingGroup with an InstanceId). */
    public void attach(AutoScalingGroup g, List<String> instanceIds, Changes changes) {
        Map<String, Fleet.InstanceFacts> facts = fleet().describe(g.account(), g.region(), instanceIds);
        for (String id : instanceIds) {
            Fleet.InstanceFacts f = facts.get(id);
            if (f == null || !f.state().equals("running") && !f.state().equals("pending")) {
                throw AutoScalingRefusal.validation("Instance " + id + " is not in correct state. "
                        + "Instances must be in the running state to be attached.");
            }
            GroupInstance other = store().instance(g.account(), g.region(), id);
            if (other != null) {
                throw AutoScalingRefusal.validation("The instance " + id + " is already part of the Auto Scaling group "
                        + other.groupName() + ".");
            }
            if (!g.zones().contains(f.zone())) {
                throw AutoScalingRefusal.validation("Instance " + id + " is not in an Availability Zone of the group.");
            }
        }
        int from = (int) store().instances(g).stream().filter(GroupInstance::counted).count();
        int desired = g.desiredCapacity() + instanceIds.size();
        if (desired > g.maxSize()) {
            throw AutoScalingRefusal.validation("Attaching " + instanceIds.size() + " instance(s) would exceed the "
                    + "maximum size of the AutoScalingGroup (max: " + g.maxSize() + ").");
        }
        AutoScalingGroup.Builder b = g.toBuilder();
        b.desiredCapacity = desired;
        AutoScalingGroup changed = b.build();
        changes.add(changed);
        int n = from;
        for (String id : instanceIds) {
            Fleet.InstanceFacts f = facts.get(id);
            n++;
            GroupInstance i = new GroupInstance(g.account(), g.region(), g.name(), id, f.zone(), f.instanceType(),
                    f.state().equals("running") ? GroupInstance.IN_SERVICE : GroupInstance.PENDING, "Healthy",
                    null, null, f.imageId(), g.newInstancesProtectedFromScaleIn(), f.spot(), domain.now(), null);
            Activity a = activity(changed, "Attaching an existing EC2 instance: " + id, domain.at() + "an instance was "
                    + "added in response to user request. Keeping the capacity at the new " + desired + ".",
                    Activity.SUCCESSFUL, i, changes);
            GroupInstance attached = i.withActivity(a.id());
            for (InstanceWatch w : watches) {
                attached = w.launched(changed, attached, changes);
            }
            changes.add(attached);
            if (attached.lifecycleState().equals(GroupInstance.IN_SERVICE)) {
                GroupInstance in = attached;
                watches.forEach(w -> w.inService(changed, in, changes));
            }
        }
        Map<String, String> tags = new LinkedHashMap<>(g.propagatedTags());
        tags.put("aws:autoscaling:groupName", g.name());
        fleet().tag(g.account(), g.region(), instanceIds, tags);
    }

    /**
     * TerminateInstanceInAutoScalingGroup: terminates the instance, lowering the desired capacity when asked
     * (else a replacement is launched).
     */
    public Activity terminateInstance(String account, String region, String instanceId, boolean decrement,
                                      Changes changes) {
        GroupInstance i = store().instance(account, region, instanceId);
        if (i == null) {
            throw AutoScalingRefusal.validation("Instance Id not found - No managed instance found for instance ID: "
                    + instanceId);
        }
        AutoScalingGroup g = store().group(account, region, i.groupName());
        int counted = (int) store().instances(g).stream().filter(GroupInstance::counted).count();
        if (decrement) {
            if (g.desiredCapacity() - 1 < g.minSize()) {
                throw AutoScalingRefusal.validation("Currently, desiredSize equals minSize (" + g.minSize()
                        + "). Terminating instance without replacement will violate group's min size constraint. "
                        + "Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            }
            AutoScalingGroup.Builder b = g.toBuilder();
            b.desiredCapacity = g.desiredCapacity() - 1;
            g = b.build();
            changes.add(g);
        }
        String cause = domain.at() + "instance " + instanceId + " was taken out of service in response to a user request"
                + (decrement ? ", shrinking the capacity from " + counted + " to " + (counted - 1) + "." : ".");
        Activity a = activity(g, "Terminating EC2 instance: " + instanceId, cause, Activity.IN_PROGRESS, i, changes);
        List<String> ids = new ArrayList<>();
        if (!i.leaving()) {
            leave(g, i.withActivity(a.id()), changes, ids);
        }
        if (!ids.isEmpty()) {
            fleet().terminate(account, region, ids);
        }
        return a;
    }
}
