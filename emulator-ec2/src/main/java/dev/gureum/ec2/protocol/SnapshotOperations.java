package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.domain.EbsSnapshot;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.Snapshots;
import dev.gureum.ec2.domain.Volume;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** EBS snapshots: create (of a volume, or of every volume of an instance), describe, copy, delete, share. */
final class SnapshotOperations {

    private final Ec2World world;

    SnapshotOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateSnapshot", this::createSnapshot);
        op.accept("CreateSnapshots", this::createSnapshots);
        op.accept("DescribeSnapshots", this::describeSnapshots);
        op.accept("CopySnapshot", this::copySnapshot);
        op.accept("DeleteSnapshot", this::deleteSnapshot);
        op.accept("DescribeSnapshotAttribute", this::describeSnapshotAttribute);
        op.accept("ModifySnapshotAttribute", this::modifySnapshotAttribute);
        op.accept("ResetSnapshotAttribute", this::resetSnapshotAttribute);
    }

    private static String snapshotId(Params p, String member) {
        return Requests.checkId(Requests.require(p, member), "snap", Ec2Error.INVALID_SNAPSHOT_ID_MALFORMED);
    }

    private Filters<EbsSnapshot> filters(Instant now) {
        return new Filters<EbsSnapshot>()
                .add("description", s -> s.data().description())
                .add("encrypted", s -> s.data().encrypted())
                .add("owner-alias", s -> null)
                .add("owner-id", s -> s.data().ownerId())
                .add("progress", s -> s.progress(now))
                .add("snapshot-id", EbsSnapshot::id)
                .add("start-time", s -> Values.iso(s.data().startTime()))
                .add("status", EbsSnapshot::state)
                .add("storage-tier", s -> "standard")
                .add("volume-id", s -> s.data().volumeId())
                .add("volume-size", s -> s.data().volumeSize())
                .tags(EbsSnapshot::tags);
    }

    static Struct snapshot(EbsSnapshot s, Instant now) {
        EbsSnapshot.Data d = s.data();
        return Struct.of()
                .put("snapshotId", s.id())
                .put("volumeId", d.volumeId())
                .put("status", d.state())
                .put("startTime", d.startTime())
                .put("progress", s.progress(now))
                .put("ownerId", d.ownerId())
                .put("volumeSize", d.volumeSize())
                .put("description", d.description())
                .put("encrypted", d.encrypted())
                .put("kmsKeyId", d.kmsKeyId())
                .list("tagSet", Render.tagSet(s.tags()))
                .put("storageTier", "standard")
                .put("completionTime", d.state().equals("completed") ? d.completesAt() : null);
    }

    private Struct createSnapshot(ActionRequest r) {
        Params p = r.params();
        String volumeId = Requests.checkId(Requests.require(p, "VolumeId"), "vol", Ec2Error.INVALID_VOLUME_ID_MALFORMED);
        Map<String, String> tags = Requests.tagSpecifications(p).getOrDefault("snapshot", Map.of());
        return world.apply(Requests.account(r), Requests.region(r), scope -> snapshot(Snapshots.create(world, scope,
                volumeId, p.string("Description"), tags, world.now()), world.now()));
    }

    /** A snapshot of each volume attached to an instance, taken at the same moment. */
    private Struct createSnapshots(ActionRequest r) {
        Params p = r.params();
        Params spec = p.object("InstanceSpecification");
        String instanceId = Requests.checkId(Requests.require(spec, "InstanceId"), "i",
                Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        boolean excludeBoot = spec.bool("ExcludeBootVolume", false);
        List<String> excluded = spec.stringList("ExcludeDataVolumeId");
        boolean copyTags = "volume".equals(p.string("CopyTagsFromSource"));
        Map<String, String> tags = Requests.tagSpecifications(p).getOrDefault("snapshot", Map.of());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instance instance = InstanceLifecycle.find(scope, List.of(instanceId)).get(0);
            List<Struct> items = new ArrayList<>();
            Instant now = world.now();
            for (Volume v : scope.ebs().attachedTo(instance.id())) {
                if (excluded.contains(v.id()) || excludeBoot && v.id().equals(instance.rootVolumeId())) {
                    continue;
                }
                Map<String, String> snapshotTags = new LinkedHashMap<>(copyTags ? v.tags() : Map.of());
                snapshotTags.putAll(tags);
                EbsSnapshot s = Snapshots.create(world, scope, v.id(), p.string("Description"), snapshotTags, now);
                EbsSnapshot.Data d = s.data();
                items.add(Struct.of()
                        .put("description", d.description())
                        .list("tagSet", Render.tagSet(s.tags()))
                        .put("encrypted", d.encrypted())
                        .put("volumeId", d.volumeId())
                        .put("state", d.state())
                        .put("volumeSize", d.volumeSize())
                        .put("startTime", d.startTime())
                        .put("progress", s.progress(now))
                        .put("ownerId", d.ownerId())
                        .put("snapshotId", s.id()));
            }
            return Struct.of().list("snapshotSet", items);
        });
    }

    private Struct describeSnapshots(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "SnapshotId", "snap", Ec2Error.INVALID_SNAPSHOT_ID_MALFORMED);
        List<String> owners = p.stringList("Owner");
        List<String> restorableBy = p.stringList("RestorableBy");
        List<Filter> f = Requests.filters(p);
        filters(Instant.EPOCH).validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instant now = world.now();
            List<EbsSnapshot> all = Snapshots.visible(world, scope);
            List<EbsSnapshot> shown = new ArrayList<>();
            if (ids.isEmpty()) {
                shown.addAll(all);
            } else {
                List<String> missing = new ArrayList<>();
                for (String id : ids) {
                    all.stream().filter(s -> s.id().equals(id)).findFirst()
                            .ifPresentOrElse(shown::add, () -> missing.add(id));
                }
                if (!missing.isEmpty()) {
                    throw new AwsException(Ec2Error.INVALID_SNAPSHOT_NOT_FOUND,
                            "The snapshot '" + String.join(", ", missing) + "' does not exist.");
                }
            }
            if (!owners.isEmpty()) {
                shown.removeIf(s -> owners.stream().noneMatch(o -> ownedBy(s, o, scope.accountId())));
            }
            if (!restorableBy.isEmpty()) {
                shown.removeIf(s -> restorableBy.stream().noneMatch(who -> restorableBy(s, who, scope.accountId())));
            }
            PageTokens.Page<EbsSnapshot> page = Requests.page(filters(now).apply(shown, f), p, 5, 1000, 0);
            return Struct.of().list("snapshotSet", page.items(), s -> snapshot(s, now))
                    .put("nextToken", page.nextToken());
        });
    }

    private static boolean ownedBy(EbsSnapshot s, String owner, String account) {
        return switch (owner) {
            case "self" -> account.equals(s.data().ownerId());
            case "amazon", "aws-marketplace", "aws-backup-vault" -> false;
            default -> owner.equals(s.data().ownerId());
        };
    }

    private static boolean restorableBy(EbsSnapshot s, String who, String account) {
        return switch (who) {
            case "all" -> s.data().isPublic();
            case "self" -> s.usableBy(account);
            default -> s.usableBy(who);
        };
    }

    private Struct copySnapshot(ActionRequest r) {
        Params p = r.params();
        String sourceId = snapshotId(p, "SourceSnapshotId");
        String sourceRegion = Requests.require(p, "SourceRegion");
        String destination = p.string("DestinationRegion");
        if (destination != null && !destination.equals(Requests.region(r))) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The destination region " + destination
                    + " must be the region the request is sent to (" + Requests.region(r) + ").");
        }
        Map<String, String> tags = Requests.tagSpecifications(p).getOrDefault("snapshot", Map.of());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            EbsSnapshot copy = Snapshots.copy(world, scope, sourceRegion, sourceId, p.string("Description"),
                    p.bool("Encrypted"), p.string("KmsKeyId"), tags, world.now());
            return Struct.of().put("snapshotId", copy.id()).list("tagSet", Render.tagSet(copy.tags()));
        });
    }

    private Struct deleteSnapshot(ActionRequest r) {
        String id = snapshotId(r.params(), "SnapshotId");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Snapshots.delete(scope, id);
            return Struct.of().put("return", true);
        });
    }

    private Struct describeSnapshotAttribute(ActionRequest r) {
        Params p = r.params();
        String id = snapshotId(p, "SnapshotId");
        String attribute = Requests.require(p, "Attribute");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            EbsSnapshot s = Snapshots.own(scope, id);
            Struct out = Struct.of().put("snapshotId", id);
            return switch (attribute) {
                case "createVolumePermission" -> out.list("createVolumePermission", permissions(s));
                case "productCodes" -> out.list("productCodes", List.of());
                default -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
            };
        });
    }

    private static List<Struct> permissions(EbsSnapshot s) {
        List<Struct> out = new ArrayList<>();
        if (s.data().isPublic()) {
            out.add(Struct.of().put("group", "all"));
        }
        s.data().sharedWith().forEach(u -> out.add(Struct.of().put("userId", u)));
        return out;
    }

    private Struct modifySnapshotAttribute(ActionRequest r) {
        Params p = r.params();
        String id = snapshotId(p, "SnapshotId");
        String attribute = p.string("Attribute", "createVolumePermission");
        if (!attribute.equals("createVolumePermission")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
        List<String> addUsers = new ArrayList<>();
        List<String> removeUsers = new ArrayList<>();
        boolean[] all = new boolean[2];
        Params permission = p.object("CreateVolumePermission");
        for (Params add : permission.list("Add")) {
            collect(add.string("UserId"), add.string("Group"), addUsers, all, 0);
        }
        for (Params remove : permission.list("Remove")) {
            collect(remove.string("UserId"), remove.string("Group"), removeUsers, all, 1);
        }
        String operation = p.string("OperationType");
        if (operation != null) {
            if (!operation.equals("add") && !operation.equals("remove")) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + operation + ") for parameter operationType is invalid.");
            }
            int index = operation.equals("add") ? 0 : 1;
            List<String> users = index == 0 ? addUsers : removeUsers;
            p.stringList("UserId").forEach(u -> collect(u, null, users, all, index));
            p.stringList("UserGroup").forEach(g -> collect(null, g, users, all, index));
        }
        if (addUsers.isEmpty() && removeUsers.isEmpty() && !all[0] && !all[1]) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain the parameter createVolumePermission");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Snapshots.changePermissions(scope, id, addUsers, removeUsers, all[0], all[1]);
            return null;
        });
    }

    private static void collect(String user, String group, List<String> users, boolean[] all, int index) {
        if (group != null) {
            if (!group.equals("all")) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + group + ") for parameter group is invalid. Expected 'all'.");
            }
            all[index] = true;
        }
        if (user != null) {
            users.add(user);
        }
    }

    private Struct resetSnapshotAttribute(ActionRequest r) {
        Params p = r.params();
        String id = snapshotId(p, "SnapshotId");
        String attribute = Requests.require(p, "Attribute");
        if (!attribute.equals("createVolumePermission")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Snapshots.resetPermissions(scope, id);
            return null;
        });
    }
}
