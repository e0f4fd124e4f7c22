package dev.gureum.autoscaling;

import dev.gureum.core.spi.MetricSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.ResourceInUseException;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoScalingFeaturesIT {

    private final AutoScalingHarness h = new AutoScalingHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private Map<String, String> ec2Tags(String id) {
        return h.instance(id).tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    @Test
    void aLaunchConfigurationLaunchesItsImageAndTypeAndCannotBeDeletedWhileUsed() {
        h.asg.createLaunchConfiguration(r -> r.launchConfigurationName("lc").imageId(AutoScalingHarness.AMI)
                .instanceType("t3.small"));
        LaunchConfiguration lc = h.asg.describeLaunchConfigurations().launchConfigurations().get(0);
        assertThat(lc.launchConfigurationARN()).matches("arn:aws:autoscaling:us-east-1:000000000000:launchConfiguration:"
                + "[0-9a-f-]{36}:launchConfigurationName/lc");
        assertThat(lc.instanceMonitoring().enabled()).isTrue();
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("old").launchConfigurationName("lc").minSize(1)
                .maxSize(2).vpcZoneIdentifier(h.subnets(2)));
        Instance i = h.describe("old").instances().get(0);
        assertThat(i.launchConfigurationName()).isEqualTo("lc");
        software.amazon.awssdk.services.ec2.model.Instance ec2 = h.instance(i.instanceId());
        assertThat(ec2.imageId()).isEqualTo(AutoScalingHarness.AMI);
        assertThat(ec2.instanceTypeAsString()).isEqualTo("t3.small");
        assertThatThrownBy(() -> h.asg.deleteLaunchConfiguration(r -> r.launchConfigurationName("lc")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Cannot delete launch configuration lc because it is attached to AutoScalingGroup old");
        assertThatThrownBy(() -> h.asg.createLaunchConfiguration(r -> r.launchConfigurationName("lc")
                .imageId(AutoScalingHarness.AMI).instanceType("t3.small")))
                .isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExists"));
    }

    @Test
    void aMixedInstancesPolicyLaunchesItsOnDemandBaseAndPercentageAndTheRestAsSpot() {
        String lt = h.template("mixed", "t3.micro");
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("mixed").minSize(0).maxSize(10).desiredCapacity(6)
                .vpcZoneIdentifier(h.subnets(2)).mixedInstancesPolicy(MixedInstancesPolicy.builder()
                        .launchTemplate(l -> l.launchTemplateSpecification(s -> s.launchTemplateId(lt))
                                .overrides(LaunchTemplateOverrides.builder().instanceType("t3.small").build(),
                                        LaunchTemplateOverrides.builder().instanceType("t3.medium").build()))
                        .instancesDistribution(InstancesDistribution.builder().onDemandBaseCapacity(2)
                                .onDemandPercentageAboveBaseCapacity(50).build()).build()));
        AutoScalingGroup g = h.describe("mixed");
        assertThat(g.mixedInstancesPolicy().instancesDistribution().onDemandBaseCapacity()).isEqualTo(2);
        List<String> lifecycles = g.instances().stream().map(i -> h.instance(i.instanceId()).instanceLifecycleAsString())
                .toList();
        // 2 base + 50% of the 4 above: 4 On-Demand, 2 Spot
        assertThat(lifecycles.stream().filter("spot"::equals).count()).isEqualTo(2);
        assertThat(g.instances()).allSatisfy(i -> assertThat(i.instanceType()).isEqualTo("t3.small"));
    }

    @Test
    void tagsPropagateToInstancesAndAreDescribed() {
        String lt = h.template("web", "t3.micro");
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(1).maxSize(3)
                .launchTemplate(t -> t.launchTemplateId(lt)).vpcZoneIdentifier(h.subnets(1))
                .tags(Tag.builder().key("team").value("blue").propagateAtLaunch(true).build(),
                        Tag.builder().key("cost").value("cc").propagateAtLaunch(false).build()));
        String first = h.describe("web").instances().get(0).instanceId();
        assertThat(ec2Tags(first)).containsEntry("team", "blue").containsEntry("aws:autoscaling:groupName", "web")
                .doesNotContainKey("cost");
        h.asg.createOrUpdateTags(r -> r.tags(Tag.builder().resourceId("web").resourceType("auto-scaling-group")
                .key("env").value("prod").propagateAtLaunch(true).build()));
        assertThat(h.asg.describeTags(r -> r.filters(f -> f.name("auto-scaling-group").values("web"))).tags())
                .extracting(TagDescription::key).containsExactly("team", "cost", "env");
        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(2));
        String second = h.describe("web").instances().stream().map(Instance::instanceId).filter(id -> !id.equals(first))
                .findFirst().orElseThrow();
        assertThat(ec2Tags(second)).containsEntry("env", "prod");
        h.asg.deleteTags(r -> r.tags(Tag.builder().resourceId("web").resourceType("auto-scaling-group").key("cost")
                .build()));
        assertThat(h.describe("web").tags()).extracting(TagDescription::key).containsExactly("team", "env");
    }

    @Test
    void suspendedLaunchLeavesTheCapacityShortUntilResumed() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 4, 1, 1);
        h.asg.suspendProcesses(r -> r.autoScalingGroupName("web").scalingProcesses("Launch"));
        assertThat(h.describe("web").suspendedProcesses()).singleElement().satisfies(p -> {
            assertThat(p.processName()).isEqualTo("Launch");
            assertThat(p.suspensionReason()).startsWith("User suspended at 2026-03-01T09:00:00Z");
        });
        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        h.advance(Duration.ofSeconds(30));
        assertThat(h.describe("web").instances()).hasSize(1);
        h.asg.resumeProcesses(r -> r.autoScalingGroupName("web"));
        assertThat(h.describe("web").instances()).hasSize(3);
        assertThat(h.asg.describeScalingProcessTypes().processes()).hasSize(9);
    }

    @Test
    void instancesAreTerminatedDetachedAttachedProtectedAndPutOnStandby() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 1, 5, 3, 1);
        h.advance(Duration.ofSeconds(10));
        List<String> ids = h.describe("web").instances().stream().map(Instance::instanceId).toList();

        // terminated with decrement: no replacement
        Activity a = h.asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(ids.get(0))
                .shouldDecrementDesiredCapacity(true)).activity();
        assertThat(a.cause()).isEqualTo("At 2026-03-01T09:00:10Z instance " + ids.get(0) + " was taken out of service "
                + "in response to a user request, shrinking the capacity from 3 to 2.");
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(2);
        assertThat(h.describe("web").instances()).filteredOn(i -> i.instanceId().equals(ids.get(0)))
                .extracting(Instance::lifecycleStateAsString).containsExactly("Terminating");
        h.advance(Duration.ofSeconds(60));

        // detached: leaves the group, keeps running
        h.asg.detachInstances(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1))
                .shouldDecrementDesiredCapacity(true));
        assertThat(h.describe("web").instances()).extracting(Instance::instanceId).containsExactly(ids.get(2));
        assertThat(h.instance(ids.get(1)).state().nameAsString()).isEqualTo("running");
        assertThat(ec2Tags(ids.get(1))).doesNotContainKey("aws:autoscaling:groupName");

        // attached back: in service at once, the desired capacity raised
        h.asg.attachInstances(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)));
        AutoScalingGroup g = h.describe("web");
        assertThat(g.desiredCapacity()).isEqualTo(2);
        assertThat(g.instances()).extracting(Instance::lifecycleStateAsString).containsOnly("InService");
        assertThat(h.asg.describeAutoScalingInstances(r -> r.instanceIds(ids.get(1))).autoScalingInstances().get(0)
                .autoScalingGroupName()).isEqualTo("web");

        // protected from scale in: the other one goes
        h.asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)).protectedFromScaleIn(true));
        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        assertThat(h.describe("web").instances()).filteredOn(i -> i.lifecycleStateAsString().equals("InService"))
                .extracting(Instance::instanceId).containsExactly(ids.get(1));

        // standby and back
        h.asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0));
        h.asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)).shouldDecrementDesiredCapacity(true));
        assertThatThrownBy(() -> h.asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds("i-0123456789abcdef0")
                .shouldDecrementDesiredCapacity(true))).isInstanceOf(AutoScalingException.class);
        h.asg.exitStandby(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)));
        assertThat(h.describe("web").instances()).filteredOn(i -> i.instanceId().equals(ids.get(1)))
                .extracting(Instance::lifecycleStateAsString).containsExactly("InService");
    }

    @Test
    void enabledGroupMetricsArePublishedBySampling() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 1, 5, 2, 2);
        h.asg.enableMetricsCollection(r -> r.autoScalingGroupName("web").granularity("1Minute")
                .metrics("GroupDesiredCapacity", "GroupInServiceInstances"));
        assertThat(h.describe("web").enabledMetrics()).hasSize(2);
        h.advance(Duration.ofSeconds(10));
        h.metrics.sampleNow();
        List<MetricSink.MetricDatum> data = h.metrics.all().stream()
                .filter(d -> d.namespace().equals("AWS/AutoScaling")).toList();
        assertThat(data).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("GroupInServiceInstances");
            assertThat(d.value()).isEqualTo(2.0);
            assertThat(d.dimensions()).containsExactly(new MetricSink.Dimension("AutoScalingGroupName", "web"));
        });
        assertThat(data).noneMatch(d -> d.name().equals("GroupMaxSize"));
    }
}
