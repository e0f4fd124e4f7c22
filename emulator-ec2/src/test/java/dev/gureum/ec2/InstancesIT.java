package dev.gureum.ec2;

import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstancesIT {

    /** A real Amazon Linux AMI id from AWS, unknown to Gureum: accepted as a generic Linux image. */
    static final String PASTED_AMI = "ami-0c02fb55956c7d316";

    private final Ec2Harness harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5))
            .withHostsPerFamily(2));
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private Instance launch(InstanceType type, String name) {
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(type).minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value(name).build()).build()));
        return run.instances().get(0);
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void aLaunchedInstanceBootsAfterTheBootTime() {
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1));
        assertThat(run.reservationId()).matches("r-[0-9a-f]{17}");
        assertThat(run.ownerId()).isEqualTo("000000000000");
        Instance i = run.instances().get(0);
        assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
        assertThat(i.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(i.state().code()).isZero();
        assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(i.privateIpAddress()).startsWith("172.31.");
        assertThat(i.privateDnsName()).isEqualTo("ip-" + i.privateIpAddress().replace('.', '-') + ".ec2.internal");
        assertThat(i.publicIpAddress()).isNotNull();
        assertThat(i.publicDnsName()).endsWith(".compute-1.amazonaws.com");
        assertThat(i.vpcId()).startsWith("vpc-");
        assertThat(i.subnetId()).startsWith("subnet-");
        assertThat(i.securityGroups()).singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("default"));
        assertThat(i.architectureAsString()).isEqualTo("x86_64");
        assertThat(i.platformDetails()).isEqualTo("Linux/UNIX");
        assertThat(i.launchTime()).isEqualTo(harness.clock.instant());

        harness.clock.advanceSeconds(4);
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.PENDING);
        harness.clock.advanceSeconds(1);
        Instance running = describe(i.instanceId());
        assertThat(running.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(running.state().code()).isEqualTo(16);
        assertThat(running.stateReason()).isNull();
    }

    @Test
    void describeFiltersByStateTypeTagAndVpc() {
        Instance web = launch(InstanceType.T3_MICRO, "web");
        Instance db = launch(InstanceType.M5_LARGE, "db");
        harness.clock.advanceSeconds(10);
        ec2.stopInstances(r -> r.instanceIds(db.instanceId()));

        assertThat(ids(Filter.builder().name("tag:Name").values("web").build())).containsExactly(web.instanceId());
        assertThat(ids(Filter.builder().name("tag:Name").values("w*", "d?").build()))
                .containsExactlyInAnyOrder(web.instanceId(), db.instanceId());
        assertThat(ids(Filter.builder().name("instance-type").values("m5.large").build())).containsExactly(db.instanceId());
        assertThat(ids(Filter.builder().name("instance-state-name").values("running").build())).containsExactly(web.instanceId());
        assertThat(ids(Filter.builder().name("instance-state-name").values("stopping").build())).containsExactly(db.instanceId());
        assertThat(ids(Filter.builder().name("vpc-id").values(web.vpcId()).build())).hasSize(2);
        assertThat(ids(Filter.builder().name("vpc-id").values("vpc-00000000").build())).isEmpty();
        assertThat(ids(Filter.builder().name("tag-key").values("Name").build(),
                Filter.builder().name("instance-state-code").values("16").build())).containsExactly(web.instanceId());
        assertThatThrownBy(() -> ids(Filter.builder().name("flavour").values("x").build()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void describePaginates() {
        ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_NANO).minCount(7).maxCount(7));
        DescribeInstancesResponse first = ec2.describeInstances(r -> r.maxResults(5));
        assertThat(first.reservations().get(0).instances()).hasSize(5);
        assertThat(first.nextToken()).isNotNull();
        DescribeInstancesResponse second = ec2.describeInstances(r -> r.maxResults(5).nextToken(first.nextToken()));
        assertThat(second.reservations().get(0).instances()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        assertThat(ec2.describeInstancesPaginator(r -> r.maxResults(5)).reservations().stream()
                .mapToInt(res -> res.instances().size()).sum()).isEqualTo(7);
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.maxResults(5).nextToken("garbage")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPaginationToken"));
    }

    @Test
    void stopResizeStart() {
        Instance i = launch(InstanceType.T3_MICRO, "resize-me");
        String privateIp = i.privateIpAddress();
        String firstPublicIp = i.publicIpAddress();
        harness.clock.advanceSeconds(5);

        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId())
                .instanceType(a -> a.value("t3.large"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));

        List<InstanceStateChange> stopping = ec2.stopInstances(r -> r.instanceIds(i.instanceId())).stoppingInstances();
        assertThat(stopping.get(0).previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(stopping.get(0).currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(describe(i.instanceId()).stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(i.instanceId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));

        harness.clock.advanceSeconds(5);
        Instance stopped = describe(i.instanceId());
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(stopped.publicIpAddress()).isNull();
        assertThat(stopped.stateTransitionReason()).startsWith("User initiated (2025-03-01 09:00:05 GMT)");

        ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId()).instanceType(a -> a.value("t3.large")));
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId()).attribute("instanceType"))
                .instanceType().value()).isEqualTo("t3.large");
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(i.instanceId())
                .instanceType(a -> a.value("m7g.large"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));

        List<InstanceStateChange> starting = ec2.startInstances(r -> r.instanceIds(i.instanceId())).startingInstances();
        assertThat(starting.get(0).previousState().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(starting.get(0).currentState().name()).isEqualTo(InstanceStateName.PENDING);
        harness.clock.advanceSeconds(5);
        Instance restarted = describe(i.instanceId());
        assertThat(restarted.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(restarted.instanceType()).isEqualTo(InstanceType.T3_LARGE);
        assertThat(restarted.privateIpAddress()).isEqualTo(privateIp);
        assertThat(restarted.publicIpAddress()).isNotNull().isNotEqualTo(firstPublicIp);
        assertThat(restarted.launchTime()).isEqualTo(harness.clock.instant().minusSeconds(5));
    }

    @Test
    void terminationProtectionAndTheTerminatedAfterlife() {
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).disableApiTermination(true));
        String id = run.instances().get(0).instanceId();
        assertThatThrownBy(() -> ec2.terminateInstances(r -> r.instanceIds(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("OperationNotPermitted"));
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("disableApiTermination"))
                .disableApiTermination().value()).isTrue();
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(a -> a.value(false)));

        InstanceStateChange change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.previousState().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        harness.clock.advanceSeconds(5);
        Instance gone = describe(id);
        assertThat(gone.state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(gone.state().code()).isEqualTo(48);
        assertThat(gone.privateIpAddress()).isNull();
        // terminating again is a no-op that reports the state
        InstanceStateChange again = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(again.previousState().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(again.currentState().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));

        harness.clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> describe(id)).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
    }

    @Test
    void badIdsGetAwsErrors() {
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-123")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.Malformed"));
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(e).hasMessageContaining("The instance ID 'i-0123456789abcdef0' does not exist");
                });
        assertThatThrownBy(() -> ec2.stopInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-xyz").instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIID.Malformed"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType("t9.mega").minCount(1).maxCount(1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(3).maxCount(2)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone("us-east-1e"))))
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("Unsupported");
                    assertThat(e).hasMessageContaining("us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1f");
                });
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).keyName("nobody")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyPair.NotFound"));
        assertThat(ec2.describeInstances().reservations()).isEmpty();
    }

    @Test
    void aClientTokenMakesRunInstancesIdempotent() {
        RunInstancesResponse first = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(2).maxCount(2).clientToken("deploy-42"));
        RunInstancesResponse again = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(2).maxCount(2).clientToken("deploy-42"));
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances()).extracting(Instance::instanceId)
                .containsExactlyElementsOf(first.instances().stream().map(Instance::instanceId).toList());
        assertThat(ec2.describeInstances().reservations()).hasSize(1);
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.T3_SMALL)
                .minCount(2).maxCount(2).clientToken("deploy-42")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IdempotentParameterMismatch"));
    }

    @Test
    void aRequestLargerThanTheFleetFailsAndLeavesNothing() {
        // two m5 hosts of 96 vCPUs: three m5.24xlarge cannot fit in any one zone
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.M5_24_XLARGE)
                .minCount(3).maxCount(3).placement(p -> p.availabilityZone("us-east-1b"))))
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity");
                    assertThat(((Ec2Exception) e).statusCode()).isEqualTo(500);
                    assertThat(e).hasMessageContaining("m5.24xlarge").hasMessageContaining("us-east-1b");
                });
        assertThat(ec2.describeInstances().reservations()).isEmpty();
        // MaxCount above the capacity takes what fits
        RunInstancesResponse some = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.M5_24_XLARGE)
                .minCount(1).maxCount(3).placement(p -> p.availabilityZone("us-east-1b")));
        assertThat(some.instances()).hasSize(2);
    }

    @Test
    void userDataAttributesAndConsoleOutput() {
        String script = "#!/bin/bash\necho hello > hello.txt\n";
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1)
                .userData(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8))));
        String id = run.instances().get(0).instanceId();
        DescribeInstanceAttributeResponse attr = ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("userData"));
        assertThat(new String(Base64.getDecoder().decode(attr.userData().value()), StandardCharsets.UTF_8)).isEqualTo(script);
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(id)
                .userData(u -> u.value(SdkBytes.fromUtf8String("x")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));

        assertThat(ec2.getConsoleOutput(r -> r.instanceId(id)).output()).isNull();
        harness.clock.advanceSeconds(5);
        String log = new String(Base64.getDecoder().decode(ec2.getConsoleOutput(r -> r.instanceId(id)).output()),
                StandardCharsets.UTF_8);
        assertThat(log).contains("DMI: Amazon EC2 m5.large/").contains("Hypervisor detected: KVM (AWS Nitro)")
                .containsPattern("host h-[0-9a-f]{17} \\(m5 host: 96 vCPUs, 384 GiB")
                .contains("running user data");
    }

    @Test
    void instanceStatusShowsRunningInstancesAndTheirChecks() {
        Instance i = launch(InstanceType.T3_MICRO, "status");
        assertThat(ec2.describeInstanceStatus().instanceStatuses()).isEmpty();
        assertThat(ec2.describeInstanceStatus(r -> r.includeAllInstances(true)).instanceStatuses())
                .singleElement().satisfies(s -> assertThat(s.instanceStatus().statusAsString()).isEqualTo("not-applicable"));
        harness.clock.advanceSeconds(5);
        InstanceStatus booting = ec2.describeInstanceStatus().instanceStatuses().get(0);
        assertThat(booting.instanceId()).isEqualTo(i.instanceId());
        assertThat(booting.instanceStatus().statusAsString()).isEqualTo("initializing");
        harness.clock.advanceSeconds(5);
        InstanceStatus ok = ec2.describeInstanceStatus(r -> r.instanceIds(i.instanceId())).instanceStatuses().get(0);
        assertThat(ok.instanceStatus().statusAsString()).isEqualTo("ok");
        assertThat(ok.systemStatus().details().get(0).statusAsString()).isEqualTo("passed");
    }

    @Test
    void tagsAreCreatedDescribedAndDeleted() {
        Instance i = launch(InstanceType.T3_MICRO, "tagged");
        ec2.createTags(r -> r.resources(i.instanceId()).tags(Tag.builder().key("env").value("dev").build(),
                Tag.builder().key("team").value("cloud").build()));
        assertThat(ec2.describeTags(r -> r.filters(Filter.builder().name("resource-id").values(i.instanceId()).build()))
                .tags()).hasSize(3).allSatisfy(t -> assertThat(t.resourceTypeAsString()).isEqualTo("instance"));
        ec2.deleteTags(r -> r.resources(i.instanceId()).tags(Tag.builder().key("env").value("prod").build(),
                Tag.builder().key("team").build()));
        assertThat(describe(i.instanceId()).tags()).extracting(Tag::key).containsExactlyInAnyOrder("Name", "env");
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("i-0123456789abcdef0")
                .tags(Tag.builder().key("a").value("b").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("bogus").tags(Tag.builder().key("a").value("b").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidID"));
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources(i.instanceId())
                .tags(Tag.builder().key("aws:secret").value("b").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void rebootKeepsTheInstanceRunningAndOperationsOutsideTheSimulationSaySo() {
        Instance i = launch(InstanceType.T3_MICRO, "reboot");
        harness.clock.advanceSeconds(5);
        ec2.rebootInstances(r -> r.instanceIds(i.instanceId()));
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThatThrownBy(() -> ec2.describeVpnGateways())
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("NotImplemented");
                    assertThat(e).hasMessageContaining("DescribeVpnGateways");
                });
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.dryRun(true)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DryRunOperation"));
    }

    private List<String> ids(Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(res -> res.instances().stream()).map(Instance::instanceId).toList();
    }
}
