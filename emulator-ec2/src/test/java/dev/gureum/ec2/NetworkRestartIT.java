package dev.gureum.ec2;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReasonCode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.gureum.ec2.GatewaysIT.filter;
import static org.assertj.core.api.Assertions.assertThat;

/** The network around VPCs with a data directory: after a restart it is as it was, and its clock went on. */
class NetworkRestartIT {

    private static final Ec2Settings SETTINGS = Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final List<Ec2Client> clients = new ArrayList<>();
    private EmbeddedFrontEnd server;

    @AfterEach
    void close() {
        stop();
    }

    private Ec2Client client(String account) {
        Ec2Client c = SdkClients.withoutRetries(SdkClients.configure(Ec2Client.builder(), server.endpoint(), account,
                Region.US_EAST_1)).build();
        clients.add(c);
        return c;
    }

    private void start() {
        server = EmbeddedFrontEnd.persistent(dir, clock, new Ec2Module(SETTINGS));
    }

    private void stop() {
        clients.forEach(Ec2Client::close);
        clients.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void gatewaysTablesOptionsEndpointsAndPeeringSurviveARestart() {
        start();
        Ec2Client ec2 = client("111111111111");
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc();
        Vpc peer = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.0.0/24")).subnet();
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        ec2.createTags(r -> r.resources(igw).tags(t -> t.key("Name").value("edge")));
        var eip = ec2.allocateAddress(r -> { });
        String nat = ec2.createNatGateway(r -> r.subnetId(subnet.subnetId()).allocationId(eip.allocationId()))
                .natGateway().natGatewayId();
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        String association = ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnet.subnetId()))
                .associationId();
        String dopt = ec2.createDhcpOptions(r -> r.dhcpConfigurations(NewDhcpConfiguration.builder()
                .key("domain-name").values("corp.example").build())).dhcpOptions().dhcpOptionsId();
        ec2.associateDhcpOptions(r -> r.vpcId(vpc.vpcId()).dhcpOptionsId(dopt));
        ec2.modifyVpcAttribute(r -> r.vpcId(vpc.vpcId()).enableNetworkAddressUsageMetrics(v -> v.value(true)));
        String vpce = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName("com.amazonaws.us-east-1.s3")
                .routeTableIds(rtb)).vpcEndpoint().vpcEndpointId();
        String eigw = ec2.createEgressOnlyInternetGateway(r -> r.vpcId(vpc.vpcId())).egressOnlyInternetGateway()
                .egressOnlyInternetGatewayId();
        String pcx = ec2.createVpcPeeringConnection(r -> r.vpcId(vpc.vpcId()).peerVpcId(peer.vpcId()))
                .vpcPeeringConnection().vpcPeeringConnectionId();

        stop();
        clock.advanceSeconds(10);
        start();
        ec2 = client("111111111111");
        Ec2Client client = ec2;

        assertThat(ec2.describeInternetGateways(r -> r.internetGatewayIds(igw)).internetGateways().get(0))
                .satisfies(g -> {
                    assertThat(g.attachments().get(0).vpcId()).isEqualTo(vpc.vpcId());
                    assertThat(g.tags().get(0).value()).isEqualTo("edge");
                });
        // the NAT gateway's build went on while Gureum was stopped
        NatGateway natGateway = ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0);
        assertThat(natGateway.state()).isEqualTo(NatGatewayState.AVAILABLE);
        assertThat(natGateway.natGatewayAddresses().get(0).privateIp()).isEqualTo("10.0.0.4");
        assertThat(ec2.describeAddresses(r -> r.allocationIds(eip.allocationId())).addresses().get(0)
                .networkInterfaceId()).isEqualTo(natGateway.natGatewayAddresses().get(0).networkInterfaceId());
        RouteTable table = ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0);
        assertThat(table.routes()).hasSize(3);
        assertThat(table.routes().get(1).natGatewayId()).isEqualTo(nat);
        assertThat(table.routes().get(2).gatewayId()).isEqualTo(vpce);
        assertThat(table.associations().get(0).routeTableAssociationId()).isEqualTo(association);
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc.vpcId()), filter("association.main", "true")))
                .routeTables()).hasSize(1);
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs().get(0).dhcpOptionsId()).isEqualTo(dopt);
        assertThat(ec2.describeDhcpOptions(r -> r.dhcpOptionsIds(dopt)).dhcpOptions().get(0).dhcpConfigurations()
                .get(0).values().get(0).value()).isEqualTo("corp.example");
        assertThat(ec2.describeVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .attribute(VpcAttributeName.ENABLE_NETWORK_ADDRESS_USAGE_METRICS))
                .enableNetworkAddressUsageMetrics().value()).isTrue();
        assertThat(ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(vpce)).vpcEndpoints().get(0).routeTableIds())
                .containsExactly(rtb);
        assertThat(ec2.describeEgressOnlyInternetGateways(r -> r.egressOnlyInternetGatewayIds(eigw))
                .egressOnlyInternetGateways()).hasSize(1);
        assertThat(ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections()
                .get(0).status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.PENDING_ACCEPTANCE);
        // the default network of the account is there too
        String defaultVpc = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        assertThat(ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", defaultVpc)))
                .internetGateways()).hasSize(1);

        // and it goes on changing, durably
        client.deleteNatGateway(r -> r.natGatewayId(nat));
        client.deleteVpcEndpoints(r -> r.vpcEndpointIds(vpce));
        client.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
        stop();
        clock.advanceSeconds(10);
        start();
        ec2 = client("111111111111");
        assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0).state())
                .isEqualTo(NatGatewayState.DELETED);
        assertThat(ec2.describeVpcEndpoints().vpcEndpoints()).isEmpty();
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes()).hasSize(2);
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes().get(1)
                .stateAsString()).isEqualTo("blackhole");
        assertThat(ec2.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections()
                .get(0).status().code()).isEqualTo(VpcPeeringConnectionStateReasonCode.ACTIVE);
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet.subnetId())).subnets().get(0)
                .availableIpAddressCount()).isEqualTo(251);
    }
}
