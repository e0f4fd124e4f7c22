package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EBS volumes' operations: create, attach, detach, delete, modify; the volumes a launch makes from
 * the image's block device mapping and RunInstances' own; what terminating an instance does to them.
 * Every state change ends after the world's transition time on its clock. Called under the world's lock.
 */
public final class Volumes {

    /** Device names EC2 takes for EBS volumes on Linux and Windows instances. */
    private static final Pattern DEVICE = Pattern.compile(
            "(/dev/)?(sd[a-z]([1-9]|1[0-5])?|xvd[a-z]{1,2}|hd[a-z]([1-9]|1[0-5])?)");

    /** What CreateVolume asks for; {@code null} values take AWS's defaults. */
    public record CreateRequest(String zone, Integer size, String type, Integer iops, Integer throughput,
                                String snapshotId, Boolean encrypted, String kmsKeyId, Map<String, String> tags) {
    }

    /** A volume a launch makes for each of its instances. */
    record Planned(String device, boolean root, VolumeConfig config, String snapshotId, boolean encrypted,
                   String kmsKeyId, boolean deleteOnTermination) {
    }

    private Volumes() {
    }

    public static Volume find(Ec2Scope scope, String id) {
        Volume v = scope.ebs().volumes.get(id);
        if (v == null) {
            throw new AwsException(Ec2Error.INVALID_VOLUME_NOT_FOUND, "The volume '" + id + "' does not exist.");
        }
        return v;
    }

    public static Volume create(Ec2World world, Ec2Scope scope, CreateRequest r, Instant now) {
        if (r.zone() == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain the parameter availabilityZone");
        }
        AvailabilityZone zone = world.regions().zone(r.zone())
                .filter(z -> z.region().equals(scope.region().name()))
                .orElseThrow(() -> new AwsException(Ec2Error.INVALID_ZONE_NOT_FOUND,
                        "The zone '" + r.zone() + "' does not exist."));
        EbsSnapshot snapshot = r.snapshotId() == null ? null : Snapshots.usable(world, scope, r.snapshotId());
        VolumeConfig config = VolumeConfig.of(r.type(), r.size(), r.iops(), r.throughput(),
                snapshot == null ? 0 : snapshot.data().volumeSize());
        boolean encrypted = encrypted(scope, r.encrypted(), r.kmsKeyId(), snapshot);
        Volume v = new Volume(new Volume.Data(Ids.ec2("vol"), scope.accountId(), zone.name(), config,
                snapshot == null ? "" : snapshot.id(), encrypted, kmsKey(scope, encrypted, r.kmsKeyId(), snapshot), now,
                "creating", now.plus(world.settings().bootTime()), null, false, null, List.of()));
        v.provision(config, now);
        v.tags().putAll(r.tags());
        scope.ebs().volumes.put(v.id(), v);
        return v;
    }

