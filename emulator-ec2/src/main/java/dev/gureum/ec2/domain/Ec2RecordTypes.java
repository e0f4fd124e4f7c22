package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.DataCenter;
import dev.gureum.core.datacenter.Guest;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.ec2.domain.Ec2Records.AddressRecord;
import dev.gureum.ec2.domain.Ec2Records.Changes;
import dev.gureum.ec2.domain.Ec2Records.DedicatedHostRecord;
import dev.gureum.ec2.domain.Ec2Records.FleetRecord;
import dev.gureum.ec2.domain.Ec2Records.ImageData;
import dev.gureum.ec2.domain.Ec2Records.ImageRecord;
import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.KeyPairRecord;
import dev.gureum.ec2.domain.Ec2Records.LastSeen;
import dev.gureum.ec2.domain.Ec2Records.OfferingRecord;
import dev.gureum.ec2.domain.Ec2Records.Removed;
import dev.gureum.ec2.domain.Ec2Records.ReservationRecord;
import dev.gureum.ec2.domain.Ec2Records.ReservedInstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.ScopeRecord;
import dev.gureum.ec2.domain.Ec2Records.SecurityGroupRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotMarketRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotRequestRecord;
import dev.gureum.ec2.domain.Ec2Records.SubnetRecord;
import dev.gureum.ec2.domain.Ec2Records.VpcRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How EC2's records are written in its journal: tags 1 to 18, all of version 1. A {@link Changes}
 * record holds the records of one operation, each as its tag, version and fields.
 */
public final class Ec2RecordTypes {

    /** Reads one element of a list or map value. */
    interface Read<T> {
        T read(RecordInput in) throws IOException;
    }

    /** Writes one element of a list or map value. */
    interface Write<T> {
        void write(T value, RecordOutput out) throws IOException;
    }

    private final java.util.function.Function<String, AvailabilityZone> zones;

    /** @param zones the zone of a name, for the zones of fleets */
    public Ec2RecordTypes(java.util.function.Function<String, AvailabilityZone> zones) {
        this.zones = zones;
    }

