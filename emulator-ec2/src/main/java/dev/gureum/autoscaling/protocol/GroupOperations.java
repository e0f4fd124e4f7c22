package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.Activity;
import dev.gureum.autoscaling.domain.AutoScaling;
import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.AutoScalingRefusal;
import dev.gureum.autoscaling.domain.GroupSpec;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** Groups: create, describe, update, delete, their desired capacity, and their scaling activities. */
final class GroupOperations {

    private final AutoScalingService service;

    GroupOperations(AutoScalingService service) {
        this.service = service;
    }

    void register() {
        service.operation("CreateAutoScalingGroup", this::create);
        service.operation("DescribeAutoScalingGroups", this::describe);
        service.operation("UpdateAutoScalingGroup", this::update);
        service.operation("DeleteAutoScalingGroup", this::delete);
        service.operation("SetDesiredCapacity", this::setDesiredCapacity);
        service.operation("DescribeScalingActivities", this::describeActivities);
    }

    private AutoScaling domain() {
        return service.domain();
    }

    private static void require(Params p, String member, String field) {
        if (!p.has(member)) {
            throw AutoScalingRefusal.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
    }

    private Object create(ActionRequest r) {
        require(r.params(), "MinSize", "minSize");
        require(r.params(), "MaxSize", "maxSize");
        GroupSpec spec = AutoScalingInputs.group(r.params(), true);
        return service.change(c -> domain().groups().create(account(r), region(r), spec, c), g -> Struct.of());
    }

    private Object update(ActionRequest r) {
        GroupSpec spec = AutoScalingInputs.group(r.params(), false);
        return service.change(c -> domain().groups().update(account(r), region(r), spec, c), g -> Struct.of());
    }

    private Object delete(ActionRequest r) {
        String name = r.params().requireString("AutoScalingGroupName");
        boolean force = r.params().bool("ForceDelete", false);
        return service.change(c -> {
            domain().groups().delete(account(r), region(r), name, force, c);
            return null;
        }, v -> Struct.of());
    }

    private Object setDesiredCapacity(ActionRequest r) {
        String name = r.params().requireString("AutoScalingGroupName");
        require(r.params(), "DesiredCapacity", "desiredCapacity");
        int desired = r.params().integer("DesiredCapacity");
        boolean honor = r.params().bool("HonorCooldown", false);
        return service.change(c -> {
            domain().groups().setDesiredCapacity(account(r), region(r), name, desired, honor, c);
            return null;
        }, v -> Struct.of());
    }

    private Object describe(ActionRequest r) {
        Params p = r.params();
        List<String> names = p.stringList("AutoScalingGroupNames");
        List<AutoScalingGroup> found = new ArrayList<>();
        for (AutoScalingGroup g : domain().store().groups(account(r), region(r))) {
            if ((names.isEmpty() || names.contains(g.name())) && matches(g, p.list("Filters"))) {
                found.add(g);
            }
        }
        boolean withInstances = p.bool("IncludeInstances", true);
        return AutoScalingService.page(Struct.of(), "AutoScalingGroups", found, r, 100,
                g -> AutoScalingShapes.group(g, withInstances ? domain().store().instances(g) : List.of()));
    }

    /** Filters {@code tag-key}, {@code tag-value} and {@code tag:<key>}: every filter must match, any of its values. */
    static boolean matches(AutoScalingGroup g, List<Params> filters) {
        for (Params f : filters) {
            String name = f.string("Name", "");
            List<String> values = f.stringList("Values");
            boolean match;
            if (name.equals("tag-key")) {
                match = g.tags().stream().anyMatch(t -> values.contains(t.key()));
            } else if (name.equals("tag-value")) {
                match = g.tags().stream().anyMatch(t -> values.contains(t.value()));
            } else if (name.startsWith("tag:")) {
                String key = name.substring(4);
                match = g.tags().stream().anyMatch(t -> t.key().equals(key) && values.contains(t.value()));
            } else {
                throw AutoScalingRefusal.validation("Filter type " + name + " is not correct. Allowed Filter types are: "
                        + "auto-scaling-group tag-key tag-value tag:<key>");
            }
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private Object describeActivities(ActionRequest r) {
        Params p = r.params();
        String group = p.string("AutoScalingGroupName");
        List<String> ids = p.stringList("ActivityIds");
        if (group != null && domain().store().group(account(r), region(r), group) == null
                && !p.bool("IncludeDeletedGroups", false)) {
            domain().groups().get(account(r), region(r), group);
        }
        List<Activity> found = domain().store().activities(account(r), region(r)).stream()
                .filter(a -> group == null || a.groupName().equals(group))
                .filter(a -> ids.isEmpty() || ids.contains(a.id()))
                .filter(a -> p.bool("IncludeDeletedGroups", false) || group != null
                        || domain().store().group(a.account(), a.region(), a.groupName()) != null)
                .toList();
        return AutoScalingService.page(Struct.of(), "Activities", found, r, 100, AutoScalingShapes::activity);
    }
}
