package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeModification;
import software.amazon.awssdk.services.ec2.model.VolumeModificationState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** EBS volumes through the SDK: AWS's rules per volume type, attachments, modifications, deletion and cost. */
class VolumesIT {

    private static final String ZONE = "us-east-1a";

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private CreateVolumeResponse create(Consumer<CreateVolumeRequest.Builder> request) {
        return ec2.createVolume(r -> {
            r.availabilityZone(ZONE);
            request.accept(r);
        });
    }

    private Volume describe(String id) {
        return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private static String message(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorMessage();
    }

    private Instance running(String zone) {
        Instance i = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(zone))).instances().get(0);
        harness.clock.advanceSeconds(5);
        return i;
    }

    @Test
    void volumesTakeAwsDefaultsAndAreCreatingUntilTheTransitionEnds() {
        CreateVolumeResponse gp2 = create(r -> r.size(10));
        assertThat(gp2.volumeType()).isEqualTo(VolumeType.GP2);
        assertThat(gp2.iops()).isEqualTo(100);
        assertThat(gp2.state()).isEqualTo(VolumeState.CREATING);
        assertThat(gp2.encrypted()).isFalse();
        assertThat(gp2.availabilityZone()).isEqualTo(ZONE);
        assertThat(gp2.snapshotId()).isEmpty();
        assertThat(create(r -> r.size(1000)).iops()).isEqualTo(3000);
        assertThat(create(r -> r.size(6000)).iops()).isEqualTo(16000);
        CreateVolumeResponse gp3 = create(r -> r.size(8).volumeType(VolumeType.GP3));
        assertThat(gp3.iops()).isEqualTo(3000);
        assertThat(gp3.throughput()).isEqualTo(125);
        CreateVolumeResponse io2 = create(r -> r.size(10).volumeType(VolumeType.IO2).iops(10000));
        assertThat(io2.iops()).isEqualTo(10000);
        CreateVolumeResponse st1 = create(r -> r.size(125).volumeType(VolumeType.ST1));
        assertThat(st1.iops()).isNull();

        harness.clock.advanceSeconds(5);
        assertThat(describe(gp2.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(ec2.describeVolumeStatus(r -> r.volumeIds(io2.volumeId())).volumeStatuses().get(0).volumeStatus()
                .status().toString()).isEqualTo("ok");
    }

    @Test
    void eachTypeHasAwsLimits() {
        assertThatThrownBy(() -> create(r -> r.size(10).volumeType(VolumeType.IO1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> create(r -> r.size(10).volumeType(VolumeType.IO1).iops(1000)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("Iops to volume size ratio of 100.000000 is too high; maximum is 50.000000."));
        assertThatThrownBy(() -> create(r -> r.size(10).volumeType(VolumeType.GP3).iops(6000)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> create(r -> r.size(100).volumeType(VolumeType.GP3).iops(3000).throughput(1001)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        // at most 0.25 MiB/s per IOPS
        assertThatThrownBy(() -> create(r -> r.size(100).volumeType(VolumeType.GP3).iops(3000).throughput(800)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> create(r -> r.size(100).volumeType(VolumeType.ST1)))
                .satisfies(e -> assertThat(message(e)).isEqualTo("Volume of 100GiB is too small; minimum is 125GiB."));
        assertThatThrownBy(() -> create(r -> r.size(2000).volumeType(VolumeType.STANDARD)))
                .satisfies(e -> assertThat(message(e)).isEqualTo("Volume of 2000GiB is too large; maximum is 1024GiB."));
        assertThatThrownBy(() -> create(r -> r.size(20000)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> create(r -> r.size(10).iops(300)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> create(r -> r.size(10).throughput(300)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> create(r -> r.volumeType(VolumeType.GP3)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> create(r -> r.size(10).volumeType("gp9")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> create(r -> r.size(10).availabilityZone("eu-west-1a")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidZone.NotFound"));
        assertThatThrownBy(() -> create(r -> r.size(10).kmsKeyId("alias/mine")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterDependency"));
        assertThatThrownBy(() -> ec2.describeVolumes(r -> r.volumeIds("vol-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.NotFound"));
        assertThatThrownBy(() -> ec2.describeVolumes(r -> r.volumeIds("volume-1")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolumeID.Malformed"));
    }

    @Test
    void aVolumeAttachesInItsZoneAndDetachesBeforeItIsDeleted() {
        Instance instance = running(ZONE);
        CreateVolumeResponse data = create(r -> r.size(20).volumeType(VolumeType.GP3));
        CreateVolumeResponse elsewhere = create(r -> r.size(20).availabilityZone("us-east-1b"));
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(data.volumeId()).instanceId(instance.instanceId())
                .device("/dev/sdf"))).satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectState"));
        harness.clock.advanceSeconds(5);

        VolumeAttachmentState attaching = ec2.attachVolume(r -> r.volumeId(data.volumeId())
                .instanceId(instance.instanceId()).device("/dev/sdf")).state();
        assertThat(attaching).isEqualTo(VolumeAttachmentState.ATTACHING);
        assertThat(describe(data.volumeId()).state()).isEqualTo(VolumeState.IN_USE);
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(elsewhere.volumeId())
                .instanceId(instance.instanceId()).device("/dev/sdg")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.ZoneMismatch"));
        CreateVolumeResponse other = create(r -> r.size(5));
        harness.clock.advanceSeconds(5);
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(other.volumeId()).instanceId(instance.instanceId())
                .device("/dev/sdf"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(other.volumeId()).instanceId(instance.instanceId())
                .device("/dev/nvme9"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.attachVolume(r -> r.volumeId(data.volumeId()).instanceId(instance.instanceId())
                .device("/dev/sdh"))).satisfies(e -> assertThat(code(e)).isEqualTo("VolumeInUse"));

        Volume attached = describe(data.volumeId());
        VolumeAttachment a = attached.attachments().get(0);
        assertThat(a.state()).isEqualTo(VolumeAttachmentState.ATTACHED);
        assertThat(a.instanceId()).isEqualTo(instance.instanceId());
        assertThat(a.device()).isEqualTo("/dev/sdf");
        assertThat(a.deleteOnTermination()).isFalse();
        Instance shown = ec2.describeInstances(r -> r.instanceIds(instance.instanceId())).reservations().get(0)
                .instances().get(0);
        assertThat(shown.blockDeviceMappings()).extracting(m -> m.deviceName()).containsExactly("/dev/xvda", "/dev/sdf");
        assertThat(shown.blockDeviceMappings().get(1).ebs().volumeId()).isEqualTo(data.volumeId());

        assertThatThrownBy(() -> ec2.deleteVolume(r -> r.volumeId(data.volumeId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("VolumeInUse"));
        String root = shown.blockDeviceMappings().get(0).ebs().volumeId();
        assertThatThrownBy(() -> ec2.detachVolume(r -> r.volumeId(root)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectState"));
        assertThatThrownBy(() -> ec2.detachVolume(r -> r.volumeId(data.volumeId()).instanceId("i-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAttachment.NotFound"));

        assertThat(ec2.detachVolume(r -> r.volumeId(data.volumeId())).state()).isEqualTo(VolumeAttachmentState.DETACHING);
        assertThat(describe(data.volumeId()).state()).isEqualTo(VolumeState.IN_USE);
        harness.clock.advanceSeconds(5);
        assertThat(describe(data.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(describe(data.volumeId()).attachments()).isEmpty();

        ec2.deleteVolume(r -> r.volumeId(data.volumeId()));
        assertThat(describe(data.volumeId()).state()).isEqualTo(VolumeState.DELETING);
        harness.clock.advanceSeconds(5);
        assertThatThrownBy(() -> describe(data.volumeId()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.NotFound"));
    }

    @Test
    void aForcedDetachIsImmediate() {
        Instance instance = running(ZONE);
        CreateVolumeResponse data = create(r -> r.size(20));
        harness.clock.advanceSeconds(5);
        ec2.attachVolume(r -> r.volumeId(data.volumeId()).instanceId(instance.instanceId()).device("xvdf"));
        ec2.detachVolume(r -> r.volumeId(data.volumeId()).force(true));
        assertThat(describe(data.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
    }

    @Test
    void volumesAreFilteredTaggedAndPaged() {
        Instance instance = running(ZONE);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            int size = 10 + n;
            ids.add(ec2.createVolume(r -> r.availabilityZone(ZONE).size(size).tagSpecifications(TagSpecification
                    .builder().resourceType(ResourceType.VOLUME).tags(Tag.builder().key("team").value(size % 2 == 0
                            ? "blue" : "red").build()).build())).volumeId());
        }
        harness.clock.advanceSeconds(5);
        ec2.attachVolume(r -> r.volumeId(ids.get(0)).instanceId(instance.instanceId()).device("/dev/sdf"));

        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("tag:team").values("blue").build()))
                .volumes()).hasSize(3);
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                .values(instance.instanceId()).build())).volumes()).hasSize(2);
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.device").values("/dev/sdf")
                .build())).volumes()).extracting(Volume::volumeId).containsExactly(ids.get(0));
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.delete-on-termination")
                .values("true").build())).volumes()).hasSize(1);
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("size").values("11", "12").build()))
                .volumes()).hasSize(2);
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("status").values("available").build()))
                .volumes()).hasSize(5);
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("volume-type").values("gp3").build()))
                .volumes()).hasSize(1);
        assertThat(ec2.describeVolumes(r -> r.filters(Filter.builder().name("encrypted").values("false").build()))
                .volumes()).hasSize(7);
        assertThatThrownBy(() -> ec2.describeVolumes(r -> r.filters(Filter.builder().name("colour").values("x")
                .build()))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));

        DescribeVolumesResponse first = ec2.describeVolumes(r -> r.maxResults(5));
        assertThat(first.volumes()).hasSize(5);
        DescribeVolumesResponse second = ec2.describeVolumes(r -> r.maxResults(5).nextToken(first.nextToken()));
        assertThat(second.volumes()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        assertThat(ec2.describeVolumesPaginator(r -> r.maxResults(5)).volumes()).hasSize(7);
        assertThat(ec2.describeTags(r -> r.filters(Filter.builder().name("resource-type").values("volume").build()))
                .tags()).hasSize(6);
    }

    @Test
    void aModificationGrowsTheVolumeThroughItsStates() {
        CreateVolumeResponse v = create(r -> r.size(10));
        harness.clock.advanceSeconds(5);
        assertThatThrownBy(() -> ec2.modifyVolume(r -> r.volumeId(v.volumeId()).size(5)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        VolumeModification m = ec2.modifyVolume(r -> r.volumeId(v.volumeId()).size(20).volumeType(VolumeType.GP3))
                .volumeModification();
        assertThat(m.modificationState()).isEqualTo(VolumeModificationState.MODIFYING);
        assertThat(m.originalSize()).isEqualTo(10);
        assertThat(m.originalVolumeType()).isEqualTo(VolumeType.GP2);
        assertThat(m.targetSize()).isEqualTo(20);
        assertThat(m.targetIops()).isEqualTo(3000);
        assertThat(m.targetThroughput()).isEqualTo(125);
        assertThat(describe(v.volumeId()).size()).isEqualTo(10);
        assertThatThrownBy(() -> ec2.modifyVolume(r -> r.volumeId(v.volumeId()).size(30)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectModificationState"));

        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeVolumesModifications(r -> r.volumeIds(v.volumeId())).volumesModifications().get(0)
                .modificationState()).isEqualTo(VolumeModificationState.OPTIMIZING);
        Volume grown = describe(v.volumeId());
        assertThat(grown.size()).isEqualTo(20);
        assertThat(grown.volumeType()).isEqualTo(VolumeType.GP3);
        harness.clock.advanceSeconds(5);
        VolumeModification done = ec2.describeVolumesModifications(r -> r.filters(Filter.builder()
                .name("modification-state").values("completed").build())).volumesModifications().get(0);
        assertThat(done.progress()).isEqualTo(100L);
        assertThat(done.endTime()).isNotNull();

        CreateVolumeResponse untouched = create(r -> r.size(10));
        assertThatThrownBy(() -> ec2.describeVolumesModifications(r -> r.volumeIds(untouched.volumeId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolumeModification.NotFound"));
    }

    @Test
    void attributesAndStatus() {
        CreateVolumeResponse v = create(r -> r.size(10));
        assertThat(ec2.describeVolumeAttribute(r -> r.volumeId(v.volumeId()).attribute("autoEnableIO"))
                .autoEnableIO().value()).isFalse();
        ec2.modifyVolumeAttribute(r -> r.volumeId(v.volumeId()).autoEnableIO(AttributeBooleanValue.builder()
                .value(true).build()));
        assertThat(ec2.describeVolumeAttribute(r -> r.volumeId(v.volumeId()).attribute("autoEnableIO"))
                .autoEnableIO().value()).isTrue();
        assertThat(ec2.describeVolumeStatus(r -> r.volumeIds(v.volumeId())).volumeStatuses().get(0).volumeStatus()
                .statusAsString()).isEqualTo("insufficient-data");
    }

    @Test
    void volumesDeleteWithTheirInstanceOrStay() {
        Instance instance = running(ZONE);
        CreateVolumeResponse kept = create(r -> r.size(10));
        harness.clock.advanceSeconds(5);
        ec2.attachVolume(r -> r.volumeId(kept.volumeId()).instanceId(instance.instanceId()).device("/dev/sdf"));
        String root = ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.device")
                .values("/dev/xvda").build())).volumes().get(0).volumeId();
        ec2.terminateInstances(r -> r.instanceIds(instance.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(describe(kept.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(describe(root).state()).isEqualTo(VolumeState.DELETING);
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeVolumes().volumes()).extracting(Volume::volumeId).containsExactly(kept.volumeId());
    }

    @Test
    void volumesAreBilledPerGibMonthByTheSecond() throws Exception {
        CreateVolumeResponse gp3 = create(r -> r.size(100).volumeType(VolumeType.GP3));
        CreateVolumeResponse io1 = create(r -> r.size(100).volumeType(VolumeType.IO1).iops(1000));
        // a 30-day month: the gp3 volume costs 100 GiB × $0.08, the io1 one 100 × $0.125 + 1,000 IOPS × $0.065
        harness.clock.advanceSeconds(30 * 24 * 3600);
        JsonNode account = Json.mapper().readTree(harness.get("/_gureum/ec2/usage")).get("accounts").get(0);
        JsonNode volumes = account.get("volumes");
        assertThat(volumes).hasSize(2);
        JsonNode first = volumes.get(0);
        assertThat(first.get("volumeId").asText()).isEqualTo(gp3.volumeId());
        assertThat(first.get("pricePerMonth").asDouble()).isEqualTo(8.0);
        assertThat(first.get("cost").asDouble()).isCloseTo(8.0, within(1e-6));
        assertThat(volumes.get(1).get("volumeId").asText()).isEqualTo(io1.volumeId());
        assertThat(volumes.get(1).get("cost").asDouble()).isCloseTo(12.5 + 65, within(1e-6));
        assertThat(account.get("volumeCost").asDouble()).isCloseTo(85.5, within(1e-6));
        assertThat(account.get("totalCost").asDouble()).isCloseTo(85.5, within(1e-6));

        // deleted, it costs no more
        ec2.deleteVolume(r -> r.volumeId(gp3.volumeId()));
        harness.clock.advanceSeconds(3600);
        JsonNode after = Json.mapper().readTree(harness.get("/_gureum/ec2/usage")).get("accounts").get(0)
                .get("volumes").get(0);
        assertThat(after.get("state").asText()).isEqualTo("deleted");
        assertThat(after.get("cost").asDouble()).isCloseTo(8.0, within(1e-6));
    }

    @Test
    void theHostViewShowsEachInstancesVolumes() throws Exception {
        Instance instance = running(ZONE);
        JsonNode hosts = Json.mapper().readTree(harness.get("/_gureum/ec2/hosts?availabilityZone=" + ZONE))
                .get("hosts");
        JsonNode guest = null;
        for (JsonNode h : hosts) {
            for (JsonNode g : h.get("instances")) {
                if (g.get("instanceId").asText().equals(instance.instanceId())) {
                    guest = g;
                }
            }
        }
        assertThat(guest).isNotNull();
        assertThat(guest.get("volumes")).hasSize(1);
        assertThat(guest.get("volumes").get(0).get("device").asText()).isEqualTo("/dev/xvda");
        assertThat(guest.get("volumes").get(0).get("sizeGiB").asInt()).isEqualTo(8);
        assertThat(guest.get("volumes").get(0).get("volumeType").asText()).isEqualTo("gp3");
    }
}
