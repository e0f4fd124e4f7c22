package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/**
 * PutNotificationConfiguration: a group tells SNS topics of its launches and terminations (and their errors), with
 * AWS's subjects and message JSON. Called under {@link AutoScaling}'s lock.
 */
public final class Notifications {

    public static final List<String> TYPES = List.of("autoscaling:EC2_INSTANCE_LAUNCH",
            "autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE",
            "autoscaling:EC2_INSTANCE_TERMINATE_ERROR", "autoscaling:TEST_NOTIFICATION");

    private final AutoScaling domain;

    Notifications(AutoScaling domain) {
        this.domain = domain;
    }

    public List<NotificationConfiguration> of(String account, String region, List<String> groupNames) {
        return domain.store().extensions(NotificationConfiguration.class).stream()
                .filter(n -> n.account().equals(account) && n.region().equals(region)
                        && (groupNames.isEmpty() || groupNames.contains(n.groupName())))
                .sorted(java.util.Comparator.comparing(NotificationConfiguration::groupName)
                        .thenComparing(NotificationConfiguration::topicArn)).toList();
    }

    public void put(String account, String region, String groupName, String topicArn, List<String> types,
                    Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, groupName);
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw validation("Notification type " + t + " is not valid.");
            }
        }
        changes.add(new NotificationConfiguration(account, region, g.name(), topicArn, types));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AccountId", account);
        m.put("RequestId", java.util.UUID.randomUUID().toString());
        m.put("AutoScalingGroupARN", g.arn());
        m.put("AutoScalingGroupName", g.name());
        m.put("Service", "AWS Auto Scaling");
        m.put("Event", "autoscaling:TEST_NOTIFICATION");
        m.put("Time", LifecycleHooks.time(domain.now()));
        domain.notifier().send(account, topicArn, "Auto Scaling: test notification for group \"" + g.name() + "\"",
                JsonText.object(m));
    }

    public void delete(String account, String region, String groupName, String topicArn, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, groupName);
        List<NotificationConfiguration> found = new ArrayList<>(of(account, region, List.of(g.name())));
        found.removeIf(n -> !n.topicArn().equals(topicArn));
        if (found.isEmpty()) {
            throw validation("No notification configuration found for group " + groupName + " and topic " + topicArn);
        }
        found.forEach(n -> changes.add(new AutoScalingStore.ExtensionRemoved(n.key())));
    }

    void groupDeleted(AutoScalingGroup g, Changes changes) {
        of(g.account(), g.region(), List.of(g.name()))
                .forEach(n -> changes.add(new AutoScalingStore.ExtensionRemoved(n.key())));
    }

    /** Tells the group's topics that an instance's launch or termination ended. */
    void ended(AutoScalingGroup g, Activity a, String instanceId) {
        boolean launch = a.description().startsWith("Launching");
        boolean terminate = a.description().startsWith("Terminating");
        if (!launch && !terminate) {
            return;
        }
        boolean failed = !a.statusCode().equals(Activity.SUCCESSFUL);
        String event = "autoscaling:EC2_INSTANCE_" + (launch ? "LAUNCH" : "TERMINATE") + (failed ? "_ERROR" : "");
        List<NotificationConfiguration> targets = of(g.account(), g.region(), List.of(g.name())).stream()
                .filter(n -> n.types().contains(event)).toList();
        if (targets.isEmpty()) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Origin", launch ? "EC2" : "AutoScalingGroup");
        m.put("Destination", launch ? "AutoScalingGroup" : "EC2");
        m.put("Progress", a.progress());
        m.put("AccountId", g.account());
        m.put("Description", a.description());
        m.put("RequestId", a.id());
        m.put("EndTime", a.endTime() == null ? null : LifecycleHooks.time(a.endTime()));
        m.put("AutoScalingGroupARN", g.arn());
        m.put("ActivityId", a.id());
        m.put("StartTime", LifecycleHooks.time(a.startTime()));
        m.put("Service", "AWS Auto Scaling");
        m.put("Time", LifecycleHooks.time(domain.now()));
        m.put("EC2InstanceId", instanceId == null ? "" : instanceId);
        m.put("StatusCode", a.statusCode().equals(Activity.SUCCESSFUL) ? "InProgress" : a.statusCode());
        m.put("StatusMessage", a.statusMessage() == null ? "" : a.statusMessage());
        m.put("Details", new JsonText.Raw(a.details() == null ? "{}" : a.details()));
        m.put("AutoScalingGroupName", g.name());
        m.put("Cause", a.cause());
        m.put("Event", event);
        String subject = "Auto Scaling: " + (launch ? "launch" : "termination") + (failed ? " error" : "")
                + " for group \"" + g.name() + "\"";
        String json = JsonText.object(m);
        targets.forEach(n -> domain.notifier().send(g.account(), n.topicArn(), subject, json));
    }
}
