package dev.gureum.autoscaling.domain;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A group's launches: instances go to the zones with the fewest, one EC2 launch per zone and purchase option;
 * a zone EC2 refuses (no capacity, an instance type it does not offer) is a failed activity, and its share goes
 * to the other zones, as AWS does. Called under {@link AutoScaling}'s lock.
 */
final class Launches {

    private final AutoScaling domain;
    private final Capacity capacity;

    Launches(AutoScaling domain, Capacity capacity) {
        this.domain = domain;
        this.capacity = capacity;
    }

    void launch(AutoScalingGroup g, int count, int counted, String cause, String onlyZone, Changes changes,
                List<Activity> started) {
        AutoScalingStore store = domain.store();
        Fleet fleet = domain.fleet();
        Map<String, Integer> perZone = new LinkedHashMap<>();
        g.zones().forEach(z -> perZone.put(z, 0));
        List<GroupInstance> current = store.instances(g).stream().filter(GroupInstance::counted).toList();
        current.forEach(i -> perZone.merge(i.zone(), 1, Integer::sum));
        Map<String, Fleet.SubnetFacts> subnets = new LinkedHashMap<>();
        for (String s : g.subnets()) {
            fleet.subnet(g.account(), g.region(), s).ifPresent(f -> subnets.putIfAbsent(f.zone(), f));
        }
        if (!g.subnets().isEmpty()) {
            perZone.keySet().retainAll(subnets.keySet());
        }
        int[] onDemand = {(int) current.stream().filter(i -> !i.spot()).count()};
        int onDemandTarget = g.mixedInstances() == null ? Integer.MAX_VALUE
                : g.mixedInstances().onDemandOf(g.desiredCapacity());
        int target = counted + count;
        String fullCause = (cause == null ? "" : cause + "  ") + domain.at() + "an instance was started in response to "
                + "a difference between desired and actual capacity, increasing the capacity from " + counted + " to "
                + target + ".";
        Set<String> refused = new HashSet<>();
        int remaining = count;
        while (remaining > 0) {
            Map<String, Integer> batches = batches(perZone, refused, onlyZone, remaining, onDemand, onDemandTarget);
            if (batches.isEmpty()) {
                return;
            }
            for (Map.Entry<String, Integer> batch : batches.entrySet()) {
                String zone = batch.getKey().substring(0, batch.getKey().indexOf('|'));
                boolean spot = batch.getKey().endsWith("|true");
                Fleet.SubnetFacts subnet = subnets.get(zone);
                Fleet.LaunchOrder order = order(g, subnet == null ? null : subnet.id(), zone, spot, batch.getValue());
                List<String> ids;
                try {
                    ids = fleet.launch(g.account(), g.region(), order);
                } catch (Fleet.LaunchFailure e) {
                    failed(g, e, fullCause, changes, started);
                    refused.add(zone);
                    perZone.merge(zone, -batch.getValue(), Integer::sum);
                    if (!spot) {
                        onDemand[0] -= batch.getValue();
                    }
                    continue;
                }
                remaining -= ids.size();
                Map<String, Fleet.InstanceFacts> facts = fleet.describe(g.account(), g.region(), ids);
                for (String id : ids) {
                    Fleet.InstanceFacts f = facts.get(id);
                    GroupInstance i = new GroupInstance(g.account(), g.region(), g.name(), id,
                            f == null ? zone : f.zone(), f == null ? order.instanceType() : f.instanceType(),
                            GroupInstance.PENDING, "Healthy", g.launchConfigurationName(),
                            g.mixedInstances() != null ? g.mixedInstances().template() : g.launchTemplate(),
                            f == null ? null : f.imageId(), g.newInstancesProtectedFromScaleIn(), spot, domain.now(),
                            null);
                    Activity a = capacity.activity(g, "Launching a new EC2 instance: " + id, fullCause,
                            Activity.PRE_IN_SERVICE, i, changes);
                    started.add(a);
                    GroupInstance launched = capacity.launched(g, i.withActivity(a.id()), changes);
                    changes.add(launched);
                    if (launched.lifecycleState().equals(GroupInstance.PENDING_WAIT)) {
                        changes.add(a.withStatus(Activity.MID_LIFECYCLE_ACTION));
                    }
                }
            }
        }
    }

    /** {@code count} instances by zone (fewest first, refused zones left out) and purchase option. */
    private static Map<String, Integer> batches(Map<String, Integer> perZone, Set<String> refused, String onlyZone,
                                                int count, int[] onDemand, int onDemandTarget) {
        Map<String, Integer> batches = new LinkedHashMap<>();
        for (int n = 0; n < count; n++) {
            String zone = onlyZone != null ? (refused.contains(onlyZone) ? null : onlyZone)
                    : perZone.entrySet().stream().filter(e -> !refused.contains(e.getKey()))
                    .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(null);
            if (zone == null) {
                break;
            }
            perZone.merge(zone, 1, Integer::sum);
            boolean spot = onDemand[0] >= onDemandTarget;
            if (!spot) {
                onDemand[0]++;
            }
            batches.merge(zone + "|" + spot, 1, Integer::sum);
        }
        return batches;
    }

    private void failed(AutoScalingGroup g, Fleet.LaunchFailure e, String cause, Changes changes,
                        List<Activity> started) {
        String reason = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
        Activity a = capacity.activity(g, "Launching a new EC2 instance.  Status Reason: " + reason
                + " Launching EC2 instance failed.", cause, Activity.FAILED, null, changes);
        Activity failed = new Activity(a.id(), a.account(), a.region(), a.groupName(), a.groupArn(), a.description(),
                a.cause(), a.startTime(), a.endTime(), Activity.FAILED, reason + " Launching EC2 instance failed.", 100,
                a.details());
        changes.add(failed);
        started.add(failed);
        domain.notifications().ended(g, failed, null);
    }

    private Fleet.LaunchOrder order(AutoScalingGroup g, String subnet, String zone, boolean spot, int count) {
        Map<String, String> tags = new LinkedHashMap<>(g.propagatedTags());
        tags.put("aws:autoscaling:groupName", g.name());
        if (g.mixedInstances() != null) {
            MixedInstances m = g.mixedInstances();
            String type = m.overrides().isEmpty() ? null : m.overrides().get(0).instanceType();
            return new Fleet.LaunchOrder(m.template(), null, subnet, zone, type, spot, m.spotMaxPrice(), count, tags);
        }
        LaunchConfiguration config = g.launchConfigurationName() == null ? null
                : domain.store().launchConfiguration(g.account(), g.region(), g.launchConfigurationName());
        boolean configSpot = config != null && config.spotPrice() != null;
        return new Fleet.LaunchOrder(g.launchTemplate(), config, subnet, zone, null, configSpot,
                config == null ? null : config.spotPrice(), count, tags);
    }

}
