package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.LifecycleHook;
import dev.gureum.autoscaling.domain.LifecycleHooks;
import dev.gureum.autoscaling.domain.NotificationConfiguration;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** Lifecycle hooks and their actions, and notification configurations. */
final class LifecycleHookOperations {

    private final AutoScalingService service;

    LifecycleHookOperations(AutoScalingService service) {
        this.service = service;
    }

    private LifecycleHooks hooks() {
        return service.domain().lifecycleHooks();
    }

    void register() {
        service.operation("PutLifecycleHook", r -> {
            Params p = r.params();
            LifecycleHooks.Spec spec = new LifecycleHooks.Spec(p.requireString("LifecycleHookName"),
                    p.string("LifecycleTransition"), p.string("NotificationTargetARN"), p.string("RoleARN"),
                    p.string("NotificationMetadata"), p.integer("HeartbeatTimeout"), p.string("DefaultResult"));
            return service.change(c -> hooks().put(account(r), region(r), group(r), spec, c), h -> Struct.of());
        });
        service.operation("DeleteLifecycleHook", r -> unit(c -> hooks().delete(account(r), region(r), group(r),
                r.params().requireString("LifecycleHookName"), c)));
        service.operation("DescribeLifecycleHooks", r -> {
            AutoScalingGroup g = service.domain().groups().get(account(r), region(r), group(r));
            List<String> names = r.params().stringList("LifecycleHookNames");
            List<LifecycleHook> found = hooks().hooks(g).stream()
                    .filter(h -> names.isEmpty() || names.contains(h.name())).toList();
            return Struct.of().list("LifecycleHooks", found, LifecycleHookOperations::hook);
        });
        service.operation("RecordLifecycleActionHeartbeat", r -> unit(c -> hooks().heartbeat(account(r), region(r),
                group(r), r.params().requireString("LifecycleHookName"), r.params().string("LifecycleActionToken"),
                r.params().string("InstanceId"), c)));
        service.operation("CompleteLifecycleAction", r -> unit(c -> hooks().complete(account(r), region(r),
                group(r), r.params().requireString("LifecycleHookName"), r.params().string("LifecycleActionToken"),
                r.params().string("InstanceId"), r.params().requireString("LifecycleActionResult"), c)));
        service.operation("PutNotificationConfiguration", r -> unit(c -> service.domain().notifications().put(
                account(r), region(r), group(r), r.params().requireString("TopicARN"),
                r.params().stringList("NotificationTypes"), c)));
        service.operation("DeleteNotificationConfiguration", r -> unit(c -> service.domain().notifications().delete(
                account(r), region(r), group(r), r.params().requireString("TopicARN"), c)));
        service.operation("DescribeNotificationConfigurations", r -> {
            List<Struct> rows = new ArrayList<>();
            for (NotificationConfiguration n : service.domain().notifications().of(account(r), region(r),
                    r.params().stringList("AutoScalingGroupNames"))) {
                n.types().forEach(t -> rows.add(Struct.of().put("AutoScalingGroupName", n.groupName())
                        .put("TopicARN", n.topicArn()).put("NotificationType", t)));
            }
            return AutoScalingService.page(Struct.of(), "NotificationConfigurations", rows, r, 100, s -> s);
        });
    }

    private static String group(ActionRequest r) {
        return r.params().requireString("AutoScalingGroupName");
    }

    private Object unit(java.util.function.Consumer<dev.gureum.autoscaling.domain.Changes> change) {
        return service.change(c -> {
            change.accept(c);
            return null;
        }, v -> Struct.of());
    }

    private static Struct hook(LifecycleHook h) {
        return Struct.of()
                .put("LifecycleHookName", h.name())
                .put("AutoScalingGroupName", h.groupName())
                .put("LifecycleTransition", h.transition())
                .put("NotificationTargetARN", h.notificationTargetArn())
                .put("RoleARN", h.roleArn())
                .put("NotificationMetadata", h.notificationMetadata())
                .put("HeartbeatTimeout", h.heartbeatTimeout())
                .put("GlobalTimeout", h.globalTimeout())
                .put("DefaultResult", h.defaultResult());
    }
}
