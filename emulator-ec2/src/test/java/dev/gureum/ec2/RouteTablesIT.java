package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

import static dev.gureum.ec2.GatewaysIT.code;
import static dev.gureum.ec2.GatewaysIT.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route tables, their routes and associations; and the public and private subnets they make. */
class RouteTablesIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private RouteTable main(String vpcId) {
        return ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                .routeTables().get(0);
    }

    private RouteTable table(String id) {
        return ec2.describeRouteTables(r -> r.routeTableIds(id)).routeTables().get(0);
    }

    private static Route route(RouteTable t, String destination) {
        return t.routes().stream().filter(r -> destination.equals(r.destinationCidrBlock())
                || destination.equals(r.destinationPrefixListId())).findFirst().orElseThrow();
    }

    @Test
    void theDefaultVpcsMainTableRoutesToItsInternetGateway() {
        Vpc vpc = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0);
        String igw = ec2.describeInternetGateways().internetGateways().get(0).internetGatewayId();
        RouteTable main = main(vpc.vpcId());
        assertThat(main.routeTableId()).matches("rtb-[0-9a-f]{17}");
        assertThat(main.associations()).singleElement().satisfies(a -> {
            assertThat(a.main()).isTrue();
            assertThat(a.routeTableAssociationId()).matches("rtbassoc-[0-9a-f]{17}");
            assertThat(a.subnetId()).isNull();
            assertThat(a.associationState().stateAsString()).isEqualTo("associated");
        });
        assertThat(main.routes()).hasSize(2);
        Route local = route(main, "172.31.0.0/16");
        assertThat(local.gatewayId()).isEqualTo("local");
        assertThat(local.originAsString()).isEqualTo("CreateRouteTable");
        assertThat(local.state()).isEqualTo(RouteState.ACTIVE);
        Route internet = route(main, "0.0.0.0/0");
        assertThat(internet.gatewayId()).isEqualTo(igw);
        assertThat(internet.originAsString()).isEqualTo("CreateRoute");
        assertThat(internet.state()).isEqualTo(RouteState.ACTIVE);
    }

    @Test
    void routesToGatewaysAndBlackholesWhenTheyGo() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc();
        RouteTable main = main(vpc.vpcId());
        assertThat(main.routes()).singleElement().satisfies(r -> assertThat(r.gatewayId()).isEqualTo("local"));
        RouteTable custom = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId()).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ROUTE_TABLE).tags(Tag.builder().key("Name").value("public").build())
                .build())).routeTable();
        assertThat(custom.associations()).isEmpty();
        assertThat(custom.routes()).hasSize(1);
        String rtb = custom.routeTableId();
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();

        // the gateway must be attached to the table's VPC
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0")
                .gatewayId("igw-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGatewayID.NotFound"));
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        assertThat(ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw))
                .returnValue()).isTrue();
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("RouteAlreadyExists"));
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.0.5.0/24").gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        assertThat(route(table(rtb), "0.0.0.0/0").state()).isEqualTo(RouteState.ACTIVE);

        assertThat(ec2.describeRouteTables(r -> r.filters(filter("route.gateway-id", igw))).routeTables())
                .extracting(RouteTable::routeTableId).containsExactly(rtb);
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("tag:Name", "public"),
                filter("route.destination-cidr-block", "0.0.0.0/0"))).routeTables()).hasSize(1);
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc.vpcId()),
                filter("association.main", "false"))).routeTables()).isEmpty();

        // detached, the gateway's route stays as a blackhole
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        assertThat(route(table(rtb), "0.0.0.0/0").state()).isEqualTo(RouteState.BLACKHOLE);
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("route.state", "blackhole"))).routeTables())
                .extracting(RouteTable::routeTableId).containsExactly(rtb);
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        assertThat(route(table(rtb), "0.0.0.0/0").state()).isEqualTo(RouteState.ACTIVE);

        // replace and delete
        String other = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        assertThatThrownBy(() -> ec2.replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24").gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(other)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.0.0.0/16")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("8.8.8.0/24")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRoute.NotFound"));
        ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"));
        assertThat(table(rtb).routes()).hasSize(1);

        assertThatThrownBy(() -> ec2.deleteRouteTable(r -> r.routeTableId(main.routeTableId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.deleteRouteTable(r -> r.routeTableId(rtb));
        assertThatThrownBy(() -> ec2.describeRouteTables(r -> r.routeTableIds(rtb)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRouteTableID.NotFound"));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        // the VPC takes its main table with it
        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
        assertThatThrownBy(() -> ec2.describeRouteTables(r -> r.routeTableIds(main.routeTableId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRouteTableID.NotFound"));
    }

    @Test
    void subnetAssociationsAndTheMainAssociation() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.1.1.0/24")).subnet();
        RouteTable main = main(vpc.vpcId());
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
        String rtb2 = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();

        var associated = ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(subnet.subnetId()));
        assertThat(associated.associationId()).matches("rtbassoc-[0-9a-f]{17}");
        assertThat(associated.associationState().stateAsString()).isEqualTo("associated");
        assertThatThrownBy(() -> ec2.associateRouteTable(r -> r.routeTableId(rtb2).subnetId(subnet.subnetId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
        Vpc other = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc();
        Subnet foreign = ec2.createSubnet(r -> r.vpcId(other.vpcId()).cidrBlock("10.2.1.0/24")).subnet();
        assertThatThrownBy(() -> ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(foreign.subnetId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));

        assertThat(ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", subnet.subnetId())))
                .routeTables()).extracting(RouteTable::routeTableId).containsExactly(rtb);
        assertThatThrownBy(() -> ec2.deleteRouteTable(r -> r.routeTableId(rtb)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));

        // an association moves to another table under a new id
        String moved = ec2.replaceRouteTableAssociation(r -> r.associationId(associated.associationId())
                .routeTableId(rtb2)).newAssociationId();
        assertThat(moved).isNotEqualTo(associated.associationId());
        assertThat(table(rtb).associations()).isEmpty();
        assertThat(table(rtb2).associations()).singleElement()
                .satisfies(a -> assertThat(a.subnetId()).isEqualTo(subnet.subnetId()));
        assertThatThrownBy(() -> ec2.disassociateRouteTable(r -> r.associationId(associated.associationId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAssociationID.NotFound"));

        // the main association moves too: the other table becomes the VPC's main table
        String mainAssociation = main.associations().get(0).routeTableAssociationId();
        assertThatThrownBy(() -> ec2.disassociateRouteTable(r -> r.associationId(mainAssociation)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        String newMain = ec2.replaceRouteTableAssociation(r -> r.associationId(mainAssociation).routeTableId(rtb))
                .newAssociationId();
        RouteTable nowMain = main(vpc.vpcId());
        assertThat(nowMain.routeTableId()).isEqualTo(rtb);
        assertThat(nowMain.associations()).extracting(RouteTableAssociation::routeTableAssociationId)
                .containsExactly(newMain);
        ec2.deleteRouteTable(r -> r.routeTableId(main.routeTableId()));
        assertThatThrownBy(() -> ec2.deleteRouteTable(r -> r.routeTableId(rtb)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));

        ec2.disassociateRouteTable(r -> r.associationId(moved));
        assertThat(table(rtb2).associations()).isEmpty();
        ec2.associateRouteTable(r -> r.routeTableId(rtb2).subnetId(subnet.subnetId()));
        // deleting the subnet ends its association
        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));
        assertThat(table(rtb2).associations()).isEmpty();
    }

    @Test
    void anInternetGatewayIsAssociatedWithATable() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.4.0.0/16")).vpc();
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
        assertThatThrownBy(() -> ec2.associateRouteTable(r -> r.routeTableId(rtb).gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
        String association = ec2.associateRouteTable(r -> r.routeTableId(rtb).gatewayId(igw)).associationId();
        assertThat(table(rtb).associations()).singleElement().satisfies(a -> {
            assertThat(a.gatewayId()).isEqualTo(igw);
            assertThat(a.main()).isFalse();
        });
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("association.gateway-id", igw))).routeTables())
                .extracting(RouteTable::routeTableId).containsExactly(rtb);
        String other = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
        assertThatThrownBy(() -> ec2.associateRouteTable(r -> r.routeTableId(other).gatewayId(igw)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
        ec2.disassociateRouteTable(r -> r.associationId(association));
        assertThat(table(rtb).associations()).isEmpty();
    }

    @Test
    void routesToInstancesNetworkInterfacesAndNatGateways() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.3.0.0/24")).subnet();
        String rtb = ec2.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
        Instance appliance = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(subnet.subnetId())).instances().get(0);
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("192.168.0.0/16").instanceId(appliance.instanceId()));
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("172.16.0.0/12")
                .networkInterfaceId(appliance.networkInterfaces().get(0).networkInterfaceId()));
        // a route more specific than the VPC's block may go to an interface
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.3.9.0/24").instanceId(appliance.instanceId()));
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("100.64.0.0/10")
                .networkInterfaceId("eni-0123456789abcdef0")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidNetworkInterfaceID.NotFound"));
        RouteTable t = table(rtb);
        Route toInstance = route(t, "192.168.0.0/16");
        assertThat(toInstance.instanceId()).isEqualTo(appliance.instanceId());
        assertThat(toInstance.instanceOwnerId()).isEqualTo("000000000000");
        assertThat(toInstance.networkInterfaceId()).isEqualTo(appliance.networkInterfaces().get(0).networkInterfaceId());
        assertThat(toInstance.state()).isEqualTo(RouteState.ACTIVE);
        assertThat(route(t, "172.16.0.0/12").instanceId()).isEqualTo(appliance.instanceId());
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("route.instance-id", appliance.instanceId())))
                .routeTables()).hasSize(1);

        String nat = ec2.createNatGateway(r -> r.subnetId(subnet.subnetId()).connectivityType("private"))
                .natGateway().natGatewayId();
        ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("route.nat-gateway-id", nat))).routeTables()).hasSize(1);
        harness.clock.advanceSeconds(5);
        assertThat(route(table(rtb), "0.0.0.0/0").natGatewayId()).isEqualTo(nat);
        assertThat(route(table(rtb), "0.0.0.0/0").state()).isEqualTo(RouteState.ACTIVE);

        // targets that go leave blackholes
        ec2.stopInstances(r -> r.instanceIds(appliance.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(route(table(rtb), "192.168.0.0/16").state()).isEqualTo(RouteState.BLACKHOLE);
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        harness.clock.advanceSeconds(5);
        assertThat(route(table(rtb), "0.0.0.0/0").state()).isEqualTo(RouteState.BLACKHOLE);
        assertThatThrownBy(() -> ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("1.0.0.0/8")
                .natGatewayId(nat)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NatGatewayNotFound"));
        ec2.replaceRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").instanceId(appliance.instanceId()));
        assertThat(route(table(rtb), "0.0.0.0/0").instanceId()).isEqualTo(appliance.instanceId());
    }
}
