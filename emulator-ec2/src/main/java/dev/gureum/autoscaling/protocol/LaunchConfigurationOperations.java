package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.LaunchConfiguration;
import dev.gureum.autoscaling.domain.LaunchConfigurations;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** Launch configurations. */
final class LaunchConfigurationOperations {

    private final AutoScalingService service;
    private final LaunchConfigurations domain;

    LaunchConfigurationOperations(AutoScalingService service) {
        this.service = service;
        this.domain = new LaunchConfigurations(service.domain());
    }

    void register() {
        service.operation("CreateLaunchConfiguration", this::create);
        service.operation("DescribeLaunchConfigurations", this::describe);
        service.operation("DeleteLaunchConfiguration", this::delete);
    }

    private Object create(ActionRequest r) {
        Params p = r.params();
        Params monitoring = p.object("InstanceMonitoring");
        LaunchConfigurations.Spec spec = new LaunchConfigurations.Spec(p.requireString("LaunchConfigurationName"),
                p.string("ImageId"), p.string("InstanceType"), p.string("KeyName"), p.stringList("SecurityGroups"),
                p.string("UserData"), p.string("SpotPrice"), p.string("IamInstanceProfile"),
                p.bool("AssociatePublicIpAddress"), monitoring.isPresent() ? monitoring.bool("Enabled") : null,
                p.bool("EbsOptimized"), p.string("PlacementTenancy"), p.string("InstanceId"));
        return service.change(c -> domain.create(account(r), region(r), spec, c), c -> Struct.of());
    }

    private Object describe(ActionRequest r) {
        List<String> names = r.params().stringList("LaunchConfigurationNames");
        List<LaunchConfiguration> found = service.domain().store().launchConfigurations(account(r), region(r)).stream()
                .filter(c -> names.isEmpty() || names.contains(c.name())).toList();
        return AutoScalingService.page(Struct.of(), "LaunchConfigurations", found, r, 100,
                AutoScalingShapes::launchConfiguration);
    }

    private Object delete(ActionRequest r) {
        String name = r.params().requireString("LaunchConfigurationName");
        return service.change(c -> {
            domain.delete(account(r), region(r), name, c);
            return null;
        }, v -> Struct.of());
    }
}
