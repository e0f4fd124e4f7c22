package dev.gureum.ec2.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.gureum.ec2.domain.Ec2RecordTypes.readInteger;
import static dev.gureum.ec2.domain.Ec2RecordTypes.readList;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeInteger;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeList;

/**
 * EBS as records (tags 40 to 42): volumes (deleted ones kept for what they cost), snapshots, and each
 * account's encryption defaults. A scope kept without an {@link EbsDefaultsRecord} was kept by a
 * Gureum without volumes: its instances' root volumes are made at the restart.
 */
public final class EbsRecords {

    private EbsRecords() {
    }

    /** @param retired a deleted volume no longer shown, kept for what it cost */
    public record VolumeRecord(String account, String region, Volume.Data volume, Map<String, String> tags,
                               boolean retired) implements Ec2Records.Keyed {
        @Override
        public String key() {
            return Ec2Records.key("volume", account, region, volume.id());
        }
    }

    public record SnapshotRecord(String account, String region, EbsSnapshot.Data snapshot, Map<String, String> tags)
            implements Ec2Records.Keyed {
        @Override
        public String key() {
            return Ec2Records.key("snapshot", account, region, snapshot.id());
        }
    }

    /** @param kmsKeyId the default KMS key, or {@code null} for the AWS managed key */
    public record EbsDefaultsRecord(String account, String region, boolean encryptionByDefault, String kmsKeyId)
            implements Ec2Records.Keyed {
        @Override
        public String key() {
            return Ec2Records.key("ebs", account, region, "");
        }
    }

    static List<RecordType<?>> types() {
        return List.of(
                RecordType.of(40, VolumeRecord.class, 1, EbsRecords::writeVolume, (in, v) -> readVolume(in)),
                RecordType.of(41, SnapshotRecord.class, 1, EbsRecords::writeSnapshot, (in, v) -> readSnapshot(in)),
                RecordType.of(42, EbsDefaultsRecord.class, 1, (r, out) -> {
                    out.writeString(r.account());
                    out.writeString(r.region());
                    out.writeBoolean(r.encryptionByDefault());
                    out.writeString(r.kmsKeyId());
                }, (in, v) -> new EbsDefaultsRecord(in.readString(), in.readString(), in.readBoolean(),
                        in.readString())));
    }

    /** The records of a scope's EBS, in the order they apply. */
    static void of(Ec2Scope scope, List<Ec2Records.Keyed> out) {
        String account = scope.accountId();
        String region = scope.region().name();
        ElasticBlockStore ebs = scope.ebs();
        out.add(new EbsDefaultsRecord(account, region, ebs.encryptionByDefault(), ebs.defaultKmsKeyId()));
        for (EbsSnapshot s : ebs.snapshots.values()) {
            out.add(new SnapshotRecord(account, region, s.data(), new java.util.LinkedHashMap<>(s.tags())));
        }
        for (Volume v : ebs.volumes.values()) {
            out.add(new VolumeRecord(account, region, v.data(), new java.util.LinkedHashMap<>(v.tags()), false));
        }
        for (Volume v : ebs.retired) {
            out.add(new VolumeRecord(account, region, v.data(), new java.util.LinkedHashMap<>(v.tags()), true));
        }
    }

    /** Sets what a record holds; whether it was an EBS record. */
    static boolean set(Ec2Records.Keyed record, java.util.function.BiFunction<String, String, Ec2Scope> scopes) {
        if (record instanceof EbsDefaultsRecord r) {
            ElasticBlockStore ebs = scopes.apply(r.account(), r.region()).ebs();
            ebs.tracked(true);
            ebs.encryptionByDefault(r.encryptionByDefault());
            ebs.defaultKmsKeyId(r.kmsKeyId());
        } else if (record instanceof SnapshotRecord r) {
            EbsSnapshot s = new EbsSnapshot(r.snapshot());
            s.tags().putAll(r.tags());
            scopes.apply(r.account(), r.region()).ebs().snapshots.put(s.id(), s);
        } else if (record instanceof VolumeRecord r) {
            ElasticBlockStore ebs = scopes.apply(r.account(), r.region()).ebs();
            remove(ebs, "volume", r.volume().id());
            Volume v = new Volume(r.volume());
            v.tags().putAll(r.tags());
            if (r.retired()) {
                ebs.retired.add(v);
            } else {
                ebs.volumes.put(v.id(), v);
            }
        } else {
            return false;
        }
        return true;
    }

