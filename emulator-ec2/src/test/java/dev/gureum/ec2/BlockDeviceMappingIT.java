package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instances' volumes from the image's block device mapping and RunInstances' own. */
class BlockDeviceMappingIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private Image al2023() {
        return ec2.describeImages(r -> r.owners("amazon").filters(Filter.builder().name("name")
                .values("al2023-ami-2023.6.20250115.0-kernel-6.1-x86_64").build())).images().get(0);
    }

    private Instance run(List<BlockDeviceMapping> mappings) {
        return ec2.runInstances(r -> r.imageId(al2023().imageId()).instanceType(InstanceType.T3_MICRO).minCount(1)
                .maxCount(1).placement(p -> p.availabilityZone("us-east-1a")).blockDeviceMappings(mappings)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                        .tags(Tag.builder().key("app").value("shop").build()).build())).instances().get(0);
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private Volume volume(String id) {
        return ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
    }

    private static BlockDeviceMapping ebs(String device, Integer size, VolumeType type, Boolean deleteOnTermination) {
        return BlockDeviceMapping.builder().deviceName(device).ebs(e -> e.volumeSize(size).volumeType(type)
                .deleteOnTermination(deleteOnTermination)).build();
    }

    @Test
    void theImageDescribesItsRootDevice() {
        Image image = al2023();
        assertThat(image.rootDeviceName()).isEqualTo("/dev/xvda");
        BlockDeviceMapping root = image.blockDeviceMappings().get(0);
        assertThat(root.deviceName()).isEqualTo("/dev/xvda");
        assertThat(root.ebs().volumeSize()).isEqualTo(8);
        assertThat(root.ebs().volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(root.ebs().iops()).isEqualTo(3000);
        assertThat(root.ebs().throughput()).isEqualTo(125);
        assertThat(root.ebs().deleteOnTermination()).isTrue();
        assertThat(root.ebs().encrypted()).isFalse();
        assertThat(root.ebs().snapshotId()).startsWith("snap-");
    }

    @Test
    void anInstanceGetsItsImagesRootVolumeAndTheMappingsItAsksFor() {
        Instance launched = run(List.of(
                ebs("/dev/xvda", 20, VolumeType.GP3, null),
                ebs("/dev/sdf", 50, VolumeType.GP2, false),
                BlockDeviceMapping.builder().deviceName("/dev/sdg").noDevice("").build(),
                BlockDeviceMapping.builder().deviceName("/dev/sdb").virtualName("ephemeral0").build()));
        harness.clock.advanceSeconds(5);
        Instance instance = describe(launched.instanceId());
        assertThat(instance.rootDeviceName()).isEqualTo("/dev/xvda");
        List<InstanceBlockDeviceMapping> mappings = instance.blockDeviceMappings();
        assertThat(mappings).extracting(InstanceBlockDeviceMapping::deviceName).containsExactly("/dev/xvda", "/dev/sdf");
        InstanceBlockDeviceMapping root = mappings.get(0);
        assertThat(root.ebs().statusAsString()).isEqualTo("attached");
        assertThat(root.ebs().deleteOnTermination()).isTrue();
        assertThat(root.ebs().attachTime()).isEqualTo(instance.launchTime());
        assertThat(mappings.get(1).ebs().deleteOnTermination()).isFalse();

        Volume rootVolume = volume(root.ebs().volumeId());
        assertThat(rootVolume.size()).isEqualTo(20);
        assertThat(rootVolume.volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(rootVolume.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(rootVolume.snapshotId()).isEqualTo(al2023().blockDeviceMappings().get(0).ebs().snapshotId());
        assertThat(rootVolume.tags()).containsExactly(Tag.builder().key("app").value("shop").build());
        Volume data = volume(mappings.get(1).ebs().volumeId());
        assertThat(data.size()).isEqualTo(50);
        assertThat(data.iops()).isEqualTo(150);
        assertThat(data.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("block-device-mapping.volume-id")
                .values(data.volumeId()).build())).reservations()).hasSize(1);
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("block-device-mapping.device-name")
                .values("/dev/sdg").build())).reservations()).isEmpty();
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("block-device-mapping.delete-on-termination")
                .values("false").build())).reservations()).hasSize(1);
        assertThat(instance.blockDeviceMappings()).isEqualTo(ec2.describeInstanceAttribute(r -> r
                .instanceId(launched.instanceId()).attribute("blockDeviceMapping")).blockDeviceMappings());

        // terminated, the root volume goes with it and the data volume stays
        ec2.terminateInstances(r -> r.instanceIds(launched.instanceId()));
        harness.clock.advanceSeconds(10);
        assertThat(describe(launched.instanceId()).blockDeviceMappings()).isEmpty();
        assertThat(ec2.describeVolumes().volumes()).extracting(Volume::volumeId).containsExactly(data.volumeId());
        assertThat(volume(data.volumeId()).state()).isEqualTo(VolumeState.AVAILABLE);
    }

    @Test
    void mappingsAreCheckedBeforeAnythingIsLaunched() {
        assertThatThrownBy(() -> run(List.of(ebs("/dev/xvda", 4, null, null))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidBlockDeviceMapping"));
        assertThatThrownBy(() -> run(List.of(ebs("/dev/sdf", null, null, null))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidBlockDeviceMapping"));
        assertThatThrownBy(() -> run(List.of(ebs("/dev/sdf", 10, null, null), ebs("/dev/sdf", 20, null, null))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidBlockDeviceMapping"));
        assertThatThrownBy(() -> run(List.of(ebs("/dev/sdf", 10, VolumeType.IO1, null))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> run(List.of(BlockDeviceMapping.builder().deviceName("/dev/xvda").noDevice("").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidBlockDeviceMapping"));
        assertThat(ec2.describeInstances().reservations()).isEmpty();
        assertThat(ec2.describeVolumes().volumes()).isEmpty();
    }

    @Test
    void deleteOnTerminationChangesOnARunningInstance() {
        Instance launched = run(List.of());
        harness.clock.advanceSeconds(5);
        String root = describe(launched.instanceId()).blockDeviceMappings().get(0).ebs().volumeId();
        ec2.modifyInstanceAttribute(r -> r.instanceId(launched.instanceId()).blockDeviceMappings(m -> m
                .deviceName("/dev/xvda").ebs(e -> e.volumeId(root).deleteOnTermination(false))));
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(launched.instanceId())
                .attribute("blockDeviceMapping")).blockDeviceMappings().get(0).ebs().deleteOnTermination()).isFalse();
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(launched.instanceId())
                .blockDeviceMappings(m -> m.deviceName("/dev/sdz").ebs(e -> e.deleteOnTermination(false)))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        ec2.terminateInstances(r -> r.instanceIds(launched.instanceId()));
        harness.clock.advanceSeconds(10);
        assertThat(volume(root).state()).isEqualTo(VolumeState.AVAILABLE);
    }

    @Test
    void aStoppedInstanceStartsOnlyWithARootVolume() {
        Instance launched = run(List.of());
        harness.clock.advanceSeconds(5);
        String root = describe(launched.instanceId()).blockDeviceMappings().get(0).ebs().volumeId();
        ec2.stopInstances(r -> r.instanceIds(launched.instanceId()));
        harness.clock.advanceSeconds(5);
        ec2.detachVolume(r -> r.volumeId(root));
        harness.clock.advanceSeconds(5);
        assertThat(describe(launched.instanceId()).blockDeviceMappings()).isEmpty();
        assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(launched.instanceId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectInstanceState"));
        ec2.attachVolume(r -> r.volumeId(root).instanceId(launched.instanceId()).device("/dev/xvda"));
        harness.clock.advanceSeconds(5);
        ec2.startInstances(r -> r.instanceIds(launched.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(describe(launched.instanceId()).state().nameAsString()).isEqualTo("running");
    }
}
