package dev.gureum.autoscaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AlreadyExistsException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.ResourceInUseException;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoScalingGroupIT {

    private final AutoScalingHarness h = new AutoScalingHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private static void refused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AutoScalingException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void aGroupLaunchesItsDesiredCapacityAcrossItsZonesAndTheyComeIntoService() {
        String lt = h.template("web", "t3.micro");
        AutoScalingGroup g = h.group("web", lt, 1, 6, 4, 2);
        assertThat(g.autoScalingGroupARN()).matches("arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
                + "[0-9a-f-]{36}:autoScalingGroupName/web");
        assertThat(g.desiredCapacity()).isEqualTo(4);
        assertThat(g.defaultCooldown()).isEqualTo(300);
        assertThat(g.healthCheckType()).isEqualTo("EC2");
        assertThat(g.terminationPolicies()).containsExactly("Default");
        assertThat(g.launchTemplate().launchTemplateId()).isEqualTo(lt);
        assertThat(g.launchTemplate().launchTemplateName()).isEqualTo("web");
        assertThat(g.launchTemplate().version()).isEqualTo("$Default");
        assertThat(g.instances()).hasSize(4).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("Pending");
            assertThat(i.healthStatus()).isEqualTo("Healthy");
            assertThat(i.instanceType()).isEqualTo("t3.micro");
        });
        // balanced: two in each zone
        Map<String, Long> perZone = g.instances().stream().collect(Collectors.groupingBy(Instance::availabilityZone,
                Collectors.counting()));
        assertThat(perZone).hasSize(2).allSatisfy((z, n) -> assertThat(n).isEqualTo(2L));
        // real EC2 instances, tagged with their group
        software.amazon.awssdk.services.ec2.model.Instance ec2 = h.instance(g.instances().get(0).instanceId());
        assertThat(ec2.tags()).anySatisfy(t -> {
            assertThat(t.key()).isEqualTo("aws:autoscaling:groupName");
            assertThat(t.value()).isEqualTo("web");
        });
        h.advance(Duration.ofSeconds(10));
        assertThat(h.describe("web").instances()).allSatisfy(i ->
                assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        List<Activity> activities = h.activities("web");
        assertThat(activities).hasSize(4).allSatisfy(a -> {
            assertThat(a.description()).startsWith("Launching a new EC2 instance: i-");
            assertThat(a.cause()).matches("At 2026-03-01T09:00:00Z a user request created an AutoScalingGroup changing "
                    + "the desired capacity from 0 to 4\\.  At 2026-03-01T09:00:00Z an instance was started in response "
                    + "to a difference between desired and actual capacity, increasing the capacity from 0 to 4\\.");
            assertThat(a.statusCodeAsString()).isEqualTo("Successful");
            assertThat(a.progress()).isEqualTo(100);
            assertThat(a.endTime()).isNotNull();
        });
    }

    @Test
    void sizesAreCheckedWithAwsMessages() {
        String lt = h.template("web", "t3.micro");
        refused(() -> h.group("a", lt, 1, 3, 5, 1), "ValidationError",
                "Desired capacity:5 must be between the specified min size:1 and max size:3");
        refused(() -> h.group("a", lt, 3, 2, 2, 1), "ValidationError",
                "Max bound, 2, must be greater than or equal to min bound, 3");
        refused(() -> h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("a").minSize(0).maxSize(1)
                .vpcZoneIdentifier(h.subnets(1))), "ValidationError", "Valid requests must contain either "
                + "LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
        refused(() -> h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("a").minSize(0).maxSize(1)
                .launchTemplate(t -> t.launchTemplateId(lt))), "ValidationError",
                "At least one Availability Zone or VPC Subnet is required.");
        refused(() -> h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("a").minSize(0).maxSize(1)
                .launchTemplate(t -> t.launchTemplateName("nope")).vpcZoneIdentifier(h.subnets(1))), "ValidationError",
                "You must use a valid fully-formed launch template. The specified launch template, with template name "
                        + "nope, does not exist.");
        refused(() -> h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("a").minSize(0).maxSize(1)
                .launchTemplate(t -> t.launchTemplateId(lt)).vpcZoneIdentifier("subnet-0123456789abcdef0")),
                "ValidationError", "The subnet ID 'subnet-0123456789abcdef0' does not exist");
        h.group("a", lt, 0, 1, 0, 1);
        assertThatThrownBy(() -> h.group("a", lt, 0, 1, 0, 1)).isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("AutoScalingGroup by this name already exists - A group with the name a already exists");
        refused(() -> h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("a").desiredCapacity(2)), "ValidationError",
                "New SetDesiredCapacity value 2 is above max value 1 for the AutoScalingGroup.");
        refused(() -> h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("zz").desiredCapacity(2)), "ValidationError",
                "AutoScalingGroup name not found - AutoScalingGroup zz not found");
    }

    @Test
    void setDesiredCapacityScalesOutAndInWithActivities() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 10, 2, 3);
        h.advance(Duration.ofSeconds(10));
        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(5));
        AutoScalingGroup g = h.describe("web");
        assertThat(g.desiredCapacity()).isEqualTo(5);
        assertThat(g.instances()).hasSize(5);
        Map<String, Long> perZone = g.instances().stream().collect(Collectors.groupingBy(Instance::availabilityZone,
                Collectors.counting()));
        assertThat(perZone.values()).containsExactlyInAnyOrder(2L, 2L, 1L);
        Activity launch = h.activities("web").get(0);
        assertThat(launch.cause()).isEqualTo("At 2026-03-01T09:00:10Z a user request explicitly set group desired "
                + "capacity changing the desired capacity from 2 to 5.  At 2026-03-01T09:00:10Z an instance was started "
                + "in response to a difference between desired and actual capacity, increasing the capacity from 2 to 5.");
        assertThat(launch.statusCodeAsString()).isEqualTo("PreInService");
        h.advance(Duration.ofSeconds(10));

        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        g = h.describe("web");
        List<Instance> terminating = g.instances().stream().filter(i -> i.lifecycleStateAsString().equals("Terminating"))
                .toList();
        assertThat(terminating).hasSize(4);
        Activity terminate = h.activities("web").get(0);
        assertThat(terminate.description()).startsWith("Terminating EC2 instance: i-");
        assertThat(terminate.cause()).startsWith("At 2026-03-01T09:00:20Z a user request explicitly set group desired "
                + "capacity changing the desired capacity from 5 to 1.  At 2026-03-01T09:00:20Z an instance was taken out "
                + "of service in response to a difference between desired and actual capacity, shrinking the capacity "
                + "from 5 to 1.  At 2026-03-01T09:00:20Z instance ").endsWith(" was selected for termination.");
        assertThat(terminate.statusCodeAsString()).isEqualTo("InProgress");
        assertThat(h.instance(terminating.get(0).instanceId()).state().name())
                .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        h.advance(Duration.ofSeconds(60));
        g = h.describe("web");
        assertThat(g.instances()).hasSize(1);
        assertThat(h.activities("web").get(0).statusCodeAsString()).isEqualTo("Successful");
    }

    @Test
    void anInstanceStoppedOrTerminatedOutsideIsReplaced() {
        String lt = h.template("web", "t3.micro");
        String id = h.group("web", lt, 1, 3, 2, 2).instances().get(0).instanceId();
        h.advance(Duration.ofSeconds(10));
        h.ec2.terminateInstances(r -> r.instanceIds(id));
        h.advance(Duration.ofSeconds(10));
        AutoScalingGroup g = h.describe("web");
        assertThat(h.activities("web")).anySatisfy(a -> {
            assertThat(a.description()).isEqualTo("Terminating EC2 instance: " + id);
            assertThat(a.cause()).endsWith("an instance was taken out of service in response to an EC2 health check "
                    + "indicating it has been terminated or stopped.");
        });
        h.advance(Duration.ofSeconds(60));
        g = h.describe("web");
        assertThat(g.instances()).hasSize(2).noneMatch(i -> i.instanceId().equals(id))
                .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
    }

    @Test
    void updateChangesSizesAndDeleteNeedsAnEmptyGroupOrForce() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 1, 3, 1, 1);
        h.asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(2).defaultCooldown(60));
        AutoScalingGroup g = h.describe("web");
        assertThat(g.minSize()).isEqualTo(2);
        assertThat(g.desiredCapacity()).isEqualTo(2);
        assertThat(g.defaultCooldown()).isEqualTo(60);
        assertThat(h.activities("web").get(0).cause()).startsWith("At 2026-03-01T09:00:00Z a user request update of "
                + "AutoScalingGroup constraints to min: 2, max: 3, desired: 2 changing the desired capacity from 1 to 2.");
        assertThatThrownBy(() -> h.asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("web")))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("You cannot delete an AutoScalingGroup "
                        + "while there are instances or pending Spot instance request(s) still in the group.");
        h.asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("web").forceDelete(true));
        assertThat(h.describe("web").status()).isEqualTo("Delete in progress");
        h.advance(Duration.ofSeconds(90));
        assertThat(h.asg.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
    }

    @Test
    void describePagesAndFiltersByTag() {
        String lt = h.template("web", "t3.micro");
        for (String name : List.of("a", "b", "c")) {
            h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(1)
                    .launchTemplate(t -> t.launchTemplateId(lt)).vpcZoneIdentifier(h.subnets(1))
                    .tags(software.amazon.awssdk.services.autoscaling.model.Tag.builder().key("team")
                            .value(name.equals("b") ? "blue" : "red").build()));
        }
        var first = h.asg.describeAutoScalingGroups(r -> r.maxRecords(2));
        assertThat(first.autoScalingGroups()).extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("a", "b");
        var second = h.asg.describeAutoScalingGroups(r -> r.maxRecords(2).nextToken(first.nextToken()));
        assertThat(second.autoScalingGroups()).extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("c");
        assertThat(second.nextToken()).isNull();
        assertThat(h.asg.describeAutoScalingGroups(r -> r.filters(f -> f.name("tag:team").values("red")))
                .autoScalingGroups()).extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("a", "c");
    }
}
