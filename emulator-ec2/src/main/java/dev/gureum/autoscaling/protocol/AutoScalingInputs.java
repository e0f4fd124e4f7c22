package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.GroupSpec;
import dev.gureum.autoscaling.domain.GroupTag;
import dev.gureum.autoscaling.domain.LaunchTemplateSpec;
import dev.gureum.autoscaling.domain.MixedInstances;
import dev.gureum.core.protocol.Params;

import java.util.ArrayList;
import java.util.List;

/** Reads the API's inputs into the domain's terms. */
final class AutoScalingInputs {

    private AutoScalingInputs() {
    }

    static LaunchTemplateSpec template(Params t) {
        if (!t.isPresent()) {
            return null;
        }
        return new LaunchTemplateSpec(t.string("LaunchTemplateId"), t.string("LaunchTemplateName"), t.string("Version"));
    }

    static MixedInstances mixed(Params m) {
        if (!m.isPresent()) {
            return null;
        }
        Params lt = m.object("LaunchTemplate");
        List<MixedInstances.Override> overrides = new ArrayList<>();
        for (Params o : lt.list("Overrides")) {
            overrides.add(new MixedInstances.Override(o.string("InstanceType"), o.string("WeightedCapacity")));
        }
        Params d = m.object("InstancesDistribution");
        return new MixedInstances(template(lt.object("LaunchTemplateSpecification")), overrides,
                d.integer("OnDemandBaseCapacity", 0), d.integer("OnDemandPercentageAboveBaseCapacity", 100),
                d.string("OnDemandAllocationStrategy", "prioritized"),
                d.string("SpotAllocationStrategy", "lowest-price"), d.integer("SpotInstancePools"),
                d.string("SpotMaxPrice"));
    }

    static List<GroupTag> tags(Params p) {
        List<GroupTag> tags = new ArrayList<>();
        for (Params t : p.list("Tags")) {
            tags.add(new GroupTag(t.string("Key"), t.string("Value", ""), t.bool("PropagateAtLaunch", false)));
        }
        return tags;
    }

    static GroupSpec group(Params p, boolean create) {
        List<String> policies = p.stringList("TerminationPolicies");
        List<String> targetGroups = new ArrayList<>(p.stringList("TargetGroupARNs"));
        for (Params source : p.list("TrafficSources")) {
            targetGroups.add(source.string("Identifier"));
        }
        return new GroupSpec(p.requireString("AutoScalingGroupName"), p.string("LaunchConfigurationName"),
                template(p.object("LaunchTemplate")), mixed(p.object("MixedInstancesPolicy")), p.string("InstanceId"),
                create ? Integer.valueOf(p.integer("MinSize", 0)) : p.integer("MinSize"),
                create ? Integer.valueOf(p.integer("MaxSize", 0)) : p.integer("MaxSize"),
                p.integer("DesiredCapacity"), p.integer("DefaultCooldown"), p.stringList("AvailabilityZones"),
                p.string("VPCZoneIdentifier"), targetGroups, p.string("HealthCheckType"),
                p.integer("HealthCheckGracePeriod"), policies, p.bool("NewInstancesProtectedFromScaleIn"),
                p.bool("CapacityRebalance"), p.integer("MaxInstanceLifetime"), p.integer("DefaultInstanceWarmup"),
                create ? tags(p) : null, p.string("ServiceLinkedRoleARN"));
    }
}