    /** Removes what a key of one of these kinds names. */
    static void remove(ElasticBlockStore ebs, String kind, String id) {
        switch (kind) {
            case "volume" -> {
                ebs.volumes.remove(id);
                ebs.retired.removeIf(v -> v.id().equals(id));
            }
            case "snapshot" -> ebs.snapshots.remove(id);
            default -> {
                // the defaults stay as they are
            }
        }
    }

    // ---- fields

    private static void writeConfig(VolumeConfig c, RecordOutput out) throws IOException {
        out.writeString(c.type());
        out.writeInt(c.sizeGiB());
        writeInteger(c.iops(), out);
        writeInteger(c.throughput(), out);
    }

    private static VolumeConfig readConfig(RecordInput in) throws IOException {
        return new VolumeConfig(in.readString(), in.readInt(), readInteger(in), readInteger(in));
    }

    private static void writeVolume(VolumeRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        Volume.Data d = r.volume();
        out.writeString(d.id());
        out.writeString(d.ownerId());
        out.writeString(d.zone());
        writeConfig(d.config(), out);
        out.writeString(d.snapshotId());
        out.writeBoolean(d.encrypted());
        out.writeString(d.kmsKeyId());
        out.writeInstant(d.createTime());
        out.writeString(d.state());
        out.writeInstant(d.stateEnds());
        Volume.Attachment a = d.attachment();
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeString(a.instanceId());
            out.writeString(a.device());
            out.writeString(a.state());
            out.writeInstant(a.attachTime());
            out.writeBoolean(a.deleteOnTermination());
            out.writeInstant(a.ends());
        }
        out.writeBoolean(d.autoEnableIO());
        Volume.Modification m = d.modification();
        out.writeBoolean(m != null);
        if (m != null) {
            out.writeString(m.state());
            writeConfig(m.original(), out);
            writeConfig(m.target(), out);
            out.writeInstant(m.startTime());
            out.writeInstant(m.optimizingAt());
            out.writeInstant(m.endTime());
        }
        writeList(d.storage(), out, (s, o) -> {
            o.writeInstant(s.start());
            o.writeInstant(s.end());
            writeConfig(s.config(), o);
        });
        out.writeStringMap(r.tags());
        out.writeBoolean(r.retired());
    }

    private static VolumeRecord readVolume(RecordInput in) throws IOException {
        String account = in.readString();
        String region = in.readString();
        String id = in.readString();
        String owner = in.readString();
        String zone = in.readString();
        VolumeConfig config = readConfig(in);
        String snapshotId = in.readString();
        boolean encrypted = in.readBoolean();
        String kmsKeyId = in.readString();
        var createTime = in.readInstant();
        String state = in.readString();
        var stateEnds = in.readInstant();
        Volume.Attachment a = in.readBoolean() ? new Volume.Attachment(in.readString(), in.readString(),
                in.readString(), in.readInstant(), in.readBoolean(), in.readInstant()) : null;
        boolean autoEnableIO = in.readBoolean();
        Volume.Modification m = in.readBoolean() ? new Volume.Modification(in.readString(), readConfig(in),
                readConfig(in), in.readInstant(), in.readInstant(), in.readInstant()) : null;
        List<Volume.Storage> storage = readList(in, i -> new Volume.Storage(i.readInstant(), i.readInstant(),
                readConfig(i)));
        return new VolumeRecord(account, region, new Volume.Data(id, owner, zone, config, snapshotId, encrypted,
                kmsKeyId, createTime, state, stateEnds, a, autoEnableIO, m, storage), in.readStringMap(),
                in.readBoolean());
    }

    private static void writeSnapshot(SnapshotRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        EbsSnapshot.Data d = r.snapshot();
        out.writeString(d.id());
        out.writeString(d.ownerId());
        out.writeString(d.volumeId());
        out.writeInt(d.volumeSize());
        out.writeString(d.description());
        out.writeBoolean(d.encrypted());
        out.writeString(d.kmsKeyId());
        out.writeInstant(d.startTime());
        out.writeInstant(d.completesAt());
        out.writeString(d.state());
        out.writeStringList(d.sharedWith());
        out.writeBoolean(d.isPublic());
        out.writeStringMap(r.tags());
    }

    private static SnapshotRecord readSnapshot(RecordInput in) throws IOException {
        return new SnapshotRecord(in.readString(), in.readString(), new EbsSnapshot.Data(in.readString(),
                in.readString(), in.readString(), in.readInt(), in.readString(), in.readBoolean(), in.readString(),
                in.readInstant(), in.readInstant(), in.readString(), in.readStringList(), in.readBoolean()),
                in.readStringMap());
    }
}
