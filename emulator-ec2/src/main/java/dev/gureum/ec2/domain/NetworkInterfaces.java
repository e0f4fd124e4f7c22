package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Network interfaces as EC2 manages them: created in a subnet with addresses from its block, attached to
 * instances in the same zone at free device indexes up to the instance type's limit, given secondary
 * addresses up to the type's limit per interface, detached and deleted. Called under the world's lock.
 */
public final class NetworkInterfaces {

    private NetworkInterfaces() {
    }

    public static NetworkInterface find(Ec2Scope scope, String id) {
        NetworkInterface eni = scope.networkInterfaces.get(id);
        if (eni == null) {
            throw new AwsException(Ec2Error.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND,
                    "The networkInterface ID '" + id + "' does not exist");
        }
        return eni;
    }

    /** The interfaces attached to an instance, by device index. */
    public static List<NetworkInterface> of(Ec2Scope scope, Instance instance) {
        List<NetworkInterface> out = new ArrayList<>();
        for (NetworkInterface eni : scope.networkInterfaces.values()) {
            if (eni.isAttachedTo(instance.id())) {
                out.add(eni);
            }
        }
        out.sort(Comparator.comparingInt(e -> e.attachment().deviceIndex()));
        return out;
    }

    /** The interfaces of an instance of any account, for Gureum's own views. */
    public static List<NetworkInterface> ofInstance(Ec2World world, String instanceId) {
        Instance instance = world.instance(instanceId);
        Ec2Scope scope = instance == null ? null : world.scopeOf(instance);
        return scope == null ? List.of() : of(scope, instance);
    }

    /** CreateNetworkInterface: an interface in a subnet, with the addresses asked for or picked. */
    public static NetworkInterface create(Ec2Scope scope, NetworkInterfaceSpec spec) {
        Subnet subnet = scope.subnets.get(spec.subnetId());
        if (subnet == null) {
            throw new AwsException(Ec2Error.INVALID_SUBNET_ID_NOT_FOUND,
                    "The subnet ID '" + spec.subnetId() + "' does not exist");
        }
        List<String> groups = groups(scope, spec.groupIds(), subnet.vpcId());
        NetworkInterface eni = new NetworkInterface(scope.accountId(), scope.region().name(), subnet);
        assignAddresses(eni, spec.requestedAddresses(), count(spec.secondaryCount()), spec.requestedAddresses().isEmpty());
        eni.securityGroupIds().addAll(groups);
        eni.description(spec.description());
        scope.networkInterfaces.put(eni.id(), eni);
        return eni;
    }

