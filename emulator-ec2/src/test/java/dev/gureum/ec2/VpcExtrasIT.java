package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.PrefixList;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReasonCode;

import java.util.List;

import static dev.gureum.ec2.GatewaysIT.code;
import static dev.gureum.ec2.GatewaysIT.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Terraform reads around a VPC: attributes, DHCP options, endpoints, prefix lists, peering. */
class VpcExtrasIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void vpcAttributes() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc();
        String id = vpc.vpcId();
        assertThat(ec2.describeVpcAttribute(r -> r.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value()).isTrue();
        assertThat(ec2.describeVpcAttribute(r -> r.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isFalse();
        assertThat(ec2.describeVpcAttribute(r -> r.vpcId(id)
                .attribute(VpcAttributeName.ENABLE_NETWORK_ADDRESS_USAGE_METRICS))
                .enableNetworkAddressUsageMetrics().value()).isFalse();
        ec2.modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(v -> v.value(true)));
        ec2.modifyVpcAttribute(r -> r.vpcId(id).enableNetworkAddressUsageMetrics(v -> v.value(true)));
        assertThat(ec2.describeVpcAttribute(r -> r.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value()).isTrue();
        assertThat(ec2.describeVpcAttribute(r -> r.vpcId(id)
                .attribute(VpcAttributeName.ENABLE_NETWORK_ADDRESS_USAGE_METRICS))
                .enableNetworkAddressUsageMetrics().value()).isTrue();
        assertThatThrownBy(() -> ec2.modifyVpcAttribute(r -> r.vpcId(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        assertThat(ec2.describeAccountAttributes(r -> r.attributeNamesWithStrings("supported-platforms"))
                .accountAttributes().get(0).attributeValues().get(0).attributeValue()).isEqualTo("VPC");
    }

    @Test
    void everyVpcHasADefaultNetworkAclThatAllowsEverything() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.7.0.0/24")).subnet();
        List<NetworkAcl> acls = ec2.describeNetworkAcls(r -> r.filters(filter("vpc-id", vpc.vpcId()),
                filter("default", "true"))).networkAcls();
        assertThat(acls).singleElement().satisfies(acl -> {
            assertThat(acl.networkAclId()).matches("acl-[0-9a-f]{17}");
            assertThat(acl.isDefault()).isTrue();
            assertThat(acl.associations()).singleElement()
                    .satisfies(a -> assertThat(a.subnetId()).isEqualTo(subnet.subnetId()));
            assertThat(acl.entries()).extracting(NetworkAclEntry::ruleNumber).containsExactly(100, 32767, 100, 32767);
            assertThat(acl.entries().get(0).ruleActionAsString()).isEqualTo("allow");
        });
        String id = acls.get(0).networkAclId();
        assertThat(ec2.describeNetworkAcls(r -> r.networkAclIds(id)).networkAcls()).hasSize(1);
        assertThat(ec2.describeNetworkAcls(r -> r.filters(filter("association.subnet-id", subnet.subnetId())))
                .networkAcls()).extracting(NetworkAcl::networkAclId).containsExactly(id);
        assertThatThrownBy(() -> ec2.describeNetworkAcls(r -> r.networkAclIds("acl-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidNetworkAclID.NotFound"));
    }

    @Test
    void dhcpOptionsSets() {
        Vpc defaultVpc = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0);
        DhcpOptions regional = ec2.describeDhcpOptions(r -> r.dhcpOptionsIds(defaultVpc.dhcpOptionsId()))
                .dhcpOptions().get(0);
        assertThat(regional.dhcpConfigurations()).extracting(DhcpConfiguration::key)
                .containsExactly("domain-name", "domain-name-servers");
        assertThat(regional.dhcpConfigurations().get(0).values().get(0).value()).isEqualTo("ec2.internal");
        assertThat(regional.dhcpConfigurations().get(1).values().get(0).value()).isEqualTo("AmazonProvidedDNS");

        DhcpOptions mine = ec2.createDhcpOptions(r -> r.dhcpConfigurations(
                NewDhcpConfiguration.builder().key("domain-name").values("corp.example").build(),
                NewDhcpConfiguration.builder().key("domain-name-servers").values("10.0.0.2", "10.0.0.3").build()))
                .dhcpOptions();
        assertThat(mine.dhcpOptionsId()).matches("dopt-[0-9a-f]{17}");
        assertThat(mine.ownerId()).isEqualTo("000000000000");
        assertThat(mine.dhcpConfigurations().get(1).values()).hasSize(2);
        assertThatThrownBy(() -> ec2.createDhcpOptions(r -> r.dhcpConfigurations(
                NewDhcpConfiguration.builder().key("bogus").values("x").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThat(ec2.describeDhcpOptions(r -> r.filters(filter("value", "corp.example"))).dhcpOptions())
                .extracting(DhcpOptions::dhcpOptionsId).containsExactly(mine.dhcpOptionsId());

        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc();
        assertThat(vpc.dhcpOptionsId()).isEqualTo(defaultVpc.dhcpOptionsId());
        ec2.associateDhcpOptions(r -> r.vpcId(vpc.vpcId()).dhcpOptionsId(mine.dhcpOptionsId()));
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs().get(0).dhcpOptionsId())
                .isEqualTo(mine.dhcpOptionsId());
        assertThatThrownBy(() -> ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(mine.dhcpOptionsId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.associateDhcpOptions(r -> r.vpcId(vpc.vpcId()).dhcpOptionsId("default"));
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs().get(0).dhcpOptionsId()).isEqualTo("default");
        ec2.deleteDhcpOptions(r -> r.dhcpOptionsId(mine.dhcpOptionsId()));
        assertThatThrownBy(() -> ec2.describeDhcpOptions(r -> r.dhcpOptionsIds(mine.dhcpOptionsId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidDhcpOptionID.NotFound"));
        assertThatThrownBy(() -> ec2.associateDhcpOptions(r -> r.vpcId(vpc.vpcId())
                .dhcpOptionsId(mine.dhcpOptionsId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidDhcpOptionID.NotFound"));
    }

    @Test
    void aGatewayEndpointRoutesTheServicesPrefixList() {
        PrefixList s3 = ec2.describePrefixLists(r -> r.filters(filter("prefix-list-name", "com.amazonaws.us-east-1.s3")))
                .prefixLists().get(0);
        assertThat(s3.prefixListId()).isEqualTo("pl-63a5400a");
        assertThat(s3.cidrs()).contains("52.216.0.0/15");
        assertThat(ec2.describeManagedPrefixLists(r -> r.prefixListIds(s3.prefixListId())).prefixLists().get(0)
                .prefixListArn()).isEqualTo("arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a");
        assertThat(ec2.getManagedPrefixListEntries(r -> r.prefixListId(s3.prefixListId())).entries())
                .hasSameSizeAs(s3.cidrs());

        List<ServiceDetail> services = ec2.describeVpcEndpointServices(r -> r.serviceNames(
                "com.amazonaws.us-east-1.s3")).serviceDetails();
        assertThat(services).extracting(d -> d.serviceType().get(0).serviceTypeAsString())
                .containsExactly("Gateway", "Interface");
        assertThatThrownBy(() -> ec2.describeVpcEndpointServices(r -> r.serviceNames("com.amazonaws.us-east-1.nope")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidServiceName"));

        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc();
        String rtb = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc.vpcId()))).routeTables().get(0)
                .routeTableId();
        VpcEndpoint endpoint = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId())
                .serviceName("com.amazonaws.us-east-1.s3").routeTableIds(rtb)).vpcEndpoint();
        assertThat(endpoint.vpcEndpointId()).matches("vpce-[0-9a-f]{17}");
        assertThat(endpoint.vpcEndpointType()).isEqualTo(VpcEndpointType.GATEWAY);
        assertThat(endpoint.stateAsString()).isEqualTo("available");
        assertThat(endpoint.routeTableIds()).containsExactly(rtb);
        assertThat(endpoint.policyDocument()).contains("\"Allow\"");
        RouteTable table = ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0);
        Route route = table.routes().stream().filter(x -> s3.prefixListId().equals(x.destinationPrefixListId()))
                .findFirst().orElseThrow();
        assertThat(route.gatewayId()).isEqualTo(endpoint.vpcEndpointId());
        assertThat(route.stateAsString()).isEqualTo("active");

        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThat(ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-endpoint-type", "Gateway"),
                filter("service-name", "com.amazonaws.us-east-1.s3"))).vpcEndpoints()).hasSize(1);
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(endpoint.vpcEndpointId()).removeRouteTableIds(rtb));
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes()).hasSize(1);
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(endpoint.vpcEndpointId()).addRouteTableIds(rtb));
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes()).hasSize(2);

        assertThat(ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(endpoint.vpcEndpointId(), "vpce-0123456789abcdef0"))
                .unsuccessful()).singleElement().satisfies(u -> {
                    assertThat(u.resourceId()).isEqualTo("vpce-0123456789abcdef0");
                    assertThat(u.error().code()).isEqualTo("InvalidVpcEndpointId.NotFound");
                });
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes()).hasSize(1);
        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
    }

    @Test
    void anInterfaceEndpointSitsInSubnets() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.3.0.0/24")).subnet();
        assertThatThrownBy(() -> ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.GATEWAY)
                .serviceName("com.amazonaws.us-east-1.sqs")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        VpcEndpoint e = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).vpcEndpointType(VpcEndpointType.INTERFACE)
                .serviceName("com.amazonaws.us-east-1.sqs").subnetIds(subnet.subnetId())).vpcEndpoint();
        assertThat(e.stateAsString()).isEqualTo("pending");
        assertThat(e.subnetIds()).containsExactly(subnet.subnetId());
        assertThat(e.groups()).singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("default"));
        assertThat(e.privateDnsEnabled()).isTrue();
        assertThat(e.dnsEntries()).extracting(d -> d.dnsName())
                .contains(e.vpcEndpointId() + ".sqs.us-east-1.vpce.amazonaws.com", "sqs.us-east-1.amazonaws.com");
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(e.vpcEndpointId())).vpcEndpoints().get(0)
                .stateAsString()).isEqualTo("available");
        assertThatThrownBy(() -> ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId())))
                .satisfies(x -> assertThat(code(x)).isEqualTo("DependencyViolation"));
        ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(e.vpcEndpointId()));
        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));
    }

    @Test
    void peeringWithinAnAccountAndAcrossAccounts() {
        Vpc a = ec2.createVpc(r -> r.cidrBlock("10.10.0.0/16")).vpc();
        Vpc b = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc();
        Vpc overlapping = ec2.createVpc(r -> r.cidrBlock("10.10.0.0/20")).vpc();

        VpcPeeringConnection requested = ec2.createVpcPeeringConnection(r -> r.vpcId(a.vpcId()).peerVpcId(b.vpcId()))
                .vpcPeeringConnection();
        assertThat(requested.vpcPeeringConnectionId()).matches("pcx-[0-9a-f]{17}");
        assertThat(requested.status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.INITIATING_REQUEST);
        String pcx = requested.vpcPeeringConnectionId();
        VpcPeeringConnection pending = ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx))
                .vpcPeeringConnections().get(0);
        assertThat(pending.status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.PENDING_ACCEPTANCE);
        assertThat(pending.expirationTime()).isEqualTo(harness.clock.instant().plusSeconds(7 * 24 * 3600));
        assertThat(pending.requesterVpcInfo().cidrBlock()).isEqualTo("10.10.0.0/16");
        assertThat(pending.accepterVpcInfo().vpcId()).isEqualTo(b.vpcId());

        String rtb = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", a.vpcId()))).routeTables().get(0)
                .routeTableId();
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.20.0.0/16").vpcPeeringConnectionId(pcx));
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes().get(1)
                .stateAsString()).isEqualTo("blackhole");
        ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
        assertThat(ec2.describeVpcPeeringConnections(r -> r.filters(filter("status-code", "active")))
                .vpcPeeringConnections()).extracting(VpcPeeringConnection::vpcPeeringConnectionId).containsExactly(pcx);
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes().get(1)
                .stateAsString()).isEqualTo("active");
        assertThatThrownBy(() -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidStateTransition"));
        ec2.deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
        assertThat(ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections()
                .get(0).status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.DELETED);

        String failed = ec2.createVpcPeeringConnection(r -> r.vpcId(a.vpcId()).peerVpcId(overlapping.vpcId()))
                .vpcPeeringConnection().vpcPeeringConnectionId();
        assertThat(ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(failed)).vpcPeeringConnections()
                .get(0).status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.FAILED);

        // another account sees the request to its VPC, and accepts it; the requester cannot
        try (Ec2Client bob = harness.ec2("222222222222", "us-east-1")) {
            Vpc bobs = bob.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc();
            String cross = ec2.createVpcPeeringConnection(r -> r.vpcId(a.vpcId()).peerVpcId(bobs.vpcId())
                    .peerOwnerId("222222222222")).vpcPeeringConnection().vpcPeeringConnectionId();
            assertThatThrownBy(() -> ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(cross)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("OperationNotPermitted"));
            assertThat(bob.describeVpcPeeringConnections().vpcPeeringConnections())
                    .extracting(VpcPeeringConnection::vpcPeeringConnectionId).containsExactly(cross);
            bob.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(cross));
            VpcPeeringConnection active = ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(cross))
                    .vpcPeeringConnections().get(0);
            assertThat(active.status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.ACTIVE);
            assertThat(active.accepterVpcInfo().ownerId()).isEqualTo("222222222222");
            assertThat(active.accepterVpcInfo().cidrBlock()).isEqualTo("10.30.0.0/16");

            String rejected = ec2.createVpcPeeringConnection(r -> r.vpcId(b.vpcId()).peerVpcId(bobs.vpcId())
                    .peerOwnerId("222222222222")).vpcPeeringConnection().vpcPeeringConnectionId();
            bob.rejectVpcPeeringConnection(r -> r.vpcPeeringConnectionId(rejected));
            assertThat(ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(rejected))
                    .vpcPeeringConnections().get(0).status().code())
                    .isEqualTo(VpcPeeringConnectionStateReasonCode.REJECTED);
        }
        // and to a VPC of the account in another region, accepted there
        try (Ec2Client ireland = harness.ec2("test", "eu-west-1")) {
            Vpc far = ireland.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc();
            String crossRegion = ec2.createVpcPeeringConnection(r -> r.vpcId(a.vpcId()).peerVpcId(far.vpcId())
                    .peerRegion("eu-west-1")).vpcPeeringConnection().vpcPeeringConnectionId();
            ireland.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(crossRegion));
            VpcPeeringConnection c = ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(crossRegion))
                    .vpcPeeringConnections().get(0);
            assertThat(c.status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.ACTIVE);
            assertThat(c.accepterVpcInfo().region()).isEqualTo("eu-west-1");
            assertThat(c.requesterVpcInfo().region()).isEqualTo("us-east-1");
            // a prefix list of another region has an id of its own
            assertThat(ireland.describePrefixLists().prefixLists()).extracting(PrefixList::prefixListName)
                    .containsExactly("com.amazonaws.eu-west-1.s3", "com.amazonaws.eu-west-1.dynamodb");
            assertThat(ireland.describePrefixLists().prefixLists().get(0).prefixListId()).matches("pl-[0-9a-f]{8}")
                    .isNotEqualTo("pl-63a5400a");
        }
        // an unanswered request expires after a week
        String unanswered = ec2.createVpcPeeringConnection(r -> r.vpcId(b.vpcId()).peerVpcId(a.vpcId()))
                .vpcPeeringConnection().vpcPeeringConnectionId();
        harness.clock.advanceSeconds(7 * 24 * 3600);
        assertThat(ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(unanswered))
                .vpcPeeringConnections().get(0).status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.EXPIRED);
        assertThatThrownBy(() -> ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds("pcx-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpcPeeringConnectionID.NotFound"));
    }
}
