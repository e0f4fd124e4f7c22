package dev.gureum.autoscaling.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/**
 * Lifecycle hooks and the actions instances wait on, with their notifications in AWS's message format. Called
 * under {@link AutoScaling}'s lock.
 */
public final class LifecycleHooks implements Capacity.InstanceWatch {

    static final int MAX_PER_GROUP = 50;

    private final AutoScaling domain;

    LifecycleHooks(AutoScaling domain) {
        this.domain = domain;
    }

    /** What PutLifecycleHook gives; {@code null} is "not given" (a new hook's defaults, or unchanged). */
    public record Spec(String name, String transition, String notificationTargetArn, String roleArn,
                       String notificationMetadata, Integer heartbeatTimeout, String defaultResult) {
    }

    public List<LifecycleHook> hooks(AutoScalingGroup g) {
        return domain.store().extensions(LifecycleHook.class).stream().filter(h -> h.account().equals(g.account())
                && h.region().equals(g.region()) && h.groupName().equals(g.name()))
                .sorted(java.util.Comparator.comparing(LifecycleHook::name)).toList();
    }

    private LifecycleHook hook(AutoScalingGroup g, String name) {
        return hooks(g).stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
    }

    public LifecycleHook put(String account, String region, String groupName, Spec spec, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, groupName);
        LifecycleHook old = hook(g, spec.name());
        String transition = spec.transition() != null ? spec.transition() : old == null ? null : old.transition();
        if (transition == null) {
            throw validation("LifecycleTransition must be specified when creating a lifecycle hook.");
        }
        if (!transition.equals(LifecycleHook.LAUNCHING) && !transition.equals(LifecycleHook.TERMINATING)) {
            throw validation("Invalid Lifecycle Transition: " + transition);
        }
        int timeout = spec.heartbeatTimeout() != null ? spec.heartbeatTimeout() : old == null ? 3600
                : old.heartbeatTimeout();
        if (timeout < 30 || timeout > 7200) {
            throw validation("Heartbeat timeout must be between 30 and 7200 seconds.");
        }
        String result = spec.defaultResult() != null ? spec.defaultResult() : old == null ? "ABANDON"
                : old.defaultResult();
        if (!result.equals("CONTINUE") && !result.equals("ABANDON")) {
            throw validation("Valid values for DefaultResult are: CONTINUE, ABANDON");
        }
        if (old == null && hooks(g).size() >= MAX_PER_GROUP) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.LIMIT_EXCEEDED,
                    "Max number of lifecycle hooks for a group reached");
        }
        String target = spec.notificationTargetArn() != null ? spec.notificationTargetArn()
                : old == null ? null : old.notificationTargetArn();
        LifecycleHook h = new LifecycleHook(account, region, g.name(), spec.name(), transition, target,
                spec.roleArn() != null ? spec.roleArn() : old == null ? null : old.roleArn(),
                spec.notificationMetadata() != null ? spec.notificationMetadata()
                        : old == null ? null : old.notificationMetadata(), timeout, result);
        changes.add(h);
        if (target != null && !target.isEmpty() && (old == null || !target.equals(old.notificationTargetArn()))) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("AccountId", account);
            test.put("RequestId", UUID.randomUUID().toString());
            test.put("AutoScalingGroupARN", g.arn());
            test.put("AutoScalingGroupName", g.name());
            test.put("Service", "AWS Auto Scaling");
            test.put("Event", "autoscaling:TEST_NOTIFICATION");
            test.put("Time", time(domain.now()));
            domain.notifier().send(account, target, null, JsonText.object(test));
        }
        return h;
    }

    public void delete(String account, String region, String groupName, String name, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, groupName);
        LifecycleHook h = hook(g, name);
        if (h == null) {
            throw validation("No Lifecycle Hook found with name " + name + " for group " + groupName);
        }
        changes.add(new AutoScalingStore.ExtensionRemoved(h.key()));
    }

    /** Removes a deleted group's hooks and waiting actions. */
    void groupDeleted(AutoScalingGroup g, Changes changes) {
        hooks(g).forEach(h -> changes.add(new AutoScalingStore.ExtensionRemoved(h.key())));
        actions(g.account(), g.region()).stream().filter(a -> a.groupName().equals(g.name()))
                .forEach(a -> changes.add(new AutoScalingStore.ExtensionRemoved(a.key())));
    }

    private List<LifecycleAction> actions(String account, String region) {
        return domain.store().extensions(LifecycleAction.class).stream()
                .filter(a -> a.account().equals(account) && a.region().equals(region)).toList();
    }

    private LifecycleAction find(String account, String region, String group, String hook, String token,
                                 String instanceId) {
        if (token == null && instanceId == null) {
            throw validation("Either LifecycleActionToken or InstanceId must be specified.");
        }
        return actions(account, region).stream().filter(a -> a.groupName().equals(group) && a.hookName().equals(hook)
                && (token == null || a.token().equals(token)) && (instanceId == null || a.instanceId().equals(instanceId)))
                .findFirst().orElseThrow(() -> validation("No active Lifecycle Action found with "
                        + (token != null ? "token " + token : "instance ID " + instanceId)));
    }

    /** RecordLifecycleActionHeartbeat: the timeout starts over (within the global timeout). */
    public void heartbeat(String account, String region, String group, String hook, String token, String instanceId,
                          Changes changes) {
        LifecycleAction a = find(account, region, group, hook, token, instanceId);
        LifecycleHook h = hook(domain.groups().get(account, region, group), hook);
        int timeout = h == null ? 3600 : h.heartbeatTimeout();
        changes.add(a.heartbeat(domain.now().plusSeconds(timeout)));
    }

    /** CompleteLifecycleAction: CONTINUE or ABANDON. */
    public void complete(String account, String region, String group, String hook, String token, String instanceId,
                         String result, Changes changes) {
        if (!"CONTINUE".equals(result) && !"ABANDON".equals(result)) {
            throw validation("Valid values for LifecycleActionResult are: CONTINUE, ABANDON");
        }
        LifecycleAction a = find(account, region, group, hook, token, instanceId);
        finish(a, result, changes);
    }

    /** Applies the default result of actions whose timeout has passed (the periodic check). */
    void timeouts(Changes changes) {
        Instant now = domain.now();
        for (LifecycleAction a : domain.store().extensions(LifecycleAction.class)) {
            if (!a.timeoutAt().isAfter(now)) {
                AutoScalingGroup g = domain.store().group(a.account(), a.region(), a.groupName());
                LifecycleHook h = g == null ? null : hook(g, a.hookName());
                finish(a, h == null ? "ABANDON" : h.defaultResult(), changes);
            }
        }
    }

    private void finish(LifecycleAction a, String result, Changes changes) {
        changes.add(new AutoScalingStore.ExtensionRemoved(a.key()));
        AutoScalingGroup g = domain.store().group(a.account(), a.region(), a.groupName());
        GroupInstance i = domain.store().instance(a.account(), a.region(), a.instanceId());
        if (g == null || i == null) {
            return;
        }
        boolean waiting = actions(a.account(), a.region()).stream().anyMatch(o -> o.instanceId().equals(a.instanceId()));
        if (a.transition().equals(LifecycleHook.LAUNCHING)) {
            if (result.equals("ABANDON")) {
                domain.capacity().abandonLaunch(g, i, a.token(), changes);
            } else if (!waiting) {
                changes.add(i.withState(GroupInstance.PENDING_PROCEED));
            }
        } else if (!waiting || result.equals("ABANDON")) {
            // a terminating instance is terminated whatever the result
            domain.capacity().proceedTerminating(g, i, changes);
        }
    }

    @Override
    public GroupInstance launched(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        return wait(group, instance, LifecycleHook.LAUNCHING, GroupInstance.PENDING_WAIT, changes);
    }

    @Override
    public GroupInstance leaving(AutoScalingGroup group, GroupInstance instance, Changes changes) {
        if (!instance.lifecycleState().equals(GroupInstance.TERMINATING)) {
            return null;
        }
        GroupInstance waiting = wait(group, instance, LifecycleHook.TERMINATING, GroupInstance.TERMINATING_WAIT,
                changes);
        return waiting == instance ? null : waiting;
    }

    private GroupInstance wait(AutoScalingGroup g, GroupInstance instance, String transition, String state,
                               Changes changes) {
        List<LifecycleHook> hooks = hooks(g).stream().filter(h -> h.transition().equals(transition)).toList();
        if (hooks.isEmpty()) {
            return instance;
        }
        Instant now = domain.now();
        for (LifecycleHook h : hooks) {
            LifecycleAction a = new LifecycleAction(g.account(), g.region(), g.name(), h.name(),
                    instance.instanceId(), UUID.randomUUID().toString(), transition,
                    now.plusSeconds(h.heartbeatTimeout()), now.plusSeconds(h.globalTimeout()));
            changes.add(a);
            if (h.notificationTargetArn() != null && !h.notificationTargetArn().isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                boolean launching = transition.equals(LifecycleHook.LAUNCHING);
                m.put("Origin", launching ? "EC2" : "AutoScalingGroup");
                m.put("Destination", launching ? "AutoScalingGroup" : "EC2");
                m.put("Service", "AWS Auto Scaling");
                m.put("Time", time(now));
                m.put("AccountId", g.account());
                m.put("LifecycleTransition", transition);
                m.put("RequestId", UUID.randomUUID().toString());
                m.put("AutoScalingGroupName", g.name());
                m.put("LifecycleHookName", h.name());
                m.put("LifecycleActionToken", a.token());
                m.put("EC2InstanceId", instance.instanceId());
                if (h.notificationMetadata() != null) {
                    m.put("NotificationMetadata", h.notificationMetadata());
                }
                domain.notifier().send(g.account(), h.notificationTargetArn(), null, JsonText.object(m));
            }
        }
        return instance.withState(state);
    }

    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
