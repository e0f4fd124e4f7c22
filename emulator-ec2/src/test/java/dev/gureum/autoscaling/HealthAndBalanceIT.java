package dev.gureum.autoscaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.Instance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthAndBalanceIT {

    private final AutoScalingHarness h = new AutoScalingHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anInstanceDeclaredUnhealthyIsReplaced() {
        String lt = h.template("web", "t3.micro");
        String id = h.group("web", lt, 1, 2, 1, 1).instances().get(0).instanceId();
        h.advance(Duration.ofSeconds(10));
        h.asg.setInstanceHealth(r -> r.instanceId(id).healthStatus("Unhealthy").shouldRespectGracePeriod(false));
        assertThat(h.activities("web")).anySatisfy(a -> assertThat(a.cause()).isEqualTo("At 2026-03-01T09:00:10Z an "
                + "instance was taken out of service in response to a user health-check."));
        h.advance(Duration.ofSeconds(70));
        List<Instance> instances = h.describe("web").instances();
        assertThat(instances).hasSize(1).noneMatch(i -> i.instanceId().equals(id));
    }

    @Test
    void zonesAreRebalancedWhenTheGroupGainsAZone() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 6, 4, 1);
        h.advance(Duration.ofSeconds(10));
        h.asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").vpcZoneIdentifier(h.subnets(2)));
        for (int i = 0; i < 20; i++) {
            h.advance(Duration.ofSeconds(10));
        }
        Map<String, Long> perZone = h.describe("web").instances().stream()
                .filter(i -> i.lifecycleStateAsString().equals("InService"))
                .collect(Collectors.groupingBy(Instance::availabilityZone, Collectors.counting()));
        assertThat(perZone.values()).containsExactly(2L, 2L);
        assertThat(h.activities("web")).anySatisfy(a -> assertThat(a.cause())
                .contains("an instance was launched to aid in balancing the group's zones."));
    }

    @Test
    void aZoneEc2RefusesIsAFailedActivityAndTheOtherZonesTakeItsShare() {
        String lt = h.template("web", "t3.micro");
        // us-east-1e offers no t3 instances
        String subnets = h.defaultSubnets().stream().filter(s -> s.availabilityZone().equals("us-east-1e")
                || s.availabilityZone().equals("us-east-1a")).map(s -> s.subnetId())
                .collect(Collectors.joining(","));
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).maxSize(4).desiredCapacity(4)
                .launchTemplate(t -> t.launchTemplateId(lt)).vpcZoneIdentifier(subnets));
        assertThat(h.activities("web")).anySatisfy(a -> {
            assertThat(a.statusCodeAsString()).isEqualTo("Failed");
            assertThat(a.description()).startsWith("Launching a new EC2 instance.  Status Reason: ")
                    .endsWith(". Launching EC2 instance failed.");
            assertThat(a.statusMessage()).contains("us-east-1e");
        });
        assertThat(h.describe("web").instances()).hasSize(4)
                .allSatisfy(i -> assertThat(i.availabilityZone()).isEqualTo("us-east-1a"));
    }

    @Test
    void operationsNotServedAnswerNotImplementedAndClassicLoadBalancersAreNone() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 2, 0, 1);
        assertThatThrownBy(() -> h.asg.putWarmPool(r -> r.autoScalingGroupName("web")))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        for (Runnable call : List.<Runnable>of(
                () -> h.asg.describeWarmPool(r -> r.autoScalingGroupName("web")),
                () -> h.asg.deleteWarmPool(r -> r.autoScalingGroupName("web")),
                () -> h.asg.startInstanceRefresh(r -> r.autoScalingGroupName("web")),
                () -> h.asg.describeInstanceRefreshes(r -> r.autoScalingGroupName("web")),
                () -> h.asg.cancelInstanceRefresh(r -> r.autoScalingGroupName("web")))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(AutoScalingException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(501);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
            });
        }
        assertThat(h.asg.describeLoadBalancers(r -> r.autoScalingGroupName("web")).loadBalancers()).isEmpty();
        assertThat(h.asg.describeTerminationPolicyTypes().terminationPolicyTypes()).contains("Default",
                "OldestInstance", "AllocationStrategy");
        assertThat(h.asg.describeAccountLimits().numberOfAutoScalingGroups()).isEqualTo(1);
        assertThat(h.asg.describeLifecycleHookTypes().lifecycleHookTypes()).containsExactly(
                "autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING");
    }
}
