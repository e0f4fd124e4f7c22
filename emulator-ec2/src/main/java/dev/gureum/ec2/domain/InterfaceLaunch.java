package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The network interfaces of a launch: RunInstances' {@code NetworkInterface.N} checked before any
 * instance is placed, then each launched instance's primary interface (device index 0) and the others.
 * Without {@code NetworkInterface.N}, the primary interface comes from the instance-level subnet, groups
 * and private address. Called under the world's lock.
 */
final class InterfaceLaunch {

    private InterfaceLaunch() {
    }

    /**
     * Checks {@code NetworkInterface.N} and returns the launch with the primary interface's subnet,
     * groups and address as the instance's (the same request, so the same ClientToken fingerprint).
     */
    static LaunchSpec lift(Ec2Scope scope, LaunchSpec spec, InstanceTypeInfo type) {
        List<NetworkInterfaceSpec> specs = spec.networkInterfaces();
        if (specs.isEmpty()) {
            return spec;
        }
        if (spec.subnetId() != null) {
            throw combination("Network interfaces and an instance-level subnet ID may not be specified on the same "
                    + "request");
        }
        if (!spec.securityGroupIds().isEmpty() || !spec.securityGroupNames().isEmpty()) {
            throw combination("Network interfaces and an instance-level security groups may not be specified on the "
                    + "same request");
        }
        if (spec.privateIpAddress() != null) {
            throw combination("Network interfaces and an instance-level private IP address should not be specified on "
                    + "the same request");
        }
        Set<Integer> indexes = new HashSet<>();
        for (NetworkInterfaceSpec s : specs) {
            if (s.deviceIndex() == null) {
                throw value("Each network interface requires a device index.");
            }
            if (s.deviceIndex() < 0 || !indexes.add(s.deviceIndex())) {
                throw value("Each network interface requires a unique device index.");
            }
            if (s.associatePublicIp() != null && s.associatePublicIp() && (s.deviceIndex() != 0 || specs.size() > 1)) {
                throw combination("The associatePublicIPAddress parameter can only be specified for the network "
                        + "interface with DeviceIndex 0 when launching with a single network interface.");
            }
            boolean fixed = s.networkInterfaceId() != null || !s.requestedAddresses().isEmpty();
            if (fixed && spec.maxCount() > 1) {
                throw combination("A network interface ID or private IP address can only be specified when launching a "
                        + "single instance.");
            }
            if (s.networkInterfaceId() != null) {
                NetworkInterface eni = NetworkInterfaces.find(scope, s.networkInterfaceId());
                if (eni.attachment() != null) {
                    throw new AwsException(Ec2Error.INVALID_NETWORK_INTERFACE_IN_USE,
                            "Interface: [" + eni.id() + "] in use.");
                }
                if (s.subnetId() != null || !s.groupIds().isEmpty() || !s.requestedAddresses().isEmpty()) {
                    throw combination("A network interface may specify either an ID or parameters for a new network "
                            + "interface, not both.");
                }
            } else if (s.subnetId() != null && !scope.subnets.containsKey(s.subnetId())) {
                throw new AwsException(Ec2Error.INVALID_SUBNET_ID_NOT_FOUND,
                        "The subnet ID '" + s.subnetId() + "' does not exist");
            }
        }
        if (!indexes.contains(0)) {
            throw value("When specifying network interfaces, you must include a device at index 0.");
        }
        int limit = NetworkInterfaces.maximumInterfaces(type);
        if (specs.size() > limit) {
            throw new AwsException(Ec2Error.ATTACHMENT_LIMIT_EXCEEDED,
                    "Interface count " + specs.size() + " exceeds the limit for " + type.name());
        }
        NetworkInterfaceSpec primary = primary(spec);
        String subnetId = primary.subnetId();
        List<String> groups = primary.groupIds();
        String privateIp = primary.requestedAddresses().isEmpty() ? null : primary.requestedAddresses().get(0);
        if (primary.networkInterfaceId() != null) {
            NetworkInterface eni = scope.networkInterfaces.get(primary.networkInterfaceId());
            subnetId = eni.subnet().id();
            groups = eni.securityGroupIds();
        }
        for (NetworkInterfaceSpec s : specs) {
            if (s.networkInterfaceId() == null && addressesOf(s) > NetworkInterfaces.addressesPerInterface(type)) {
                throw new AwsException(Ec2Error.PRIVATE_IP_ADDRESS_LIMIT_EXCEEDED,
                        "Number of private addresses will exceed limit.");
            }
            // the other interfaces' groups, checked before anything is placed
            String own = s.subnetId() != null ? s.subnetId() : subnetId;
            Vpc vpc = own != null ? scope.vpcs.get(scope.subnets.get(own).vpcId()) : scope.defaultVpc();
            if (s != primary && s.networkInterfaceId() == null && vpc != null) {
                NetworkInterfaces.groups(scope, s.groupIds(), vpc.id());
            }
        }
        return new LaunchSpec(spec.imageId(), spec.instanceType(), spec.minCount(), spec.maxCount(), spec.keyName(),
                groups, List.of(), subnetId, spec.zoneName(), spec.tenancy(), spec.hostId(), privateIp,
                spec.userData(), spec.tags(), spec.spot(), spec.clientToken(), spec.disableApiTermination(),
                spec.disableApiStop(), spec.shutdownBehavior(), spec.ebsOptimized(), spec.monitoring(), specs,
                spec.blockDevices());
    }

