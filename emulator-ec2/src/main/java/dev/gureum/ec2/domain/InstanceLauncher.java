package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Guest;
import dev.gureum.core.datacenter.Host;
import dev.gureum.core.datacenter.Placement;
import dev.gureum.core.datacenter.PlacementException;
import dev.gureum.core.datacenter.PlacementRequest;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.error.AwsException;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Launches: RunInstances' checks (image, type, zone, network, groups, key), placement of the instances
 * on hosts of the zone's fleet, all or nothing down to MinCount, and their addresses and tags.
 * Called under the world's lock.
 */
public final class InstanceLauncher {

    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

    /** What a launch made: the reservation and its instances. */
    public record LaunchResult(Reservation reservation, List<Instance> instances) {
    }

    private final Ec2World world;

    InstanceLauncher(Ec2World world) {
        this.world = world;
    }

    public LaunchResult run(Ec2Scope scope, LaunchSpec spec, Instant now) {
        // a retried ClientToken answers with what it made, whatever became of the interfaces it named
        boolean retried = spec.clientToken() != null && scope.launchTokens.containsKey(spec.clientToken());
        LaunchSpec lifted = retried ? spec : InterfaceLaunch.lift(scope, spec, resolveType(spec.instanceType()));
        return runLifted(scope, lifted, now);
    }

