package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.ec2.GatewaysIT.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole story of an instance's network and storage, as a user builds it: a public and a private
 * subnet with an internet gateway, a NAT gateway and two route tables; an instance in each from one
 * launch template, with its network interface, private address, root volume and (public subnet only)
 * public address; a second volume; a stop, a bigger type and a start on another host family at the new
 * price; and the teardown in dependency order, each premature delete refused with AWS's error.
 */
class Ec2NetworkStorageStoryIT {

    private static final String ZONE = "us-east-1a";

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private static void refused(String code, Executable call) {
        assertThatThrownBy(call::execute).satisfies(e ->
                assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo(code));
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private JsonNode guest(String instanceId) throws Exception {
        for (JsonNode h : Json.mapper().readTree(harness.get("/_gureum/ec2/hosts?region=us-east-1")).get("hosts")) {
            for (JsonNode i : h.get("instances")) {
                if (i.get("instanceId").asText().equals(instanceId)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) i).put("hostFamily", h.get("instanceFamily").asText());
                    return i;
                }
            }
        }
        return null;
    }

    private JsonNode account() throws Exception {
        return Json.mapper().readTree(harness.get("/_gureum/ec2/usage")).get("accounts").get(0);
    }

    @Test
    void buildLaunchAttachScaleUpAndTearDown() throws Exception {
        // the network
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String pub = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.0.0/24").availabilityZone(ZONE)).subnet().subnetId();
        String priv = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone(ZONE)).subnet().subnetId();
        ec2.modifySubnetAttribute(r -> r.subnetId(pub).mapPublicIpOnLaunch(v -> v.value(true)));
        String igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
        String publicTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        String publicAssociation = ec2.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(pub)).associationId();
        String allocation = ec2.allocateAddress(r -> { }).allocationId();
        String nat = ec2.createNatGateway(r -> r.subnetId(pub).allocationId(allocation)).natGateway().natGatewayId();
        harness.clock.advanceSeconds(5);
        // the NAT gateway's own interface, which its owner sees but cannot delete
        var natGateway = ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0);
        NetworkInterface natInterface = ec2.describeNetworkInterfaces(r -> r.filters(filter("interface-type",
                "nat_gateway"), filter("vpc-id", vpc))).networkInterfaces().get(0);
        assertThat(natInterface.networkInterfaceId()).isEqualTo(natGateway.natGatewayAddresses().get(0).networkInterfaceId());
        assertThat(natInterface.privateIpAddress()).isEqualTo(natGateway.natGatewayAddresses().get(0).privateIp());
        assertThat(natInterface.requesterManaged()).isTrue();
        assertThat(natInterface.statusAsString()).isEqualTo("in-use");
        assertThat(natInterface.association().publicIp()).isEqualTo(natGateway.natGatewayAddresses().get(0).publicIp());
        refused("InvalidNetworkInterface.InUse", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(
                natInterface.networkInterfaceId())));
        String privateTable = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        String privateAssociation = ec2.associateRouteTable(r -> r.routeTableId(privateTable).subnetId(priv))
                .associationId();

        // one launch template, an instance from it in each subnet
        String template = ec2.createLaunchTemplate(r -> r.launchTemplateName("web")
                .launchTemplateData(d -> d.imageId(InstancesIT.PASTED_AMI).instanceType("m5.large")))
                .launchTemplate().launchTemplateId();
        String web = ec2.runInstances(r -> r.launchTemplate(t -> t.launchTemplateId(template)).subnetId(pub)
                .minCount(1).maxCount(1)).instances().get(0).instanceId();
        String app = ec2.runInstances(r -> r.launchTemplate(t -> t.launchTemplateName("web").version("$Latest"))
                .subnetId(priv).minCount(1).maxCount(1)).instances().get(0).instanceId();
        harness.clock.advanceSeconds(5);

        Instance webShown = describe(web);
        Instance appShown = describe(app);
        assertThat(webShown.instanceTypeAsString()).isEqualTo("m5.large");
        assertThat(webShown.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("aws:ec2launchtemplate:id"));
        assertThat(webShown.privateIpAddress()).startsWith("10.0.0.");
        assertThat(webShown.publicIpAddress()).isNotNull();
        assertThat(appShown.privateIpAddress()).startsWith("10.0.1.");
        assertThat(appShown.publicIpAddress()).isNull();
        // each has its interface with that address, and its root volume
        for (Instance i : List.of(webShown, appShown)) {
            List<NetworkInterface> enis = ec2.describeNetworkInterfaces(r -> r.filters(
                    filter("attachment.instance-id", i.instanceId()))).networkInterfaces();
            assertThat(enis).hasSize(1);
            assertThat(enis.get(0).privateIpAddress()).isEqualTo(i.privateIpAddress());
            assertThat(enis.get(0).networkInterfaceId()).isEqualTo(i.networkInterfaces().get(0).networkInterfaceId());
            List<Volume> volumes = ec2.describeVolumes(r -> r.filters(filter("attachment.instance-id", i.instanceId())))
                    .volumes();
            assertThat(volumes).hasSize(1);
            assertThat(volumes.get(0).state()).isEqualTo(VolumeState.IN_USE);
            assertThat(i.blockDeviceMappings().get(0).ebs().volumeId()).isEqualTo(volumes.get(0).volumeId());
        }

        // a second volume for the web server
        String data = ec2.createVolume(r -> r.availabilityZone(ZONE).size(20).volumeType("gp3")).volumeId();
        harness.clock.advanceSeconds(5);
        ec2.attachVolume(r -> r.volumeId(data).instanceId(web).device("/dev/sdf"));
        harness.clock.advanceSeconds(5);
        assertThat(describe(web).blockDeviceMappings()).extracting(m -> m.deviceName()).contains("/dev/sdf");
        JsonNode guest = guest(web);
        assertThat(guest.get("hostFamily").asText()).isEqualTo("m5");
        List<String> onHost = new ArrayList<>();
        guest.get("volumes").forEach(v -> onHost.add(v.get("volumeId").asText()));
        assertThat(onHost).contains(data).hasSize(2);
        assertThat(guest.get("networkInterfaces").get(0).get("privateIpAddress").asText())
                .isEqualTo(webShown.privateIpAddress());

        // scale up: stop, a bigger type of another family, start
        harness.clock.advanceSeconds(3600);
        ec2.stopInstances(r -> r.instanceIds(web));
        harness.clock.advanceSeconds(5);
        ec2.modifyInstanceAttribute(r -> r.instanceId(web).instanceType(a -> a.value("c5.xlarge")));
        ec2.startInstances(r -> r.instanceIds(web));
        harness.clock.advanceSeconds(5);
        assertThat(describe(web).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(guest(web).get("hostFamily").asText()).isEqualTo("c5");
        assertThat(describe(web).blockDeviceMappings()).hasSize(2);
        harness.clock.advanceSeconds(3600);
        JsonNode usage = account();
        List<Double> rates = new ArrayList<>();
        usage.get("instances").forEach(i -> {
            if (i.get("instanceId").asText().equals(web)) {
                i.get("periods").forEach(p -> rates.add(p.get("ratePerHour").asDouble()));
            }
        });
        assertThat(rates).containsExactly(0.096, 0.17);
        assertThat(usage.get("volumeCost").asDouble()).isPositive();
        List<String> billedVolumes = new ArrayList<>();
        usage.get("volumes").forEach(v -> billedVolumes.add(v.get("volumeId").asText()));
        assertThat(billedVolumes).contains(data).hasSize(3);

        // tear down in dependency order; each premature delete refused
        refused("VolumeInUse", () -> ec2.deleteVolume(r -> r.volumeId(data)));
        refused("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(pub)));
        refused("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(vpc)));
        refused("DependencyViolation", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igw)));
        ec2.deleteLaunchTemplate(r -> r.launchTemplateId(template));
        ec2.terminateInstances(r -> r.instanceIds(web, app));
        harness.clock.advanceSeconds(5);
        // the root volumes went with their instances; the data volume is left, available
        assertThat(ec2.describeVolumes(r -> r.volumeIds(data)).volumes().get(0).state()).isEqualTo(VolumeState.AVAILABLE);
        ec2.deleteVolume(r -> r.volumeId(data));
        refused("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(pub)));
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", vpc))).networkInterfaces()).isEmpty();
        ec2.releaseAddress(r -> r.allocationId(allocation));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
        ec2.deleteInternetGateway(r -> r.internetGatewayId(igw));
        refused("DependencyViolation", () -> ec2.deleteRouteTable(r -> r.routeTableId(privateTable)));
        ec2.disassociateRouteTable(r -> r.associationId(privateAssociation));
        ec2.disassociateRouteTable(r -> r.associationId(publicAssociation));
        ec2.deleteRouteTable(r -> r.routeTableId(privateTable));
        ec2.deleteRouteTable(r -> r.routeTableId(publicTable));
        ec2.deleteSubnet(r -> r.subnetId(pub));
        ec2.deleteSubnet(r -> r.subnetId(priv));
        ec2.deleteVpc(r -> r.vpcId(vpc));
        assertThat(ec2.describeVpcs(r -> r.filters(filter("vpc-id", vpc))).vpcs()).isEmpty();
    }
}
