package dev.gureum.autoscaling.domain;

import dev.gureum.core.id.Arn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/** Creating, changing and deleting groups, with AWS's rules and messages. Called under {@link AutoScaling}'s lock. */
public final class Groups {

    static final int DEFAULT_COOLDOWN = 300;
    static final int DEFAULT_GRACE_PERIOD = 300;
    private static final String NO_SOURCE = "Valid requests must contain either LaunchTemplate, LaunchConfigurationName,"
            + " InstanceId or MixedInstancesPolicy parameter.";

    private final AutoScaling domain;

    Groups(AutoScaling domain) {
        this.domain = domain;
    }

    private AutoScalingStore store() {
        return domain.store();
    }

    /** The group, or AWS's ValidationError for a name not found. */
    public AutoScalingGroup get(String account, String region, String name) {
        AutoScalingGroup g = store().group(account, region, name);
        if (g == null) {
            throw validation("AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
        }
        return g;
    }

    public AutoScalingGroup create(String account, String region, GroupSpec spec, Changes changes) {
        String name = spec.name();
        if (store().group(account, region, name) != null) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.ALREADY_EXISTS,
                    "AutoScalingGroup by this name already exists - A group with the name " + name + " already exists");
        }
        int sources = (spec.launchConfigurationName() != null ? 1 : 0) + (spec.launchTemplate() != null ? 1 : 0)
                + (spec.mixedInstances() != null ? 1 : 0) + (spec.instanceId() != null ? 1 : 0);
        if (sources != 1) {
            throw validation(NO_SOURCE);
        }
        LaunchTemplateSpec template = checkTemplate(account, region, spec.launchTemplate());
        MixedInstances mixed = spec.mixedInstances();
        if (mixed != null) {
            if (mixed.template() == null) {
                throw validation("The launch template specification must be specified in the mixed instances policy.");
            }
            mixed = new MixedInstances(checkTemplate(account, region, mixed.template()), mixed.overrides(),
                    mixed.onDemandBaseCapacity(), mixed.onDemandPercentageAboveBase(), mixed.onDemandAllocationStrategy(),
                    mixed.spotAllocationStrategy(), mixed.spotInstancePools(), mixed.spotMaxPrice());
        }
        String configName = spec.launchConfigurationName();
        if (configName != null) {
            checkConfiguration(account, region, configName);
        }
        int min = spec.minSize();
        int max = spec.maxSize();
        int desired = spec.desiredCapacity() == null ? min : spec.desiredCapacity();
        checkSizes(min, max, desired);
        Placement placement = placement(account, region, spec.availabilityZones(), spec.vpcZoneIdentifier());
        if (placement.zones().isEmpty()) {
            throw validation("At least one Availability Zone or VPC Subnet is required.");
        }
        List<String> policies = checkPolicies(spec.terminationPolicies());
        if (spec.targetGroupArns() != null) {
            domain.targetGroups().check(account, region, spec.targetGroupArns());
        }
        String arn = Arn.of("autoscaling", region, account, "autoScalingGroup:" + UUID.randomUUID()
                + ":autoScalingGroupName/" + name).toString();
        String roleArn = spec.serviceLinkedRoleArn() != null ? spec.serviceLinkedRoleArn()
                : Arn.of("iam", "", account, "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
                .toString();
        List<GroupTag> tags = spec.tags() == null ? List.of() : Tags.merge(List.of(), spec.tags());
        AutoScalingGroup g = new AutoScalingGroup(arn, account, region, name, configName, template, mixed, min, max, 0,
                spec.defaultCooldown() == null ? DEFAULT_COOLDOWN : spec.defaultCooldown(), placement.zones(),
                placement.subnets(), checkHealthCheckType(spec.healthCheckType() == null ? "EC2" : spec.healthCheckType()),
                spec.healthCheckGracePeriod() == null ? 0 : spec.healthCheckGracePeriod(),
                spec.targetGroupArns() == null ? List.of() : spec.targetGroupArns(), policies,
                Boolean.TRUE.equals(spec.newInstancesProtectedFromScaleIn()), domain.now(), Map.of(), List.of(), tags,
                null, null, Boolean.TRUE.equals(spec.capacityRebalance()), spec.maxInstanceLifetime(),
                spec.defaultInstanceWarmup(), roleArn);
        changes.add(g);
        String cause = domain.at() + "a user request created an AutoScalingGroup";
        if (spec.instanceId() != null) {
            domain.capacity().attach(g, List.of(spec.instanceId()), changes);
            g = store().group(account, region, name);
        }
        setDesired(g, Math.max(desired, g.desiredCapacity()), cause, changes);
        return store().group(account, region, name);
    }

