package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.Membership;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** Instances moved in and out of a group: attach, detach, standby, protection, health. */
final class MembershipOperations {

    private final AutoScalingService service;
    private final Membership membership;

    MembershipOperations(AutoScalingService service) {
        this.service = service;
        this.membership = new Membership(service.domain());
    }

    void register() {
        service.operation("AttachInstances", this::attach);
        service.operation("DetachInstances", this::detach);
        service.operation("EnterStandby", this::enterStandby);
        service.operation("ExitStandby", this::exitStandby);
        service.operation("SetInstanceProtection", this::protect);
        service.operation("SetInstanceHealth", this::health);
    }

    private static String group(ActionRequest r) {
        return r.params().requireString("AutoScalingGroupName");
    }

    private static Struct activities(List<dev.gureum.autoscaling.domain.Activity> activities) {
        return Struct.of().list("Activities", activities, AutoScalingShapes::activity);
    }

    private Object attach(ActionRequest r) {
        List<String> ids = r.params().stringList("InstanceIds");
        return service.change(c -> {
            membership.attach(account(r), region(r), group(r), ids, c);
            return null;
        }, v -> Struct.of());
    }

    private Object detach(ActionRequest r) {
        Params p = r.params();
        boolean decrement = p.bool("ShouldDecrementDesiredCapacity", false);
        return service.change(c -> membership.detach(account(r), region(r), group(r), p.stringList("InstanceIds"),
                decrement, c), MembershipOperations::activities);
    }

    private Object enterStandby(ActionRequest r) {
        Params p = r.params();
        boolean decrement = p.bool("ShouldDecrementDesiredCapacity", false);
        return service.change(c -> membership.enterStandby(account(r), region(r), group(r),
                p.stringList("InstanceIds"), decrement, c), MembershipOperations::activities);
    }

    private Object exitStandby(ActionRequest r) {
        return service.change(c -> membership.exitStandby(account(r), region(r), group(r),
                r.params().stringList("InstanceIds"), c), MembershipOperations::activities);
    }

    private Object protect(ActionRequest r) {
        Params p = r.params();
        boolean value = p.bool("ProtectedFromScaleIn", false);
        return service.change(c -> {
            membership.protect(account(r), region(r), group(r), p.stringList("InstanceIds"), value, c);
            return null;
        }, v -> Struct.of());
    }

    private Object health(ActionRequest r) {
        Params p = r.params();
        return service.change(c -> {
            membership.setHealth(account(r), region(r), p.requireString("InstanceId"), p.requireString("HealthStatus"),
                    p.bool("ShouldRespectGracePeriod", true), c);
            return null;
        }, v -> Struct.of());
    }
}
