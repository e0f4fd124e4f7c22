package dev.gureum.autoscaling.domain;

import java.util.List;

/**
 * What CreateAutoScalingGroup or UpdateAutoScalingGroup gives; {@code null} is "not given" (on update: unchanged).
 *
 * @param vpcZoneIdentifier the subnet ids, comma separated
 */
public record GroupSpec(String name, String launchConfigurationName, LaunchTemplateSpec launchTemplate,
                        MixedInstances mixedInstances, String instanceId, Integer minSize, Integer maxSize,
                        Integer desiredCapacity, Integer defaultCooldown, List<String> availabilityZones,
                        String vpcZoneIdentifier, List<String> targetGroupArns, String healthCheckType,
                        Integer healthCheckGracePeriod, List<String> terminationPolicies,
                        Boolean newInstancesProtectedFromScaleIn, Boolean capacityRebalance,
                        Integer maxInstanceLifetime, Integer defaultInstanceWarmup, List<GroupTag> tags,
                        String serviceLinkedRoleArn) {
}
