package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceStatus;
import software.amazon.awssdk.services.ec2.model.PrivateIpAddressSpecification;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.List;
import java.util.function.Consumer;

import static dev.gureum.ec2.NetworkInterfacesIT.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RunInstances with {@code NetworkInterface.N}: new interfaces with their addresses, groups and public address, or existing ones. */
class LaunchNetworkInterfacesIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private Instance run(InstanceType type, InstanceNetworkInterfaceSpecification... interfaces) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(type).minCount(1).maxCount(1)
                .networkInterfaces(interfaces)).instances().get(0);
    }

    private void refused(Consumer<RunInstancesRequest.Builder> request, String code) {
        assertThatThrownBy(() -> ec2.runInstances(r -> {
            r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1);
            request.accept(r);
        })).satisfies(e -> assertThat(code(e)).isEqualTo(code));
    }

    private static InstanceNetworkInterfaceSpecification.Builder at(int index) {
        return InstanceNetworkInterfaceSpecification.builder().deviceIndex(index);
    }

    @Test
    void newInterfacesWithTheirAddressesGroupsAndPublicAddress() {
        List<Subnet> subnets = NetworkInterfacesIT.network(ec2);
        Subnet subnet = subnets.get(0);
        String web = ec2.createSecurityGroup(r -> r.vpcId(subnet.vpcId()).groupName("web").description("web")).groupId();
        Instance i = run(InstanceType.M5_LARGE, at(0).subnetId(subnet.subnetId()).privateIpAddress("10.0.1.50")
                .secondaryPrivateIpAddressCount(2).groups(web).description("front").build(),
                at(1).subnetId(subnet.subnetId()).description("back").deleteOnTermination(false).build());
        assertThat(i.privateIpAddress()).isEqualTo("10.0.1.50");
        assertThat(i.subnetId()).isEqualTo(subnet.subnetId());
        assertThat(i.securityGroups()).extracting(g -> g.groupName()).containsExactly("web");
        // more than one interface: no public address from the subnet
        assertThat(i.publicIpAddress()).isNull();
        assertThat(i.networkInterfaces()).hasSize(2);
        InstanceNetworkInterface front = i.networkInterfaces().get(0);
        assertThat(front.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(front.description()).isEqualTo("front");
        assertThat(front.attachment().deviceIndex()).isZero();
        assertThat(front.attachment().deleteOnTermination()).isTrue();
        assertThat(front.privateIpAddresses()).extracting(InstancePrivateIpAddress::privateIpAddress)
                .containsExactly("10.0.1.50", "10.0.1.4", "10.0.1.5");
        InstanceNetworkInterface back = i.networkInterfaces().get(1);
        assertThat(back.description()).isEqualTo("back");
        assertThat(back.attachment().deviceIndex()).isEqualTo(1);
        assertThat(back.attachment().deleteOnTermination()).isFalse();
        assertThat(back.privateIpAddress()).isEqualTo("10.0.1.6");
        assertThat(back.groups()).extracting(g -> g.groupName()).containsExactly("default");
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet.subnetId())).subnets().get(0).availableIpAddressCount())
                .isEqualTo(247);

        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(ec2.describeNetworkInterfaces(r -> r.filters(NetworkInterfacesIT.filter("subnet-id",
                subnet.subnetId()))).networkInterfaces()).singleElement().satisfies(e -> {
                    assertThat(e.networkInterfaceId()).isEqualTo(back.networkInterfaceId());
                    assertThat(e.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
                });
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet.subnetId())).subnets().get(0).availableIpAddressCount())
                .isEqualTo(250);
    }

    @Test
    void aPublicAddressWhenTheLaunchAsksForOneWhateverTheSubnetSays() {
        Subnet subnet = NetworkInterfacesIT.network(ec2).get(0);
        Instance i = run(InstanceType.T3_MICRO, at(0).subnetId(subnet.subnetId()).associatePublicIpAddress(true).build());
        assertThat(i.publicIpAddress()).isNotNull();
        assertThat(i.networkInterfaces().get(0).association().publicIp()).isEqualTo(i.publicIpAddress());
        assertThat(i.networkInterfaces().get(0).association().ipOwnerId()).isEqualTo("amazon");
        // and again at the next start
        harness.clock.advanceSeconds(5);
        ec2.stopInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advanceSeconds(5);
        ec2.startInstances(r -> r.instanceIds(i.instanceId()));
        assertThat(ec2.describeInstances(r -> r.instanceIds(i.instanceId())).reservations().get(0).instances().get(0)
                .publicIpAddress()).isNotNull();

        // a default subnet's public address can be declined
        Instance quiet = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).networkInterfaces(at(0).associatePublicIpAddress(false).build())).instances()
                .get(0);
        assertThat(quiet.publicIpAddress()).isNull();
        assertThat(quiet.privateIpAddress()).startsWith("172.31.");
    }

    @Test
    void addressesNamedForTheLaunch() {
        Subnet subnet = NetworkInterfacesIT.network(ec2).get(0);
        Instance i = run(InstanceType.T3_MICRO, at(0).subnetId(subnet.subnetId()).privateIpAddresses(
                PrivateIpAddressSpecification.builder().privateIpAddress("10.0.1.61").build(),
                PrivateIpAddressSpecification.builder().privateIpAddress("10.0.1.60").primary(true).build()).build());
        assertThat(i.privateIpAddress()).isEqualTo("10.0.1.60");
        assertThat(i.privateDnsName()).isEqualTo("ip-10-0-1-60.ec2.internal");
        assertThat(i.networkInterfaces().get(0).privateIpAddresses())
                .extracting(p -> p.privateIpAddress() + " " + p.primary())
                .containsExactly("10.0.1.60 true", "10.0.1.61 false");
        refused(r -> r.networkInterfaces(at(0).subnetId(subnet.subnetId()).privateIpAddress("10.0.1.61").build()),
                "InvalidIPAddress.InUse");
        // the instance-level address names the primary interface's
        Instance plain = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(subnet.subnetId()).privateIpAddress("10.0.1.70")).instances().get(0);
        assertThat(plain.networkInterfaces().get(0).privateIpAddress()).isEqualTo("10.0.1.70");
    }

    @Test
    void anExistingInterfaceBecomesTheInstancesPrimaryOneAndOutlivesIt() {
        Subnet subnet = NetworkInterfacesIT.network(ec2).get(0);
        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.0.1.99"))
                .networkInterface();
        Instance i = run(InstanceType.T3_MICRO, at(0).networkInterfaceId(eni.networkInterfaceId()).build());
        assertThat(i.privateIpAddress()).isEqualTo("10.0.1.99");
        assertThat(i.subnetId()).isEqualTo(subnet.subnetId());
        assertThat(i.networkInterfaces()).singleElement().satisfies(n -> {
            assertThat(n.networkInterfaceId()).isEqualTo(eni.networkInterfaceId());
            assertThat(n.macAddress()).isEqualTo(eni.macAddress());
            assertThat(n.attachment().deleteOnTermination()).isFalse();
        });
        refused(r -> r.networkInterfaces(at(0).networkInterfaceId(eni.networkInterfaceId()).build()),
                "InvalidNetworkInterface.InUse");
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advanceSeconds(5);
        NetworkInterface after = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.networkInterfaceId()))
                .networkInterfaces().get(0);
        assertThat(after.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(after.privateIpAddress()).isEqualTo("10.0.1.99");
    }

    @Test
    void interfaceSpecificationsAreChecked() {
        List<Subnet> subnets = NetworkInterfacesIT.network(ec2);
        String a = subnets.get(0).subnetId();
        String b = subnets.get(1).subnetId();
        refused(r -> r.subnetId(a).networkInterfaces(at(0).subnetId(a).build()), "InvalidParameterCombination");
        refused(r -> r.securityGroupIds("sg-0123456789abcdef0").networkInterfaces(at(0).subnetId(a).build()),
                "InvalidParameterCombination");
        refused(r -> r.networkInterfaces(at(1).subnetId(a).build()), "InvalidParameterValue");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).build(), at(0).subnetId(a).build()), "InvalidParameterValue");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).build(), at(1).subnetId(b).build()), "InvalidParameterValue");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).build(), at(1).subnetId(a).build(),
                at(2).subnetId(a).build()), "AttachmentLimitExceeded");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).associatePublicIpAddress(true).build(),
                at(1).subnetId(a).build()), "InvalidParameterCombination");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).secondaryPrivateIpAddressCount(2).build()),
                "PrivateIpAddressLimitExceeded");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).privateIpAddress("10.0.2.9").build()),
                "InvalidParameterValue");
        refused(r -> r.maxCount(2).networkInterfaces(at(0).subnetId(a).privateIpAddress("10.0.1.9").build()),
                "InvalidParameterCombination");
        refused(r -> r.networkInterfaces(at(0).networkInterfaceId("eni-0123456789abcdef0").build()),
                "InvalidNetworkInterfaceID.NotFound");
        refused(r -> r.networkInterfaces(at(0).subnetId("subnet-0123456789abcdef0").build()), "InvalidSubnetID.NotFound");
        refused(r -> r.networkInterfaces(at(0).subnetId(a).build(), at(1).subnetId(a).groups("sg-0123456789abcdef0")
                .build()), "InvalidGroup.NotFound");
        // nothing was launched or kept
        assertThat(ec2.describeInstances().reservations()).isEmpty();
        assertThat(ec2.describeNetworkInterfaces().networkInterfaces()).isEmpty();
        assertThat(ec2.describeSubnets(r -> r.subnetIds(a)).subnets().get(0).availableIpAddressCount()).isEqualTo(251);
    }

    @Test
    void manyInstancesEachGetTheirInterfaces() {
        String subnet = NetworkInterfacesIT.network(ec2).get(0).subnetId();
        List<Instance> instances = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI)
                .instanceType(InstanceType.T3_MICRO).minCount(3).maxCount(3).networkInterfaces(
                        at(0).subnetId(subnet).secondaryPrivateIpAddressCount(1).build(),
                        at(1).subnetId(subnet).build())).instances();
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.networkInterfaces()).hasSize(2);
            assertThat(i.networkInterfaces().get(0).privateIpAddresses()).hasSize(2);
        });
        assertThat(instances.stream().flatMap(i -> i.networkInterfaces().stream())
                .flatMap(n -> n.privateIpAddresses().stream()).map(InstancePrivateIpAddress::privateIpAddress)
                .distinct()).hasSize(9);
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).availableIpAddressCount())
                .isEqualTo(242);
    }
}
