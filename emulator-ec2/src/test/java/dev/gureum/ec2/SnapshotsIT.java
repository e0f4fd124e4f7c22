package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EBS snapshots: taken, described, copied between regions, shared, made into volumes and images. */
class SnapshotsIT {

    private static final String ALICE = "111111111111";
    private static final String BOB = "222222222222";
    private static final String ZONE = "us-east-1a";

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client alice = harness.ec2(ALICE, "us-east-1");
    private final Ec2Client bob = harness.ec2(BOB, "us-east-1");

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private String volume(int size) {
        String id = alice.createVolume(r -> r.availabilityZone(ZONE).size(size).volumeType(VolumeType.GP3)).volumeId();
        harness.clock.advanceSeconds(5);
        return id;
    }

    private Snapshot snapshot(Ec2Client ec2, String id) {
        return ec2.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
    }

    @Test
    void aSnapshotIsPendingUntilItCompletes() {
        String volume = volume(20);
        var created = alice.createSnapshot(r -> r.volumeId(volume).description("nightly")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(Tag.builder().key("when").value("night").build()).build()));
        assertThat(created.state()).isEqualTo(SnapshotState.PENDING);
        assertThat(created.progress()).isEqualTo("0%");
        assertThat(created.volumeId()).isEqualTo(volume);
        assertThat(created.volumeSize()).isEqualTo(20);
        assertThat(created.ownerId()).isEqualTo(ALICE);
        assertThat(created.description()).isEqualTo("nightly");
        assertThat(created.tags()).containsExactly(Tag.builder().key("when").value("night").build());
        harness.clock.advanceSeconds(2);
        assertThat(snapshot(alice, created.snapshotId()).progress()).isEqualTo("40%");
        harness.clock.advanceSeconds(3);
        Snapshot done = snapshot(alice, created.snapshotId());
        assertThat(done.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(done.progress()).isEqualTo("100%");
        assertThat(done.startTime()).isEqualTo(created.startTime());

        assertThatThrownBy(() -> alice.createSnapshot(r -> r.volumeId("vol-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVolume.NotFound"));
        assertThatThrownBy(() -> alice.describeSnapshots(r -> r.snapshotIds("snap-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.NotFound"));
    }

    @Test
    void snapshotsAreFilteredByOwnerAndPaged() {
        String volume = volume(10);
        for (int n = 0; n < 6; n++) {
            String description = "copy " + n;
            alice.createSnapshot(r -> r.volumeId(volume).description(description));
        }
        harness.clock.advanceSeconds(5);
        assertThat(alice.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(6);
        assertThat(alice.describeSnapshots(r -> r.ownerIds(ALICE)).snapshots()).hasSize(6);
        assertThat(alice.describeSnapshots(r -> r.ownerIds("amazon")).snapshots()).isEmpty();
        assertThat(alice.describeSnapshots(r -> r.filters(Filter.builder().name("description").values("copy 1", "copy 2")
                .build())).snapshots()).hasSize(2);
        assertThat(alice.describeSnapshots(r -> r.filters(Filter.builder().name("status").values("completed")
                .build()).filters(Filter.builder().name("volume-size").values("10").build())).snapshots()).hasSize(6);
        DescribeSnapshotsResponse first = alice.describeSnapshots(r -> r.ownerIds("self").maxResults(5));
        assertThat(first.snapshots()).hasSize(5);
        assertThat(alice.describeSnapshots(r -> r.ownerIds("self").maxResults(5).nextToken(first.nextToken()))
                .snapshots()).hasSize(1);
        // another account sees none of them
        assertThat(bob.describeSnapshots().snapshots()).isEmpty();
    }

    @Test
    void volumesAreMadeFromSnapshotsAtLeastAsLarge() {
        String volume = volume(30);
        String snap = alice.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        assertThatThrownBy(() -> alice.createVolume(r -> r.availabilityZone(ZONE).snapshotId(snap)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("IncorrectState"));
        harness.clock.advanceSeconds(5);
        var restored = alice.createVolume(r -> r.availabilityZone("us-east-1b").snapshotId(snap));
        assertThat(restored.size()).isEqualTo(30);
        assertThat(restored.snapshotId()).isEqualTo(snap);
        assertThat(alice.createVolume(r -> r.availabilityZone(ZONE).snapshotId(snap).size(40)).size()).isEqualTo(40);
        assertThatThrownBy(() -> alice.createVolume(r -> r.availabilityZone(ZONE).snapshotId(snap).size(10)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThat(alice.describeVolumes(r -> r.filters(Filter.builder().name("snapshot-id").values(snap).build()))
                .volumes()).hasSize(2);
    }

    @Test
    void snapshotsAreCopiedBetweenRegions() {
        String volume = volume(10);
        String snap = alice.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        harness.clock.advanceSeconds(5);
        Ec2Client ireland = harness.ec2(ALICE, "eu-west-1");
        // the Java SDK presigns a request for the source region itself unless given one, which it cannot
        // do against a local endpoint; Gureum does not need it
        var copy = ireland.copySnapshot(r -> r.sourceRegion("us-east-1").sourceSnapshotId(snap).presignedUrl("local")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(Tag.builder().key("copy").value("yes").build()).build()));
        assertThat(copy.tags()).containsExactly(Tag.builder().key("copy").value("yes").build());
        Snapshot copied = snapshot(ireland, copy.snapshotId());
        assertThat(copied.state()).isEqualTo(SnapshotState.PENDING);
        assertThat(copied.volumeId()).isEqualTo("vol-ffffffff");
        assertThat(copied.volumeSize()).isEqualTo(10);
        assertThat(copied.description()).isEqualTo("[Copied " + snap + " from us-east-1]");
        assertThat(alice.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
        harness.clock.advanceSeconds(5);
        assertThat(ireland.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(copy.snapshotId())).size())
                .isEqualTo(10);
        assertThatThrownBy(() -> ireland.copySnapshot(r -> r.sourceRegion("us-east-1")
                .sourceSnapshotId("snap-0123456789abcdef0").presignedUrl("local")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.NotFound"));
    }

    @Test
    void aSnapshotSharedWithAnAccountMakesItsVolumes() {
        String volume = volume(10);
        String snap = alice.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        harness.clock.advanceSeconds(5);
        assertThatThrownBy(() -> bob.createVolume(r -> r.availabilityZone(ZONE).snapshotId(snap)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.NotFound"));
        alice.modifySnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission")
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().userId(BOB).build())));
        assertThat(alice.describeSnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission"))
                .createVolumePermissions()).containsExactly(CreateVolumePermission.builder().userId(BOB).build());
        assertThat(bob.describeSnapshots(r -> r.restorableByUserIds("self")).snapshots()).extracting(Snapshot::snapshotId)
                .containsExactly(snap);
        assertThat(bob.createVolume(r -> r.availabilityZone(ZONE).snapshotId(snap)).snapshotId()).isEqualTo(snap);
        assertThatThrownBy(() -> bob.deleteSnapshot(r -> r.snapshotId(snap)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.NotFound"));

        alice.modifySnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission")
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group(PermissionGroup.ALL).build())
                        .remove(CreateVolumePermission.builder().userId(BOB).build())));
        assertThat(alice.describeSnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission"))
                .createVolumePermissions()).containsExactly(CreateVolumePermission.builder()
                .group(PermissionGroup.ALL).build());
        assertThat(bob.describeSnapshots(r -> r.restorableByUserIds("all")).snapshots()).hasSize(1);
        alice.resetSnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission"));
        assertThat(bob.describeSnapshots().snapshots()).isEmpty();
    }

    @Test
    void anImageOfAnInstanceIsASnapshotOfItsRootVolume() {
        Instance instance = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE))
                .blockDeviceMappings(m -> m.deviceName("/dev/xvda").ebs(e -> e.volumeSize(12)))).instances().get(0);
        harness.clock.advanceSeconds(5);
        String imageId = alice.createImage(r -> r.instanceId(instance.instanceId()).name("golden")).imageId();
        Image image = alice.describeImages(r -> r.imageIds(imageId)).images().get(0);
        String snap = image.blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(image.blockDeviceMappings().get(0).ebs().volumeSize()).isEqualTo(12);
        Snapshot snapshot = snapshot(alice, snap);
        assertThat(snapshot.description()).isEqualTo("Created by CreateImage(" + instance.instanceId() + ") for "
                + imageId);
        assertThat(snapshot.volumeSize()).isEqualTo(12);
        assertThat(snapshot.volumeId()).isEqualTo(alice.describeInstances(r -> r.instanceIds(instance.instanceId()))
                .reservations().get(0).instances().get(0).blockDeviceMappings().get(0).ebs().volumeId());
        harness.clock.advanceSeconds(5);
        assertThat(snapshot(alice, snap).state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(alice.describeImages(r -> r.imageIds(imageId)).images().get(0).stateAsString()).isEqualTo("available");

        // instances of the image start from its snapshot
        Instance child = alice.runInstances(r -> r.imageId(imageId).instanceType(InstanceType.T3_MICRO).minCount(1)
                .maxCount(1)).instances().get(0);
        Volume childRoot = alice.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                .values(child.instanceId()).build())).volumes().get(0);
        assertThat(childRoot.snapshotId()).isEqualTo(snap);
        assertThat(childRoot.size()).isEqualTo(12);

        assertThatThrownBy(() -> alice.deleteSnapshot(r -> r.snapshotId(snap)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSnapshot.InUse"));
        alice.deregisterImage(r -> r.imageId(imageId));
        alice.deleteSnapshot(r -> r.snapshotId(snap));
        assertThat(alice.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();
    }

    @Test
    void createSnapshotsTakesEveryVolumeOfAnInstance() {
        Instance instance = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE))
                .blockDeviceMappings(m -> m.deviceName("/dev/sdf").ebs(e -> e.volumeSize(20)))).instances().get(0);
        harness.clock.advanceSeconds(5);
        List<SnapshotInfo> all = alice.createSnapshots(r -> r.instanceSpecification(s -> s
                .instanceId(instance.instanceId())).description("both")).snapshots();
        assertThat(all).extracting(SnapshotInfo::volumeSize).containsExactlyInAnyOrder(8, 20);
        List<SnapshotInfo> data = alice.createSnapshots(r -> r.instanceSpecification(s -> s
                .instanceId(instance.instanceId()).excludeBootVolume(true))).snapshots();
        assertThat(data).extracting(SnapshotInfo::volumeSize).containsExactly(20);
    }

    @Test
    void encryptionByDefaultEncryptsNewVolumes() {
        assertThat(alice.getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        assertThat(alice.getEbsDefaultKmsKeyId(r -> { }).kmsKeyId())
                .isEqualTo("arn:aws:kms:us-east-1:" + ALICE + ":alias/aws/ebs");
        assertThat(alice.enableEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isTrue();
        assertThat(alice.getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isTrue();
        assertThat(bob.getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        var volume = alice.createVolume(r -> r.availabilityZone(ZONE).size(10));
        assertThat(volume.encrypted()).isTrue();
        assertThat(volume.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:" + ALICE + ":alias/aws/ebs");
        harness.clock.advanceSeconds(5);
        String snap = alice.createSnapshot(r -> r.volumeId(volume.volumeId())).snapshotId();
        assertThat(snapshot(alice, snap).encrypted()).isTrue();
        assertThat(alice.modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId("alias/mine")).kmsKeyId())
                .isEqualTo("arn:aws:kms:us-east-1:" + ALICE + ":alias/mine");
        assertThat(alice.createVolume(r -> r.availabilityZone(ZONE).size(10)).kmsKeyId())
                .isEqualTo("arn:aws:kms:us-east-1:" + ALICE + ":alias/mine");
        assertThat(alice.resetEbsDefaultKmsKeyId(r -> { }).kmsKeyId())
                .isEqualTo("arn:aws:kms:us-east-1:" + ALICE + ":alias/aws/ebs");
        assertThat(alice.disableEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        assertThat(alice.createVolume(r -> r.availabilityZone(ZONE).size(10)).encrypted()).isFalse();
        harness.clock.advanceSeconds(5);
        assertThatThrownBy(() -> alice.modifySnapshotAttribute(r -> r.snapshotId(snap).attribute("createVolumePermission")
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group(PermissionGroup.ALL).build()))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("OperationNotPermitted"));
    }
}
