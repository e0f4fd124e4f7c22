package dev.gureum.autoscaling;

import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A group's Spot instance that EC2 interrupts to make room for an On-Demand launch is replaced. */
class SpotInterruptionIT {

    /** One m5 host of 96 vCPUs per zone: two m5.12xlarge fill it. */
    private final AutoScalingHarness h = new AutoScalingHarness(null,
            Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)).withHostsPerFamily(1));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anInterruptedSpotInstanceIsReplacedWhereThereIsRoom() {
        String lt = h.template("spot", "m5.12xlarge");
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("spot").minSize(2).maxSize(4).desiredCapacity(2)
                .vpcZoneIdentifier(h.subnets(2)).mixedInstancesPolicy(MixedInstancesPolicy.builder()
                        .launchTemplate(l -> l.launchTemplateSpecification(s -> s.launchTemplateId(lt))
                                .overrides(LaunchTemplateOverrides.builder().instanceType("m5.12xlarge").build()))
                        .instancesDistribution(InstancesDistribution.builder().onDemandBaseCapacity(0)
                                .onDemandPercentageAboveBaseCapacity(0).build()).build()));
        h.advance(Duration.ofSeconds(10));
        AutoScalingGroup g = h.describe("spot");
        assertThat(g.instances()).hasSize(2).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("InService");
            assertThat(h.instance(i.instanceId()).instanceLifecycleAsString()).isEqualTo("spot");
        });
        String zone = h.defaultSubnets().get(0).availabilityZone();
        String spot = g.instances().stream().filter(i -> i.availabilityZone().equals(zone)).findFirst().orElseThrow()
                .instanceId();

        // On-Demand launches fill the zone's host: the second finds no room but by interrupting the Spot instance
        h.ec2.runInstances(r -> r.imageId(AutoScalingHarness.AMI).instanceType(InstanceType.M5_12_XLARGE).minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone(zone)));
        h.ec2.runInstances(r -> r.imageId(AutoScalingHarness.AMI).instanceType(InstanceType.M5_LARGE).minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone(zone)));
        software.amazon.awssdk.services.ec2.model.Instance interrupted = h.instance(spot);
        assertThat(interrupted.state().name()).isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        assertThat(interrupted.stateReason().code()).isEqualTo("Server.SpotInstanceTermination");

        h.advance(Duration.ofSeconds(10));
        List<Activity> activities = h.activities("spot");
        assertThat(activities).anySatisfy(a -> {
            assertThat(a.description()).isEqualTo("Terminating EC2 instance: " + spot);
            assertThat(a.cause()).matches("At \\S+Z an instance was taken out of service in response to an EC2 health "
                    + "check indicating it has been terminated or stopped\\.");
        });
        // the replacement finds no room in the interrupted zone and goes to the other
        assertThat(activities).anySatisfy(a -> {
            assertThat(a.statusCodeAsString()).isEqualTo("Failed");
            assertThat(a.statusMessage()).startsWith("We currently do not have sufficient m5.12xlarge capacity in the "
                    + "Availability Zone you requested (" + zone + ").");
        });
        h.advance(Duration.ofSeconds(60));
        g = h.describe("spot");
        assertThat(g.desiredCapacity()).isEqualTo(2);
        assertThat(g.instances()).hasSize(2).noneMatch(i -> i.instanceId().equals(spot)).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("InService");
            assertThat(i.availabilityZone()).isNotEqualTo(zone);
            assertThat(h.instance(i.instanceId()).instanceLifecycleAsString()).isEqualTo("spot");
        });
        assertThat(h.activities("spot")).anySatisfy(a -> {
            assertThat(a.statusCodeAsString()).isEqualTo("Successful");
            assertThat(a.description()).startsWith("Launching a new EC2 instance: i-");
            assertThat(a.cause()).matches("At \\S+Z an instance was started in response to a difference between "
                    + "desired and actual capacity, increasing the capacity from 1 to 2\\.");
        });
    }
}
