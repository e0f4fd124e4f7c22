package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An EBS snapshot: {@code pending} from its start until it is complete, and who may create volumes
 * from it. Held as one immutable {@link Data} (what is kept across a restart) and its tags.
 */
public final class EbsSnapshot implements Tagged {

    /**
     * Everything a snapshot is.
     *
     * @param volumeId      the volume it was taken of ({@code vol-ffffffff} for copies, as AWS shows them)
     * @param completesAt   when a pending snapshot completes
     * @param sharedWith    accounts given createVolumePermission
     * @param isPublic      whether the group {@code all} may create volumes from it
     */
    public record Data(String id, String ownerId, String volumeId, int volumeSize, String description,
                       boolean encrypted, String kmsKeyId, Instant startTime, Instant completesAt, String state,
                       List<String> sharedWith, boolean isPublic) {

        public Data {
            sharedWith = List.copyOf(sharedWith);
        }

        Data with(String state) {
            return new Data(id, ownerId, volumeId, volumeSize, description, encrypted, kmsKeyId, startTime,
                    completesAt, state, sharedWith, isPublic);
        }

        Data withPermissions(List<String> sharedWith, boolean isPublic) {
            return new Data(id, ownerId, volumeId, volumeSize, description, encrypted, kmsKeyId, startTime,
                    completesAt, state, sharedWith, isPublic);
        }
    }

    private Data data;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public EbsSnapshot(Data data) {
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
        return "snapshot";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String state() {
        return data.state();
    }

    /** Percent done, as {@code progress} shows it: {@code 100%} once completed. */
    public String progress(Instant now) {
        if (data.state().equals("completed")) {
            return "100%";
        }
        long total = Math.max(1, data.completesAt().toEpochMilli() - data.startTime().toEpochMilli());
        long done = Math.max(0, now.toEpochMilli() - data.startTime().toEpochMilli());
        return Math.min(99, done * 100 / total) + "%";
    }

    /** Whether an account may create volumes from it (or copy it). */
    public boolean usableBy(String accountId) {
        return data.ownerId().equals(accountId) || data.isPublic() || data.sharedWith().contains(accountId);
    }

    boolean settle(Instant now) {
        if (data.state().equals("pending") && !now.isBefore(data.completesAt())) {
            data = data.with("completed");
            return true;
        }
        return false;
    }
}
