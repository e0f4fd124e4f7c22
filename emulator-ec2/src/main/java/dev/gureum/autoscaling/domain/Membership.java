package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/**
 * Instances moved in and out of a group by request: detached, put on standby and back, protected from scale in,
 * declared unhealthy. Called under {@link AutoScaling}'s lock.
 */
public final class Membership {

    private final AutoScaling domain;

    public Membership(AutoScaling domain) {
        this.domain = domain;
    }

    private List<GroupInstance> members(AutoScalingGroup g, List<String> ids) {
        List<GroupInstance> out = new ArrayList<>();
        for (String id : ids) {
            GroupInstance i = domain.store().instance(g.account(), g.region(), id);
            if (i == null || !i.groupName().equals(g.name())) {
                throw validation("The instance " + id + " is not part of Auto Scaling group " + g.name() + ".");
            }
            out.add(i);
        }
        return out;
    }

    private int counted(AutoScalingGroup g) {
        return (int) domain.store().instances(g).stream().filter(GroupInstance::counted).count();
    }

    private AutoScalingGroup desired(AutoScalingGroup g, int desired, Changes changes) {
        AutoScalingGroup.Builder b = g.toBuilder();
        b.desiredCapacity = desired;
        AutoScalingGroup changed = b.build();
        changes.add(changed);
        return changed;
    }

    /** AttachInstances. */
    public void attach(String account, String region, String name, List<String> ids, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        domain.capacity().attach(g, ids, changes);
    }

    /** DetachInstances: they leave the group (and its target groups) but keep running. */
    public List<Activity> detach(String account, String region, String name, List<String> ids, boolean decrement,
                                 Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        List<GroupInstance> instances = members(g, ids);
        int from = counted(g);
        if (decrement) {
            if (g.desiredCapacity() - instances.size() < g.minSize()) {
                throw validation("The number of instances to detach would make the desired capacity less than the "
                        + "group's minimum size.");
            }
            g = desired(g, g.desiredCapacity() - instances.size(), changes);
        }
        List<Activity> activities = new ArrayList<>();
        int to = from - instances.size();
        for (GroupInstance i : instances) {
            Activity a = domain.capacity().activity(g, "Detaching EC2 instance: " + i.instanceId(), domain.at()
                    + "instance " + i.instanceId() + " was detached in response to a user request"
                    + (decrement ? ", shrinking the capacity from " + from + " to " + to + "." : "."),
                    Activity.SUCCESSFUL, i, changes);
            activities.add(a);
            domain.capacity().detached(g, i, changes);
            changes.add(new AutoScalingStore.InstanceRemoved(i.key()));
        }
        domain.fleet().untag(account, region, ids, List.of("aws:autoscaling:groupName"));
        domain.capacity().reconcile(g, null, changes);
        return activities;
    }

    /** EnterStandby: instances stay in the group, out of service and out of its capacity. */
    public List<Activity> enterStandby(String account, String region, String name, List<String> ids,
                                       boolean decrement, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        List<GroupInstance> instances = members(g, ids);
        for (GroupInstance i : instances) {
            if (!i.lifecycleState().equals(GroupInstance.IN_SERVICE)) {
                throw validation("The instance " + i.instanceId() + " is not in InService.");
            }
        }
        int from = counted(g);
        if (decrement) {
            if (g.desiredCapacity() - instances.size() < g.minSize()) {
                throw validation("AutoScalingGroup " + name + " has min-size=" + g.minSize() + ", max-size="
                        + g.maxSize() + ", and desired-size=" + g.desiredCapacity() + ". To place into standby "
                        + instances.size() + " instances, please update the AutoScalingGroup sizes appropriately.");
            }
            g = desired(g, g.desiredCapacity() - instances.size(), changes);
        }
        List<Activity> activities = new ArrayList<>();
        for (GroupInstance i : instances) {
            Activity a = domain.capacity().activity(g, "Moving EC2 instance to Standby: " + i.instanceId(),
                    domain.at() + "instance " + i.instanceId() + " was moved to standby in response to a user request"
                            + (decrement ? ", shrinking the capacity from " + from + " to " + (from - instances.size())
                            + "." : "."), Activity.SUCCESSFUL, i, changes);
            activities.add(a);
            changes.add(i.withState(GroupInstance.STANDBY));
            domain.capacity().detached(g, i, changes);
        }
        domain.capacity().reconcile(g, null, changes);
        return activities;
    }

    /** ExitStandby: the instances return to service, raising the desired capacity. */
    public List<Activity> exitStandby(String account, String region, String name, List<String> ids, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        List<GroupInstance> instances = members(g, ids);
        for (GroupInstance i : instances) {
            if (!i.lifecycleState().equals(GroupInstance.STANDBY)) {
                throw validation("The instance " + i.instanceId() + " is not in Standby.");
            }
        }
        if (g.desiredCapacity() + instances.size() > g.maxSize()) {
            throw validation("AutoScalingGroup " + name + " has min-size=" + g.minSize() + ", max-size=" + g.maxSize()
                    + ", and desired-size=" + g.desiredCapacity() + ". To exit standby " + instances.size()
                    + " instances, please update the AutoScalingGroup sizes appropriately.");
        }
        int from = counted(g);
        g = desired(g, g.desiredCapacity() + instances.size(), changes);
        List<Activity> activities = new ArrayList<>();
        for (GroupInstance i : instances) {
            Activity a = domain.capacity().activity(g, "Moving EC2 instance out of Standby: " + i.instanceId(),
                    domain.at() + "instance " + i.instanceId() + " was moved out of standby in response to a user "
                            + "request, increasing the capacity from " + from + " to " + (from + instances.size()) + ".",
                    Activity.SUCCESSFUL, i, changes);
            activities.add(a);
            GroupInstance back = i.withState(GroupInstance.IN_SERVICE);
            changes.add(back);
            domain.capacity().inService(g, back, changes);
        }
        return activities;
    }

    /** SetInstanceProtection. */
    public void protect(String account, String region, String name, List<String> ids, boolean value, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        for (GroupInstance i : members(g, ids)) {
            changes.add(i.withProtection(value));
        }
    }

    /** SetInstanceHealth: an unhealthy instance is replaced (after the grace period when asked to respect it). */
    public void setHealth(String account, String region, String instanceId, String status, boolean respectGrace,
                          Changes changes) {
        if (!status.equals("Healthy") && !status.equals("Unhealthy")) {
            throw validation("Valid instance health states are: [Healthy, Unhealthy].");
        }
        GroupInstance i = domain.store().instance(account, region, instanceId);
        if (i == null) {
            throw validation("Instance Id not found - No managed instance found for instance ID: " + instanceId);
        }
        AutoScalingGroup g = domain.store().group(account, region, i.groupName());
        if (respectGrace && i.launchedAt().plusSeconds(g.healthCheckGracePeriod()).isAfter(domain.now())) {
            return;
        }
        changes.add(i.withHealth(status));
        domain.capacity().reconcile(g, null, changes);
    }
}