    public AutoScalingGroup update(String account, String region, GroupSpec spec, Changes changes) {
        AutoScalingGroup g = get(account, region, spec.name());
        AutoScalingGroup.Builder b = g.toBuilder();
        if (spec.launchConfigurationName() != null) {
            checkConfiguration(account, region, spec.launchConfigurationName());
            b.launchConfigurationName = spec.launchConfigurationName();
            b.launchTemplate = null;
            b.mixedInstances = null;
        }
        if (spec.launchTemplate() != null) {
            b.launchTemplate = checkTemplate(account, region, spec.launchTemplate());
            b.launchConfigurationName = null;
            b.mixedInstances = null;
        }
        if (spec.mixedInstances() != null) {
            MixedInstances m = spec.mixedInstances();
            LaunchTemplateSpec t = m.template() != null ? checkTemplate(account, region, m.template())
                    : g.mixedInstances() != null ? g.mixedInstances().template() : g.launchTemplate();
            if (t == null) {
                throw validation("The launch template specification must be specified in the mixed instances policy.");
            }
            b.mixedInstances = new MixedInstances(t, m.overrides(), m.onDemandBaseCapacity(),
                    m.onDemandPercentageAboveBase(), m.onDemandAllocationStrategy(), m.spotAllocationStrategy(),
                    m.spotInstancePools(), m.spotMaxPrice());
            b.launchConfigurationName = null;
            b.launchTemplate = null;
        }
        int min = spec.minSize() != null ? spec.minSize() : g.minSize();
        int max = spec.maxSize() != null ? spec.maxSize() : g.maxSize();
        int desired;
        if (spec.desiredCapacity() != null) {
            desired = spec.desiredCapacity();
        } else {
            // a new minimum above the desired capacity raises it, a new maximum below lowers it
            desired = Math.min(Math.max(g.desiredCapacity(), min), max);
        }
        checkSizes(min, max, desired);
        b.minSize = min;
        b.maxSize = max;
        if (spec.defaultCooldown() != null) {
            b.defaultCooldown = spec.defaultCooldown();
        }
        if (spec.availabilityZones() != null && !spec.availabilityZones().isEmpty() || spec.vpcZoneIdentifier() != null) {
            Placement p = placement(account, region, spec.vpcZoneIdentifier() != null ? null : spec.availabilityZones(),
                    spec.vpcZoneIdentifier());
            if (p.zones().isEmpty()) {
                throw validation("At least one Availability Zone or VPC Subnet is required.");
            }
            b.zones = p.zones();
            b.subnets = p.subnets();
        }
        if (spec.healthCheckType() != null) {
            b.healthCheckType = checkHealthCheckType(spec.healthCheckType());
        }
        if (spec.healthCheckGracePeriod() != null) {
            b.healthCheckGracePeriod = spec.healthCheckGracePeriod();
        }
        if (spec.terminationPolicies() != null && !spec.terminationPolicies().isEmpty()) {
            b.terminationPolicies = checkPolicies(spec.terminationPolicies());
        }
        if (spec.newInstancesProtectedFromScaleIn() != null) {
            b.newInstancesProtectedFromScaleIn = spec.newInstancesProtectedFromScaleIn();
        }
        if (spec.capacityRebalance() != null) {
            b.capacityRebalance = spec.capacityRebalance();
        }
        if (spec.maxInstanceLifetime() != null) {
            b.maxInstanceLifetime = spec.maxInstanceLifetime();
        }
        if (spec.defaultInstanceWarmup() != null) {
            b.defaultInstanceWarmup = spec.defaultInstanceWarmup();
        }
        AutoScalingGroup changed = b.build();
        changes.add(changed);
        setDesired(changed, desired, domain.at() + "a user request update of AutoScalingGroup constraints to min: "
                + min + ", max: " + max + ", desired: " + desired, changes);
        return store().group(account, region, g.name());
    }

