package dev.gureum.ec2;

import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What DescribeInstances shows right after RunInstances and TerminateInstances, and what an instance still shutting down holds. */
class LaunchStatesIT {

    private Ec2Harness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    private Ec2Client start(Duration boot) {
        harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(boot));
        return harness.ec2();
    }

    private static Instance describe(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void rightAfterRunInstancesDescribeShowsWhatRunInstancesAnswered() {
        Ec2Client ec2 = start(Duration.ofSeconds(5));
        Instance launched = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("t3.micro")
                .minCount(1).maxCount(1)).instances().get(0);
        assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(launched.stateReason().code()).isEqualTo("pending");
        assertThat(launched.stateReason().message()).isEqualTo("pending");
        Instance described = describe(ec2, launched.instanceId());
        assertThat(described.state()).isEqualTo(launched.state());
        assertThat(described.stateReason()).isEqualTo(launched.stateReason());
        assertThat(described.stateTransitionReason()).isEqualTo(launched.stateTransitionReason()).isEmpty();

        harness.clock.advanceSeconds(5);
        Instance running = describe(ec2, launched.instanceId());
        assertThat(running.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(running.stateReason()).isNull();
    }

    @Test
    void runInstancesAnswersPendingEvenWithoutABootTime() {
        Ec2Client ec2 = start(Duration.ZERO);
        Instance launched = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("t3.micro")
                .minCount(1).maxCount(1)).instances().get(0);
        assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(launched.stateReason().code()).isEqualTo("pending");
        assertThat(describe(ec2, launched.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void anInstanceShuttingDownKeepsItsSubnet() {
        Ec2Client ec2 = start(Duration.ofSeconds(5));
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        String id = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1).subnetId(subnet)).instances().get(0).instanceId();
        harness.clock.advanceSeconds(5);

        var change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        Instance shuttingDown = describe(ec2, id);
        assertThat(shuttingDown.state().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        assertThat(shuttingDown.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThatThrownBy(() -> ec2.deleteSubnet(r -> r.subnetId(subnet)))
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode())
                        .isEqualTo("DependencyViolation"));

        harness.clock.advanceSeconds(5);
        assertThat(describe(ec2, id).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        ec2.deleteSubnet(r -> r.subnetId(subnet));
        assertThat(ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets()).isEmpty();
    }
}
