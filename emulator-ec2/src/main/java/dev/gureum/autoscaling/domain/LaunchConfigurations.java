package dev.gureum.autoscaling.domain;

import dev.gureum.core.id.Arn;

import java.util.UUID;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/** Launch configurations: created whole, never changed, deleted when no group uses them. */
public final class LaunchConfigurations {

    private final AutoScaling domain;

    public LaunchConfigurations(AutoScaling domain) {
        this.domain = domain;
    }

    /** What CreateLaunchConfiguration gives. */
    public record Spec(String name, String imageId, String instanceType, String keyName,
                       java.util.List<String> securityGroups, String userData, String spotPrice,
                       String iamInstanceProfile, Boolean associatePublicIpAddress, Boolean instanceMonitoring,
                       Boolean ebsOptimized, String placementTenancy, String instanceId) {
    }

    public LaunchConfiguration create(String account, String region, Spec spec, Changes changes) {
        AutoScalingStore store = domain.store();
        if (store.launchConfiguration(account, region, spec.name()) != null) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.ALREADY_EXISTS, "Launch Configuration by this name "
                    + "already exists - A launch configuration already exists with the name " + spec.name());
        }
        if (spec.instanceId() != null) {
            throw validation("Creating a launch configuration from an instance (InstanceId) is not supported by Gureum; "
                    + "give ImageId and InstanceType.");
        }
        if (spec.imageId() == null) {
            throw validation("Valid requests must contain either the ImageId or InstanceId parameter.");
        }
        if (spec.instanceType() == null) {
            throw validation("Valid requests must contain either the InstanceType or InstanceId parameter.");
        }
        if (store.launchConfigurations(account, region).size() >= 200) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.LIMIT_EXCEEDED,
                    "Max number of launch configurations reached");
        }
        String arn = Arn.of("autoscaling", region, account, "launchConfiguration:" + UUID.randomUUID()
                + ":launchConfigurationName/" + spec.name()).toString();
        LaunchConfiguration c = new LaunchConfiguration(arn, account, region, spec.name(), spec.imageId(),
                spec.instanceType(), spec.keyName(), spec.securityGroups(), spec.userData(), spec.spotPrice(),
                spec.iamInstanceProfile(), spec.associatePublicIpAddress(),
                spec.instanceMonitoring() == null || spec.instanceMonitoring(), Boolean.TRUE.equals(spec.ebsOptimized()),
                spec.placementTenancy(), domain.now());
        changes.add(c);
        return c;
    }

    public void delete(String account, String region, String name, Changes changes) {
        AutoScalingStore store = domain.store();
        if (store.launchConfiguration(account, region, name) == null) {
            throw validation("Launch configuration name not found - Launch configuration " + name + " not found");
        }
        for (AutoScalingGroup g : store.groups(account, region)) {
            if (name.equals(g.launchConfigurationName())) {
                throw new AutoScalingRefusal(AutoScalingRefusal.Reason.RESOURCE_IN_USE, "Cannot delete launch "
                        + "configuration " + name + " because it is attached to AutoScalingGroup " + g.name());
            }
        }
        changes.add(new AutoScalingStore.LaunchConfigurationDeleted(AutoScalingStore.key(account, region, name)));
    }
}