    private LaunchResult runLifted(Ec2Scope scope, LaunchSpec spec, Instant now) {
        if (spec.clientToken() != null) {
            Ec2Scope.LaunchToken token = scope.launchTokens.get(spec.clientToken());
            if (token != null) {
                if (!token.fingerprint().equals(spec.fingerprint())) {
                    throw new AwsException(Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH,
                            "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
                }
                Reservation r = scope.reservations.get(token.reservationId());
                if (r != null) {
                    return new LaunchResult(r, r.instanceIds().stream().map(scope.instances::get)
                            .filter(Objects::nonNull).toList());
                }
            }
        }
        InstanceTypeInfo type = resolveType(spec.instanceType());
        Image image = resolveImage(scope, spec.imageId(), type, now);
        Volumes.plan(world, scope, image, spec.blockDevices());
        if (spec.minCount() < 1 || spec.maxCount() < 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + Math.min(spec.minCount(), spec.maxCount())
                    + ") for parameter " + (spec.minCount() < 1 ? "minCount" : "maxCount") + " is invalid. Expected a positive integer.");
        }
        if (spec.minCount() > spec.maxCount()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "MaxCount (" + spec.maxCount() + ") must be greater than or equal to MinCount (" + spec.minCount() + ").");
        }
        Subnet subnet = null;
        if (spec.subnetId() != null) {
            subnet = scope.subnets.get(spec.subnetId());
            if (subnet == null) {
                throw new AwsException(Ec2Error.INVALID_SUBNET_ID_NOT_FOUND,
                        "The subnet ID '" + spec.subnetId() + "' does not exist");
            }
        }
        AvailabilityZone zone = null;
        if (spec.zoneName() != null) {
            zone = world.regions().zone(spec.zoneName())
                    .filter(z -> z.region().equals(scope.region().name()))
                    .orElseThrow(() -> new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                            "Invalid availability zone: [" + spec.zoneName() + "]"));
            if (subnet != null && !subnet.zone().equals(zone)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The subnet '" + subnet.id()
                        + "' is in " + subnet.zone().name() + ", not in the Availability Zone requested (" + zone.name() + ").");
            }
        }
        Vpc vpc = subnet != null ? scope.vpcs.get(subnet.vpcId()) : scope.defaultVpc();
        if (vpc == null) {
            throw new AwsException(Ec2Error.VPC_ID_NOT_SPECIFIED, "No default VPC for this user");
        }
        List<String> groups = resolveGroups(scope, spec, vpc);
        if (spec.keyName() != null && !scope.keyPairs.containsKey(spec.keyName())) {
            throw new AwsException(Ec2Error.INVALID_KEY_PAIR_NOT_FOUND, "The key pair '" + spec.keyName() + "' does not exist");
        }
        Tenancy tenancy = spec.tenancy();
        if (tenancy == null) {
            tenancy = spec.hostId() != null ? Tenancy.HOST
                    : vpc.instanceTenancy().equals("dedicated") ? Tenancy.DEDICATED : Tenancy.DEFAULT;
        }
        if (spec.hostId() != null && tenancy != Tenancy.HOST) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "A host ID can only be specified with host tenancy.");
        }
        if (spec.spot() != null && tenancy == Tenancy.HOST) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "Spot Instances cannot be launched onto Dedicated Hosts.");
        }
        if (spec.privateIpAddress() != null && spec.maxCount() > 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "A private IP address can only be specified when launching a single instance.");
        }
        if (tenancy == Tenancy.HOST && spec.hostId() != null) {
            DedicatedHost host = scope.hosts.get(spec.hostId());
            if (host == null || host.state().equals("released")) {
                throw new AwsException(Ec2Error.INVALID_HOST_ID_NOT_FOUND,
                        "Invalid host ID '" + spec.hostId() + "': the host does not exist");
            }
            if (zone == null && subnet == null) {
                zone = host.zone();
            }
        }
        List<AvailabilityZone> zones = candidateZones(scope, type, subnet != null ? subnet.zone() : zone);
        AwsException lastFailure = null;
        for (AvailabilityZone z : zones) {
            Subnet s = subnet != null ? subnet : scope.defaultSubnet(z).orElse(null);
            if (s == null) {
                continue;
            }
            try {
                return launchInZone(scope, spec, type, image, z, s, groups, tenancy, now);
            } catch (PlacementException e) {
                lastFailure = placementError(e, type, z, spec.zoneName() != null || subnet != null);
                if (e.reason() != PlacementException.Reason.INSUFFICIENT_CAPACITY) {
                    throw lastFailure;
                }
            }
        }
        if (lastFailure == null) {
            throw new AwsException(Ec2Error.UNSUPPORTED, "The requested configuration is currently not supported. "
                    + "Please check the documentation for supported configurations.");
        }
        if (zones.size() > 1) {
            throw new AwsException(Ec2Error.INSUFFICIENT_INSTANCE_CAPACITY, "We currently do not have sufficient "
                    + type.name() + " capacity in zones with support for 'gp3' volumes. Our system will be working on "
                    + "provisioning additional capacity.");
        }
        throw lastFailure;
    }

    private LaunchResult launchInZone(Ec2Scope scope, LaunchSpec spec, InstanceTypeInfo type, Image image,
                                      AvailabilityZone zone, Subnet subnet, List<String> groups, Tenancy tenancy,
                                      Instant now) {
        if (spec.privateIpAddress() != null) {
            if (!subnet.isAssignable(spec.privateIpAddress())) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Address " + spec.privateIpAddress()
                        + " does not fall within the subnet's address range");
            }
            if (!subnet.claimAddress(spec.privateIpAddress())) {
                throw new AwsException(Ec2Error.INVALID_IP_ADDRESS_IN_USE, "Address " + spec.privateIpAddress() + " is in use.");
            }
            subnet.releaseAddress(spec.privateIpAddress());
        }
        int count = InterfaceLaunch.launchable(scope, spec, subnet, zone);
        if (count < spec.minCount()) {
            throw new AwsException(Ec2Error.INSUFFICIENT_FREE_ADDRESSES, "There are not enough free addresses in subnet '"
                    + subnet.id() + "' to satisfy the requested number of instances.");
        }
        if (spec.spot() != null && spec.spot().maxPrice() != null) {
            double price = world.spotMarket().price(type, zone, image.isWindows());
            if (spec.spot().maxPrice() < price) {
                throw new AwsException(Ec2Error.SPOT_MAX_PRICE_TOO_LOW, "Your Spot request price of "
                        + spec.spot().maxPrice() + " is lower than the minimum required Spot request fulfillment price of "
                        + price + ".");
            }
        }
        Reservation reservation = new Reservation(scope.accountId(), null);
        List<Instance> candidates = new ArrayList<>();
        List<Guest> guests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instance instance = new Instance(scope.accountId(), scope.region().name(), reservation.id(), image, type,
                    zone, subnet, spec.keyName(), groups, tenancy, spec.hostId(), i, spec.clientToken(), now);
            candidates.add(instance);
            guests.add(guestOf(instance, spec.spot() != null));
        }
        Placement placement = world.dataCenter().place(new PlacementRequest(scope.accountId(), zone, tenancy,
                spec.hostId(), guests, spec.minCount(), spec.spot() == null));
        List<Instance> launched = new ArrayList<>();
        for (Instance instance : candidates) {
            String hostId = placement.hostOf().get(instance.id());
            if (hostId == null) {
                continue;
            }
            instance.hostId(hostId);
            instance.transition(InstanceState.PENDING, now, now.plus(world.settings().bootTime()));
            InterfaceLaunch.launch(world, scope, instance, spec, now);
            instance.userData(spec.userData());
            instance.disableApiTermination(spec.disableApiTermination());
            instance.disableApiStop(spec.disableApiStop());
            if (spec.shutdownBehavior() != null) {
                instance.shutdownBehavior(spec.shutdownBehavior());
            }
            instance.ebsOptimized(spec.ebsOptimized() || "default".equals(type.detail("ebsInfo", "ebsOptimizedSupport")));
            instance.monitoring(spec.monitoring());
            instance.tags().putAll(spec.tags().getOrDefault("instance", Map.of()));
            if (spec.spot() != null) {
                double max = spec.spot().maxPrice() != null ? spec.spot().maxPrice()
                        : world.prices().onDemand(type, scope.region().name(), image.isWindows());
                String requestId = spec.spot().requestId();
                if (requestId == null) {
                    LaunchSpec single = spec.withCount(1);
                    SpotRequest request = new SpotRequest(single, max, spec.spot().persistent(), now);
                    request.tags().putAll(spec.tags().getOrDefault("spot-instances-request", Map.of()));
                    request.fulfilled(instance, now);
                    scope.spotRequests.put(request.id(), request);
                    requestId = request.id();
                }
                instance.spot(new Instance.SpotTerms(requestId, max));
            }
            scope.instances.put(instance.id(), instance);
            world.register(instance);
            Volumes.launch(scope, instance, Volumes.plan(world, scope, image, spec.blockDevices()),
                    BlockDeviceSpec.volumeTags(spec.tags()), now);
            reservation.instanceIds().add(instance.id());
            launched.add(instance);
        }
        scope.reservations.put(reservation.id(), reservation);
        if (spec.clientToken() != null) {
            scope.launchTokens.put(spec.clientToken(), new Ec2Scope.LaunchToken(reservation.id(), spec.fingerprint()));
        }
        for (Guest victim : placement.interrupted()) {
            Instance spotInstance = world.instance(victim.instanceId());
            if (spotInstance != null) {
                world.lifecycle().interrupt(spotInstance, now);
            }
        }
        world.spotMarket().record(zone, type.family(), now);
        // RunInstances answers pending whatever the boot time, as AWS does; the boot ends at the next settle
        return new LaunchResult(reservation, launched);
    }

    List<AvailabilityZone> candidateZones(Ec2Scope scope, InstanceTypeInfo type, AvailabilityZone requested) {
        String region = scope.region().name();
        List<String> offered = world.catalog().zonesOffering(type.name(), region);
        if (requested != null) {
            if (!offered.contains(requested.name())) {
                if (offered.isEmpty()) {
                    throw new AwsException(Ec2Error.UNSUPPORTED, "The requested configuration is currently not "
                            + "supported. Please check the documentation for supported configurations.");
                }
                throw new AwsException(Ec2Error.UNSUPPORTED, "Your requested instance type (" + type.name()
                        + ") is not supported in your requested Availability Zone (" + requested.name()
                        + "). Please retry your request by not specifying an Availability Zone or choosing "
                        + String.join(", ", offered) + ".");
            }
            return List.of(requested);
        }
        List<AvailabilityZone> zones = new ArrayList<>();
        for (String name : offered) {
            world.regions().zone(name).ifPresent(zones::add);
        }
        return zones;
    }

    AwsException placementError(PlacementException e, InstanceTypeInfo type, AvailabilityZone zone,
                                        boolean zoneRequested) {
        return switch (e.reason()) {
            case INSUFFICIENT_CAPACITY -> {
                List<String> others = new ArrayList<>();
                for (String name : world.catalog().zonesOffering(type.name(), zone.region())) {
                    AvailabilityZone z = world.regions().zone(name).orElse(null);
                    if (z != null && !z.equals(zone) && hasRoom(z, type)) {
                        others.add(name);
                    }
                }
                String message = "We currently do not have sufficient " + type.name()
                        + " capacity in the Availability Zone you requested (" + zone.name() + "). Our system will be "
                        + "working on provisioning additional capacity.";
                if (!others.isEmpty() && zoneRequested) {
                    message += " You can currently get " + type.name() + " capacity by not specifying an Availability "
                            + "Zone in your request or choosing " + String.join(", ", others) + ".";
                }
                yield new AwsException(Ec2Error.INSUFFICIENT_INSTANCE_CAPACITY, message);
            }
            case HOST_NOT_FOUND -> new AwsException(Ec2Error.INVALID_HOST_ID_NOT_FOUND,
                    "Invalid host ID '" + e.hostId() + "': the host does not exist in " + zone.name());
            case INSUFFICIENT_CAPACITY_ON_HOST -> new AwsException(Ec2Error.INSUFFICIENT_CAPACITY_ON_HOST,
                    e.hostId() != null
                            ? "There is not enough capacity on the Dedicated Host (" + e.hostId() + ") to launch or start the instance."
                            : "There are no Dedicated Hosts with auto-placement and available " + type.name()
                            + " capacity in " + zone.name() + " to launch or start the instance.");
            default -> new AwsException(Ec2Error.INSUFFICIENT_INSTANCE_CAPACITY, e.getMessage());
        };
    }

    private boolean hasRoom(AvailabilityZone zone, InstanceTypeInfo type) {
        Guest probe = new Guest("probe", "probe", type.name(), type.vcpus(), type.memoryMiB(), false);
        for (Host h : world.dataCenter().fleet(zone, type.family())) {
            if (h.tenancy() == Tenancy.DEFAULT && h.fits(probe)) {
                return true;
            }
        }
        return false;
    }

    static Guest guestOf(Instance instance, boolean spot) {
        InstanceTypeInfo t = instance.type();
        return new Guest(instance.id(), instance.ownerId(), t.name(), t.vcpus(), t.memoryMiB(), spot);
    }

    public InstanceTypeInfo resolveType(String name) {
        String typeName = name == null ? "m1.small" : name;
        return world.catalog().find(typeName).orElseThrow(() -> new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                "The following supplied instance types do not exist: [" + typeName + "]"));
    }

    /** The image to launch: one this scope knows, or a generic Linux image for a well-formed unknown id. */
    public Image resolveImage(Ec2Scope scope, String imageId, InstanceTypeInfo type, Instant now) {
        if (imageId == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter ImageId");
        }
        if (!AMI_ID.matcher(imageId).matches()) {
            throw new AwsException(Ec2Error.INVALID_AMI_ID_MALFORMED,
                    "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        if (scope.isDeregistered(imageId)) {
            throw new AwsException(Ec2Error.INVALID_AMI_ID_NOT_FOUND, "The image id '[" + imageId + "]' does not exist");
        }
        Image image = scope.image(imageId).orElse(null);
        if (image == null) {
            return Image.unknown(imageId, type.primaryArchitecture(), now);
        }
        if (!type.supportsArchitecture(image.architecture())) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The architecture '" + type.primaryArchitecture()
                    + "' of the specified instance type does not match the architecture '" + image.architecture()
                    + "' of the specified AMI. Specify an instance type and an AMI that have matching architectures, "
                    + "and try again. You can use 'describe-instance-types' or 'describe-images' to discover the "
                    + "architecture of the instance type or AMI.");
        }
        return image;
    }

    private static List<String> resolveGroups(Ec2Scope scope, LaunchSpec spec, Vpc vpc) {
        List<String> ids = new ArrayList<>();
        for (String id : spec.securityGroupIds()) {
            SecurityGroup g = scope.securityGroups.get(id);
            if (g == null) {
                throw new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND, "The security group '" + id + "' does not exist");
            }
            if (!g.vpcId().equals(vpc.id())) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER, "Security group " + id + " and subnet belong to "
                        + "different networks.");
            }
            ids.add(id);
        }
        for (String name : spec.securityGroupNames()) {
            SecurityGroup g = scope.securityGroups.values().stream()
                    .filter(x -> x.name().equals(name) && x.vpcId().equals(vpc.id())).findFirst()
                    .orElseThrow(() -> new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND,
                            "The security group '" + name + "' does not exist in VPC '" + vpc.id() + "'"));
            ids.add(g.id());
        }
        if (ids.isEmpty()) {
            ids.add(scope.defaultGroup(vpc.id()).id());
        }
        return ids;
    }
}
