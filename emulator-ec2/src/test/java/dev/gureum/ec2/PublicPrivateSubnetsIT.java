package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

import static dev.gureum.ec2.GatewaysIT.code;
import static dev.gureum.ec2.GatewaysIT.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The classic two-tier VPC: a public subnet routed to an internet gateway, a private one routed to a
 * NAT gateway in the public subnet; built, used, and torn down in dependency order, each premature
 * delete refused as AWS refuses it.
 */
class PublicPrivateSubnetsIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private static void refused(Executable delete) {
        assertThatThrownBy(delete::execute).satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
    }

    private Instance launch(String subnetId) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(subnetId)).instances().get(0);
    }

    @Test
    void buildUseAndTearDown() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc();
        String vpcId = vpc.vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(v -> v.value(true)));
        Subnet pub = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/24").availabilityZone("us-east-1a"))
                .subnet();
        Subnet priv = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"))
                .subnet();
        ec2.modifySubnetAttribute(r -> r.subnetId(pub.subnetId()).mapPublicIpOnLaunch(v -> v.value(true)));
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));

        String publicTable = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        String publicAssociation = ec2.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(pub.subnetId()))
                .associationId();

        var eip = ec2.allocateAddress(r -> { });
        String nat = ec2.createNatGateway(r -> r.subnetId(pub.subnetId()).allocationId(eip.allocationId()))
                .natGateway().natGatewayId();
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0).state())
                .isEqualTo(NatGatewayState.AVAILABLE);
        String privateTable = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        String privateAssociation = ec2.associateRouteTable(r -> r.routeTableId(privateTable)
                .subnetId(priv.subnetId())).associationId();

        // each subnet's way out, as Terraform and the console read it
        RouteTable forPublic = ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", pub.subnetId())))
                .routeTables().get(0);
        assertThat(forPublic.routes().get(1).gatewayId()).isEqualTo(igw);
        RouteTable forPrivate = ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", priv.subnetId())))
                .routeTables().get(0);
        assertThat(forPrivate.routes().get(1).natGatewayId()).isEqualTo(nat);

        Instance web = launch(pub.subnetId());
        Instance app = launch(priv.subnetId());
        assertThat(web.privateIpAddress()).startsWith("10.0.0.");
        assertThat(web.publicIpAddress()).isNotNull();
        assertThat(app.privateIpAddress()).startsWith("10.0.1.");
        assertThat(app.publicIpAddress()).isNull();
        harness.clock.advanceSeconds(5);

        // tear down: every premature delete is refused
        refused(() -> ec2.deleteVpc(r -> r.vpcId(vpcId)));
        refused(() -> ec2.deleteSubnet(r -> r.subnetId(pub.subnetId())));
        refused(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId)));
        refused(() -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)));
        refused(() -> ec2.deleteRouteTable(r -> r.routeTableId(privateTable)));
        ec2.terminateInstances(r -> r.instanceIds(web.instanceId(), app.instanceId()));
        harness.clock.advanceSeconds(5);
        refused(() -> ec2.deleteSubnet(r -> r.subnetId(pub.subnetId())));
        refused(() -> ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId)));
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeRouteTables(r -> r.routeTableIds(privateTable)).routeTables().get(0).routes().get(1)
                .stateAsString()).isEqualTo("blackhole");
        ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId));
        ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
        ec2.disassociateRouteTable(r -> r.associationId(privateAssociation));
        ec2.disassociateRouteTable(r -> r.associationId(publicAssociation));
        refused(() -> ec2.deleteVpc(r -> r.vpcId(vpcId)));
        ec2.deleteRouteTable(r -> r.routeTableId(privateTable));
        ec2.deleteRouteTable(r -> r.routeTableId(publicTable));
        ec2.deleteSubnet(r -> r.subnetId(pub.subnetId()));
        ec2.deleteSubnet(r -> r.subnetId(priv.subnetId()));
        ec2.deleteVpc(r -> r.vpcId(vpcId));
        assertThat(ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId))).routeTables()).isEmpty();
    }
}
