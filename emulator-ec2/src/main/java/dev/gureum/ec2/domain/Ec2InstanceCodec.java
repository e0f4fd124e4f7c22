package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotRequestRecord;

import java.io.IOException;

import static dev.gureum.ec2.domain.Ec2RecordTypes.readImage;
import static dev.gureum.ec2.domain.Ec2RecordTypes.readList;
import static dev.gureum.ec2.domain.Ec2RecordTypes.readMap;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeImage;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeList;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeMap;

/** The fields of the two largest EC2 records: an instance, and a Spot request with its launch specification. */
final class Ec2InstanceCodec {

    private Ec2InstanceCodec() {
    }

    static void write(InstanceRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.reservationId());
        writeImage(r.image(), out);
        out.writeString(r.instanceType());
        out.writeString(r.zone());
        out.writeString(r.subnetId());
        out.writeString(r.subnetVpcId());
        out.writeString(r.subnetCidr());
        out.writeBoolean(r.subnetDefaultForAz());
        out.writeString(r.keyName());
        out.writeStringList(r.securityGroupIds());
        out.writeString(r.tenancy());
        out.writeString(r.requestedHostId());
        out.writeInt(r.launchIndex());
        out.writeString(r.clientToken());
        out.writeInstant(r.firstLaunch());
        out.writeString(r.networkInterfaceId());
        out.writeString(r.attachmentId());
        out.writeString(r.macAddress());
        out.writeString(r.rootVolumeId());
        out.writeString(r.state());
        out.writeInstant(r.stateSince());
        out.writeInstant(r.transitionEnds());
        out.writeInstant(r.launchTime());
        out.writeString(r.stateTransitionReason());
        out.writeBoolean(r.stateReason() != null);
        if (r.stateReason() != null) {
            out.writeString(r.stateReason().code());
            out.writeString(r.stateReason().message());
        }
        out.writeString(r.privateIp());
        out.writeString(r.publicIp());
        out.writeString(r.elasticIpAllocationId());
        out.writeString(r.hostId());
        out.writeByteArray(r.userData());
        out.writeBoolean(r.disableApiTermination());
        out.writeBoolean(r.disableApiStop());
        out.writeString(r.shutdownBehavior());
        out.writeBoolean(r.sourceDestCheck());
        out.writeBoolean(r.ebsOptimized());
        out.writeBoolean(r.monitoring());
        out.writeBoolean(r.spot() != null);
        if (r.spot() != null) {
            out.writeString(r.spot().requestId());
            out.writeDouble(r.spot().maxPrice());
        }
        out.writeInstant(r.terminatedAt());
        writeList(r.billing(), out, (p, o) -> {
            o.writeInstant(p.start());
            o.writeInstant(p.end());
            o.writeString(p.purchaseOption().name());
            o.writeDouble(p.ratePerHour());
            o.writeBoolean(p.minimumApplies());
            o.writeString(p.reservedInstancesId());
        });
        out.writeStringMap(r.tags());
        out.writeBoolean(r.retired());
    }

    static InstanceRecord read(RecordInput in) throws IOException {
        return new InstanceRecord(in.readString(), in.readString(), in.readString(), in.readString(), readImage(in),
                in.readString(), in.readString(), in.readString(), in.readString(), in.readString(), in.readBoolean(),
                in.readString(), in.readStringList(), in.readString(), in.readString(), in.readInt(), in.readString(),
                in.readInstant(), in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readInstant(), in.readInstant(), in.readString(),
                in.readBoolean() ? new StateReason(in.readString(), in.readString()) : null,
                in.readString(), in.readString(), in.readString(), in.readString(), in.readByteArray(),
                in.readBoolean(), in.readBoolean(), in.readString(), in.readBoolean(), in.readBoolean(),
                in.readBoolean(),
                in.readBoolean() ? new Instance.SpotTerms(in.readString(), in.readDouble()) : null,
                in.readInstant(),
                readList(in, i -> new BillingPeriod(i.readInstant(), i.readInstant(),
                        PurchaseOption.valueOf(i.readString()), i.readDouble(), i.readBoolean(), i.readString())),
                in.readStringMap(), in.readBoolean());
    }

    static void writeSpotRequest(SpotRequestRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        writeSpec(r.spec(), out);
        out.writeDouble(r.maxPrice());
        out.writeBoolean(r.persistent());
        out.writeInstant(r.createTime());
        out.writeString(r.state());
        out.writeString(r.statusCode());
        out.writeString(r.statusMessage());
        out.writeInstant(r.statusUpdateTime());
        out.writeString(r.instanceId());
        out.writeString(r.launchedZone());
        out.writeStringMap(r.tags());
    }

    static SpotRequestRecord readSpotRequest(RecordInput in) throws IOException {
        return new SpotRequestRecord(in.readString(), in.readString(), in.readString(), readSpec(in), in.readDouble(),
                in.readBoolean(), in.readInstant(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readString(), in.readString(), in.readStringMap());
    }

    private static void writeSpec(LaunchSpec s, RecordOutput out) throws IOException {
        out.writeString(s.imageId());
        out.writeString(s.instanceType());
        out.writeInt(s.minCount());
        out.writeInt(s.maxCount());
        out.writeString(s.keyName());
        out.writeStringList(s.securityGroupIds());
        out.writeStringList(s.securityGroupNames());
        out.writeString(s.subnetId());
        out.writeString(s.zoneName());
        out.writeString(s.tenancy() == null ? null : s.tenancy().value());
        out.writeString(s.hostId());
        out.writeString(s.privateIpAddress());
        out.writeByteArray(s.userData());
        writeMap(s.tags(), out, (tags, o) -> o.writeStringMap(tags));
        out.writeBoolean(s.spot() != null);
        if (s.spot() != null) {
            out.writeBoolean(s.spot().maxPrice() != null);
            if (s.spot().maxPrice() != null) {
                out.writeDouble(s.spot().maxPrice());
            }
            out.writeBoolean(s.spot().persistent());
            out.writeString(s.spot().requestId());
        }
        out.writeString(s.clientToken());
        out.writeBoolean(s.disableApiTermination());
        out.writeBoolean(s.disableApiStop());
        out.writeString(s.shutdownBehavior());
        out.writeBoolean(s.ebsOptimized());
        out.writeBoolean(s.monitoring());
    }

    private static LaunchSpec readSpec(RecordInput in) throws IOException {
        String imageId = in.readString();
        String instanceType = in.readString();
        int minCount = in.readInt();
        int maxCount = in.readInt();
        String keyName = in.readString();
        var groupIds = in.readStringList();
        var groupNames = in.readStringList();
        String subnetId = in.readString();
        String zoneName = in.readString();
        String tenancy = in.readString();
        String hostId = in.readString();
        String privateIp = in.readString();
        byte[] userData = in.readByteArray();
        var tags = readMap(in, RecordInput::readStringMap);
        LaunchSpec.SpotOptions spot = null;
        if (in.readBoolean()) {
            Double maxPrice = in.readBoolean() ? in.readDouble() : null;
            spot = new LaunchSpec.SpotOptions(maxPrice, in.readBoolean(), in.readString());
        }
        return new LaunchSpec(imageId, instanceType, minCount, maxCount, keyName, groupIds, groupNames, subnetId,
                zoneName, tenancy == null ? null : Tenancy.of(tenancy), hostId, privateIp, userData, tags, spot,
                in.readString(), in.readBoolean(), in.readBoolean(), in.readString(), in.readBoolean(),
                in.readBoolean());
    }
}
