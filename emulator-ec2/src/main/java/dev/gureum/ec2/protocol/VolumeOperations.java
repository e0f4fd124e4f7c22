package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Volume;
import dev.gureum.ec2.domain.VolumeConfig;
import dev.gureum.ec2.domain.Volumes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** EBS volumes: create, describe, attach, detach, delete, modify, their status and attributes. */
final class VolumeOperations {

    private static final Filters<Volume> FILTERS = new Filters<Volume>()
            .add("attachment.attach-time", v -> v.attachment() == null ? null : Values.iso(v.attachment().attachTime()))
            .add("attachment.delete-on-termination", v -> v.attachment() == null ? null
                    : v.attachment().deleteOnTermination())
            .add("attachment.device", v -> v.attachment() == null ? null : v.attachment().device())
            .add("attachment.instance-id", v -> v.attachment() == null ? null : v.attachment().instanceId())
            .add("attachment.status", v -> v.attachment() == null ? null : v.attachment().state())
            .add("availability-zone", v -> v.data().zone())
            .add("create-time", v -> Values.iso(v.data().createTime()))
            .add("encrypted", v -> v.data().encrypted())
            .add("fast-restored", v -> false)
            .add("multi-attach-enabled", v -> false)
            .add("size", v -> v.config().sizeGiB())
            .add("snapshot-id", v -> v.data().snapshotId())
            .add("status", Volume::state)
            .add("volume-id", Volume::id)
            .add("volume-type", v -> v.config().type())
            .tags(Volume::tags);

    private static final Filters<Volume> MODIFICATION_FILTERS = new Filters<Volume>()
            .add("modification-state", v -> v.data().modification().state())
            .add("original-iops", v -> v.data().modification().original().iops())
            .add("original-size", v -> v.data().modification().original().sizeGiB())
            .add("original-volume-type", v -> v.data().modification().original().type())
            .add("original-multi-attach-enabled", v -> false)
            .add("start-time", v -> Values.iso(v.data().modification().startTime()))
            .add("target-iops", v -> v.data().modification().target().iops())
            .add("target-size", v -> v.data().modification().target().sizeGiB())
            .add("target-volume-type", v -> v.data().modification().target().type())
            .add("target-multi-attach-enabled", v -> false)
            .add("volume-id", Volume::id);

    private final Ec2World world;

    VolumeOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateVolume", this::createVolume);
        op.accept("DescribeVolumes", this::describeVolumes);
        op.accept("AttachVolume", this::attachVolume);
        op.accept("DetachVolume", this::detachVolume);
        op.accept("DeleteVolume", this::deleteVolume);
        op.accept("ModifyVolume", this::modifyVolume);
        op.accept("DescribeVolumesModifications", this::describeVolumesModifications);
        op.accept("DescribeVolumeStatus", this::describeVolumeStatus);
        op.accept("DescribeVolumeAttribute", this::describeVolumeAttribute);
        op.accept("ModifyVolumeAttribute", this::modifyVolumeAttribute);
        op.accept("EnableVolumeIO", r -> {
            String volumeId = volumeId(r.params());
            return world.apply(Requests.account(r), Requests.region(r), scope -> {
                Volumes.find(scope, volumeId);
                return Struct.of().put("return", true);
            });
        });
    }

    private static String volumeId(Params p) {
        return Requests.checkId(Requests.require(p, "VolumeId"), "vol", Ec2Error.INVALID_VOLUME_ID_MALFORMED);
    }

    private Struct createVolume(ActionRequest r) {
        Params p = r.params();
        if (p.bool("MultiAttachEnabled", false)) {
            throw new AwsException(Ec2Error.UNSUPPORTED_OPERATION, "Gureum's EC2 does not simulate Multi-Attach.");
        }
        String snapshotId = p.string("SnapshotId");
        if (snapshotId != null) {
            Requests.checkId(snapshotId, "snap", Ec2Error.INVALID_SNAPSHOT_ID_MALFORMED);
        }
        Map<String, String> tags = Requests.tagSpecifications(p).getOrDefault("volume", Map.of());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            String zone = p.string("AvailabilityZone");
            String zoneId = p.string("AvailabilityZoneId");
            if (zone == null && zoneId != null) {
                zone = scope.region().zones().stream().filter(z -> z.zoneId().equals(zoneId))
                        .map(AvailabilityZone::name).findFirst()
                        .orElseThrow(() -> new AwsException(Ec2Error.INVALID_ZONE_NOT_FOUND,
                                "The zone '" + zoneId + "' does not exist."));
            }
            Volume v = Volumes.create(world, scope, new Volumes.CreateRequest(zone, p.integer("Size"),
                    p.string("VolumeType"), p.integer("Iops"), p.integer("Throughput"), snapshotId, p.bool("Encrypted"),
                    p.string("KmsKeyId"), tags), world.now());
            return volume(v);
        });
    }

    Struct volume(Volume v) {
        Volume.Data d = v.data();
        List<Struct> attachments = new ArrayList<>();
        if (d.attachment() != null) {
            attachments.add(attachment(v.id(), d.attachment()));
        }
        return Struct.of()
                .put("volumeId", v.id())
                .put("size", d.config().sizeGiB())
                .put("snapshotId", d.snapshotId())
                .put("availabilityZone", d.zone())
                .put("availabilityZoneId", world.regions().zone(d.zone()).map(AvailabilityZone::zoneId).orElse(null))
                .put("status", d.state())
                .put("createTime", d.createTime())
                .list("attachmentSet", attachments)
                .list("tagSet", Render.tagSet(v.tags()))
                .put("volumeType", d.config().type())
                .put("iops", d.config().iops())
                .put("throughput", d.config().throughput())
                .put("encrypted", d.encrypted())
                .put("kmsKeyId", d.kmsKeyId())
                .put("multiAttachEnabled", false)
                .put("fastRestored", false);
    }

    static Struct attachment(String volumeId, Volume.Attachment a) {
        return Struct.of()
                .put("attachTime", a.attachTime())
                .put("device", a.device())
                .put("instanceId", a.instanceId())
                .put("status", a.state())
                .put("volumeId", volumeId)
                .put("deleteOnTermination", a.deleteOnTermination());
    }

    private List<Volume> selected(Ec2Scope scope, List<String> ids) {
        if (ids.isEmpty()) {
            return new ArrayList<>(scope.ebs().volumes().values());
        }
        List<Volume> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Volume v = scope.ebs().volumes().get(id);
            if (v == null) {
                missing.add(id);
            } else if (!out.contains(v)) {
                out.add(v);
            }
        }
        if (!missing.isEmpty()) {
            throw new AwsException(Ec2Error.INVALID_VOLUME_NOT_FOUND, missing.size() == 1
                    ? "The volume '" + missing.get(0) + "' does not exist."
                    : "The volumes '" + String.join(", ", missing) + "' do not exist.");
        }
        return out;
    }

    private Struct describeVolumes(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "VolumeId", "vol", Ec2Error.INVALID_VOLUME_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        FILTERS.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            PageTokens.Page<Volume> page = Requests.page(FILTERS.apply(selected(scope, ids), f), p, 5, 500, 0);
            return Struct.of().list("volumeSet", page.items(), this::volume).put("nextToken", page.nextToken());
        });
    }

    private Struct attachVolume(ActionRequest r) {
        Params p = r.params();
        String volumeId = volumeId(p);
        String instanceId = Requests.checkId(Requests.require(p, "InstanceId"), "i",
                Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        String device = Requests.require(p, "Device");
        return world.apply(Requests.account(r), Requests.region(r), scope -> attachment(volumeId,
                Volumes.attach(world, scope, volumeId, instanceId, device, world.now())));
    }

    private Struct detachVolume(ActionRequest r) {
        Params p = r.params();
        String volumeId = volumeId(p);
        String instanceId = p.string("InstanceId");
        if (instanceId != null) {
            Requests.checkId(instanceId, "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        }
        boolean force = p.bool("Force", false);
        return world.apply(Requests.account(r), Requests.region(r), scope -> attachment(volumeId,
                Volumes.detach(world, scope, volumeId, instanceId, p.string("Device"), force, world.now())));
    }

    private Struct deleteVolume(ActionRequest r) {
        String volumeId = volumeId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Volumes.delete(world, scope, volumeId, world.now());
            return Struct.of().put("return", true);
        });
    }

    private Struct modifyVolume(ActionRequest r) {
        Params p = r.params();
        String volumeId = volumeId(p);
        if (p.bool("MultiAttachEnabled", false)) {
            throw new AwsException(Ec2Error.UNSUPPORTED_OPERATION, "Gureum's EC2 does not simulate Multi-Attach.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Volume.Modification m = Volumes.modify(world, scope, volumeId, p.string("VolumeType"), p.integer("Size"),
                    p.integer("Iops"), p.integer("Throughput"), world.now());
            return Struct.of().put("volumeModification", modification(volumeId, m, world.now()));
        });
    }

    private static Struct modification(String volumeId, Volume.Modification m, Instant now) {
        VolumeConfig o = m.original();
        VolumeConfig t = m.target();
        return Struct.of()
                .put("volumeId", volumeId)
                .put("modificationState", m.state())
                .put("targetSize", t.sizeGiB())
                .put("targetIops", t.iops())
                .put("targetVolumeType", t.type())
                .put("targetThroughput", t.throughput())
                .put("targetMultiAttachEnabled", false)
                .put("originalSize", o.sizeGiB())
                .put("originalIops", o.iops())
                .put("originalVolumeType", o.type())
                .put("originalThroughput", o.throughput())
                .put("originalMultiAttachEnabled", false)
                .put("progress", m.progress(now))
                .put("startTime", m.startTime())
                .put("endTime", m.state().equals("completed") ? m.endTime() : null);
    }

    private Struct describeVolumesModifications(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "VolumeId", "vol", Ec2Error.INVALID_VOLUME_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        MODIFICATION_FILTERS.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Volume> modified = new ArrayList<>();
            for (Volume v : selected(scope, ids)) {
                if (v.data().modification() != null) {
                    modified.add(v);
                } else if (!ids.isEmpty()) {
                    throw new AwsException(Ec2Error.INVALID_VOLUME_MODIFICATION_NOT_FOUND,
                            "Modification for volume '" + v.id() + "' does not exist.");
                }
            }
            PageTokens.Page<Volume> page = Requests.page(MODIFICATION_FILTERS.apply(modified, f), p, 1, 500, 0);
            Instant now = world.now();
            return Struct.of().list("volumeModificationSet", page.items(),
                    v -> modification(v.id(), v.data().modification(), now)).put("nextToken", page.nextToken());
        });
    }

    /** Volume status checks: I/O is enabled from the volume's creation; performance checks only provisioned IOPS. */
    private Struct describeVolumeStatus(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "VolumeId", "vol", Ec2Error.INVALID_VOLUME_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        Filters<Volume> filters = new Filters<Volume>()
                .add("availability-zone", v -> v.data().zone())
                .add("volume-status.status", VolumeOperations::status)
                .add("volume-status.details-name", v -> List.of("io-enabled", "io-performance"))
                .add("volume-status.details-status", v -> List.of("passed", performance(v)))
                .add("action.code", v -> null)
                .add("action.description", v -> null)
                .add("action.event-id", v -> null)
                .add("event.description", v -> null)
                .add("event.event-id", v -> null)
                .add("event.event-type", v -> null)
                .add("event.not-after", v -> null)
                .add("event.not-before", v -> null);
        filters.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            PageTokens.Page<Volume> page = Requests.page(filters.apply(selected(scope, ids), f), p, 5, 1000, 0);
            return Struct.of().list("volumeStatusSet", page.items(), v -> Struct.of()
                    .put("volumeId", v.id())
                    .put("availabilityZone", v.data().zone())
                    .put("availabilityZoneId", world.regions().zone(v.data().zone()).map(AvailabilityZone::zoneId)
                            .orElse(null))
                    .put("volumeStatus", Struct.of()
                            .put("status", status(v))
                            .list("details", List.of(
                                    Struct.of().put("name", "io-enabled").put("status", "passed"),
                                    Struct.of().put("name", "io-performance").put("status", performance(v)))))
                    .list("actionsSet", List.of())
                    .list("eventsSet", List.of())).put("nextToken", page.nextToken());
        });
    }

    private static String status(Volume v) {
        return v.state().equals("creating") ? "insufficient-data" : "ok";
    }

    private static String performance(Volume v) {
        return v.config().type().startsWith("io") ? "normal" : "not-applicable";
    }

    private Struct describeVolumeAttribute(ActionRequest r) {
        Params p = r.params();
        String volumeId = volumeId(p);
        String attribute = Requests.require(p, "Attribute");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Volume v = Volumes.find(scope, volumeId);
            Struct out = Struct.of().put("volumeId", v.id());
            return switch (attribute) {
                case "autoEnableIO" -> out.put("autoEnableIO", Struct.of().put("value", v.data().autoEnableIO()));
                case "productCodes" -> out.list("productCodes", List.of());
                default -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
            };
        });
    }

    private Struct modifyVolumeAttribute(ActionRequest r) {
        Params p = r.params();
        String volumeId = volumeId(p);
        String value = Requests.attributeValue(p, "AutoEnableIO");
        if (value == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter autoEnableIO");
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + value + ") for parameter autoEnableIO is invalid. Expected a boolean.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Volumes.autoEnableIO(Volumes.find(scope, volumeId), Boolean.parseBoolean(value.toLowerCase()));
            return null;
        });
    }
}
