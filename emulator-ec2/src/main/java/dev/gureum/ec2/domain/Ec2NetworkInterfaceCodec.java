package dev.gureum.ec2.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.ec2.domain.Ec2Records.NetworkInterfaceRecord;

import java.io.IOException;
import java.util.List;

import static dev.gureum.ec2.domain.Ec2RecordTypes.readMap;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeMap;

/** How network interfaces are written in EC2's journal: tag 30, version 1 (tags 30 to 39 are theirs). */
final class Ec2NetworkInterfaceCodec {

    private Ec2NetworkInterfaceCodec() {
    }

    static List<RecordType<?>> types() {
        return List.of(RecordType.of(30, NetworkInterfaceRecord.class, 1, Ec2NetworkInterfaceCodec::write,
                (in, v) -> read(in)));
    }

    static void write(NetworkInterfaceRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.subnetId());
        out.writeString(r.macAddress());
        out.writeString(r.interfaceType());
        out.writeString(r.description());
        out.writeStringList(r.privateIps());
        out.writeStringList(r.securityGroupIds());
        out.writeBoolean(r.sourceDestCheck());
        out.writeString(r.associatePublicIp() == null ? null : r.associatePublicIp().toString());
        NetworkInterface.Attachment a = r.attachment();
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeString(a.attachmentId());
            out.writeString(a.instanceId());
            out.writeString(a.instanceOwnerId());
            out.writeInt(a.deviceIndex());
            out.writeInstant(a.attachTime());
            out.writeBoolean(a.deleteOnTermination());
        }
        writeMap(r.associations(), out, (association, o) -> {
            o.writeString(association.publicIp());
            o.writeString(association.allocationId());
            o.writeString(association.associationId());
        });
        out.writeStringMap(r.tags());
    }

    static NetworkInterfaceRecord read(RecordInput in) throws IOException {
        String account = in.readString();
        String region = in.readString();
        String id = in.readString();
        String subnetId = in.readString();
        String mac = in.readString();
        String type = in.readString();
        String description = in.readString();
        List<String> privateIps = in.readStringList();
        List<String> groups = in.readStringList();
        boolean sourceDestCheck = in.readBoolean();
        String associatePublicIp = in.readString();
        NetworkInterface.Attachment attachment = in.readBoolean() ? new NetworkInterface.Attachment(in.readString(),
                in.readString(), in.readString(), in.readInt(), in.readInstant(), in.readBoolean()) : null;
        return new NetworkInterfaceRecord(account, region, id, subnetId, mac, type, description, privateIps, groups,
                sourceDestCheck, associatePublicIp == null ? null : Boolean.valueOf(associatePublicIp), attachment,
                readMap(in, i -> new NetworkInterface.Association(i.readString(), i.readString(), i.readString())),
                in.readStringMap());
    }
}
