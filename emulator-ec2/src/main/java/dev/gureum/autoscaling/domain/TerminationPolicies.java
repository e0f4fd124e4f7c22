package dev.gureum.autoscaling.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Which instances a group terminates when it scales in, as AWS documents it: first the Availability Zone with the
 * most instances (unprotected ones), then the group's policies in order, each keeping the instances it prefers,
 * and the default policy for what is still tied. Where AWS picks at random among ties, Gureum picks the lowest
 * instance id, so that runs repeat.
 */
public final class TerminationPolicies {

    public static final List<String> TYPES = List.of("AllocationStrategy", "ClosestToNextInstanceHour", "Default",
            "NewestInstance", "OldestInstance", "OldestLaunchConfiguration", "OldestLaunchTemplate");
    private static final Set<String> KNOWN = Set.copyOf(TYPES);

    private TerminationPolicies() {
    }

    public static boolean known(String policy) {
        return KNOWN.contains(policy) || policy.startsWith("arn:");
    }

    /**
     * Chooses {@code count} of the candidates (instances in service, not protected from scale in), one at a
     * time, so that the zones stay balanced as each leaves.
     */
    public static List<GroupInstance> choose(AutoScalingGroup group, List<GroupInstance> candidates, int count,
                                             Instant now, Map<String, Long> templateVersions) {
        List<GroupInstance> left = new ArrayList<>(candidates);
        List<GroupInstance> chosen = new ArrayList<>();
        while (chosen.size() < count && !left.isEmpty()) {
            GroupInstance pick = one(group, left, now, templateVersions);
            chosen.add(pick);
            left.remove(pick);
        }
        return chosen;
    }

    private static GroupInstance one(AutoScalingGroup group, List<GroupInstance> candidates, Instant now,
                                     Map<String, Long> templateVersions) {
        Map<String, List<GroupInstance>> byZone = new LinkedHashMap<>();
        candidates.stream().sorted(Comparator.comparing(GroupInstance::zone))
                .forEach(i -> byZone.computeIfAbsent(i.zone(), z -> new ArrayList<>()).add(i));
        int most = byZone.values().stream().mapToInt(List::size).max().orElse(0);
        // the zones tied for the most instances are considered together
        List<GroupInstance> set = byZone.values().stream().filter(l -> l.size() == most).flatMap(List::stream).toList();
        List<String> policies = new ArrayList<>(group.terminationPolicies());
        if (policies.isEmpty()) {
            policies.add("Default");
        }
        for (String policy : policies) {
            set = apply(policy, group, set, now, templateVersions);
            if (set.size() == 1) {
                return set.get(0);
            }
        }
        set = apply("Default", group, set, now, templateVersions);
        return set.stream().min(Comparator.comparing(GroupInstance::instanceId)).orElseThrow();
    }

    static List<GroupInstance> apply(String policy, AutoScalingGroup group, List<GroupInstance> set, Instant now,
                                     Map<String, Long> templateVersions) {
        return switch (policy) {
            case "OldestInstance" -> keepMin(set, i -> i.launchedAt().toEpochMilli());
            case "NewestInstance" -> keepMin(set, i -> -i.launchedAt().toEpochMilli());
            case "OldestLaunchConfiguration" -> keepMin(set, i -> i.launchConfigurationName() != null
                    && i.launchConfigurationName().equals(group.launchConfigurationName()) ? 1 : 0);
            case "OldestLaunchTemplate" -> keepMin(set, i -> templateAge(group, i, templateVersions));
            case "ClosestToNextInstanceHour" -> keepMin(set, i -> toNextHour(i, now));
            case "AllocationStrategy" -> allocation(group, set);
            case "Default" -> {
                List<GroupInstance> s = allocation(group, set);
                s = group.launchConfigurationName() != null
                        ? apply("OldestLaunchConfiguration", group, s, now, templateVersions)
                        : apply("OldestLaunchTemplate", group, s, now, templateVersions);
                yield apply("ClosestToNextInstanceHour", group, s, now, templateVersions);
            }
            default -> set;
        };
    }

    /** Instances of another template, then of older versions of the group's, go first. */
    private static long templateAge(AutoScalingGroup group, GroupInstance i, Map<String, Long> templateVersions) {
        LaunchTemplateSpec current = group.mixedInstances() != null ? group.mixedInstances().template()
                : group.launchTemplate();
        if (current == null || i.launchTemplate() == null) {
            return i.launchTemplate() == null ? 0 : 1;
        }
        boolean same = current.id() != null && current.id().equals(i.launchTemplate().id())
                || current.name() != null && current.name().equals(i.launchTemplate().name());
        if (!same) {
            return 0;
        }
        Long version = templateVersions.get(i.instanceId());
        return version == null ? Long.MAX_VALUE : 1 + version;
    }

    private static long toNextHour(GroupInstance i, Instant now) {
        long running = Math.max(0, Duration.between(i.launchedAt(), now).getSeconds());
        return 3600 - running % 3600;
    }

    /** With On-Demand and Spot shares, instances of the option over its share go first. */
    private static List<GroupInstance> allocation(AutoScalingGroup group, List<GroupInstance> set) {
        MixedInstances mixed = group.mixedInstances();
        if (mixed == null) {
            return set;
        }
        int onDemandTarget = mixed.onDemandOf(group.desiredCapacity());
        long onDemand = set.stream().filter(i -> !i.spot()).count();
        boolean spotFirst = onDemand <= onDemandTarget;
        List<GroupInstance> kept = set.stream().filter(i -> i.spot() == spotFirst).toList();
        return kept.isEmpty() ? set : kept;
    }

    private static List<GroupInstance> keepMin(List<GroupInstance> set, ToLongFunction<GroupInstance> key) {
        long min = set.stream().mapToLong(key).min().orElse(0);
        return set.stream().filter(i -> key.applyAsLong(i) == min).toList();
    }
}
