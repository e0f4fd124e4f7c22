package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's EBS in a region: its volumes and snapshots, volumes deleted since (kept for what they
 * cost), and the account's encryption defaults.
 */
public final class ElasticBlockStore {

    final Map<String, Volume> volumes = new LinkedHashMap<>();
    final Map<String, EbsSnapshot> snapshots = new LinkedHashMap<>();
    /** Deleted volumes no longer shown, kept for what they cost. */
    final List<Volume> retired = new ArrayList<>();
    private boolean encryptionByDefault;
    /** The default KMS key of EBS encryption; {@code null} for the AWS managed key {@code alias/aws/ebs}. */
    private String defaultKmsKeyId;
    /**
     * Whether the scope's volumes are known: false for a scope kept by a Gureum that had no volumes, whose
     * instances' root volumes are made afresh at the restart.
     */
    private boolean tracked;

    ElasticBlockStore(boolean tracked) {
        this.tracked = tracked;
    }

    public Map<String, Volume> volumes() {
        return volumes;
    }

    public Map<String, EbsSnapshot> snapshots() {
        return snapshots;
    }

    /** Every volume this scope has billed for: those shown, and deleted ones forgotten since. */
    public List<Volume> billedVolumes() {
        List<Volume> all = new ArrayList<>(retired);
        all.addAll(volumes.values());
        return all;
    }

    /** The volumes attached (or attaching, detaching) to an instance, by device name. */
    public List<Volume> attachedTo(String instanceId) {
        List<Volume> out = new ArrayList<>();
        for (Volume v : volumes.values()) {
            if (v.attachedTo(instanceId)) {
                out.add(v);
            }
        }
        out.sort(java.util.Comparator.comparing(v -> v.attachment().device()));
        return out;
    }

    public boolean encryptionByDefault() {
        return encryptionByDefault;
    }

    public void encryptionByDefault(boolean value) {
        this.encryptionByDefault = value;
    }

    public String defaultKmsKeyId() {
        return defaultKmsKeyId;
    }

    public void defaultKmsKeyId(String keyId) {
        this.defaultKmsKeyId = keyId;
    }

    boolean tracked() {
        return tracked;
    }

    void tracked(boolean value) {
        this.tracked = value;
    }

    /** Applies the volume and snapshot transitions due by {@code now}; whether anything changed. */
    boolean settle(Instant now) {
        boolean changed = false;
        for (Volume v : new ArrayList<>(volumes.values())) {
            changed |= v.settle(now);
            if (v.state().equals("deleted")) {
                volumes.remove(v.id());
                retired.add(v);
                changed = true;
            }
        }
        for (EbsSnapshot s : snapshots.values()) {
            changed |= s.settle(now);
        }
        return changed;
    }

    /** Leaves the time Gureum was stopped off the volumes' meter, as {@link Downtime} does for instances. */
    void leaveOffTheMeter(Instant stoppedAt, Instant restartedAt) {
        if (!restartedAt.isAfter(stoppedAt)) {
            return;
        }
        for (Volume v : volumes.values()) {
            List<Volume.Storage> storage = v.data().storage();
            if (storage.isEmpty() || storage.get(storage.size() - 1).end() != null) {
                continue;
            }
            Volume.Storage open = storage.get(storage.size() - 1);
            List<Volume.Storage> changed = new ArrayList<>(storage);
            if (open.start().isBefore(stoppedAt)) {
                changed.set(changed.size() - 1, open.closedAt(stoppedAt));
                changed.add(new Volume.Storage(restartedAt, null, open.config()));
            } else {
                changed.set(changed.size() - 1, new Volume.Storage(restartedAt, null, open.config()));
            }
            v.data(v.data().with(changed));
        }
    }
}
