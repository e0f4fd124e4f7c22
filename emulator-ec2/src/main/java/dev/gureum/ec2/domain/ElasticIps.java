package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

/**
 * Elastic IP addresses on instances. An associated address replaces the instance's automatic public
 * address, and stays with it across stop and start; disassociating gives a running instance a new
 * automatic address, as EC2 does for instances launched with one.
 */
public final class ElasticIps {

    private ElasticIps() {
    }

    public static ElasticIp allocate(Ec2World world, Ec2Scope scope) {
        ElasticIp eip = new ElasticIp(world.allocatePublicIp(), scope.region().name());
        scope.addresses.put(eip.allocationId(), eip);
        return eip;
    }

    public static void associate(Ec2World world, Ec2Scope scope, ElasticIp eip, Instance instance, boolean allowReassociation) {
        if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.SHUTTING_DOWN) {
            throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                    "The instance '" + instance.id() + "' is not in a valid state for this operation.");
        }
        if (eip.isAssociated()) {
            if (eip.instanceId() == null) {
                // held by a NAT gateway's network interface
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED, "resource " + eip.allocationId()
                        + " is already associated with associate-id " + eip.associationId());
            }
            if (eip.instanceId().equals(instance.id())) {
                return;
            }
            if (!allowReassociation) {
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED, "resource " + eip.allocationId()
                        + " is already associated with associate-id " + eip.associationId());
            }
            Instance previous = scope.instances.get(eip.instanceId());
            disassociate(world, scope, eip);
            if (previous != null) {
                giveAutomaticAddress(world, previous);
            }
        }
        if (instance.elasticIpAllocationId() != null) {
            ElasticIp current = scope.addresses.get(instance.elasticIpAllocationId());
            if (current != null) {
                current.disassociate();
            }
        } else {
            world.releasePublicIp(instance.publicIp());
        }
        eip.associate(instance);
        instance.elasticIpAllocationId(eip.allocationId());
        instance.publicIp(eip.publicIp());
    }

    public static void disassociate(Ec2World world, Ec2Scope scope, ElasticIp eip) {
        Instance instance = eip.instanceId() == null ? null : scope.instances.get(eip.instanceId());
        eip.disassociate();
        if (instance != null) {
            instance.elasticIpAllocationId(null);
            instance.publicIp(null);
            giveAutomaticAddress(world, instance);
        }
    }

    private static void giveAutomaticAddress(Ec2World world, Instance instance) {
        boolean up = instance.state() == InstanceState.RUNNING || instance.state() == InstanceState.PENDING;
        if (up && instance.subnet().mapPublicIpOnLaunch() && instance.publicIp() == null) {
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
