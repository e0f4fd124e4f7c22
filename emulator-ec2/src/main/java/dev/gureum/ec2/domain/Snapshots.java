package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EBS snapshots' operations: snapshots of volumes (and of an instance's root volume for CreateImage),
 * copies between regions, deletion, and who may create volumes from them. A snapshot is {@code pending}
 * for the world's transition time. Called under the world's lock.
 */
public final class Snapshots {

    /** The volume id AWS shows on copied snapshots, which were taken of no volume of the account. */
    static final String NO_VOLUME = "vol-ffffffff";

    private Snapshots() {
    }

    /** An account's own snapshot. */
    public static EbsSnapshot own(Ec2Scope scope, String id) {
        EbsSnapshot s = scope.ebs().snapshots.get(id);
        if (s == null) {
            throw notFound(id);
        }
        return s;
    }

    private static AwsException notFound(String id) {
        return new AwsException(Ec2Error.INVALID_SNAPSHOT_NOT_FOUND, "The snapshot '" + id + "' does not exist.");
    }

    /** Snapshots an account sees in its region: its own, then others' shared with it or public. */
    public static List<EbsSnapshot> visible(Ec2World world, Ec2Scope scope) {
        List<EbsSnapshot> out = new ArrayList<>(scope.ebs().snapshots.values());
        for (Ec2Scope other : world.scopeMap().values()) {
            if (other != scope && other.region().name().equals(scope.region().name())) {
                other.ebs().snapshots.values().stream().filter(s -> s.usableBy(scope.accountId())).forEach(out::add);
            }
        }
        return out;
    }

    /** A snapshot the account may make volumes from (its own, shared with it, or public), completed. */
    public static EbsSnapshot usable(Ec2World world, Ec2Scope scope, String id) {
        EbsSnapshot s = visible(world, scope).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound(id));
        if (!s.state().equals("completed")) {
            throw new AwsException(Ec2Error.INCORRECT_STATE, "Snapshot '" + id + "' is not 'completed'.");
        }
        return s;
    }

    public static EbsSnapshot create(Ec2World world, Ec2Scope scope, String volumeId, String description,
                                     Map<String, String> tags, Instant now) {
        Volume v = Volumes.find(scope, volumeId);
        if (!v.state().equals("available") && !v.state().equals("in-use")) {
            throw new AwsException(Ec2Error.INCORRECT_STATE,
                    "Volume '" + volumeId + "' is in the '" + v.state() + "' state.");
        }
        Volume.Data d = v.data();
        return add(world, scope, volumeId, d.config().sizeGiB(), description == null ? "" : description,
                d.encrypted(), d.kmsKeyId(), tags, now);
    }

    /**
     * The snapshot CreateImage takes of an instance's root volume (or, when it has none attached, of the
     * volume its image describes).
     */
    public static EbsSnapshot ofRootVolume(Ec2World world, Ec2Scope scope, Instance instance, String imageId,
                                           Instant now) {
        Volume root = Volumes.root(scope, instance);
        String description = "Created by CreateImage(" + instance.id() + ") for " + imageId;
        if (root == null) {
            return add(world, scope, instance.rootVolumeId(), instance.image().volumeSizeGiB(), description, false,
                    null, Map.of(), now);
        }
        return add(world, scope, root.id(), root.config().sizeGiB(), description, root.data().encrypted(),
                root.data().kmsKeyId(), Map.of(), now);
    }

    private static EbsSnapshot add(Ec2World world, Ec2Scope scope, String volumeId, int size, String description,
                                   boolean encrypted, String kmsKeyId, Map<String, String> tags, Instant now) {
        EbsSnapshot s = new EbsSnapshot(new EbsSnapshot.Data(Ids.ec2("snap"), scope.accountId(), volumeId, size,
                description, encrypted, kmsKeyId, now, now.plus(world.settings().bootTime()), "pending", List.of(),
                false));
        s.tags().putAll(tags);
        scope.ebs().snapshots.put(s.id(), s);
        return s;
    }

    /** CopySnapshot into {@code scope}'s region from a snapshot in {@code sourceRegion} the account may use. */
    public static EbsSnapshot copy(Ec2World world, Ec2Scope scope, String sourceRegion, String sourceId,
                                   String description, Boolean encrypted, String kmsKeyId, Map<String, String> tags,
                                   Instant now) {
        if (world.regions().find(sourceRegion).isEmpty()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + sourceRegion + ") for parameter sourceRegion is invalid.");
        }
        EbsSnapshot source = null;
        for (Ec2Scope s : world.scopeMap().values()) {
            if (s.region().name().equals(sourceRegion)) {
                EbsSnapshot candidate = s.ebs().snapshots.get(sourceId);
                if (candidate != null && candidate.usableBy(scope.accountId())) {
                    source = candidate;
                }
            }
        }
        if (source == null) {
            throw notFound(sourceId);
        }
        if (!source.state().equals("completed")) {
            throw new AwsException(Ec2Error.INCORRECT_STATE, "Snapshot '" + sourceId + "' is not 'completed'.");
        }
        if (kmsKeyId != null && !Boolean.TRUE.equals(encrypted)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_DEPENDENCY,
                    "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        boolean encrypt = source.data().encrypted() || Boolean.TRUE.equals(encrypted)
                || scope.ebs().encryptionByDefault();
        String key = !encrypt ? null : kmsKeyId != null ? kmsKeyId
                : source.data().encrypted() && source.data().kmsKeyId() != null && sourceRegion.equals(scope.region().name())
                ? source.data().kmsKeyId() : EbsEncryption.defaultKey(scope);
        return add(world, scope, NO_VOLUME, source.data().volumeSize(), description != null ? description
                : "[Copied " + sourceId + " from " + sourceRegion + "]", encrypt, key, tags, now);
    }

    public static void delete(Ec2Scope scope, String id) {
        EbsSnapshot s = own(scope, id);
        for (Image image : scope.ownImages().values()) {
            if (id.equals(image.snapshotId())) {
                throw new AwsException(Ec2Error.INVALID_SNAPSHOT_IN_USE,
                        "The snapshot " + id + " is currently in use by " + image.id());
            }
        }
        scope.ebs().snapshots.remove(s.id());
    }

    /** ModifySnapshotAttribute's createVolumePermission: accounts and the group {@code all} added or removed. */
    public static void changePermissions(Ec2Scope scope, String id, List<String> addUsers, List<String> removeUsers,
                                         boolean addAll, boolean removeAll) {
        EbsSnapshot s = own(scope, id);
        if (addAll && s.data().encrypted()) {
            throw new AwsException(Ec2Error.OPERATION_NOT_PERMITTED, "Encrypted snapshots cannot be made public.");
        }
        for (String user : addUsers) {
            if (!user.matches("[0-9]{12}")) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + user + ") for parameter userId is invalid. Expected a 12-digit account id.");
            }
        }
        Set<String> users = new LinkedHashSet<>(s.data().sharedWith());
        users.addAll(addUsers);
        users.removeAll(removeUsers);
        boolean isPublic = (s.data().isPublic() || addAll) && !removeAll;
        s.data(s.data().withPermissions(List.copyOf(users), isPublic));
    }

    public static void resetPermissions(Ec2Scope scope, String id) {
        EbsSnapshot s = own(scope, id);
        s.data(s.data().withPermissions(List.of(), false));
    }
}
