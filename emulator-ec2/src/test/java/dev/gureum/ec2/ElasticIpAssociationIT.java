package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Subnet;

import static dev.gureum.ec2.NetworkInterfacesIT.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Elastic IPs on network interfaces, and on instances through their primary interface. */
class ElasticIpAssociationIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private Address address(String allocationId) {
        return ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0);
    }

    private NetworkInterface eni(String id) {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id)).networkInterfaces().get(0);
    }

    private Instance instance(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private void refused(Runnable call, String code) {
        assertThatThrownBy(call::run).satisfies(e -> assertThat(code(e)).isEqualTo(code));
    }

    @Test
    void anAddressOnAnInterfaceFollowsItsAttachment() {
        Subnet subnet = NetworkInterfacesIT.network(ec2).get(0);
        NetworkInterface created = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId())
                .secondaryPrivateIpAddressCount(1)).networkInterface();
        String eniId = created.networkInterfaceId();
        String secondary = created.privateIpAddresses().get(1).privateIpAddress();
        String first = ec2.allocateAddress(r -> { }).allocationId();
        String second = ec2.allocateAddress(r -> { }).allocationId();

        String association = ec2.associateAddress(r -> r.allocationId(first).networkInterfaceId(eniId)).associationId();
        assertThat(association).matches("eipassoc-[0-9a-f]{17}");
        Address a = address(first);
        assertThat(a.networkInterfaceId()).isEqualTo(eniId);
        assertThat(a.networkInterfaceOwnerId()).isEqualTo(created.ownerId());
        assertThat(a.privateIpAddress()).isEqualTo(created.privateIpAddress());
        assertThat(a.associationId()).isEqualTo(association);
        assertThat(a.instanceId()).isNull();
        assertThat(a.subnetId()).isEqualTo(subnet.subnetId());
        NetworkInterface eni = eni(eniId);
        assertThat(eni.association().publicIp()).isEqualTo(a.publicIp());
        assertThat(eni.association().allocationId()).isEqualTo(first);
        assertThat(eni.association().associationId()).isEqualTo(association);
        assertThat(eni.association().ipOwnerId()).isEqualTo(created.ownerId());
        assertThat(eni.association().publicDnsName()).isEqualTo("ec2-" + a.publicIp().replace('.', '-')
                + ".compute-1.amazonaws.com");

        // a second address on the secondary private address
        ec2.associateAddress(r -> r.allocationId(second).networkInterfaceId(eniId).privateIpAddress(secondary));
        assertThat(address(second).privateIpAddress()).isEqualTo(secondary);
        assertThat(eni(eniId).privateIpAddresses()).extracting(p -> p.association() == null ? null
                : p.association().allocationId()).containsExactly(first, second);
        refused(() -> ec2.associateAddress(r -> r.allocationId(second).networkInterfaceId(eniId)
                .privateIpAddress("10.0.1.200")), "InvalidParameterValue");

        // attached, the addresses name the instance
        Instance instance = NetworkInterfacesIT.run(ec2, subnet.subnetId());
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(eniId).instanceId(instance.instanceId()).deviceIndex(1));
        assertThat(address(first).instanceId()).isEqualTo(instance.instanceId());
        assertThat(instance(instance.instanceId()).networkInterfaces().get(1).association().publicIp())
                .isEqualTo(a.publicIp());
        // with two interfaces, an instance must be told which
        String third = ec2.allocateAddress(r -> { }).allocationId();
        refused(() -> ec2.associateAddress(r -> r.allocationId(third).instanceId(instance.instanceId())),
                "InvalidInstanceID");
        refused(() -> ec2.associateAddress(r -> r.allocationId(third).instanceId(instance.instanceId())
                .networkInterfaceId(eniId)), "InvalidParameterCombination");

        // an associated address moves only when reassociation is allowed
        String primaryEni = instance.networkInterfaces().get(0).networkInterfaceId();
        refused(() -> ec2.associateAddress(r -> r.allocationId(first).networkInterfaceId(primaryEni)),
                "Resource.AlreadyAssociated");
        ec2.associateAddress(r -> r.allocationId(first).networkInterfaceId(primaryEni).allowReassociation(true));
        assertThat(address(first).networkInterfaceId()).isEqualTo(primaryEni);
        assertThat(address(first).instanceId()).isEqualTo(instance.instanceId());
        assertThat(instance(instance.instanceId()).publicIpAddress()).isEqualTo(a.publicIp());
        assertThat(eni(eniId).association()).isNull();

        ec2.detachNetworkInterface(r -> r.attachmentId(eni(eniId).attachment().attachmentId()));
        assertThat(address(second).instanceId()).isNull();
        assertThat(address(second).networkInterfaceId()).isEqualTo(eniId);

        ec2.disassociateAddress(r -> r.associationId(address(second).associationId()));
        assertThat(address(second).associationId()).isNull();
        assertThat(address(second).networkInterfaceId()).isNull();
        assertThat(eni(eniId).privateIpAddresses()).allSatisfy(p -> assertThat(p.association()).isNull());
        refused(() -> ec2.associateAddress(r -> r.allocationId(second).networkInterfaceId("eni-0123456789abcdef0")),
                "InvalidNetworkInterfaceID.NotFound");
        refused(() -> ec2.associateAddress(r -> r.allocationId(second).networkInterfaceId("eni-x")),
                "InvalidNetworkInterfaceID.Malformed");

        // unassigning a private address takes its Elastic IP off; deleting an interface takes all of them off
        ec2.associateAddress(r -> r.allocationId(second).networkInterfaceId(eniId).privateIpAddress(secondary));
        ec2.unassignPrivateIpAddresses(r -> r.networkInterfaceId(eniId).privateIpAddresses(secondary));
        assertThat(address(second).associationId()).isNull();
        ec2.associateAddress(r -> r.allocationId(second).networkInterfaceId(eniId));
        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eniId));
        assertThat(address(second).associationId()).isNull();
        ec2.releaseAddress(r -> r.allocationId(second));
    }

    @Test
    void anInstancesAddressIsOnItsPrimaryInterface() {
        Instance instance = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)).instances().get(0);
        String automatic = instance.publicIpAddress();
        assertThat(automatic).isNotNull();
        String eniId = instance.networkInterfaces().get(0).networkInterfaceId();
        String allocation = ec2.allocateAddress(r -> { }).allocationId();
        ec2.associateAddress(r -> r.allocationId(allocation).instanceId(instance.instanceId()));
        Address a = address(allocation);
        assertThat(a.networkInterfaceId()).isEqualTo(eniId);
        assertThat(a.privateIpAddress()).isEqualTo(instance.privateIpAddress());
        assertThat(a.instanceId()).isEqualTo(instance.instanceId());
        NetworkInterface eni = eni(eniId);
        assertThat(eni.association().publicIp()).isEqualTo(a.publicIp());
        assertThat(eni.association().ipOwnerId()).isEqualTo(eni.ownerId());
        assertThat(instance(instance.instanceId()).networkInterfaces().get(0).association().ipOwnerId())
                .isEqualTo(eni.ownerId());
        assertThat(ec2.describeAddresses(r -> r.filters(NetworkInterfacesIT.filter("network-interface-id", eniId)))
                .addresses()).extracting(Address::allocationId).containsExactly(allocation);

        ec2.disassociateAddress(r -> r.associationId(a.associationId()));
        Instance after = instance(instance.instanceId());
        // the instance gets a new address from Amazon
        assertThat(after.publicIpAddress()).isNotNull().isNotEqualTo(a.publicIp());
        assertThat(after.networkInterfaces().get(0).association().ipOwnerId()).isEqualTo("amazon");
        assertThat(eni(eniId).privateIpAddresses()).extracting(NetworkInterfacePrivateIpAddress::association)
                .allSatisfy(x -> assertThat(x.allocationId()).isNull());
        assertThat(ec2.describeNetworkInterfaces(r -> r.filters(NetworkInterfacesIT.filter("association.public-ip",
                after.publicIpAddress()))).networkInterfaces()).hasSize(1);

        // termination takes the address off the interface that goes with the instance
        ec2.associateAddress(r -> r.allocationId(allocation).instanceId(instance.instanceId()));
        ec2.terminateInstances(r -> r.instanceIds(instance.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(address(allocation).associationId()).isNull();
        assertThat(address(allocation).networkInterfaceId()).isNull();
        ec2.releaseAddress(r -> r.allocationId(allocation));
    }
}
