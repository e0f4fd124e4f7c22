package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
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
import dev.gureum.ec2.domain.Image;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.InstanceState;
import dev.gureum.ec2.domain.EbsSnapshot;
import dev.gureum.ec2.domain.Snapshots;
import dev.gureum.ec2.domain.Volume;
import dev.gureum.ec2.domain.Volumes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Machine images: the public catalog and an account's own (registered, or made from an instance). */
final class ImageOperations {

    /** AMI names: 3 to 128 letters, digits and {@code ()[] ./-'@_}. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9()\\[\\] ./\\-'@_]{3,128}");

    private static final Filters<Image> FILTERS = new Filters<Image>()
            .add("architecture", Image::architecture)
            .add("block-device-mapping.device-name", Image::rootDeviceName)
            .add("block-device-mapping.snapshot-id", Image::snapshotId)
            .add("block-device-mapping.volume-size", Image::volumeSizeGiB)
            .add("block-device-mapping.volume-type", Image::volumeType)
            .add("creation-date", i -> Values.iso(i.creationDate()))
            .add("description", Image::description)
            .add("hypervisor", i -> "xen")
            .add("image-id", Image::id)
            .add("image-type", i -> "machine")
            .add("is-public", Image::isPublic)
            .add("name", Image::name)
            .add("owner-alias", Image::ownerAlias)
            .add("owner-id", Image::ownerId)
            .add("platform", i -> i.isWindows() ? "windows" : null)
            .add("platform-details", i -> i.platform().details())
            .add("root-device-name", Image::rootDeviceName)
            .add("root-device-type", i -> "ebs")
            .add("state", Image::state)
            .add("usage-operation", i -> i.platform().usageOperation())
            .add("virtualization-type", i -> "hvm")
            .tags(Image::tags);

    private final Ec2World world;

    ImageOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("DescribeImages", this::describeImages);
        op.accept("RegisterImage", this::registerImage);
        op.accept("CreateImage", this::createImage);
        op.accept("DeregisterImage", this::deregisterImage);
    }

    private Struct describeImages(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "ImageId", "ami", Ec2Error.INVALID_AMI_ID_MALFORMED);
        List<String> owners = p.stringList("Owner");
        List<Filter> f = Requests.filters(p);
        FILTERS.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Image> images = new ArrayList<>();
            if (ids.isEmpty()) {
                images.addAll(scope.images());
            } else {
                List<String> missing = new ArrayList<>();
                for (String id : ids) {
                    scope.image(id).ifPresentOrElse(images::add, () -> missing.add(id));
                }
                if (!missing.isEmpty()) {
                    throw new AwsException(Ec2Error.INVALID_AMI_ID_NOT_FOUND,
                            "The image id '[" + String.join(", ", missing) + "]' does not exist");
                }
            }
            if (!owners.isEmpty()) {
                images.removeIf(i -> owners.stream().noneMatch(o -> ownedBy(i, o, scope.accountId())));
            }
            PageTokens.Page<Image> page = Requests.page(FILTERS.apply(images, f), p, 1, 1000, 0);
            return Struct.of().list("imagesSet", page.items(), i -> image(i, scope)).put("nextToken", page.nextToken());
        });
    }

    private static boolean ownedBy(Image image, String owner, String account) {
        return switch (owner) {
            case "self" -> account.equals(image.ownerId());
            case "amazon", "aws-marketplace", "aws-backup-vault" -> owner.equals(image.ownerAlias());
            default -> owner.equals(image.ownerId());
        };
    }

    static Struct image(Image i, Ec2Scope scope) {
        return Struct.of()
                .put("imageId", i.id())
                .put("imageLocation", i.imageLocation())
                .put("imageState", i.state())
                .put("imageOwnerId", i.ownerId())
                .put("creationDate", Values.iso(i.creationDate()))
                .put("isPublic", i.isPublic())
                .put("architecture", i.architecture())
                .put("imageType", "machine")
                .put("platform", i.isWindows() ? "windows" : null)
                .put("platformDetails", i.platform().details())
                .put("usageOperation", i.platform().usageOperation())
                .put("imageOwnerAlias", i.ownerAlias())
                .put("name", i.name())
                .put("description", i.description())
                .put("rootDeviceType", "ebs")
                .put("rootDeviceName", i.rootDeviceName())
                .list("blockDeviceMapping", BlockDeviceMappings.ofImage(i, scope))
                .put("virtualizationType", "hvm")
                .put("hypervisor", "xen")
                .put("enaSupport", true)
                .put("sriovNetSupport", "simple")
                .put("bootMode", i.bootMode())
                .put("imdsSupport", i.name() != null && i.name().startsWith("al2023") ? "v2.0" : null)
                .put("sourceInstanceId", i.sourceInstanceId())
                .put("deregistrationProtection", "disabled")
                .list("tagSet", Render.tagSet(i.tags()));
    }

    private static String checkName(Ec2Scope scope, String name) {
        if (name == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter name");
        }
        if (!NAME.matcher(name).matches()) {
            throw new AwsException(Ec2Error.INVALID_AMI_NAME_MALFORMED, "AMI names must be between 3 and 128 characters "
                    + "long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'");
        }
        for (Image own : scope.ownImages().values()) {
            if (name.equals(own.name())) {
                throw new AwsException(Ec2Error.INVALID_AMI_NAME_DUPLICATE,
                        "AMI name " + name + " is already in use by AMI " + own.id());
            }
        }
        return name;
    }

    private Struct registerImage(ActionRequest r) {
        Params p = r.params();
        String architecture = p.string("Architecture", "x86_64");
        if (!List.of("i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac").contains(architecture)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + architecture + ") for parameter architecture is invalid.");
        }
        String rootDevice = p.string("RootDeviceName", "/dev/xvda");
        Integer size = null;
        String volumeType = "gp3";
        String snapshotId = null;
        for (Params mapping : p.list("BlockDeviceMapping")) {
            if (rootDevice.equals(mapping.string("DeviceName"))) {
                size = mapping.object("Ebs").integer("VolumeSize");
                volumeType = mapping.object("Ebs").string("VolumeType", volumeType);
                snapshotId = mapping.object("Ebs").string("SnapshotId");
            }
        }
        if (snapshotId != null) {
            Requests.checkId(snapshotId, "snap", Ec2Error.INVALID_SNAPSHOT_ID_MALFORMED);
        }
        Integer askedSize = size;
        String type = volumeType;
        String rootSnapshotId = snapshotId;
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            String name = checkName(scope, p.string("Name"));
            // the root volume is made from the snapshot named, as large as it at least
            int snapshotSize = rootSnapshotId == null ? 0
                    : Snapshots.usable(world, scope, rootSnapshotId).data().volumeSize();
            int volumeSize = askedSize != null ? askedSize : Math.max(8, snapshotSize);
            if (volumeSize < snapshotSize) {
                throw new AwsException(Ec2Error.INVALID_BLOCK_DEVICE_MAPPING, "Volume of size " + volumeSize
                        + "GB is smaller than snapshot '" + rootSnapshotId + "', expect size >= " + snapshotSize + "GB");
            }
            String id = Ids.ec2("ami");
            Image image = rootSnapshotId == null
                    ? new Image(id, name, p.string("Description"), scope.accountId(), null,
                    Image.Platform.LINUX, architecture, rootDevice, volumeSize, type, p.string("BootMode"),
                    world.now(), false, null, true)
                    : new Image(id, name, p.string("Description"), scope.accountId(), null, Image.Platform.LINUX,
                    architecture, rootDevice, volumeSize, type, p.string("BootMode"), world.now(), false, null, true,
                    rootSnapshotId);
            image.tags().putAll(tags.getOrDefault("image", Map.of()));
            scope.ownImages().put(image.id(), image);
            return Struct.of().put("imageId", image.id());
        });
    }

    private Struct createImage(ActionRequest r) {
        Params p = r.params();
        String instanceId = Requests.checkId(Requests.require(p, "InstanceId"), "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            String name = checkName(scope, p.string("Name"));
            Instance instance = InstanceLifecycle.find(scope, List.of(instanceId)).get(0);
            if (instance.state() != InstanceState.RUNNING && instance.state() != InstanceState.STOPPED) {
                throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                        "The instance '" + instanceId + "' is not in a state from which it can be imaged.");
            }
            Image source = instance.image();
            // the image's root device is a snapshot of the instance's root volume as it is now
            String id = Ids.ec2("ami");
            EbsSnapshot snapshot = Snapshots.ofRootVolume(world, scope, instance, id, world.now());
            Volume root = Volumes.root(scope, instance);
            Image image = new Image(id, name, p.string("Description"), scope.accountId(), null,
                    source.platform(), source.architecture(), source.rootDeviceName(), snapshot.data().volumeSize(),
                    root != null ? root.config().type() : source.volumeType(), source.bootMode(), world.now(), false,
                    instanceId, true, snapshot.id());
            image.pendingUntil(world.now().plus(world.settings().bootTime()));
            image.tags().putAll(tags.getOrDefault("image", Map.of()));
            scope.ownImages().put(image.id(), image);
            return Struct.of().put("imageId", image.id());
        });
    }

    private Struct deregisterImage(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "ImageId"), "ami", Ec2Error.INVALID_AMI_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Image image = scope.image(id).orElseThrow(() -> new AwsException(Ec2Error.INVALID_AMI_ID_NOT_FOUND,
                    "The image id '[" + id + "]' does not exist"));
            if (!scope.accountId().equals(image.ownerId())) {
                throw new AwsException(Ec2Error.AUTH_FAILURE, "Not authorized for image:" + id);
            }
            scope.deregister(image);
            return Struct.of().put("return", true);
        });
    }
}