    private static int count(Integer n) {
        if (n != null && n < 0) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + n + ") for parameter secondaryPrivateIpAddressCount is invalid.");
        }
        return n == null ? 0 : n;
    }

    /** Security groups of a VPC by id; none given means the VPC's default group. */
    static List<String> groups(Ec2Scope scope, List<String> ids, String vpcId) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            SecurityGroup g = scope.securityGroups.get(id);
            if (g == null) {
                throw new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND, "The security group '" + id + "' does not exist");
            }
            if (!g.vpcId().equals(vpcId)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER, "Security group " + id + " and subnet belong to "
                        + "different networks.");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        if (out.isEmpty()) {
            SecurityGroup g = scope.defaultGroup(vpcId);
            if (g != null) {
                out.add(g.id());
            }
        }
        return out;
    }

    /**
     * Claims the addresses asked for, then picks {@code count} more (and a primary one when
     * {@code pickPrimary}), all or none.
     */
    private static List<String> assignAddresses(NetworkInterface eni, List<String> requested, int count,
                                                boolean pickPrimary) {
        Subnet subnet = eni.subnet();
        Set<String> distinct = new HashSet<>();
        for (String ip : requested) {
            checkAssignable(subnet, ip);
            if (!distinct.add(ip)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "The address " + ip + " is specified more than once.");
            }
        }
        int picked = count + (pickPrimary ? 1 : 0);
        if (subnet.availableIpAddressCount() < requested.size() + picked) {
            throw new AwsException(Ec2Error.INSUFFICIENT_FREE_ADDRESSES,
                    "Insufficient free IP addresses in subnet '" + subnet.id() + "'.");
        }
        List<String> claimed = new ArrayList<>();
        for (String ip : requested) {
            if (!subnet.claimAddress(ip)) {
                claimed.forEach(subnet::releaseAddress);
                throw new AwsException(Ec2Error.INVALID_IP_ADDRESS_IN_USE, "The specified address " + ip
                        + " is already in use.");
            }
            claimed.add(ip);
        }
        for (int i = 0; i < picked; i++) {
            claimed.add(subnet.allocateAddress());
        }
        claimed.forEach(eni::addPrivateIp);
        return claimed;
    }

    static void checkAssignable(Subnet subnet, String ip) {
        boolean valid;
        try {
            valid = subnet.isAssignable(ip);
        } catch (IllegalArgumentException e) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Invalid value '" + ip + "' for IP address. Value must be a valid IPv4 address.");
        }
        if (!valid) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Address " + ip
                    + " does not fall within the subnet's address range");
        }
    }

    /** DeleteNetworkInterface: refused while attached; its addresses go back to the subnet. */
    public static void delete(Ec2World world, Ec2Scope scope, NetworkInterface eni) {
        if (eni.attachment() != null || eni.requesterManaged()) {
            throw new AwsException(Ec2Error.INVALID_NETWORK_INTERFACE_IN_USE,
                    "The networkInterface '" + eni.id() + "' is currently in use.");
        }
        release(world, scope, eni);
    }

    /** Removes an interface: its Elastic IPs are disassociated, other public and private addresses released. */
    private static void release(Ec2World world, Ec2Scope scope, NetworkInterface eni) {
        for (String ip : eni.privateIps()) {
            releaseAddress(world, scope, eni, ip);
        }
        scope.networkInterfaces.remove(eni.id());
    }

    private static void releaseAddress(Ec2World world, Ec2Scope scope, NetworkInterface eni, String ip) {
        dropPublicIp(world, scope, eni, ip);
        eni.removePrivateIp(ip);
        eni.subnet().releaseAddress(ip);
    }

    /** Takes a private address's public one off: an Elastic IP stays the account's, Amazon's goes back. */
    static void dropPublicIp(Ec2World world, Ec2Scope scope, NetworkInterface eni, String ip) {
        NetworkInterface.Association a = eni.association(ip);
        if (a == null) {
            return;
        }
        if (a.elastic()) {
            ElasticIp eip = scope.addresses.get(a.allocationId());
            if (eip != null) {
                eip.disassociate();
            }
        } else {
            world.releasePublicIp(a.publicIp());
        }
        eni.associate(ip, null);
    }

    /** AttachNetworkInterface: at a free device index of an instance in the interface's zone. */
    public static String attach(Ec2Scope scope, NetworkInterface eni, Instance instance, int deviceIndex, Instant now) {
        if (instance.state() == InstanceState.SHUTTING_DOWN || instance.state() == InstanceState.TERMINATED) {
            throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                    "The instance '" + instance.id() + "' is not in a valid state for this operation.");
        }
        if (eni.attachment() != null) {
            throw new AwsException(Ec2Error.INVALID_NETWORK_INTERFACE_IN_USE,
                    "Interface: [" + eni.id() + "] in use.");
        }
        if (deviceIndex < 0) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + deviceIndex + ") for parameter deviceIndex is invalid.");
        }
        if (!eni.zone().equals(instance.zone())) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The network interface " + eni.id()
                    + " and the instance " + instance.id() + " must be in the same availability zone.");
        }
        List<NetworkInterface> attached = of(scope, instance);
        for (NetworkInterface other : attached) {
            if (other.attachment().deviceIndex() == deviceIndex) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Instance '" + instance.id()
                        + "' already has an interface attached at device index '" + deviceIndex + "'.");
            }
        }
        int limit = maximumInterfaces(instance.type());
        if (attached.size() + 1 > limit) {
            throw new AwsException(Ec2Error.ATTACHMENT_LIMIT_EXCEEDED, "Interface count " + (attached.size() + 1)
                    + " exceeds the limit for " + instance.type().name());
        }
        connect(scope, eni, instance, Ids.ec2("eni-attach"), deviceIndex, false, now);
        return eni.attachment().attachmentId();
    }

    static void connect(Ec2Scope scope, NetworkInterface eni, Instance instance, String attachmentId,
                                int deviceIndex, boolean deleteOnTermination, Instant now) {
        eni.attachment(new NetworkInterface.Attachment(attachmentId, instance.id(), instance.ownerId(), deviceIndex,
                now, deleteOnTermination));
        for (ElasticIp eip : scope.addresses.values()) {
            if (eni.id().equals(eip.networkInterfaceId())) {
                eip.instanceId(instance.id());
            }
        }
        if (deviceIndex == 0) {
            instance.primaryInterface(eni);
        }
    }

    /** DetachNetworkInterface; the primary interface (device index 0) stays. */
    public static void detach(Ec2Scope scope, String attachmentId) {
        NetworkInterface eni = scope.networkInterfaces.values().stream()
                .filter(e -> e.attachment() != null && e.attachment().attachmentId().equals(attachmentId))
                .findFirst().orElseThrow(() -> new AwsException(Ec2Error.INVALID_ATTACHMENT_ID_NOT_FOUND,
                        "The attachment ID '" + attachmentId + "' does not exist"));
        if (eni.attachment().deviceIndex() == 0) {
            throw new AwsException(Ec2Error.OPERATION_NOT_PERMITTED,
                    "The network interface at device index 0 cannot be detached.");
        }
        disconnect(scope, eni);
    }

    private static void disconnect(Ec2Scope scope, NetworkInterface eni) {
        eni.attachment(null);
        for (ElasticIp eip : scope.addresses.values()) {
            if (eni.id().equals(eip.networkInterfaceId())) {
                eip.instanceId(null);
            }
        }
    }

    /** DeleteOnTermination of an attachment. */
    public static void deleteOnTermination(NetworkInterface eni, String attachmentId, boolean value) {
        if (eni.attachment() == null || !eni.attachment().attachmentId().equals(attachmentId)) {
            throw new AwsException(Ec2Error.INVALID_ATTACHMENT_ID_NOT_FOUND,
                    "The attachment ID '" + attachmentId + "' does not exist");
        }
        eni.attachment(eni.attachment().withDeleteOnTermination(value));
    }

    /** ModifyNetworkInterfaceAttribute's groups: all of the interface's VPC. */
    public static void replaceGroups(Ec2Scope scope, NetworkInterface eni, List<String> ids) {
        List<String> groups = groups(scope, ids, eni.vpcId());
        eni.securityGroupIds().clear();
        eni.securityGroupIds().addAll(groups);
    }

    /**
     * AssignPrivateIpAddresses: named addresses (taken from another interface of the subnet when
     * reassignment is allowed) or a number picked, within the instance type's addresses per interface.
     */
    public static List<String> assign(Ec2World world, Ec2Scope scope, NetworkInterface eni, List<String> addresses,
                                      int count, boolean allowReassignment) {
        if (count < 0) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + count + ") for parameter secondaryPrivateIpAddressCount is invalid.");
        }
        Instance instance = eni.attachment() == null ? null : scope.instances.get(eni.attachment().instanceId());
        if (instance != null) {
            int limit = addressesPerInterface(instance.type());
            if (eni.privateIps().size() + addresses.size() + count > limit) {
                throw new AwsException(Ec2Error.PRIVATE_IP_ADDRESS_LIMIT_EXCEEDED,
                        "Number of private addresses will exceed limit.");
            }
        }
        List<String> free = new ArrayList<>();
        for (String ip : addresses) {
            checkAssignable(eni.subnet(), ip);
            NetworkInterface owner = ownerOf(scope, eni.subnet(), ip);
            if (owner == eni) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "The address " + ip + " is already assigned to " + eni.id() + ".");
            }
            if (owner != null) {
                if (!allowReassignment || ip.equals(owner.privateIp())) {
                    throw new AwsException(Ec2Error.INVALID_IP_ADDRESS_IN_USE, "The specified address " + ip
                            + " is already in use.");
                }
                releaseAddress(world, scope, owner, ip);
            }
            free.add(ip);
        }
        return assignAddresses(eni, free, count, false);
    }

    private static NetworkInterface ownerOf(Ec2Scope scope, Subnet subnet, String ip) {
        for (NetworkInterface eni : scope.networkInterfaces.values()) {
            if (eni.subnet() == subnet && eni.privateIps().contains(ip)) {
                return eni;
            }
        }
        return null;
    }

    /** UnassignPrivateIpAddresses: secondary addresses only; an Elastic IP on one is disassociated. */
    public static void unassign(Ec2World world, Ec2Scope scope, NetworkInterface eni, List<String> addresses) {
        for (String ip : addresses) {
            if (!eni.privateIps().contains(ip)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Some of the specified addresses are not assigned to interface " + eni.id());
            }
            if (ip.equals(eni.privateIp())) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "The primary private IP address " + ip + " of " + eni.id() + " cannot be unassigned.");
            }
        }
        for (String ip : addresses) {
            releaseAddress(world, scope, eni, ip);
        }
    }

    static int maximumInterfaces(InstanceTypeInfo type) {
        return number(type.detail("networkInfo", "maximumNetworkInterfaces"), 2);
    }

    static int addressesPerInterface(InstanceTypeInfo type) {
        return number(type.detail("networkInfo", "ipv4AddressesPerInterface"), 2);
    }

    private static int number(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /**
     * A terminated instance's interfaces: those to delete on termination go with their addresses (an
     * Elastic IP on them is disassociated), the others are detached and keep theirs. The address Amazon
     * gave the instance goes back either way.
     */
    static void terminated(Ec2World world, Ec2Scope scope, Instance instance) {
        List<NetworkInterface> attached = scope == null ? List.of() : of(scope, instance);
        for (NetworkInterface eni : attached) {
            NetworkInterface.Association a = eni.association(eni.privateIp());
            if (a != null && !a.elastic()) {
                world.releasePublicIp(a.publicIp());
                eni.automaticPublicIp(null);
            }
            if (eni.attachment().deleteOnTermination()) {
                release(world, scope, eni);
            }
            disconnect(scope, eni);
        }
        if (instance.primaryInterface() == null) {
            // an instance kept from before it had interfaces of its own
            instance.subnet().releaseAddress(instance.privateIp());
            ElasticIp eip = scope == null || instance.elasticIpAllocationId() == null ? null
                    : scope.addresses.get(instance.elasticIpAllocationId());
            if (eip != null) {
                eip.disassociate();
            } else {
                world.releasePublicIp(instance.publicIp());
            }
        }
        instance.primaryInterface(null);
        instance.privateIp(null);
        instance.publicIp(null);
        instance.elasticIpAllocationId(null);
    }
}