    /** SetDesiredCapacity. */
    public void setDesiredCapacity(String account, String region, String name, int desired, boolean honorCooldown,
                                   Changes changes) {
        AutoScalingGroup g = get(account, region, name);
        if (desired > g.maxSize()) {
            throw validation("New SetDesiredCapacity value " + desired + " is above max value " + g.maxSize()
                    + " for the AutoScalingGroup.");
        }
        if (desired < g.minSize()) {
            throw validation("New SetDesiredCapacity value " + desired + " is below min value " + g.minSize()
                    + " for the AutoScalingGroup.");
        }
        changeDesired(account, region, name, desired, domain.at() + "a user request explicitly set group desired capacity",
                honorCooldown, false, changes);
    }

    List<Activity> changeDesired(String account, String region, String name, int desired, String cause,
                                 boolean honorCooldown, boolean clamp, Changes changes) {
        AutoScalingGroup g = get(account, region, name);
        if (honorCooldown && g.cooldownUntil() != null && domain.now().isBefore(g.cooldownUntil())) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.SCALING_ACTIVITY_IN_PROGRESS,
                    "Scaling activity is in progress or the group is in its cooldown period; it cannot be scaled now.");
        }
        int target = clamp ? Math.max(g.minSize(), Math.min(g.maxSize(), desired)) : desired;
        return setDesired(g, target, cause, changes);
    }

    /** Sets the desired capacity and meets it, the cause text completed with the change. */
    private List<Activity> setDesired(AutoScalingGroup g, int desired, String cause, Changes changes) {
        int from = g.desiredCapacity();
        AutoScalingGroup changed = g;
        String full = null;
        if (desired != from) {
            AutoScalingGroup.Builder b = g.toBuilder();
            b.desiredCapacity = desired;
            b.cooldownUntil = domain.now().plusSeconds(g.defaultCooldown());
            changed = b.build();
            changes.add(changed);
            full = cause + " changing the desired capacity from " + from + " to " + desired + ".";
        }
        return domain.capacity().reconcile(changed, full, changes);
    }

    /** DeleteAutoScalingGroup: at once when empty; with {@code force}, once its instances are terminated. */
    public void delete(String account, String region, String name, boolean force, Changes changes) {
        AutoScalingGroup g = get(account, region, name);
        List<GroupInstance> instances = store().instances(g);
        if (!force && !instances.isEmpty()) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.RESOURCE_IN_USE, "You cannot delete an "
                    + "AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
        }
        if (!force && store().activities(account, region).stream().anyMatch(a -> a.groupName().equals(name)
                && !a.finished())) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.SCALING_ACTIVITY_IN_PROGRESS, "You cannot delete an "
                    + "AutoScalingGroup while there are scaling activities in progress for that group.");
        }
        if (instances.isEmpty()) {
            remove(g, changes);
            return;
        }
        AutoScalingGroup.Builder b = g.toBuilder();
        b.status = AutoScalingGroup.DELETE_IN_PROGRESS;
        b.minSize = 0;
        b.maxSize = 0;
        b.desiredCapacity = 0;
        AutoScalingGroup deleting = b.build();
        changes.add(deleting);
        domain.capacity().reconcile(deleting, domain.at() + "a user request deleted the AutoScalingGroup changing the"
                + " desired capacity from " + g.desiredCapacity() + " to 0.", changes);
    }

    /** Removes the group and what belongs to it, once it has no instances. */
    void remove(AutoScalingGroup g, Changes changes) {
        domain.deleted(g, changes);
        changes.add(new AutoScalingStore.GroupDeleted(g.key()));
    }

    private static void checkSizes(int min, int max, int desired) {
        if (min > max) {
            throw validation("Max bound, " + max + ", must be greater than or equal to min bound, " + min);
        }
        if (desired < min || desired > max) {
            throw validation("Desired capacity:" + desired + " must be between the specified min size:" + min
                    + " and max size:" + max);
        }
    }

    private static String checkHealthCheckType(String type) {
        if (!type.equals("EC2") && !type.equals("ELB") && !type.equals("VPC_LATTICE") && !type.equals("EBS")) {
            throw validation("Health check type must be one of the following: EC2, ELB, VPC_LATTICE, EBS");
        }
        return type;
    }

    private static List<String> checkPolicies(List<String> policies) {
        if (policies == null || policies.isEmpty()) {
            return List.of("Default");
        }
        for (String p : policies) {
            if (!TerminationPolicies.known(p)) {
                throw validation("Valid termination policies are " + String.join(", ", TerminationPolicies.TYPES)
                        + " or a Lambda function ARN.");
            }
        }
        return policies;
    }

    private void checkConfiguration(String account, String region, String name) {
        if (store().launchConfiguration(account, region, name) == null) {
            throw validation("Launch configuration name not found - Launch configuration " + name + " not found");
        }
    }

    /** The template as the group keeps it: its id and name both, and the version as given. */
    LaunchTemplateSpec checkTemplate(String account, String region, LaunchTemplateSpec spec) {
        if (spec == null) {
            return null;
        }
        if (spec.id() != null && spec.name() != null || spec.id() == null && spec.name() == null) {
            throw validation("You must specify either a launch template ID or a launch template name in the request,"
                    + " but not both.");
        }
        Fleet.TemplateFacts t = domain.fleet().template(account, region, spec.id(), spec.name()).orElseThrow(() ->
                validation("You must use a valid fully-formed launch template. The specified launch template, with "
                        + (spec.id() != null ? "template ID " + spec.id() : "template name " + spec.name())
                        + ", does not exist."));
        String version = spec.version();
        if (version != null && !version.equals("$Default") && !version.equals("$Latest")) {
            long n;
            try {
                n = Long.parseLong(version);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > t.latestVersion()) {
                throw validation("You must use a valid fully-formed launch template. The specified launch template "
                        + "version, " + version + ", does not exist.");
            }
        }
        return new LaunchTemplateSpec(t.id(), t.name(), version == null ? "$Default" : version);
    }

    /** The zones (and subnets) a group is placed in. */
    record Placement(List<String> zones, List<String> subnets) {
    }

    private Placement placement(String account, String region, List<String> zones, String vpcZoneIdentifier) {
        Fleet fleet = domain.fleet();
        if (vpcZoneIdentifier != null && !vpcZoneIdentifier.isBlank()) {
            Set<String> found = new LinkedHashSet<>();
            List<String> subnets = new ArrayList<>();
            String vpc = null;
            for (String raw : vpcZoneIdentifier.split(",")) {
                String id = raw.strip();
                if (id.isEmpty() || subnets.contains(id)) {
                    continue;
                }
                Fleet.SubnetFacts s = fleet.subnet(account, region, id)
                        .orElseThrow(() -> validation("The subnet ID '" + id + "' does not exist"));
                if (vpc != null && !vpc.equals(s.vpcId())) {
                    throw validation("The subnets specified are not in the same VPC");
                }
                vpc = s.vpcId();
                subnets.add(id);
                found.add(s.zone());
            }
            List<String> sorted = new ArrayList<>(found);
            sorted.sort(null);
            return new Placement(sorted, subnets);
        }
        if (zones == null || zones.isEmpty()) {
            return new Placement(List.of(), List.of());
        }
        List<String> known = fleet.zones(region);
        for (String z : zones) {
            if (!known.contains(z)) {
                throw validation("Invalid Availability Zone: [" + z + "]");
            }
        }
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(zones));
        sorted.sort(null);
        return new Placement(sorted, List.of());
    }
}
