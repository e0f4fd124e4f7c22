package dev.gureum.autoscaling.domain;

import java.util.List;

/** A group with its instances as they are now: what scaling policies read. */
public record GroupState(AutoScalingGroup group, List<GroupInstance> instances) {

    public GroupState {
        instances = List.copyOf(instances);
    }

    public String arn() {
        return group.arn();
    }

    public String name() {
        return group.name();
    }

    public int minSize() {
        return group.minSize();
    }

    public int maxSize() {
        return group.maxSize();
    }

    public int desiredCapacity() {
        return group.desiredCapacity();
    }

    public int defaultCooldown() {
        return group.defaultCooldown();
    }

    /** The instances {@code InService}. */
    public List<GroupInstance> inService() {
        return instances.stream().filter(i -> i.lifecycleState().equals(GroupInstance.IN_SERVICE)).toList();
    }
}
