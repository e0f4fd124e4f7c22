package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/**
 * A group's target groups: its instances are registered once in service (unless {@code AddToLoadBalancer} is
 * suspended) and deregistered when they leave; with health check type {@code ELB}, an instance its target groups
 * find unhealthy is replaced. Called under {@link AutoScaling}'s lock.
 */
public final class TargetGroupAttachments implements Capacity.InstanceWatch {

    static final int MAX_PER_GROUP = 100;

    private final AutoScaling domain;
    private final LoadBalancing elb;

    public TargetGroupAttachments(AutoScaling domain, LoadBalancing elb) {
        this.domain = domain;
        this.elb = elb;
    }

    /** Checks that the target groups exist, for CreateAutoScalingGroup and attaching. */
    void check(String account, String region, List<String> arns) {
        for (String arn : arns) {
            if (!elb.targetGroupExists(account, region, arn)) {
                throw validation("Provided Target Groups may not be valid. Please ensure they exist and try again.");
            }
        }
    }

    public void attach(String account, String region, String name, List<String> arns, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        check(account, region, arns);
        List<String> all = new ArrayList<>(g.targetGroupArns());
        List<String> added = new ArrayList<>();
        for (String arn : arns) {
            if (!all.contains(arn)) {
                all.add(arn);
                added.add(arn);
            }
        }
        if (all.size() > MAX_PER_GROUP) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.LIMIT_EXCEEDED,
                    "You have reached the limit of target groups that can be attached to the group.");
        }
        AutoScalingGroup.Builder b = g.toBuilder();
        b.targetGroupArns = all;
        AutoScalingGroup changed = b.build();
        changes.add(changed);
        List<String> inService = inService(changed);
        if (!inService.isEmpty() && !changed.suspended("AddToLoadBalancer")) {
            added.forEach(arn -> elb.register(account, region, arn, inService));
        }
    }

    public void detach(String account, String region, String name, List<String> arns, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, name);
        List<String> all = new ArrayList<>(g.targetGroupArns());
        all.removeAll(arns);
        AutoScalingGroup.Builder b = g.toBuilder();
        b.targetGroupArns = all;
        changes.add(b.build());
        List<String> members = domain.store().instances(g).stream().map(GroupInstance::instanceId).toList();
        if (!members.isEmpty()) {
            arns.stream().filter(g.targetGroupArns()::contains).forEach(arn -> elb.deregister(account, region, arn,
                    members));
        }
    }

    /** {@code InService} once an instance of the group is healthy in it, else {@code Added}. */
    public String state(AutoScalingGroup g, String arn) {
        boolean healthy = inService(g).stream().anyMatch(id -> "healthy".equals(elb.health(arn, id)));
        return healthy ? "InService" : "Added";
    }

    private List<String> inService(AutoScalingGroup g) {
        return domain.store().instances(g).stream().filter(i -> i.lifecycleState().equals(GroupInstance.IN_SERVICE))
                .map(GroupInstance::instanceId).toList();
    }

    @Override
    public void inService(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        if (!group.suspended("AddToLoadBalancer")) {
            group.targetGroupArns().forEach(arn -> elb.register(group.account(), group.region(), arn,
                    List.of(instance.instanceId())));
        }
    }

    @Override
    public GroupInstance leaving(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        detached(group, instance, changes);
        return null;
    }

    @Override
    public void detached(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        group.targetGroupArns().forEach(arn -> elb.deregister(group.account(), group.region(), arn,
                List.of(instance.instanceId())));
    }

    @Override
    public boolean unhealthy(AutoScalingGroup group, GroupInstance instance) {
        return group.targetGroupArns().stream().anyMatch(arn -> "unhealthy".equals(elb.health(arn,
                instance.instanceId())));
    }
}
