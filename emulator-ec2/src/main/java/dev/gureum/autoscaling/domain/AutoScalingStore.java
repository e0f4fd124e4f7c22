package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every group, instance of a group, launch configuration and scaling activity of every account and region.
 * Records are immutable; writers change the store only through {@link #apply}, under {@link AutoScaling}'s lock.
 */
public final class AutoScalingStore {

    /** Removals, one per kind, by key. */
    public record GroupDeleted(String key) {
    }

    public record InstanceRemoved(String key) {
    }

    public record LaunchConfigurationDeleted(String key) {
    }

    /** Records other parts of Auto Scaling (policies, scheduled actions) keep here, by their own keys. */
    public interface Extension {
        String key();
    }

    /** Removes an extension's record. */
    public record ExtensionRemoved(String key) {
    }

    private final Map<String, AutoScalingGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, GroupInstance> instances = new ConcurrentHashMap<>();
    private final Map<String, LaunchConfiguration> launchConfigurations = new ConcurrentHashMap<>();
    private final Map<String, Activity> activities = new ConcurrentHashMap<>();
    private final Map<String, Object> extensions = new ConcurrentHashMap<>();
    /** The order activities were recorded in, which breaks ties of their start times. */
    private final Map<String, Long> activityOrder = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong recorded = new java.util.concurrent.atomic.AtomicLong();

    static String key(String account, String region, String name) {
        return account + "|" + region + "|" + name;
    }

    public void apply(Object record) {
        if (record instanceof AutoScalingGroup g) {
            groups.put(g.key(), g);
        } else if (record instanceof GroupDeleted d) {
            groups.remove(d.key());
        } else if (record instanceof GroupInstance i) {
            instances.put(i.key(), i);
        } else if (record instanceof InstanceRemoved r) {
            instances.remove(r.key());
        } else if (record instanceof LaunchConfiguration c) {
            launchConfigurations.put(key(c.account(), c.region(), c.name()), c);
        } else if (record instanceof LaunchConfigurationDeleted d) {
            launchConfigurations.remove(d.key());
        } else if (record instanceof Activity a) {
            activities.put(a.id(), a);
            activityOrder.computeIfAbsent(a.id(), id -> recorded.incrementAndGet());
        } else if (record instanceof Extension e) {
            extensions.put(e.key(), e);
        } else if (record instanceof ExtensionRemoved r) {
            extensions.remove(r.key());
        } else {
            throw new IllegalArgumentException("Not a record of Auto Scaling: " + record);
        }
    }

    public List<Object> records() {
        List<Object> all = new ArrayList<>(launchConfigurations.values());
        all.addAll(groups.values());
        all.addAll(instances.values());
        all.addAll(activities.values().stream().sorted(Comparator.comparing(Activity::startTime)
                .thenComparing(a -> activityOrder.getOrDefault(a.id(), 0L))).toList());
        all.addAll(extensions.values());
        return all;
    }

    public void clear() {
        groups.clear();
        instances.clear();
        launchConfigurations.clear();
        activities.clear();
        activityOrder.clear();
        extensions.clear();
    }

    public AutoScalingGroup group(String account, String region, String name) {
        return name == null ? null : groups.get(key(account, region, name));
    }

    /** The account's groups in the region, by name. */
    public List<AutoScalingGroup> groups(String account, String region) {
        return groups.values().stream().filter(g -> g.account().equals(account) && g.region().equals(region))
                .sorted(Comparator.comparing(AutoScalingGroup::name)).toList();
    }

    public List<AutoScalingGroup> allGroups() {
        return groups.values().stream().sorted(Comparator.comparing(AutoScalingGroup::key)).toList();
    }

    /** A group's instances, oldest launch first. */
    public List<GroupInstance> instances(AutoScalingGroup g) {
        return instances.values().stream().filter(i -> i.account().equals(g.account()) && i.region().equals(g.region())
                        && i.groupName().equals(g.name()))
                .sorted(Comparator.comparing(GroupInstance::launchedAt).thenComparing(GroupInstance::instanceId)).toList();
    }

    public GroupInstance instance(String account, String region, String instanceId) {
        return instanceId == null ? null : instances.get(key(account, region, instanceId));
    }

    public List<GroupInstance> instances(String account, String region) {
        return instances.values().stream().filter(i -> i.account().equals(account) && i.region().equals(region))
                .sorted(Comparator.comparing(GroupInstance::instanceId)).toList();
    }

    public LaunchConfiguration launchConfiguration(String account, String region, String name) {
        return name == null ? null : launchConfigurations.get(key(account, region, name));
    }

    public List<LaunchConfiguration> launchConfigurations(String account, String region) {
        return launchConfigurations.values().stream().filter(c -> c.account().equals(account)
                && c.region().equals(region)).sorted(Comparator.comparing(LaunchConfiguration::name)).toList();
    }

    public Activity activity(String id) {
        return activities.get(id);
    }

    /** The account's activities in the region, newest first. */
    public List<Activity> activities(String account, String region) {
        return activities.values().stream().filter(a -> a.account().equals(account) && a.region().equals(region))
                .sorted(Comparator.comparing(Activity::startTime)
                        .thenComparing(a -> activityOrder.getOrDefault(a.id(), 0L)).reversed()).toList();
    }

    public List<Activity> allActivities() {
        return List.copyOf(activities.values());
    }

    /** The extension records of one type. */
    public <T> List<T> extensions(Class<T> type) {
        return extensions.values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public Object extension(String key) {
        return extensions.get(key);
    }
}
