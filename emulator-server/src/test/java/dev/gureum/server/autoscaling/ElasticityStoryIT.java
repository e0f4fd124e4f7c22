package dev.gureum.server.autoscaling;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The New Year gym: a group of 2 to 10 with target tracking at 50% CPU grows across zones when its instances are
 * busy and shrinks back when they are idle, CloudWatch's alarms running its policy, with the clock moved rather
 * than waited for. The instances' CPU is EC2's model: the {@code gureum:cpu-load} tag.
 */
class ElasticityStoryIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(Set.of("ec2", "autoscaling", "cloudwatch"))
            .setting("ec2.boot-seconds", "30"));

    /** Moves the server clock a minute at a time until {@code condition} holds, at most {@code limit}. */
    private static void advanceUntil(BooleanSupplier condition, Duration limit) {
        for (Duration moved = Duration.ZERO; !condition.getAsBoolean(); moved = moved.plusMinutes(1)) {
            assertThat(moved).as("time waited for").isLessThan(limit);
            gureum.server().clock().advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void theGroupGrowsUnderLoadAndShrinksWhenItPasses() {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build();
             AutoScalingClient asg = gureum.configure(AutoScalingClient.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            String subnets = ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                    .sorted(Comparator.comparing(Subnet::availabilityZone)).limit(3).map(Subnet::subnetId)
                    .collect(Collectors.joining(","));
            ec2.createLaunchTemplate(r -> r.launchTemplateName("gym").launchTemplateData(d -> d
                    .imageId("ami-0c02fb55956c7d316").instanceType("t3.micro").monitoring(m -> m.enabled(true))));
            // the New Year rush: every instance of the group is 90% busy
            asg.createAutoScalingGroup(r -> r.autoScalingGroupName("gym").minSize(2).maxSize(10).desiredCapacity(2)
                    .launchTemplate(t -> t.launchTemplateName("gym")).vpcZoneIdentifier(subnets)
                    .tags(t -> t.key("gureum:cpu-load").value("90").propagateAtLaunch(true)));
            PutScalingPolicyResponse policy = asg.putScalingPolicy(r -> r.autoScalingGroupName("gym")
                    .policyName("cpu50").policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t
                            .targetValue(50.0).predefinedMetricSpecification(m -> m
                                    .predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))));
            String high = policy.alarms().get(0).alarmName();
            String low = policy.alarms().get(1).alarmName();
            MetricAlarm highAlarm = cw.describeAlarms(r -> r.alarmNames(high)).metricAlarms().get(0);
            assertThat(highAlarm.alarmActions()).containsExactly(policy.policyARN());
            assertThat(highAlarm.alarmDescription()).isEqualTo("DO NOT EDIT OR DELETE. For TargetTrackingScaling "
                    + "policy " + policy.policyARN() + ".");
            assertThat(cw.describeAlarms(r -> r.alarmNames(low)).metricAlarms().get(0).threshold()).isEqualTo(45.0);

            Instant start = gureum.server().clock().instant();
            advanceUntil(() -> asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("gym"))
                    .autoScalingGroups().get(0).desiredCapacity() > 2, Duration.ofMinutes(8));
            // 2 instances at 90% for a 50% target: 4 instances, after 3 minutes of the high alarm
            AutoScalingGroup grown = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("gym"))
                    .autoScalingGroups().get(0);
            assertThat(grown.desiredCapacity()).isEqualTo(4);
            assertThat(Duration.between(start, gureum.server().clock().instant())).isGreaterThanOrEqualTo(
                    Duration.ofMinutes(3));
            assertThat(cw.describeAlarms(r -> r.alarmNames(high)).metricAlarms().get(0).stateValue())
                    .isEqualTo(StateValue.ALARM);
            Activity grew = asg.describeScalingActivities(r -> r.autoScalingGroupName("gym")).activities().get(0);
            assertThat(grew.cause()).matches("At \\S+Z a monitor alarm " + high + " in state ALARM triggered policy "
                    + "cpu50 changing the desired capacity from 2 to 4\\.  At \\S+Z an instance was started in "
                    + "response to a difference between desired and actual capacity, increasing the capacity from 2 "
                    + "to 4\\.");
            assertThat(grown.instances()).hasSize(4);
            assertThat(grown.instances().stream().map(Instance::availabilityZone).distinct()).hasSize(3);

            // the rush is over: the instances idle at 10%
            List<String> ids = grown.instances().stream().map(Instance::instanceId).toList();
            ec2.createTags(r -> r.resources(ids).tags(t -> t.key("gureum:cpu-load").value("10")));
            advanceUntil(() -> asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("gym"))
                    .autoScalingGroups().get(0).desiredCapacity() < 4, Duration.ofMinutes(25));
            AutoScalingGroup shrunk = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("gym"))
                    .autoScalingGroups().get(0);
            // back to the minimum, not below
            assertThat(shrunk.desiredCapacity()).isEqualTo(2);
            assertThat(cw.describeAlarms(r -> r.alarmNames(low)).metricAlarms().get(0).stateValue())
                    .isEqualTo(StateValue.ALARM);
            assertThat(asg.describeScalingActivities(r -> r.autoScalingGroupName("gym")).activities().get(0).cause())
                    .contains("a monitor alarm " + low + " in state ALARM triggered policy cpu50 changing the desired "
                            + "capacity from 4 to 2.");

            // deleting the policy deletes its alarms
            asg.deletePolicy(r -> r.autoScalingGroupName("gym").policyName("cpu50"));
            assertThat(cw.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-gym-")).metricAlarms()).isEmpty();
            asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("gym").forceDelete(true));
        }
    }
}
