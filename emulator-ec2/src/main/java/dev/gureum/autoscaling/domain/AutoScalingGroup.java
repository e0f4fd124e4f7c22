package dev.gureum.autoscaling.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Auto Scaling group's settings (its instances are {@link GroupInstance}s of their own). Immutable: a change
 * is a new group made with {@link #toBuilder()}.
 *
 * @param zones              the Availability Zones, those of {@code subnets} when the group is in a VPC
 * @param suspendedProcesses process name to the reason it was suspended
 * @param cooldownUntil      the end of the cooldown after the last scaling activity (simple scaling)
 * @param status             {@code null}, or {@code Delete in progress}
 */
public record AutoScalingGroup(String arn, String account, String region, String name, String launchConfigurationName,
                               LaunchTemplateSpec launchTemplate, MixedInstances mixedInstances, int minSize,
                               int maxSize, int desiredCapacity, int defaultCooldown, List<String> zones,
                               List<String> subnets, String healthCheckType, int healthCheckGracePeriod,
                               List<String> targetGroupArns, List<String> terminationPolicies,
                               boolean newInstancesProtectedFromScaleIn, Instant createdTime,
                               Map<String, String> suspendedProcesses, List<String> enabledMetrics,
                               List<GroupTag> tags, String status, Instant cooldownUntil, boolean capacityRebalance,
                               Integer maxInstanceLifetime, Integer defaultInstanceWarmup, String serviceLinkedRoleArn) {

    public static final String DELETE_IN_PROGRESS = "Delete in progress";

    public AutoScalingGroup {
        zones = List.copyOf(zones);
        subnets = List.copyOf(subnets);
        targetGroupArns = List.copyOf(targetGroupArns);
        terminationPolicies = List.copyOf(terminationPolicies);
        suspendedProcesses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(suspendedProcesses));
        enabledMetrics = List.copyOf(enabledMetrics);
        tags = List.copyOf(tags);
    }

    public String key() {
        return AutoScalingStore.key(account, region, name);
    }

    public boolean suspended(String process) {
        return suspendedProcesses.containsKey(process);
    }

    public boolean deleting() {
        return DELETE_IN_PROGRESS.equals(status);
    }

    /** The tags put on instances it launches. */
    public Map<String, String> propagatedTags() {
        Map<String, String> out = new LinkedHashMap<>();
        tags.stream().filter(GroupTag::propagateAtLaunch).forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy under construction. */
    public static final class Builder {
        public String launchConfigurationName;
        public LaunchTemplateSpec launchTemplate;
        public MixedInstances mixedInstances;
        public int minSize;
        public int maxSize;
        public int desiredCapacity;
        public int defaultCooldown;
        public List<String> zones;
        public List<String> subnets;
        public String healthCheckType;
        public int healthCheckGracePeriod;
        public List<String> targetGroupArns;
        public List<String> terminationPolicies;
        public boolean newInstancesProtectedFromScaleIn;
        public Map<String, String> suspendedProcesses;
        public List<String> enabledMetrics;
        public List<GroupTag> tags;
        public String status;
        public Instant cooldownUntil;
        public boolean capacityRebalance;
        public Integer maxInstanceLifetime;
        public Integer defaultInstanceWarmup;
        private final AutoScalingGroup from;

        private Builder(AutoScalingGroup g) {
            from = g;
            launchConfigurationName = g.launchConfigurationName;
            launchTemplate = g.launchTemplate;
            mixedInstances = g.mixedInstances;
            minSize = g.minSize;
            maxSize = g.maxSize;
            desiredCapacity = g.desiredCapacity;
            defaultCooldown = g.defaultCooldown;
            zones = g.zones;
            subnets = g.subnets;
            healthCheckType = g.healthCheckType;
            healthCheckGracePeriod = g.healthCheckGracePeriod;
            targetGroupArns = g.targetGroupArns;
            terminationPolicies = g.terminationPolicies;
            newInstancesProtectedFromScaleIn = g.newInstancesProtectedFromScaleIn;
            suspendedProcesses = g.suspendedProcesses;
            enabledMetrics = g.enabledMetrics;
            tags = g.tags;
            status = g.status;
            cooldownUntil = g.cooldownUntil;
            capacityRebalance = g.capacityRebalance;
            maxInstanceLifetime = g.maxInstanceLifetime;
            defaultInstanceWarmup = g.defaultInstanceWarmup;
        }

        public AutoScalingGroup build() {
            return new AutoScalingGroup(from.arn, from.account, from.region, from.name, launchConfigurationName,
                    launchTemplate, mixedInstances, minSize, maxSize, desiredCapacity, defaultCooldown, zones, subnets,
                    healthCheckType, healthCheckGracePeriod, targetGroupArns, terminationPolicies,
                    newInstancesProtectedFromScaleIn, from.createdTime, suspendedProcesses, enabledMetrics, tags, status,
                    cooldownUntil, capacityRebalance, maxInstanceLifetime, defaultInstanceWarmup,
                    from.serviceLinkedRoleArn);
        }
    }
}
