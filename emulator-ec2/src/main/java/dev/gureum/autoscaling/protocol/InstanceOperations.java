package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScaling;
import dev.gureum.autoscaling.domain.GroupInstance;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** A group's instances: described, terminated, attached, detached, protected, put on standby. */
final class InstanceOperations {

    private final AutoScalingService service;

    InstanceOperations(AutoScalingService service) {
        this.service = service;
    }

    void register() {
        service.operation("DescribeAutoScalingInstances", this::describe);
        service.operation("TerminateInstanceInAutoScalingGroup", this::terminate);
    }

    private AutoScaling domain() {
        return service.domain();
    }

    private Object describe(ActionRequest r) {
        List<String> ids = r.params().stringList("InstanceIds");
        List<GroupInstance> found = domain().store().instances(account(r), region(r)).stream()
                .filter(i -> ids.isEmpty() || ids.contains(i.instanceId())).toList();
        return AutoScalingService.page(Struct.of(), "AutoScalingInstances", found, r, 50,
                AutoScalingShapes::instanceDetails);
    }

    private Object terminate(ActionRequest r) {
        Params p = r.params();
        String id = p.requireString("InstanceId");
        boolean decrement = p.bool("ShouldDecrementDesiredCapacity", false);
        return service.change(c -> domain().capacity().terminateInstance(account(r), region(r), id, decrement, c),
                a -> Struct.of().put("Activity", AutoScalingShapes.activity(a)));
    }
}