    private static AwsException combination(String message) {
        return new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION, message);
    }

    private static AwsException value(String message) {
        return new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, message);
    }

    private static NetworkInterfaceSpec primary(LaunchSpec spec) {
        for (NetworkInterfaceSpec s : spec.networkInterfaces()) {
            if (s.deviceIndex() != null && s.deviceIndex() == 0) {
                return s;
            }
        }
        return null;
    }

    /**
     * How many instances of the launch the subnets have addresses for, at most {@code maxCount}; the
     * interfaces beyond the primary one must be in its zone.
     */
    static int launchable(Ec2Scope scope, LaunchSpec spec, Subnet subnet, AvailabilityZone zone) {
        long count = spec.maxCount();
        NetworkInterfaceSpec primary = primary(spec);
        if (primary == null || primary.networkInterfaceId() == null) {
            count = Math.min(count, subnet.availableIpAddressCount() / addressesOf(primary));
        }
        for (NetworkInterfaceSpec s : spec.networkInterfaces()) {
            if (s == primary) {
                if (s.networkInterfaceId() == null) {
                    checkFree(subnet, s.requestedAddresses());
                }
                continue;
            }
            Subnet other = s.networkInterfaceId() != null ? scope.networkInterfaces.get(s.networkInterfaceId()).subnet()
                    : s.subnetId() != null ? scope.subnets.get(s.subnetId()) : subnet;
            if (!other.zone().equals(zone)) {
                throw value("The network interface at device index " + s.deviceIndex() + " must be in the "
                        + "Availability Zone of the instance (" + zone.name() + ").");
            }
            if (s.networkInterfaceId() == null) {
                checkFree(other, s.requestedAddresses());
                count = Math.min(count, other.availableIpAddressCount() / addressesOf(s));
            }
        }
        return (int) count;
    }

    private static void checkFree(Subnet subnet, List<String> addresses) {
        for (String ip : addresses) {
            NetworkInterfaces.checkAssignable(subnet, ip);
            if (!subnet.claimAddress(ip)) {
                throw new AwsException(Ec2Error.INVALID_IP_ADDRESS_IN_USE, "Address " + ip + " is in use.");
            }
            subnet.releaseAddress(ip);
        }
    }

    private static int addressesOf(NetworkInterfaceSpec s) {
        if (s == null) {
            return 1;
        }
        return Math.max(1, s.requestedAddresses().size()) + (s.secondaryCount() == null ? 0 : s.secondaryCount());
    }

    /**
     * Gives a placed instance its interfaces: the primary one (new, with the instance's own interface id,
     * attachment id and MAC address, or the existing one named) and the others, and a public address
     * when the launch or the subnet asks for one.
     */
    static void launch(Ec2World world, Ec2Scope scope, Instance instance, LaunchSpec spec, Instant now) {
        NetworkInterfaceSpec primary = primary(spec);
        NetworkInterface eni;
        if (primary != null && primary.networkInterfaceId() != null) {
            eni = scope.networkInterfaces.get(primary.networkInterfaceId());
            // an existing interface gets no public address from the subnet
            if (eni.associatePublicIp() == null) {
                eni.associatePublicIp(false);
            }
        } else {
            eni = new NetworkInterface(instance.networkInterfaceId(), instance.ownerId(), instance.region(),
                    instance.subnet(), instance.macAddress(), "interface");
            List<String> requested = primary != null ? primary.requestedAddresses()
                    : spec.privateIpAddress() != null ? List.of(spec.privateIpAddress()) : List.of();
            claim(eni, requested, primary == null || primary.secondaryCount() == null ? 0 : primary.secondaryCount());
            eni.securityGroupIds().addAll(instance.securityGroupIds());
            if (primary != null) {
                eni.description(primary.description());
                boolean many = spec.networkInterfaces().size() > 1;
                eni.associatePublicIp(many ? Boolean.FALSE : primary.associatePublicIp());
            }
            scope.networkInterfaces.put(eni.id(), eni);
        }
        boolean deleteOnTermination = primary == null || primary.deleteOnTermination() == null
                ? primary == null || primary.networkInterfaceId() == null : primary.deleteOnTermination();
        NetworkInterfaces.connect(scope, eni, instance, instance.attachmentId(), 0, deleteOnTermination, now);
        if (instance.elasticIpAllocationId() == null && eni.getsPublicIp()) {
            instance.publicIp(world.allocatePublicIp());
        }
        for (NetworkInterfaceSpec s : spec.networkInterfaces()) {
            if (s != primary) {
                secondary(scope, instance, s, now);
            }
        }
    }

    private static void secondary(Ec2Scope scope, Instance instance, NetworkInterfaceSpec s, Instant now) {
        NetworkInterface eni;
        if (s.networkInterfaceId() != null) {
            eni = scope.networkInterfaces.get(s.networkInterfaceId());
        } else {
            Subnet subnet = s.subnetId() != null ? scope.subnets.get(s.subnetId()) : instance.subnet();
            eni = new NetworkInterface(instance.ownerId(), instance.region(), subnet);
            claim(eni, s.requestedAddresses(), s.secondaryCount() == null ? 0 : s.secondaryCount());
            eni.securityGroupIds().addAll(NetworkInterfaces.groups(scope, s.groupIds(), subnet.vpcId()));
            eni.description(s.description());
            scope.networkInterfaces.put(eni.id(), eni);
        }
        boolean deleteOnTermination = s.deleteOnTermination() != null ? s.deleteOnTermination()
                : s.networkInterfaceId() == null;
        NetworkInterfaces.connect(scope, eni, instance, Ids.ec2("eni-attach"), s.deviceIndex(), deleteOnTermination,
                now);
    }

    /** Claims the addresses checked before placement, and picks the rest (the primary one first when none was named). */
    private static void claim(NetworkInterface eni, List<String> requested, int secondaryCount) {
        Subnet subnet = eni.subnet();
        for (String ip : requested) {
            subnet.claimAddress(ip);
            eni.addPrivateIp(ip);
        }
        int picked = secondaryCount + (requested.isEmpty() ? 1 : 0);
        for (int i = 0; i < picked; i++) {
            eni.addPrivateIp(subnet.allocateAddress());
        }
    }
}