    public RecordTypes types() {
        List<RecordType<?>> types = new ArrayList<>(List.of(
                RecordType.of(1, ScopeRecord.class, 1, Ec2RecordTypes::writeScope, (in, v) -> readScope(in)),
                RecordType.of(2, VpcRecord.class, 1, Ec2RecordTypes::writeVpc, (in, v) -> readVpc(in)),
                RecordType.of(3, SubnetRecord.class, 1, Ec2RecordTypes::writeSubnet, (in, v) -> readSubnet(in)),
                RecordType.of(4, SecurityGroupRecord.class, 1, Ec2RecordTypes::writeGroup, (in, v) -> readGroup(in)),
                RecordType.of(5, KeyPairRecord.class, 1, Ec2RecordTypes::writeKeyPair, (in, v) -> readKeyPair(in)),
                RecordType.of(6, AddressRecord.class, 1, Ec2RecordTypes::writeAddress, (in, v) -> readAddress(in)),
                RecordType.of(7, ImageRecord.class, 1, (r, out) -> {
                    out.writeString(r.account());
                    out.writeString(r.region());
                    writeImage(r.image(), out);
                }, (in, v) -> new ImageRecord(in.readString(), in.readString(), readImage(in))),
                RecordType.of(8, ReservationRecord.class, 1, (r, out) -> {
                    out.writeString(r.account());
                    out.writeString(r.region());
                    out.writeString(r.id());
                    out.writeString(r.ownerId());
                    out.writeString(r.requesterId());
                    out.writeStringList(r.instanceIds());
                }, (in, v) -> new ReservationRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                        in.readString(), in.readStringList())),
                RecordType.of(9, InstanceRecord.class, 1, Ec2InstanceCodec::write, (in, v) -> Ec2InstanceCodec.read(in)),
                RecordType.of(10, SpotRequestRecord.class, 1, Ec2InstanceCodec::writeSpotRequest,
                        (in, v) -> Ec2InstanceCodec.readSpotRequest(in)),
                RecordType.of(11, ReservedInstanceRecord.class, 1, Ec2RecordTypes::writeReserved,
                        (in, v) -> readReserved(in)),
                RecordType.of(12, DedicatedHostRecord.class, 1, Ec2RecordTypes::writeHost, (in, v) -> readHost(in)),
                RecordType.of(13, FleetRecord.class, 1, Ec2RecordTypes::writeFleet, (in, v) -> readFleet(in)),
                RecordType.of(14, SpotMarketRecord.class, 1, Ec2RecordTypes::writeMarket, (in, v) -> readMarket(in)),
                RecordType.of(15, OfferingRecord.class, 1, (r, out) -> writeOffering(r.offering(), out),
                        (in, v) -> new OfferingRecord(readOffering(in))),
                RecordType.of(16, LastSeen.class, 1, (r, out) -> out.writeInstant(r.at()),
                        (in, v) -> new LastSeen(in.readInstant())),
                RecordType.of(17, Removed.class, 1, (r, out) -> out.writeString(r.key()),
                        (in, v) -> new Removed(in.readString()))));
        types.addAll(LaunchTemplateRecords.types());
        // the network around VPCs: tags 19 to 25
        types.addAll(NetworkRecordTypes.types());
        types.addAll(Ec2NetworkInterfaceCodec.types());
        types.addAll(EbsRecords.types());
        Map<Class<?>, RecordType<?>> byClass = new java.util.HashMap<>();
        Map<Integer, RecordType<?>> byTag = new java.util.HashMap<>();
        types.forEach(t -> {
            byClass.put(t.type(), t);
            byTag.put(t.tag(), t);
        });
        types.add(RecordType.of(18, Changes.class, 1, (r, out) -> writeList(r.records(), out, (record, o) -> {
            RecordType<?> type = byClass.get(record.getClass());
            if (type == null) {
                throw new IllegalArgumentException("No record type is registered for " + record.getClass().getName());
            }
            o.writeShort(type.tag());
            o.writeByte(type.version());
            writeNested(type, record, o);
        }), (in, v) -> new Changes(readList(in, i -> {
            int tag = i.readUnsignedShort();
            int version = i.readUnsignedByte();
            RecordType<?> type = byTag.get(tag);
            if (type == null || version > type.version()) {
                throw new IOException("a change of type " + tag + " version " + version
                        + " that this Gureum does not read (written by a newer one)");
            }
            return type.reader().read(i, version);
        }))));
        return RecordTypes.of(types);
    }

    @SuppressWarnings("unchecked")
    private static <T> void writeNested(RecordType<T> type, Object record, RecordOutput out) throws IOException {
        type.writer().write((T) record, out);
    }

    // --- lists, maps and optional integers, shared with Ec2InstanceCodec

    static <T> void writeList(List<T> values, RecordOutput out, Write<T> write) throws IOException {
        out.writeInt(values.size());
        for (T value : values) {
            write.write(value, out);
        }
    }

    static <T> List<T> readList(RecordInput in, Read<T> read) throws IOException {
        int n = in.readInt();
        List<T> values = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            values.add(read.read(in));
        }
        return values;
    }

    static <T> void writeMap(Map<String, T> values, RecordOutput out, Write<T> write) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, T> e : values.entrySet()) {
            out.writeString(e.getKey());
            write.write(e.getValue(), out);
        }
    }

    static <T> Map<String, T> readMap(RecordInput in, Read<T> read) throws IOException {
        int n = in.readInt();
        Map<String, T> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            values.put(in.readString(), read.read(in));
        }
        return values;
    }

    static void writeInteger(Integer value, RecordOutput out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    static Integer readInteger(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    // --- the records

    private static void writeScope(ScopeRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.dhcpOptionsId());
        out.writeString(r.defaultVpcId());
        out.writeStringList(r.deregisteredImages());
        writeMap(r.launchTokens(), out, (v, o) -> o.writeStringList(v));
        writeMap(r.hostTokens(), out, (v, o) -> o.writeStringList(v));
        writeMap(r.catalogImageTags(), out, (v, o) -> o.writeStringMap(v));
    }

    private static ScopeRecord readScope(RecordInput in) throws IOException {
        return new ScopeRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readStringList(),
                readMap(in, RecordInput::readStringList), readMap(in, RecordInput::readStringList),
                readMap(in, RecordInput::readStringMap));
    }

    private static void writeVpc(VpcRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.cidr());
        out.writeBoolean(r.isDefault());
        out.writeString(r.instanceTenancy());
        out.writeString(r.cidrAssociationId());
        out.writeString(r.dhcpOptionsId());
        out.writeBoolean(r.enableDnsSupport());
        out.writeBoolean(r.enableDnsHostnames());
        out.writeStringMap(r.tags());
    }

    private static VpcRecord readVpc(RecordInput in) throws IOException {
        return new VpcRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readBoolean(),
                in.readString(), in.readString(), in.readString(), in.readBoolean(), in.readBoolean(),
                in.readStringMap());
    }

    private static void writeSubnet(SubnetRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.vpcId());
        out.writeString(r.cidr());
        out.writeString(r.zone());
        out.writeBoolean(r.defaultForAz());
        out.writeBoolean(r.mapPublicIpOnLaunch());
        writeList(r.usedAddresses(), out, (a, o) -> o.writeLong(a));
        out.writeStringMap(r.tags());
    }

    private static SubnetRecord readSubnet(RecordInput in) throws IOException {
        return new SubnetRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readBoolean(), in.readBoolean(), readList(in, RecordInput::readLong),
                in.readStringMap());
    }

    private static void writeGroup(SecurityGroupRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.name());
        out.writeString(r.description());
        out.writeString(r.vpcId());
        writeList(r.rules(), out, (rule, o) -> {
            o.writeString(rule.ruleId());
            o.writeBoolean(rule.egress());
            o.writeString(rule.protocol());
            writeInteger(rule.fromPort(), o);
            writeInteger(rule.toPort(), o);
            o.writeString(rule.cidrIpv4());
            o.writeString(rule.cidrIpv6());
            o.writeString(rule.referencedGroupId());
            o.writeString(rule.referencedUserId());
            o.writeString(rule.prefixListId());
            o.writeString(rule.description());
        });
        out.writeStringMap(r.tags());
    }

    private static SecurityGroupRecord readGroup(RecordInput in) throws IOException {
        return new SecurityGroupRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), readList(in, i -> new SecurityGroupRule(i.readString(),
                        i.readBoolean(), i.readString(), readInteger(i), readInteger(i), i.readString(), i.readString(),
                        i.readString(), i.readString(), i.readString(), i.readString())),
                in.readStringMap());
    }

    private static void writeKeyPair(KeyPairRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.name());
        out.writeString(r.type());
        out.writeString(r.publicKey());
        out.writeString(r.fingerprint());
        out.writeInstant(r.createTime());
        out.writeStringMap(r.tags());
    }

    private static KeyPairRecord readKeyPair(RecordInput in) throws IOException {
        return new KeyPairRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readInstant(), in.readStringMap());
    }

    private static void writeAddress(AddressRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.allocationId());
        out.writeString(r.publicIp());
        out.writeString(r.associationId());
        out.writeString(r.instanceId());
        out.writeString(r.privateIp());
        out.writeString(r.networkInterfaceId());
        out.writeStringMap(r.tags());
    }

    private static AddressRecord readAddress(RecordInput in) throws IOException {
        return new AddressRecord(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readStringMap());
    }

    static void writeImage(ImageData i, RecordOutput out) throws IOException {
        out.writeString(i.id());
        out.writeString(i.name());
        out.writeString(i.description());
        out.writeString(i.ownerId());
        out.writeString(i.ownerAlias());
        out.writeString(i.platform().name());
        out.writeString(i.architecture());
        out.writeString(i.rootDeviceName());
        out.writeInt(i.volumeSizeGiB());
        out.writeString(i.volumeType());
        out.writeString(i.bootMode());
        out.writeInstant(i.creationDate());
        out.writeBoolean(i.isPublic());
        out.writeString(i.sourceInstanceId());
        out.writeBoolean(i.known());
        out.writeString(i.snapshotId());
        out.writeString(i.state());
        out.writeInstant(i.availableAt());
        out.writeStringMap(i.tags());
    }

    static ImageData readImage(RecordInput in) throws IOException {
        return new ImageData(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                Image.Platform.valueOf(in.readString()), in.readString(), in.readString(), in.readInt(),
                in.readString(), in.readString(), in.readInstant(), in.readBoolean(), in.readString(),
                in.readBoolean(), in.readString(), in.readString(), in.readInstant(), in.readStringMap());
    }

    static void writeOffering(ReservedInstanceOffering o, RecordOutput out) throws IOException {
        out.writeString(o.id());
        out.writeString(o.instanceType());
        out.writeString(o.region());
        out.writeString(o.zone());
        out.writeLong(o.durationSeconds());
        out.writeString(o.offeringType());
        out.writeString(o.offeringClass());
        out.writeString(o.productDescription());
        out.writeString(o.tenancy());
        out.writeDouble(o.fixedPrice());
        out.writeDouble(o.hourlyPrice());
    }

    static ReservedInstanceOffering readOffering(RecordInput in) throws IOException {
        return new ReservedInstanceOffering(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readLong(), in.readString(), in.readString(), in.readString(), in.readString(), in.readDouble(),
                in.readDouble());
    }

    private static void writeReserved(ReservedInstanceRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        writeOffering(r.offering(), out);
        out.writeInt(r.instanceCount());
        out.writeInstant(r.start());
        out.writeStringMap(r.tags());
    }

    private static ReservedInstanceRecord readReserved(RecordInput in) throws IOException {
        return new ReservedInstanceRecord(in.readString(), in.readString(), in.readString(), readOffering(in),
                in.readInt(), in.readInstant(), in.readStringMap());
    }

    private static void writeHost(DedicatedHostRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.hostId());
        out.writeString(r.zone());
        out.writeString(r.family());
        out.writeString(r.instanceType());
        out.writeString(r.autoPlacement());
        out.writeString(r.hostRecovery());
        out.writeString(r.clientToken());
        out.writeInstant(r.allocationTime());
        out.writeString(r.state());
        out.writeInstant(r.releaseTime());
        out.writeDouble(r.unbilledSeconds());
        out.writeStringMap(r.tags());
    }

    private static DedicatedHostRecord readHost(RecordInput in) throws IOException {
        return new DedicatedHostRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString(), in.readString(), in.readInstant(),
                in.readString(), in.readInstant(), in.readDouble(), in.readStringMap());
    }

    private static void writeFleet(FleetRecord r, RecordOutput out) throws IOException {
        DataCenter.FleetState fleet = r.fleet();
        out.writeString(fleet.zone().name());
        out.writeString(fleet.family());
        writeList(fleet.hosts(), out, (h, o) -> {
            o.writeString(h.id());
            o.writeString(h.tenancy().value());
            o.writeString(h.ownerAccountId());
            o.writeString(h.allocatedInstanceType());
            o.writeBoolean(h.autoPlacement());
            o.writeInstant(h.allocatedAt());
            writeList(h.guests(), o, (g, go) -> {
                go.writeString(g.instanceId());
                go.writeString(g.accountId());
                go.writeString(g.instanceType());
                go.writeInt(g.vcpus());
                go.writeLong(g.memoryMiB());
                go.writeBoolean(g.interruptible());
            });
        });
    }

    private FleetRecord readFleet(RecordInput in) throws IOException {
        String zoneName = in.readString();
        AvailabilityZone zone = zones.apply(zoneName);
        if (zone == null) {
            throw new IOException("no zone " + zoneName);
        }
        String family = in.readString();
        List<DataCenter.HostState> hosts = readList(in, i -> new DataCenter.HostState(i.readString(),
                Tenancy.of(i.readString()), i.readString(), i.readString(), i.readBoolean(), i.readInstant(),
                readList(i, g -> new Guest(g.readString(), g.readString(), g.readString(), g.readInt(), g.readLong(),
                        g.readBoolean()))));
        return new FleetRecord(new DataCenter.FleetState(zone, family, hosts));
    }

    private static void writeMarket(SpotMarketRecord r, RecordOutput out) throws IOException {
        out.writeInstant(r.epoch());
        writeMap(r.history(), out, (points, o) -> writeList(points, o, (p, po) -> {
            po.writeInstant(p.since());
            po.writeDouble(p.utilization());
        }));
    }

    private static SpotMarketRecord readMarket(RecordInput in) throws IOException {
        return new SpotMarketRecord(in.readInstant(), readMap(in, i -> readList(i,
                p -> new SpotMarket.UsePoint(p.readInstant(), p.readDouble()))));
    }
}
