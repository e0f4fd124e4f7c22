package dev.gureum.ec2.domain;

import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.NetworkInterfaceRecord;

/**
 * Network interfaces as records: each interface as it is, and, for an instance kept before instances had
 * interfaces of their own, the primary interface its record implies.
 */
final class NetworkInterfaceRestore {

    private NetworkInterfaceRestore() {
    }

    static NetworkInterfaceRecord record(String account, String region, NetworkInterface n) {
        return new NetworkInterfaceRecord(account, region, n.id(), n.subnet().id(), n.macAddress(), n.interfaceType(),
                n.description(), n.privateIps(), java.util.List.copyOf(n.securityGroupIds()), n.sourceDestCheck(),
                n.associatePublicIp(), n.attachment(), n.associations(),
                n.tags().isEmpty() ? java.util.Map.of() : new java.util.LinkedHashMap<>(n.tags()));
    }

    /** Sets an interface from its record, in place if it exists, and links it to its instance. */
    static void restore(Ec2World world, Ec2Scope scope, NetworkInterfaceRecord r) {
        Subnet subnet = scope.subnets.get(r.subnetId());
        if (subnet == null) {
            return;
        }
        NetworkInterface eni = scope.networkInterfaces.get(r.id());
        if (eni == null || eni.subnet() != subnet) {
            eni = new NetworkInterface(r.id(), r.account(), r.region(), subnet, r.macAddress(), r.interfaceType());
            scope.networkInterfaces.put(eni.id(), eni);
        }
        eni.description(r.description());
        eni.privateIps(r.privateIps());
        eni.securityGroupIds().clear();
        eni.securityGroupIds().addAll(r.securityGroupIds());
        eni.sourceDestCheck(r.sourceDestCheck());
        eni.associatePublicIp(r.associatePublicIp());
        eni.attachment(r.attachment());
        for (String ip : eni.associations().keySet()) {
            eni.associate(ip, null);
        }
        for (var e : r.associations().entrySet()) {
            eni.associate(e.getKey(), e.getValue());
            if (!e.getValue().elastic()) {
                world.publicIps().add(e.getValue().publicIp());
            }
        }
        eni.tags().clear();
        eni.tags().putAll(r.tags());
        if (r.attachment() != null && r.attachment().deviceIndex() == 0) {
            Instance instance = scope.instances.get(r.attachment().instanceId());
            if (instance != null) {
                instance.primaryInterface(eni);
            }
        }
    }

    /**
     * Links a restored instance to its primary interface; an instance recorded before it had one gets the
     * interface its record describes (its address, groups, MAC address and public address).
     */
    static void link(Ec2Scope scope, Instance instance, InstanceRecord r) {
        NetworkInterface eni = scope.networkInterfaces.get(r.networkInterfaceId());
        if (eni != null) {
            if (eni.isAttachedTo(instance.id()) && eni.attachment().deviceIndex() == 0) {
                instance.primaryInterface(eni);
            }
            return;
        }
        if (r.retired() || instance.state() == InstanceState.TERMINATED || r.privateIp() == null) {
            return;
        }
        eni = new NetworkInterface(r.networkInterfaceId(), r.account(), r.region(), instance.subnet(), r.macAddress(),
                "interface");
        eni.addPrivateIp(r.privateIp());
        eni.securityGroupIds().addAll(r.securityGroupIds());
        eni.sourceDestCheck(r.sourceDestCheck());
        eni.attachment(new NetworkInterface.Attachment(r.attachmentId(), instance.id(), r.account(), 0,
                r.firstLaunch(), true));
        if (r.publicIp() != null) {
            String allocationId = r.elasticIpAllocationId();
            ElasticIp eip = allocationId == null ? null : scope.addresses.get(allocationId);
            eni.associate(r.privateIp(), new NetworkInterface.Association(r.publicIp(), allocationId,
                    eip == null ? null : eip.associationId()));
        }
        scope.networkInterfaces.put(eni.id(), eni);
        instance.primaryInterface(eni);
    }
}