    /** Whether a new volume is encrypted: asked for, the account's default, or made from an encrypted snapshot. */
    private static boolean encrypted(Ec2Scope scope, Boolean asked, String kmsKeyId, EbsSnapshot snapshot) {
        if (kmsKeyId != null && !Boolean.TRUE.equals(asked) && !scope.ebs().encryptionByDefault()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_DEPENDENCY,
                    "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        boolean fromEncrypted = snapshot != null && snapshot.data().encrypted();
        if (Boolean.FALSE.equals(asked) && (fromEncrypted || scope.ebs().encryptionByDefault())) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION, fromEncrypted
                    ? "Volumes created from encrypted snapshots are encrypted; Encrypted cannot be false."
                    : "Encryption by default is enabled for this account; Encrypted cannot be false.");
        }
        return Boolean.TRUE.equals(asked) || fromEncrypted || scope.ebs().encryptionByDefault();
    }

    private static String kmsKey(Ec2Scope scope, boolean encrypted, String asked, EbsSnapshot snapshot) {
        if (!encrypted) {
            return null;
        }
        if (asked != null) {
            return asked;
        }
        if (snapshot != null && snapshot.data().kmsKeyId() != null) {
            return snapshot.data().kmsKeyId();
        }
        return EbsEncryption.defaultKey(scope);
    }

    public static Volume.Attachment attach(Ec2World world, Ec2Scope scope, String volumeId, String instanceId,
                                           String device, Instant now) {
        Volume v = find(scope, volumeId);
        Instance i = InstanceLifecycle.find(scope, List.of(instanceId)).get(0);
        checkDevice(device);
        if (v.attachment() != null) {
            throw new AwsException(Ec2Error.VOLUME_IN_USE, volumeId + " is already attached to an instance");
        }
        if (!v.state().equals("available")) {
            throw new AwsException(Ec2Error.INCORRECT_STATE, "The volume '" + volumeId + "' is not 'available'.");
        }
        if (i.state() != InstanceState.RUNNING && i.state() != InstanceState.STOPPED) {
            throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                    "Instance '" + instanceId + "' is not 'running' or 'stopped'.");
        }
        if (!v.data().zone().equals(i.zone().name())) {
            throw new AwsException(Ec2Error.INVALID_VOLUME_ZONE_MISMATCH, "The volume '" + volumeId
                    + "' is not in the same availability zone as instance '" + instanceId + "'");
        }
        for (Volume other : scope.ebs().attachedTo(instanceId)) {
            if (sameDevice(other.attachment().device(), device)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Invalid value '" + device
                        + "' for unixDevice. Attachment point " + device + " is already in use");
            }
        }
        Volume.Attachment a = new Volume.Attachment(instanceId, device, "attaching", now, false,
                now.plus(world.settings().bootTime()));
        v.data(v.data().with(a).with("in-use", null));
        return a;
    }

    public static Volume.Attachment detach(Ec2World world, Ec2Scope scope, String volumeId, String instanceId,
                                           String device, boolean force, Instant now) {
        Volume v = find(scope, volumeId);
        Volume.Attachment a = v.attachment();
        if (a == null) {
            throw new AwsException(Ec2Error.INCORRECT_STATE,
                    "Volume '" + volumeId + "' is in the '" + v.state() + "' state.");
        }
        if (instanceId != null && !instanceId.equals(a.instanceId())
                || device != null && !sameDevice(device, a.device())) {
            throw new AwsException(Ec2Error.INVALID_ATTACHMENT_NOT_FOUND, "The volume '" + volumeId
                    + "' is not attached to '" + (instanceId != null ? instanceId : device) + "'");
        }
        Instance i = scope.instances().get(a.instanceId());
        if (i != null && isRoot(i, v) && i.state() != InstanceState.STOPPED) {
            throw new AwsException(Ec2Error.INCORRECT_STATE, "Unable to detach root volume '" + volumeId
                    + "' from instance '" + i.id() + "'");
        }
        if (a.state().equals("detaching") && !force) {
            return a;
        }
        Volume.Attachment detaching = a.with("detaching", force ? now : now.plus(world.settings().bootTime()));
        v.data(v.data().with(detaching));
        v.settle(now);
        return detaching;
    }

    public static void delete(Ec2World world, Ec2Scope scope, String volumeId, Instant now) {
        Volume v = find(scope, volumeId);
        if (v.attachment() != null) {
            throw new AwsException(Ec2Error.VOLUME_IN_USE,
                    "Volume " + volumeId + " is currently attached to " + v.attachment().instanceId());
        }
        if (v.state().equals("deleting")) {
            return;
        }
        v.data(v.data().with("deleting", now.plus(world.settings().bootTime())));
        v.stopBilling(now);
    }

    /**
     * ModifyVolume: {@code modifying} for a transition's time, then {@code optimizing} (the volume has its
     * new configuration) for as long again, then {@code completed}. The new configuration is billed from the start.
     */
    public static Volume.Modification modify(Ec2World world, Ec2Scope scope, String volumeId, String type,
                                             Integer size, Integer iops, Integer throughput, Instant now) {
        Volume v = find(scope, volumeId);
        Volume.Modification running = v.data().modification();
        if (running != null && !running.state().equals("completed") && !running.state().equals("failed")) {
            throw new AwsException(Ec2Error.INCORRECT_MODIFICATION_STATE, "Volume " + volumeId
                    + " is already being modified.");
        }
        if (!v.state().equals("available") && !v.state().equals("in-use")) {
            throw new AwsException(Ec2Error.INCORRECT_STATE,
                    "Volume '" + volumeId + "' is in the '" + v.state() + "' state.");
        }
        VolumeConfig target = v.config().modified(type, size, iops, throughput);
        Instant optimizing = now.plus(world.settings().bootTime());
        Volume.Modification m = new Volume.Modification("modifying", v.config(), target, now, optimizing,
                optimizing.plus(world.settings().bootTime()));
        v.data(v.data().with(m));
        v.provision(target, now);
        v.settle(now);
        return v.data().modification();
    }

    /** ModifyVolumeAttribute: whether I/O resumes on its own after a check found the data inconsistent. */
    public static void autoEnableIO(Volume v, boolean value) {
        v.data(v.data().withAutoEnableIO(value));
    }

    /** ModifyInstanceAttribute's {@code BlockDeviceMapping.N.Ebs.DeleteOnTermination}. */
    public static void deleteOnTermination(Ec2Scope scope, Instance instance, String device, boolean value) {
        for (Volume v : scope.ebs().attachedTo(instance.id())) {
            if (sameDevice(v.attachment().device(), device)) {
                v.data(v.data().with(v.attachment().withDeleteOnTermination(value)));
                return;
            }
        }
        throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                "No device is currently mapped at " + device + " on instance " + instance.id());
    }

    /** The volumes attached to an instance of any account (the host view). Call under the world's lock. */
    public static List<Volume> attachedTo(Ec2World world, String instanceId) {
        Instance i = world.instance(instanceId);
        Ec2Scope scope = i == null ? null : world.scopeOf(i);
        return scope == null ? List.of() : scope.ebs().attachedTo(instanceId);
    }

    /** The instance's root volume, attached now; {@code null} when it was detached. */
    public static Volume root(Ec2Scope scope, Instance instance) {
        Volume v = scope.ebs().volumes.get(instance.rootVolumeId());
        return v != null && v.attachedTo(instance.id()) ? v : null;
    }

    static boolean isRoot(Instance i, Volume v) {
        return v.id().equals(i.rootVolumeId());
    }

    static void checkDevice(String device) {
        if (device == null || device.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter device");
        }
        if (!DEVICE.matcher(device).matches()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + device
                    + ") for parameter device is invalid. " + device + " is not a valid EBS device name.");
        }
    }

    /** {@code /dev/sdf} and {@code sdf} name the same attachment point. */
    static boolean sameDevice(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String device) {
        return device.startsWith("/dev/") ? device.substring(5) : device;
    }

    // ---- launches -------------------------------------------------------------------------------

    /**
     * The volumes each instance of a launch gets: the image's root volume, changed by a mapping of its
     * device, and one volume per other mapping with {@code Ebs}. Checked before anything is launched.
     */
    static List<Planned> plan(Ec2World world, Ec2Scope scope, Image image, List<BlockDeviceSpec> specs) {
        String rootDevice = image.rootDeviceName();
        BlockDeviceSpec.Ebs rootEbs = null;
        List<Planned> extra = new ArrayList<>();
        Set<String> devices = new HashSet<>();
        for (BlockDeviceSpec spec : specs) {
            String device = spec.deviceName();
            if (device == null || device.isEmpty()) {
                throw new AwsException(Ec2Error.MISSING_PARAMETER,
                        "The request must contain the parameter blockDeviceMapping.deviceName");
            }
            if (!devices.add(strip(device))) {
                throw new AwsException(Ec2Error.INVALID_BLOCK_DEVICE_MAPPING,
                        "The device '" + device + "' is used in more than one block-device mapping");
            }
            boolean root = sameDevice(device, rootDevice);
            if (spec.noDevice()) {
                if (root) {
                    throw new AwsException(Ec2Error.INVALID_BLOCK_DEVICE_MAPPING,
                            "The device '" + device + "' is the root device and cannot be suppressed.");
                }
                continue;
            }
            if (spec.ebs() == null) {
                if (spec.virtualName() == null) {
                    throw new AwsException(Ec2Error.INVALID_BLOCK_DEVICE_MAPPING, "The block-device mapping of '"
                            + device + "' must have an Ebs, a VirtualName or a NoDevice.");
                }
                // instance store volumes come with the instance type; none is simulated
                continue;
            }
            if (root) {
                rootEbs = spec.ebs();
            } else {
                checkDevice(device);
                extra.add(planned(world, scope, device, spec.ebs()));
            }
        }
        List<Planned> all = new ArrayList<>();
        all.add(rootPlan(world, scope, image, rootEbs));
        all.addAll(extra);
        return all;
    }

    private static Planned rootPlan(Ec2World world, Ec2Scope scope, Image image, BlockDeviceSpec.Ebs ebs) {
        EbsSnapshot snapshot = image.snapshotId() == null ? null : scope.ebs().snapshots.get(image.snapshotId());
        if (ebs == null) {
            VolumeConfig config = VolumeConfig.of(image.volumeType(), image.volumeSizeGiB(), null, null, 0);
            boolean encrypted = encrypted(scope, null, null, snapshot);
            return new Planned(image.rootDeviceName(), true, config, image.snapshotId(), encrypted,
                    kmsKey(scope, encrypted, null, snapshot), true);
        }
        if (ebs.volumeSize() != null && ebs.volumeSize() < image.volumeSizeGiB()) {
            throw new AwsException(Ec2Error.INVALID_BLOCK_DEVICE_MAPPING, "Volume of size " + ebs.volumeSize()
                    + "GB is smaller than snapshot '" + image.snapshotId() + "', expect size >= "
                    + image.volumeSizeGiB() + "GB");
        }
        String type = ebs.volumeType() != null ? ebs.volumeType() : image.volumeType();
        VolumeConfig config = VolumeConfig.of(type, ebs.volumeSize() != null ? ebs.volumeSize() : image.volumeSizeGiB(),
                ebs.iops(), ebs.throughput(), 0);
        boolean encrypted = encrypted(scope, ebs.encrypted(), ebs.kmsKeyId(), snapshot);
        return new Planned(image.rootDeviceName(), true, config, image.snapshotId(), encrypted,
                kmsKey(scope, encrypted, ebs.kmsKeyId(), snapshot),
                ebs.deleteOnTermination() == null || ebs.deleteOnTermination());
    }

    private static Planned planned(Ec2World world, Ec2Scope scope, String device, BlockDeviceSpec.Ebs ebs) {
        EbsSnapshot snapshot = ebs.snapshotId() == null ? null : Snapshots.usable(world, scope, ebs.snapshotId());
        if (ebs.volumeSize() == null && snapshot == null) {
            throw new AwsException(Ec2Error.INVALID_BLOCK_DEVICE_MAPPING,
                    "The request must contain the parameter size or snapshotId for the device '" + device + "'");
        }
        VolumeConfig config = VolumeConfig.of(ebs.volumeType() == null ? "gp2" : ebs.volumeType(), ebs.volumeSize(),
                ebs.iops(), ebs.throughput(), snapshot == null ? 0 : snapshot.data().volumeSize());
        boolean encrypted = encrypted(scope, ebs.encrypted(), ebs.kmsKeyId(), snapshot);
        return new Planned(device, false, config, snapshot == null ? "" : snapshot.id(), encrypted,
                kmsKey(scope, encrypted, ebs.kmsKeyId(), snapshot),
                ebs.deleteOnTermination() == null || ebs.deleteOnTermination());
    }

    /** Makes a launched instance's volumes, attached from the launch on. */
    static void launch(Ec2Scope scope, Instance instance, List<Planned> plans, Map<String, String> tags, Instant now) {
        for (Planned p : plans) {
            Volume v = new Volume(new Volume.Data(p.root() ? instance.rootVolumeId() : Ids.ec2("vol"),
                    scope.accountId(), instance.zone().name(), p.config(), p.snapshotId() == null ? "" : p.snapshotId(),
                    p.encrypted(), p.kmsKeyId(), now, "in-use", null,
                    new Volume.Attachment(instance.id(), p.device(), "attached", now, p.deleteOnTermination(), null),
                    false, null, List.of()));
            v.provision(p.config(), now);
            v.tags().putAll(tags);
            scope.ebs().volumes.put(v.id(), v);
        }
    }

    /** An instance terminated: its volumes marked DeleteOnTermination are deleted, the others detached. */
    static void terminated(Ec2World world, Instance instance, Instant at) {
        Ec2Scope scope = world.scopeOf(instance);
        if (scope == null) {
            return;
        }
        for (Volume v : scope.ebs().attachedTo(instance.id())) {
            boolean delete = v.attachment().deleteOnTermination();
            v.data(v.data().with((Volume.Attachment) null));
            if (delete) {
                v.data(v.data().with("deleting", at.plus(world.settings().bootTime())));
                v.stopBilling(at);
            } else {
                v.data(v.data().with("available", null));
            }
        }
    }

    /**
     * Root volumes for the instances of scopes kept by a Gureum without volumes: each as the image
     * describes it, attached since the instance's first launch.
     */
    static void deriveRootVolumes(Ec2World world) {
        for (Ec2Scope scope : world.scopeMap().values()) {
            if (scope.ebs().tracked()) {
                continue;
            }
            scope.ebs().tracked(true);
            for (Instance i : scope.instances.values()) {
                if (i.state() == InstanceState.TERMINATED || scope.ebs().volumes.containsKey(i.rootVolumeId())) {
                    continue;
                }
                Image image = i.image();
                VolumeConfig config = VolumeConfig.of(image.volumeType(), image.volumeSizeGiB(), null, null, 0);
                launch(scope, i, List.of(new Planned(image.rootDeviceName(), true, config, image.snapshotId(), false,
                        null, true)), Map.of(), i.firstLaunch());
            }
        }
    }
}
