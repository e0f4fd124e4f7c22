package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An EBS volume: what DescribeVolumes shows, held as one immutable {@link Data} replaced on every
 * change (which is also what is kept across a restart), and its tags. Changed under the world's lock.
 */
public final class Volume implements Tagged {

    /**
     * Everything a volume is.
     *
     * @param state      creating, available, in-use, deleting or deleted
     * @param stateEnds  when creating or deleting ends, or {@code null}
     * @param storage    what it was provisioned as over time, for the meter
     */
    public record Data(String id, String ownerId, String zone, VolumeConfig config, String snapshotId,
                       boolean encrypted, String kmsKeyId, Instant createTime, String state, Instant stateEnds,
                       Attachment attachment, boolean autoEnableIO, Modification modification, List<Storage> storage) {

        public Data {
            storage = List.copyOf(storage);
        }

        Data with(String state, Instant stateEnds) {
            return new Data(id, ownerId, zone, config, snapshotId, encrypted, kmsKeyId, createTime, state, stateEnds,
                    attachment, autoEnableIO, modification, storage);
        }

        Data with(Attachment attachment) {
            return new Data(id, ownerId, zone, config, snapshotId, encrypted, kmsKeyId, createTime, state, stateEnds,
                    attachment, autoEnableIO, modification, storage);
        }

        Data with(VolumeConfig config) {
            return new Data(id, ownerId, zone, config, snapshotId, encrypted, kmsKeyId, createTime, state, stateEnds,
                    attachment, autoEnableIO, modification, storage);
        }

        Data with(Modification modification) {
            return new Data(id, ownerId, zone, config, snapshotId, encrypted, kmsKeyId, createTime, state, stateEnds,
                    attachment, autoEnableIO, modification, storage);
        }

        Data with(List<Storage> storage) {
            return new Data(id, ownerId, zone, config, snapshotId, encrypted, kmsKeyId, createTime, state, stateEnds,
                    attachment, autoEnableIO, modification, storage);
        }

        Data withAutoEnableIO(boolean value) {
            return new Data(id, ownerId, zone, config, snapshotId, encrypted, kmsKeyId, createTime, state, stateEnds,
                    attachment, value, modification, storage);
        }
    }

    /**
     * The volume's attachment to an instance.
     *
     * @param state attaching, attached or detaching
     * @param ends  when attaching or detaching ends, or {@code null}
     */
    public record Attachment(String instanceId, String device, String state, Instant attachTime,
                             boolean deleteOnTermination, Instant ends) {

        Attachment with(String state, Instant ends) {
            return new Attachment(instanceId, device, state, attachTime, deleteOnTermination, ends);
        }

        Attachment withDeleteOnTermination(boolean value) {
            return new Attachment(instanceId, device, state, attachTime, value, ends);
        }
    }

    /**
     * A ModifyVolume: {@code modifying} until {@code optimizingAt}, when the volume takes its target
     * configuration, {@code optimizing} until {@code endTime}, then {@code completed}.
     */
    public record Modification(String state, VolumeConfig original, VolumeConfig target, Instant startTime,
                               Instant optimizingAt, Instant endTime) {

        Modification with(String state) {
            return new Modification(state, original, target, startTime, optimizingAt, endTime);
        }

        /** Percent done, as DescribeVolumesModifications reports it. */
        public long progress(Instant now) {
            if (state.equals("completed")) {
                return 100;
            }
            long total = Math.max(1, endTime.toEpochMilli() - startTime.toEpochMilli());
            long done = Math.max(0, now.toEpochMilli() - startTime.toEpochMilli());
            return Math.min(99, done * 100 / total);
        }
    }

    /** A stretch of time the volume was provisioned at one configuration; {@code end} is null while it lasts. */
    public record Storage(Instant start, Instant end, VolumeConfig config) {

        Storage closedAt(Instant when) {
            return new Storage(start, when, config);
        }
    }

    private Data data;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public Volume(Data data) {
        this.data = data;
    }

    public Data data() {
        return data;
    }

    void data(Data data) {
        this.data = data;
    }

    @Override
    public String id() {
        return data.id();
    }

    @Override
    public String resourceType() {
        return "volume";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String state() {
        return data.state();
    }

    public VolumeConfig config() {
        return data.config();
    }

    public Attachment attachment() {
        return data.attachment();
    }

    public boolean attachedTo(String instanceId) {
        return data.attachment() != null && data.attachment().instanceId().equals(instanceId);
    }

    /** Starts billing a new configuration from {@code at}, closing the stretch before it. */
    void provision(VolumeConfig config, Instant at) {
        List<Storage> storage = new ArrayList<>(data.storage());
        closeStorage(storage, at);
        storage.add(new Storage(at, null, config));
        data = data.with(storage);
    }

    /** Stops billing at {@code at} (deleted, or Gureum stopped). */
    void stopBilling(Instant at) {
        List<Storage> storage = new ArrayList<>(data.storage());
        closeStorage(storage, at);
        data = data.with(storage);
    }

    private static void closeStorage(List<Storage> storage, Instant at) {
        if (!storage.isEmpty() && storage.get(storage.size() - 1).end() == null) {
            storage.set(storage.size() - 1, storage.get(storage.size() - 1).closedAt(at));
        }
    }

    /** Applies what is due by {@code now}; whether anything changed. */
    boolean settle(Instant now) {
        Data before = data;
        if (data.stateEnds() != null && !now.isBefore(data.stateEnds())) {
            if (data.state().equals("creating")) {
                data = data.with(data.attachment() != null ? "in-use" : "available", null);
            } else if (data.state().equals("deleting")) {
                stopBilling(data.stateEnds());
                data = data.with("deleted", null);
            }
        }
        Attachment a = data.attachment();
        if (a != null && a.ends() != null && !now.isBefore(a.ends())) {
            if (a.state().equals("attaching")) {
                data = data.with(a.with("attached", null));
            } else if (a.state().equals("detaching")) {
                data = data.with((Attachment) null).with("available", null);
            }
        }
        Modification m = data.modification();
        if (m != null && m.state().equals("modifying") && !now.isBefore(m.optimizingAt())) {
            data = data.with(m.target()).with(m.with("optimizing"));
            m = data.modification();
        }
        if (m != null && m.state().equals("optimizing") && !now.isBefore(m.endTime())) {
            data = data.with(m.with("completed"));
        }
        return !data.equals(before);
    }
}
