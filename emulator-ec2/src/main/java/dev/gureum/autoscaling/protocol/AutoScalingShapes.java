package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.Activity;
import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.GroupInstance;
import dev.gureum.autoscaling.domain.GroupTag;
import dev.gureum.autoscaling.domain.LaunchConfiguration;
import dev.gureum.autoscaling.domain.LaunchTemplateSpec;
import dev.gureum.autoscaling.domain.MixedInstances;
import dev.gureum.core.protocol.Struct;

import java.util.List;

/** The API's shapes of groups, instances, activities, tags and launch configurations. */
public final class AutoScalingShapes {

    private AutoScalingShapes() {
    }

    public static Struct template(LaunchTemplateSpec t) {
        return t == null ? null : Struct.of().put("LaunchTemplateId", t.id()).put("LaunchTemplateName", t.name())
                .put("Version", t.version());
    }

    static Struct mixed(MixedInstances m) {
        if (m == null) {
            return null;
        }
        return Struct.of()
                .put("LaunchTemplate", Struct.of().put("LaunchTemplateSpecification", template(m.template()))
                        .list("Overrides", m.overrides(), o -> Struct.of().put("InstanceType", o.instanceType())
                                .put("WeightedCapacity", o.weightedCapacity())))
                .put("InstancesDistribution", Struct.of()
                        .put("OnDemandAllocationStrategy", m.onDemandAllocationStrategy())
                        .put("OnDemandBaseCapacity", m.onDemandBaseCapacity())
                        .put("OnDemandPercentageAboveBaseCapacity", m.onDemandPercentageAboveBase())
                        .put("SpotAllocationStrategy", m.spotAllocationStrategy())
                        .put("SpotInstancePools", m.spotInstancePools())
                        .put("SpotMaxPrice", m.spotMaxPrice()));
    }

    static Struct group(AutoScalingGroup g, List<GroupInstance> instances) {
        return Struct.of()
                .put("AutoScalingGroupName", g.name())
                .put("AutoScalingGroupARN", g.arn())
                .put("LaunchConfigurationName", g.launchConfigurationName())
                .put("LaunchTemplate", template(g.launchTemplate()))
                .put("MixedInstancesPolicy", mixed(g.mixedInstances()))
                .put("MinSize", g.minSize())
                .put("MaxSize", g.maxSize())
                .put("DesiredCapacity", g.desiredCapacity())
                .put("DefaultCooldown", g.defaultCooldown())
                .list("AvailabilityZones", g.zones())
                .list("LoadBalancerNames", List.of())
                .list("TargetGroupARNs", g.targetGroupArns())
                .put("HealthCheckType", g.healthCheckType())
                .put("HealthCheckGracePeriod", g.healthCheckGracePeriod())
                .list("Instances", instances, AutoScalingShapes::instance)
                .put("CreatedTime", g.createdTime())
                .list("SuspendedProcesses", g.suspendedProcesses().entrySet(), e -> Struct.of()
                        .put("ProcessName", e.getKey()).put("SuspensionReason", e.getValue()))
                .put("VPCZoneIdentifier", g.subnets().isEmpty() ? null : String.join(",", g.subnets()))
                .list("EnabledMetrics", g.enabledMetrics(), m -> Struct.of().put("Metric", m)
                        .put("Granularity", "1Minute"))
                .put("Status", g.status())
                .list("Tags", g.tags(), t -> tag(g.name(), t))
                .list("TerminationPolicies", g.terminationPolicies())
                .put("NewInstancesProtectedFromScaleIn", g.newInstancesProtectedFromScaleIn())
                .put("ServiceLinkedRoleARN", g.serviceLinkedRoleArn())
                .put("MaxInstanceLifetime", g.maxInstanceLifetime())
                .put("CapacityRebalance", g.capacityRebalance())
                .put("DefaultInstanceWarmup", g.defaultInstanceWarmup())
                .list("TrafficSources", g.targetGroupArns(), arn -> Struct.of().put("Identifier", arn).put("Type", "elbv2"));
    }

    static Struct instance(GroupInstance i) {
        return Struct.of()
                .put("InstanceId", i.instanceId())
                .put("InstanceType", i.instanceType())
                .put("AvailabilityZone", i.zone())
                .put("LifecycleState", i.lifecycleState())
                .put("HealthStatus", i.healthStatus())
                .put("LaunchConfigurationName", i.launchConfigurationName())
                .put("LaunchTemplate", template(i.launchTemplate()))
                .put("ProtectedFromScaleIn", i.protectedFromScaleIn());
    }

    /** DescribeAutoScalingInstances' shape: the instance with its group's name. */
    static Struct instanceDetails(GroupInstance i) {
        return instance(i).put("AutoScalingGroupName", i.groupName()).put("HealthStatus",
                i.healthStatus().toUpperCase(java.util.Locale.ROOT));
    }

    public static Struct activity(Activity a) {
        return Struct.of()
                .put("ActivityId", a.id())
                .put("AutoScalingGroupName", a.groupName())
                .put("Description", a.description())
                .put("Cause", a.cause())
                .put("StartTime", a.startTime())
                .put("EndTime", a.endTime())
                .put("StatusCode", a.statusCode())
                .put("StatusMessage", a.statusMessage())
                .put("Progress", a.progress())
                .put("Details", a.details())
                .put("AutoScalingGroupARN", a.groupArn());
    }

    static Struct tag(String groupName, GroupTag t) {
        return Struct.of()
                .put("ResourceId", groupName)
                .put("ResourceType", "auto-scaling-group")
                .put("Key", t.key())
                .put("Value", t.value())
                .put("PropagateAtLaunch", t.propagateAtLaunch());
    }

    static Struct launchConfiguration(LaunchConfiguration c) {
        return Struct.of()
                .put("LaunchConfigurationName", c.name())
                .put("LaunchConfigurationARN", c.arn())
                .put("ImageId", c.imageId())
                .put("KeyName", c.keyName() == null ? "" : c.keyName())
                .list("SecurityGroups", c.securityGroups())
                .list("ClassicLinkVPCSecurityGroups", List.of())
                .put("UserData", c.userData() == null ? "" : c.userData())
                .put("InstanceType", c.instanceType())
                .put("KernelId", "")
                .put("RamdiskId", "")
                .list("BlockDeviceMappings", List.of())
                .put("InstanceMonitoring", Struct.of().put("Enabled", c.instanceMonitoring()))
                .put("SpotPrice", c.spotPrice())
                .put("IamInstanceProfile", c.iamInstanceProfile())
                .put("CreatedTime", c.createdTime())
                .put("EbsOptimized", c.ebsOptimized())
                .put("AssociatePublicIpAddress", c.associatePublicIpAddress())
                .put("PlacementTenancy", c.placementTenancy());
    }
}
