package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.util.List;

/**
 * Elastic IP addresses on network interfaces. An address goes to a private address of an interface
 * (its primary one unless another is named), and so to the instance the interface is attached to; on
 * an instance's primary address it replaces the address Amazon gave the instance, and stays across stop
 * and start. Disassociating gives a running instance a new automatic address, as EC2 does for instances
 * launched with one.
 */
public final class ElasticIps {

    private ElasticIps() {
    }

    public static ElasticIp allocate(Ec2World world, Ec2Scope scope) {
        ElasticIp eip = new ElasticIp(world.allocatePublicIp(), scope.region().name());
        scope.addresses.put(eip.allocationId(), eip);
        return eip;
    }

    /** AssociateAddress with an instance, at its primary private address. */
    public static void associate(Ec2World world, Ec2Scope scope, ElasticIp eip, Instance instance,
                                 boolean allowReassociation) {
        associate(world, scope, eip, instance, null, allowReassociation);
    }

    /**
     * AssociateAddress with an instance: its primary interface, which must be its only one.
     *
     * @param privateIp the interface's private address to use, or {@code null} for its primary one
     */
    public static void associate(Ec2World world, Ec2Scope scope, ElasticIp eip, Instance instance, String privateIp,
                                 boolean allowReassociation) {
        if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.SHUTTING_DOWN
                || instance.primaryInterface() == null) {
            throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                    "The instance '" + instance.id() + "' is not in a valid state for this operation.");
        }
        List<NetworkInterface> interfaces = NetworkInterfaces.of(scope, instance);
        if (interfaces.size() > 1) {
            throw new AwsException(Ec2Error.INVALID_INSTANCE_ID, "There are multiple interfaces attached to instance '"
                    + instance.id() + "'. Please specify an interface ID for the operation instead.");
        }
        associate(world, scope, eip, instance.primaryInterface(), privateIp, allowReassociation);
    }

    /**
     * AssociateAddress with a network interface.
     *
     * @param privateIp the interface's private address to use, or {@code null} for its primary one
     */
    public static void associate(Ec2World world, Ec2Scope scope, ElasticIp eip, NetworkInterface eni, String privateIp,
                                 boolean allowReassociation) {
        String ip = privateIp != null ? privateIp : eni.privateIp();
        if (!eni.privateIps().contains(ip)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The private IP address " + ip
                    + " is not assigned to the network interface " + eni.id() + ".");
        }
        if (eip.isAssociated()) {
            NetworkInterface holder = eip.networkInterfaceId() == null ? null
                    : scope.networkInterfaces.get(eip.networkInterfaceId());
            if (eip.networkInterfaceId() != null && (holder == null || holder.requesterManaged())) {
                // held by a NAT gateway's network interface
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED, "resource " + eip.allocationId()
                        + " is already associated with associate-id " + eip.associationId());
            }
            if (eni.id().equals(eip.networkInterfaceId()) && ip.equals(eip.privateIp())) {
                return;
            }
            if (!allowReassociation) {
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED, "resource " + eip.allocationId()
                        + " is already associated with associate-id " + eip.associationId());
            }
            disassociate(world, scope, eip);
        }
        // an Elastic IP already there is disassociated and stays allocated to the account
        NetworkInterfaces.dropPublicIp(world, scope, eni, ip);
        eip.associate(eni, ip);
        eni.associate(ip, new NetworkInterface.Association(eip.publicIp(), eip.allocationId(), eip.associationId()));
    }

    public static void disassociate(Ec2World world, Ec2Scope scope, ElasticIp eip) {
        NetworkInterface eni = eip.networkInterfaceId() == null ? null
                : scope.networkInterfaces.get(eip.networkInterfaceId());
        String ip = eip.privateIp();
        eip.disassociate();
        if (eni != null && ip != null) {
            eni.associate(ip, null);
            giveAutomaticAddress(world, scope, eni, ip);
        }
    }

    /** The primary address of a running instance's primary interface gets a new public address, if it had one. */
    private static void giveAutomaticAddress(Ec2World world, Ec2Scope scope, NetworkInterface eni, String ip) {
        NetworkInterface.Attachment a = eni.attachment();
        Instance instance = a == null || a.deviceIndex() != 0 ? null : scope.instances.get(a.instanceId());
        if (instance == null || !ip.equals(eni.privateIp())) {
            return;
        }
        boolean up = instance.state() == InstanceState.RUNNING || instance.state() == InstanceState.PENDING;
        if (up && instance.getsPublicIp() && instance.publicIp() == null) {
            instance.publicIp(world.allocatePublicIp());
        }
    }

    public static void release(Ec2World world, Ec2Scope scope, ElasticIp eip) {
        if (eip.isAssociated()) {
            throw new AwsException(Ec2Error.INVALID_IP_ADDRESS_IN_USE,
                    "The address with allocation id [" + eip.allocationId() + "] is in use.");
        }
        scope.addresses.remove(eip.allocationId());
        world.releasePublicIp(eip.publicIp());
    }
}
