package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.GroupSettings;
import dev.gureum.autoscaling.domain.TerminationPolicies;
import dev.gureum.core.protocol.Struct;

import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** The fixed lists AWS describes (processes, policy types, metrics...) and the account's limits. */
final class DescriptionOperations {

    static final List<String> NOTIFICATION_TYPES = List.of("autoscaling:EC2_INSTANCE_LAUNCH",
            "autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE",
            "autoscaling:EC2_INSTANCE_TERMINATE_ERROR", "autoscaling:TEST_NOTIFICATION");
    static final int MAX_GROUPS = 500;
    static final int MAX_LAUNCH_CONFIGURATIONS = 200;

    private final AutoScalingService service;

    DescriptionOperations(AutoScalingService service) {
        this.service = service;
    }

    void register() {
        service.operation("DescribeAccountLimits", r -> Struct.of()
                .put("MaxNumberOfAutoScalingGroups", MAX_GROUPS)
                .put("MaxNumberOfLaunchConfigurations", MAX_LAUNCH_CONFIGURATIONS)
                .put("NumberOfAutoScalingGroups", service.domain().store().groups(account(r), region(r)).size())
                .put("NumberOfLaunchConfigurations",
                        service.domain().store().launchConfigurations(account(r), region(r)).size()));
        service.operation("DescribeTerminationPolicyTypes", r -> Struct.of()
                .list("TerminationPolicyTypes", TerminationPolicies.TYPES));
        service.operation("DescribeScalingProcessTypes", r -> Struct.of()
                .list("Processes", GroupSettings.PROCESSES, p -> Struct.of().put("ProcessName", p)));
        service.operation("DescribeAdjustmentTypes", r -> Struct.of().list("AdjustmentTypes",
                List.of("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity"),
                t -> Struct.of().put("AdjustmentType", t)));
        service.operation("DescribeLifecycleHookTypes", r -> Struct.of().list("LifecycleHookTypes",
                List.of("autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING")));
        service.operation("DescribeAutoScalingNotificationTypes", r -> Struct.of()
                .list("AutoScalingNotificationTypes", NOTIFICATION_TYPES));
        service.operation("DescribeMetricCollectionTypes", r -> Struct.of()
                .list("Metrics", GroupSettings.METRICS, m -> Struct.of().put("Metric", m))
                .list("Granularities", List.of("1Minute"), g -> Struct.of().put("Granularity", g)));
    }
}
