package dev.gureum.ec2.protocol;

import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.BlockDeviceSpec;
import dev.gureum.ec2.domain.EbsSnapshot;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Image;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Block device mappings: read from {@code BlockDeviceMapping.N.*} (RunInstances, and launch templates),
 * and written as DescribeInstances, DescribeInstanceAttribute and DescribeImages show them.
 */
public final class BlockDeviceMappings {

    private BlockDeviceMappings() {
    }

    /** {@code member.N.DeviceName}, {@code .VirtualName}, {@code .NoDevice} and {@code .Ebs.*}. */
    public static List<BlockDeviceSpec> parse(Params p, String member) {
        List<BlockDeviceSpec> out = new ArrayList<>();
        for (Params m : p.list(member)) {
            Params ebs = m.object("Ebs");
            BlockDeviceSpec.Ebs volume = ebs.isPresent() ? new BlockDeviceSpec.Ebs(ebs.integer("VolumeSize"),
                    ebs.string("VolumeType"), ebs.integer("Iops"), ebs.integer("Throughput"),
                    ebs.bool("DeleteOnTermination"),
                    ebs.string("SnapshotId"), ebs.bool("Encrypted"),
                    ebs.string("KmsKeyId")) : null;
            out.add(new BlockDeviceSpec(m.string("DeviceName"), m.string("VirtualName"), m.has("NoDevice"), volume));
        }
        return out;
    }

    /** An instance's attached volumes, the root device first: {@code blockDeviceMapping} items. */
    static List<Struct> ofInstance(Instance i, Ec2Scope scope) {
        List<Struct> out = new ArrayList<>();
        for (Volume v : scope.ebs().attachedTo(i.id())) {
            Volume.Attachment a = v.attachment();
            Struct item = Struct.of()
                    .put("deviceName", a.device())
                    .put("ebs", Struct.of()
                            .put("attachTime", a.attachTime())
                            .put("deleteOnTermination", a.deleteOnTermination())
                            .put("status", a.state())
                            .put("volumeId", v.id()));
            if (v.id().equals(i.rootVolumeId())) {
                out.add(0, item);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** An image's root device mapping, from the snapshot it was made of. */
    static List<Struct> ofImage(Image image, Ec2Scope scope) {
        EbsSnapshot snapshot = image.snapshotId() == null ? null : scope.ebs().snapshots().get(image.snapshotId());
        boolean gp3 = "gp3".equals(image.volumeType());
        return List.of(Struct.of()
                .put("deviceName", image.rootDeviceName())
                .put("ebs", Struct.of()
                        .put("deleteOnTermination", true)
                        .put("iops", gp3 ? 3000 : null)
                        .put("snapshotId", image.snapshotId())
                        .put("volumeSize", image.volumeSizeGiB())
                        .put("volumeType", image.volumeType())
                        .put("throughput", gp3 ? 125 : null)
                        .put("encrypted", snapshot != null && snapshot.data().encrypted())));
    }
}
