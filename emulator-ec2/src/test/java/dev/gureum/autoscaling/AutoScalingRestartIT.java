package dev.gureum.autoscaling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.NotificationConfiguration;
import software.amazon.awssdk.services.autoscaling.model.Tag;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AutoScalingRestartIT {

    @TempDir
    Path dir;

    @Test
    void groupsConfigurationsHooksNotificationsAndActivitiesSurviveARestart() {
        AutoScalingGroup web;
        AutoScalingGroup mixed;
        LaunchConfiguration lc;
        List<Activity> activities;
        LifecycleHook hook;
        List<NotificationConfiguration> notifications;
        try (AutoScalingHarness h = new AutoScalingHarness(dir)) {
            String lt = h.template("web", "t3.micro");
            h.asg.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId(AutoScalingHarness.AMI)
                    .instanceType("t3.small").keyName(null).spotPrice("0.05"));
            h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(1).maxSize(5).desiredCapacity(2)
                    .launchTemplate(t -> t.launchTemplateName("web").version("$Latest")).vpcZoneIdentifier(h.subnets(2))
                    .defaultCooldown(120).healthCheckType("ELB").healthCheckGracePeriod(60)
                    .terminationPolicies("OldestInstance", "Default").newInstancesProtectedFromScaleIn(true)
                    .capacityRebalance(true).maxInstanceLifetime(86400).defaultInstanceWarmup(30)
                    .tags(Tag.builder().key("team").value("blue").propagateAtLaunch(true).build()));
            h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("mixed").minSize(0).maxSize(4).desiredCapacity(0)
                    .vpcZoneIdentifier(h.subnets(1)).mixedInstancesPolicy(MixedInstancesPolicy.builder()
                            .launchTemplate(l -> l.launchTemplateSpecification(s -> s.launchTemplateId(lt))
                                    .overrides(LaunchTemplateOverrides.builder().instanceType("t3.small")
                                            .weightedCapacity("2").build()))
                            .instancesDistribution(InstancesDistribution.builder().onDemandBaseCapacity(1)
                                    .onDemandPercentageAboveBaseCapacity(25).spotAllocationStrategy("capacity-optimized")
                                    .build()).build()));
            h.asg.suspendProcesses(r -> r.autoScalingGroupName("web").scalingProcesses("AZRebalance"));
            h.asg.enableMetricsCollection(r -> r.autoScalingGroupName("web").granularity("1Minute")
                    .metrics("GroupDesiredCapacity"));
            h.asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                    .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(90)
                    .defaultResult("CONTINUE").notificationMetadata("meta")
                    .notificationTargetARN("arn:aws:sqs:us-east-1:000000000000:q"));
            h.asg.putNotificationConfiguration(r -> r.autoScalingGroupName("web")
                    .topicARN("arn:aws:sns:us-east-1:000000000000:t").notificationTypes("autoscaling:EC2_INSTANCE_LAUNCH"));
            h.advance(Duration.ofSeconds(10));
            web = h.describe("web");
            mixed = h.describe("mixed");
            lc = h.asg.describeLaunchConfigurations().launchConfigurations().get(0);
            activities = h.activities("web");
            hook = h.asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks().get(0);
            notifications = h.asg.describeNotificationConfigurations().notificationConfigurations();
        }
        try (AutoScalingHarness h = new AutoScalingHarness(dir)) {
            AutoScalingGroup w = h.describe("web");
            assertThat(w.autoScalingGroupARN()).isEqualTo(web.autoScalingGroupARN());
            assertThat(w.launchTemplate()).isEqualTo(web.launchTemplate());
            assertThat(w.minSize()).isEqualTo(1);
            assertThat(w.maxSize()).isEqualTo(5);
            assertThat(w.desiredCapacity()).isEqualTo(2);
            assertThat(w.defaultCooldown()).isEqualTo(120);
            assertThat(w.availabilityZones()).isEqualTo(web.availabilityZones());
            assertThat(w.vpcZoneIdentifier()).isEqualTo(web.vpcZoneIdentifier());
            assertThat(w.healthCheckType()).isEqualTo("ELB");
            assertThat(w.healthCheckGracePeriod()).isEqualTo(60);
            assertThat(w.terminationPolicies()).containsExactly("OldestInstance", "Default");
            assertThat(w.newInstancesProtectedFromScaleIn()).isTrue();
            assertThat(w.capacityRebalance()).isTrue();
            assertThat(w.maxInstanceLifetime()).isEqualTo(86400);
            assertThat(w.defaultInstanceWarmup()).isEqualTo(30);
            assertThat(w.createdTime()).isEqualTo(web.createdTime());
            assertThat(w.tags()).isEqualTo(web.tags());
            assertThat(w.suspendedProcesses()).isEqualTo(web.suspendedProcesses());
            assertThat(w.enabledMetrics()).isEqualTo(web.enabledMetrics());
            assertThat(w.serviceLinkedRoleARN()).isEqualTo(web.serviceLinkedRoleARN());
            assertThat(w.instances()).isEqualTo(web.instances());
            assertThat(h.describe("mixed").mixedInstancesPolicy()).isEqualTo(mixed.mixedInstancesPolicy());
            assertThat(h.asg.describeLaunchConfigurations().launchConfigurations()).containsExactly(lc);
            assertThat(h.activities("web")).isEqualTo(activities);
            assertThat(h.asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks())
                    .containsExactly(hook);
            assertThat(h.asg.describeNotificationConfigurations().notificationConfigurations())
                    .isEqualTo(notifications);
            // and it goes on keeping its capacity
            h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
            assertThat(h.describe("web").instances()).hasSize(3);
        }
    }
}
