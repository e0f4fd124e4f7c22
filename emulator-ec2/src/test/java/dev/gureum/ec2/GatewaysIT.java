package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.ConnectivityType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Internet gateways, egress-only internet gateways and NAT gateways. */
class GatewaysIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void theDefaultVpcHasAnAttachedInternetGateway() {
        Vpc vpc = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0);
        InternetGateway igw = ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpc.vpcId())))
                .internetGateways().get(0);
        assertThat(igw.internetGatewayId()).matches("igw-[0-9a-f]{17}");
        assertThat(igw.ownerId()).isEqualTo("000000000000");
        assertThat(igw.attachments()).singleElement().satisfies(a -> {
            assertThat(a.vpcId()).isEqualTo(vpc.vpcId());
            assertThat(a.stateAsString()).isEqualTo("available");
        });
    }

    @Test
    void attachDetachAndDeleteAnInternetGateway() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc();
        Vpc other = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc();
        InternetGateway igw = ec2.createInternetGateway(r -> r.tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.INTERNET_GATEWAY).tags(Tag.builder().key("Name").value("edge").build())
                .build())).internetGateway();
        assertThat(igw.attachments()).isEmpty();
        assertThat(igw.tags()).extracting(Tag::value).containsExactly("edge");
        String id = igw.internetGatewayId();

        ec2.attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpc.vpcId()));
        assertThatThrownBy(() -> ec2.attachInternetGateway(r -> r.internetGatewayId(id).vpcId(other.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
        String second = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        assertThatThrownBy(() -> ec2.attachInternetGateway(r -> r.internetGatewayId(second).vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));

        assertThat(ec2.describeInternetGateways(r -> r.filters(filter("tag:Name", "edge"))).internetGateways())
                .singleElement().satisfies(g -> assertThat(g.attachments().get(0).vpcId()).isEqualTo(vpc.vpcId()));
        assertThat(ec2.describeInternetGateways(r -> r.filters(filter("attachment.state", "available"),
                filter("attachment.vpc-id", vpc.vpcId(), other.vpcId()))).internetGateways()).hasSize(1);

        assertThatThrownBy(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(id).vpcId(other.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Gateway.NotAttached"));
        ec2.detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpc.vpcId()));
        ec2.deleteInternetGateway(r -> r.internetGatewayId(id));
        assertThatThrownBy(() -> ec2.describeInternetGateways(r -> r.internetGatewayIds(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInternetGatewayID.NotFound"));
        assertThatThrownBy(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId("igw-nope")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInternetGatewayId.Malformed"));
        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
    }

    @Test
    void detachingIsRefusedWhileTheVpcHasPublicAddresses() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.2.0.0/24")).subnet();
        ec2.modifySubnetAttribute(r -> r.subnetId(subnet.subnetId()).mapPublicIpOnLaunch(v -> v.value(true)));
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        Instance i = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(subnet.subnetId())).instances().get(0);
        assertThat(i.publicIpAddress()).isNotNull();
        assertThatThrownBy(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"))
                .hasMessageContaining("mapped public address");
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advanceSeconds(5);
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
    }

    @Test
    void egressOnlyInternetGateways() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc();
        var created = ec2.createEgressOnlyInternetGateway(r -> r.vpcId(vpc.vpcId())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.EGRESS_ONLY_INTERNET_GATEWAY)
                        .tags(Tag.builder().key("k").value("v").build()).build())).egressOnlyInternetGateway();
        assertThat(created.egressOnlyInternetGatewayId()).matches("eigw-[0-9a-f]{17}");
        assertThat(created.attachments()).singleElement().satisfies(a -> {
            assertThat(a.vpcId()).isEqualTo(vpc.vpcId());
            assertThat(a.stateAsString()).isEqualTo("attached");
        });
        assertThat(ec2.describeEgressOnlyInternetGateways(r -> r.filters(filter("tag:k", "v")))
                .egressOnlyInternetGateways()).hasSize(1);
        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThat(ec2.deleteEgressOnlyInternetGateway(r -> r.egressOnlyInternetGatewayId(
                created.egressOnlyInternetGatewayId())).returnCode()).isTrue();
        assertThat(ec2.describeEgressOnlyInternetGateways().egressOnlyInternetGateways()).isEmpty();
        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
    }

    @Test
    void aPublicNatGatewayIsBuiltOnTheClockWithAnAddressOfItsSubnet() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.4.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.4.1.0/24")
                .availabilityZone("us-east-1a")).subnet();
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        var eip = ec2.allocateAddress(r -> { });

        NatGateway nat = ec2.createNatGateway(r -> r.subnetId(subnet.subnetId()).allocationId(eip.allocationId())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.NATGATEWAY)
                        .tags(Tag.builder().key("Name").value("out").build()).build())).natGateway();
        assertThat(nat.natGatewayId()).matches("nat-[0-9a-f]{17}");
        assertThat(nat.state()).isEqualTo(NatGatewayState.PENDING);
        assertThat(nat.vpcId()).isEqualTo(vpc.vpcId());
        assertThat(nat.connectivityType()).isEqualTo(ConnectivityType.PUBLIC);
        assertThat(nat.createTime()).isEqualTo(harness.clock.instant());
        assertThat(nat.natGatewayAddresses()).singleElement().satisfies(a -> {
            assertThat(a.allocationId()).isEqualTo(eip.allocationId());
            assertThat(a.publicIp()).isEqualTo(eip.publicIp());
            assertThat(a.privateIp()).isEqualTo("10.4.1.4");
            assertThat(a.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
            assertThat(a.isPrimary()).isTrue();
        });
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet.subnetId())).subnets().get(0)
                .availableIpAddressCount()).isEqualTo(250);
        Address address = ec2.describeAddresses(r -> r.allocationIds(eip.allocationId())).addresses().get(0);
        assertThat(address.networkInterfaceId()).isEqualTo(nat.natGatewayAddresses().get(0).networkInterfaceId());
        assertThat(address.privateIpAddress()).isEqualTo("10.4.1.4");
        assertThatThrownBy(() -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidIPAddress.InUse"));
        Instance other = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(subnet.subnetId())).instances().get(0);
        assertThatThrownBy(() -> ec2.associateAddress(r -> r.allocationId(eip.allocationId())
                .instanceId(other.instanceId()).allowReassociation(true)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
        ec2.terminateInstances(r -> r.instanceIds(other.instanceId()));

        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(nat.natGatewayId())).natGateways().get(0).state())
                .isEqualTo(NatGatewayState.AVAILABLE);
        assertThat(ec2.describeNatGateways(r -> r.filter(filter("state", "available"), filter("vpc-id", vpc.vpcId()),
                filter("tag:Name", "out"))).natGateways()).hasSize(1);
        assertThat(ec2.describeNatGateways(r -> r.filter(filter("subnet-id", "subnet-0123456789abcdef0")))
                .natGateways()).isEmpty();

        // the gateway holds its subnet, its VPC and the internet gateway's public addresses
        assertThatThrownBy(() -> ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));

        assertThat(ec2.deleteNatGateway(r -> r.natGatewayId(nat.natGatewayId())).natGatewayId())
                .isEqualTo(nat.natGatewayId());
        NatGateway deleting = ec2.describeNatGateways(r -> r.natGatewayIds(nat.natGatewayId())).natGateways().get(0);
        assertThat(deleting.state()).isEqualTo(NatGatewayState.DELETING);
        assertThat(deleting.deleteTime()).isEqualTo(harness.clock.instant());
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(nat.natGatewayId())).natGateways().get(0).state())
                .isEqualTo(NatGatewayState.DELETED);
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet.subnetId())).subnets().get(0)
                .availableIpAddressCount()).isEqualTo(251);
        assertThat(ec2.describeAddresses(r -> r.allocationIds(eip.allocationId())).addresses().get(0).associationId())
                .isNull();
        ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));

        // a deleted gateway is shown for about an hour, then forgotten
        harness.clock.advanceSeconds(3600);
        assertThatThrownBy(() -> ec2.describeNatGateways(r -> r.natGatewayIds(nat.natGatewayId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NatGatewayNotFound"));
    }

    @Test
    void aPublicNatGatewayFailsWithoutAnInternetGateway() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.5.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.5.0.0/24")).subnet();
        var eip = ec2.allocateAddress(r -> { });
        String id = ec2.createNatGateway(r -> r.subnetId(subnet.subnetId()).allocationId(eip.allocationId()))
                .natGateway().natGatewayId();
        harness.clock.advanceSeconds(5);
        NatGateway failed = ec2.describeNatGateways(r -> r.natGatewayIds(id)).natGateways().get(0);
        assertThat(failed.state()).isEqualTo(NatGatewayState.FAILED);
        assertThat(failed.failureCode()).isEqualTo("Gateway.NotAttached");
        assertThat(failed.failureMessage()).isEqualTo("Network " + vpc.vpcId() + " has no Internet gateway attached");
        // a failed gateway holds nothing
        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));

        assertThatThrownBy(() -> ec2.createNatGateway(r -> r.subnetId(subnet.subnetId())))
                .satisfies(e -> assertThat(code(e)).isIn("MissingParameter", "InvalidSubnetID.NotFound"));
        assertThatThrownBy(() -> ec2.createNatGateway(r -> r.subnetId("subnet-0123456789abcdef0")
                .allocationId(eip.allocationId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnetID.NotFound"));
    }

    @Test
    void aPrivateNatGatewayNeedsNoAddress() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.6.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.6.0.0/24")).subnet();
        assertThatThrownBy(() -> ec2.createNatGateway(r -> r.subnetId(subnet.subnetId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        NatGateway nat = ec2.createNatGateway(r -> r.subnetId(subnet.subnetId())
                .connectivityType(ConnectivityType.PRIVATE).privateIpAddress("10.6.0.100")).natGateway();
        assertThat(nat.connectivityType()).isEqualTo(ConnectivityType.PRIVATE);
        assertThat(nat.natGatewayAddresses().get(0).privateIp()).isEqualTo("10.6.0.100");
        assertThat(nat.natGatewayAddresses().get(0).publicIp()).isNull();
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(nat.natGatewayId())).natGateways().get(0).state())
                .isEqualTo(NatGatewayState.AVAILABLE);
        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.describeNatGateways(r -> r.natGatewayIds("nat-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NatGatewayNotFound"));
        List<Tag> none = ec2.describeNatGateways().natGateways().get(0).tags();
        assertThat(none).isEmpty();
    }
}
