package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttribute;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceStatus;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Elastic network interfaces: every instance's primary one, and those created, attached, detached, deleted. */
class NetworkInterfacesIT {

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

    /** A VPC 10.0.0.0/16 with a /24 subnet in us-east-1a (10.0.1.0/24) and one in us-east-1b (10.0.2.0/24). */
    static List<Subnet> network(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        Subnet a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet();
        Subnet b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet();
        return List.of(a, b);
    }

    static Instance run(Ec2Client ec2, String subnetId) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(subnetId)).instances().get(0);
    }

    private long available(String subnetId) {
        return ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0).availableIpAddressCount();
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
    void everyInstanceHasAPrimaryInterfaceWithAnAddressOfItsSubnet() {
        Subnet subnet = network(ec2).get(0);
        assertThat(subnet.availableIpAddressCount()).isEqualTo(251);
        Instance first = run(ec2, subnet.subnetId());
        Instance second = run(ec2, subnet.subnetId());
        // AWS keeps the first four addresses of a block (and the last) for itself
        assertThat(first.privateIpAddress()).isEqualTo("10.0.1.4");
        assertThat(second.privateIpAddress()).isEqualTo("10.0.1.5");
        assertThat(available(subnet.subnetId())).isEqualTo(249);

        InstanceNetworkInterface seen = first.networkInterfaces().get(0);
        NetworkInterface eni = eni(seen.networkInterfaceId());
        String defaultGroup = ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", subnet.vpcId()),
                filter("group-name", "default"))).securityGroups().get(0).groupId();
        assertThat(eni.status()).isEqualTo(NetworkInterfaceStatus.IN_USE);
        assertThat(eni.subnetId()).isEqualTo(subnet.subnetId());
        assertThat(eni.vpcId()).isEqualTo(subnet.vpcId());
        assertThat(eni.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(eni.privateIpAddress()).isEqualTo("10.0.1.4");
        assertThat(eni.privateDnsName()).isEqualTo("ip-10-0-1-4.ec2.internal");
        assertThat(eni.macAddress()).isEqualTo(seen.macAddress()).matches("0e(:[0-9a-f]{2}){5}");
        assertThat(eni.description()).isEmpty();
        assertThat(eni.interfaceTypeAsString()).isEqualTo("interface");
        assertThat(eni.sourceDestCheck()).isTrue();
        assertThat(eni.groups()).singleElement().satisfies(g -> assertThat(g.groupId()).isEqualTo(defaultGroup));
        assertThat(eni.attachment().instanceId()).isEqualTo(first.instanceId());
        assertThat(eni.attachment().deviceIndex()).isZero();
        assertThat(eni.attachment().deleteOnTermination()).isTrue();
        assertThat(eni.attachment().attachmentId()).isEqualTo(seen.attachment().attachmentId());
        assertThat(eni.privateIpAddresses()).singleElement().satisfies(ip -> {
            assertThat(ip.primary()).isTrue();
            assertThat(ip.privateIpAddress()).isEqualTo("10.0.1.4");
        });
        assertThat(eni.association()).isNull();
        assertThat(seen.privateDnsName()).isEqualTo("ip-10-0-1-4.ec2.internal");
        assertThat(seen.attachment().deviceIndex()).isZero();
        assertThat(seen.status()).isEqualTo(NetworkInterfaceStatus.IN_USE);

        // termination deletes an interface that is to be deleted with its instance, and frees its address
        ec2.terminateInstances(r -> r.instanceIds(first.instanceId()));
        harness.clock.advanceSeconds(5);
        refused(() -> eni(seen.networkInterfaceId()), "InvalidNetworkInterfaceID.NotFound");
        assertThat(available(subnet.subnetId())).isEqualTo(250);
        assertThat(run(ec2, subnet.subnetId()).privateIpAddress()).isEqualTo("10.0.1.4");
    }

    @Test
    void instancesOutsideUsEast1HaveRegionalDnsNames() {
        try (Ec2Client seoul = harness.ec2("test", "ap-northeast-2")) {
            Instance i = seoul.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                    .minCount(1).maxCount(1).placement(p -> p.availabilityZone("ap-northeast-2a"))).instances().get(0);
            NetworkInterface eni = seoul.describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-id",
                    i.instanceId()))).networkInterfaces().get(0);
            assertThat(eni.privateIpAddress()).startsWith("172.31.");
            assertThat(eni.privateDnsName()).isEqualTo("ip-" + eni.privateIpAddress().replace('.', '-')
                    + ".ap-northeast-2.compute.internal");
            // a default subnet gives the primary interface a public address
            assertThat(eni.association().publicIp()).isEqualTo(i.publicIpAddress());
            assertThat(eni.association().ipOwnerId()).isEqualTo("amazon");
            assertThat(eni.association().publicDnsName()).endsWith(".ap-northeast-2.compute.amazonaws.com");
        }
    }

    @Test
    void interfacesAreCreatedWithTheAddressesAskedForAndDeleted() {
        Subnet subnet = network(ec2).get(0);
        String group = ec2.createSecurityGroup(r -> r.vpcId(subnet.vpcId()).groupName("web").description("web"))
                .groupId();
        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).description("spare")
                .privateIpAddress("10.0.1.10").secondaryPrivateIpAddressCount(2).groups(group)
                .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INTERFACE)
                        .tags(tag -> tag.key("Name").value("spare")))).networkInterface();
        assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(eni.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(eni.attachment()).isNull();
        assertThat(eni.description()).isEqualTo("spare");
        assertThat(eni.privateIpAddress()).isEqualTo("10.0.1.10");
        assertThat(eni.privateIpAddresses()).extracting(NetworkInterfacePrivateIpAddress::privateIpAddress)
                .containsExactly("10.0.1.10", "10.0.1.4", "10.0.1.5");
        assertThat(eni.privateIpAddresses()).extracting(NetworkInterfacePrivateIpAddress::primary)
                .containsExactly(true, false, false);
        assertThat(eni.groups()).singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("web"));
        assertThat(eni.tagSet()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("spare"));
        assertThat(available(subnet.subnetId())).isEqualTo(248);

        NetworkInterface listed = ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddresses(
                a -> a.privateIpAddress("10.0.1.21"), a -> a.privateIpAddress("10.0.1.20").primary(true)))
                .networkInterface();
        assertThat(listed.privateIpAddress()).isEqualTo("10.0.1.20");
        assertThat(listed.privateIpAddresses()).extracting(NetworkInterfacePrivateIpAddress::privateIpAddress)
                .containsExactly("10.0.1.20", "10.0.1.21");

        refused(() -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.0.1.10")),
                "InvalidIPAddress.InUse");
        refused(() -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.0.2.10")),
                "InvalidParameterValue");
        refused(() -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.0.1.255")),
                "InvalidParameterValue");
        refused(() -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.0.1.3")),
                "InvalidParameterValue");
        refused(() -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).privateIpAddress("10.0.1")),
                "InvalidParameterValue");
        refused(() -> ec2.createNetworkInterface(r -> r.subnetId("subnet-0123456789abcdef0")),
                "InvalidSubnetID.NotFound");
        refused(() -> ec2.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).groups("sg-0123456789abcdef0")),
                "InvalidGroup.NotFound");
        refused(() -> ec2.deleteSecurityGroup(r -> r.groupId(group)), "DependencyViolation");
        refused(() -> ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId())), "DependencyViolation");
        assertThat(available(subnet.subnetId())).isEqualTo(246);

        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId()));
        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(listed.networkInterfaceId()));
        refused(() -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId())),
                "InvalidNetworkInterfaceID.NotFound");
        refused(() -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId("eni-12")),
                "InvalidNetworkInterfaceID.Malformed");
        assertThat(available(subnet.subnetId())).isEqualTo(251);
        ec2.deleteSecurityGroup(r -> r.groupId(group));
        ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));
    }

    @Test
    void interfacesAttachAtFreeDeviceIndexesUpToTheInstanceTypesLimit() {
        List<Subnet> subnets = network(ec2);
        String subnet = subnets.get(0).subnetId();
        Instance instance = run(ec2, subnet);
        harness.clock.advanceSeconds(5);
        String first = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
        String second = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
        String elsewhere = ec2.createNetworkInterface(r -> r.subnetId(subnets.get(1).subnetId())).networkInterface()
                .networkInterfaceId();

        refused(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(first).instanceId(instance.instanceId())
                .deviceIndex(0)), "InvalidParameterValue");
        refused(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(elsewhere).instanceId(instance.instanceId())
                .deviceIndex(1)), "InvalidParameterValue");
        String attachment = ec2.attachNetworkInterface(r -> r.networkInterfaceId(first)
                .instanceId(instance.instanceId()).deviceIndex(1)).attachmentId();
        assertThat(attachment).matches("eni-attach-[0-9a-f]{17}");
        NetworkInterface attached = eni(first);
        assertThat(attached.status()).isEqualTo(NetworkInterfaceStatus.IN_USE);
        assertThat(attached.attachment().instanceId()).isEqualTo(instance.instanceId());
        assertThat(attached.attachment().instanceOwnerId()).isEqualTo(instance.networkInterfaces().get(0).ownerId());
        assertThat(attached.attachment().deviceIndex()).isEqualTo(1);
        assertThat(attached.attachment().deleteOnTermination()).isFalse();
        assertThat(attached.attachment().statusAsString()).isEqualTo("attached");
        assertThat(instance(instance.instanceId()).networkInterfaces())
                .extracting(InstanceNetworkInterface::networkInterfaceId)
                .containsExactly(instance.networkInterfaces().get(0).networkInterfaceId(), first);

        refused(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(first).instanceId(instance.instanceId())
                .deviceIndex(2)), "InvalidNetworkInterface.InUse");
        // a t3.micro takes two interfaces
        refused(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(second).instanceId(instance.instanceId())
                .deviceIndex(2)), "AttachmentLimitExceeded");
        refused(() -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(first)), "InvalidNetworkInterface.InUse");
        refused(() -> ec2.detachNetworkInterface(r -> r.attachmentId(instance.networkInterfaces().get(0).attachment()
                .attachmentId())), "OperationNotPermitted");
        refused(() -> ec2.detachNetworkInterface(r -> r.attachmentId("eni-attach-0123456789abcdef0")),
                "InvalidAttachmentID.NotFound");

        // DescribeInstances finds an instance by any of its interfaces
        assertThat(ec2.describeInstances(r -> r.filters(filter("network-interface.network-interface-id", first)))
                .reservations()).singleElement().satisfies(res -> assertThat(res.instances().get(0).instanceId())
                        .isEqualTo(instance.instanceId()));
        assertThat(ec2.describeInstances(r -> r.filters(filter("network-interface.attachment.device-index", "1"),
                filter("network-interface.addresses.private-ip-address", attached.privateIpAddress()))).reservations())
                .hasSize(1);
        assertThat(ec2.describeInstances(r -> r.filters(filter("network-interface.attachment.device-index", "2")))
                .reservations()).isEmpty();

        ec2.detachNetworkInterface(r -> r.attachmentId(attachment).force(true));
        assertThat(eni(first).status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(eni(first).attachment()).isNull();
        assertThat(instance(instance.instanceId()).networkInterfaces()).hasSize(1);

        // stopped instances take interfaces too; one kept on termination stays with its address
        ec2.stopInstances(r -> r.instanceIds(instance.instanceId()));
        harness.clock.advanceSeconds(5);
        String again = ec2.attachNetworkInterface(r -> r.networkInterfaceId(second).instanceId(instance.instanceId())
                .deviceIndex(1)).attachmentId();
        ec2.terminateInstances(r -> r.instanceIds(instance.instanceId()));
        harness.clock.advanceSeconds(5);
        NetworkInterface kept = eni(second);
        assertThat(kept.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(kept.attachment()).isNull();
        assertThat(kept.privateIpAddress()).isNotNull();
        refused(() -> ec2.detachNetworkInterface(r -> r.attachmentId(again)), "InvalidAttachmentID.NotFound");
        refused(() -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(second).instanceId(instance.instanceId())
                .deviceIndex(1)), "IncorrectInstanceState");
    }

    @Test
    void describeFiltersAndPages() {
        List<Subnet> subnets = network(ec2);
        String subnet = subnets.get(0).subnetId();
        Instance instance = run(ec2, subnet);
        String group = ec2.createSecurityGroup(r -> r.vpcId(subnets.get(0).vpcId()).groupName("db").description("db"))
                .groupId();
        for (int n = 0; n < 5; n++) {
            int i = n;
            ec2.createNetworkInterface(r -> r.subnetId(i < 3 ? subnet : subnets.get(1).subnetId())
                    .description("spare " + i).groups(i == 0 ? List.of(group) : List.of())
                    .secondaryPrivateIpAddressCount(i == 1 ? 1 : 0)
                    .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INTERFACE)
                            .tags(tag -> tag.key("Role").value(i % 2 == 0 ? "even" : "odd"))));
        }
        NetworkInterface primary = ec2.describeNetworkInterfaces(r -> r.filters(filter("attachment.instance-id",
                instance.instanceId()))).networkInterfaces().get(0);
        NetworkInterface withSecondary = ec2.describeNetworkInterfaces(r -> r.filters(filter("description",
                "spare 1"))).networkInterfaces().get(0);
        String secondary = withSecondary.privateIpAddresses().get(1).privateIpAddress();

        assertThat(count(r -> r.filters(filter("subnet-id", subnet)))).isEqualTo(4);
        assertThat(count(r -> r.filters(filter("vpc-id", subnets.get(0).vpcId())))).isEqualTo(6);
        assertThat(count(r -> r.filters(filter("availability-zone", "us-east-1b")))).isEqualTo(2);
        assertThat(count(r -> r.filters(filter("status", "available")))).isEqualTo(5);
        assertThat(count(r -> r.filters(filter("status", "in-use")))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("attachment.status", "attached")))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("tag:Role", "even")))).isEqualTo(3);
        assertThat(count(r -> r.filters(filter("tag-key", "Role"), filter("vpc-id", subnets.get(0).vpcId()))))
                .isEqualTo(5);
        assertThat(count(r -> r.filters(filter("group-id", group)))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("group-name", "db")))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("description", "spare *")))).isEqualTo(5);
        assertThat(count(r -> r.filters(filter("interface-type", "interface")))).isEqualTo(6);
        assertThat(count(r -> r.filters(filter("mac-address", primary.macAddress())))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("private-ip-address", primary.privateIpAddress())))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("addresses.private-ip-address", secondary)))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("network-interface-id", primary.networkInterfaceId())))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("attachment.device-index", "0")))).isEqualTo(1);
        assertThat(count(r -> r.filters(filter("owner-id", primary.ownerId())))).isEqualTo(6);
        assertThat(count(r -> r.filters(filter("attachment.attachment-id", primary.attachment().attachmentId()))))
                .isEqualTo(1);
        assertThat(count(r -> r.filters(filter("source-dest-check", "true")))).isEqualTo(6);
        assertThat(count(r -> r.filters(filter("association.public-ip", "*")))).isZero();
        refused(() -> ec2.describeNetworkInterfaces(r -> r.filters(filter("colour", "blue"))), "InvalidParameterValue");
        refused(() -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-0123456789abcdef0")),
                "InvalidNetworkInterfaceID.NotFound");

        DescribeNetworkInterfacesResponse page = ec2.describeNetworkInterfaces(r -> r.maxResults(5));
        assertThat(page.networkInterfaces()).hasSize(5);
        assertThat(page.nextToken()).isNotNull();
        DescribeNetworkInterfacesResponse rest = ec2.describeNetworkInterfaces(r -> r.maxResults(5)
                .nextToken(page.nextToken()));
        assertThat(rest.networkInterfaces()).hasSize(1);
        assertThat(rest.nextToken()).isNull();
        assertThat(ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(5)).networkInterfaces()).hasSize(6);
        refused(() -> ec2.describeNetworkInterfaces(r -> r.maxResults(4)), "InvalidParameterValue");
    }

    private int count(Consumer<software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest.Builder> r) {
        return ec2.describeNetworkInterfaces(r).networkInterfaces().size();
    }

    @Test
    void secondaryAddressesWithinTheTypesLimitPerInterface() {
        String subnet = network(ec2).get(0).subnetId();
        Instance instance = run(ec2, subnet);
        String primary = instance.networkInterfaces().get(0).networkInterfaceId();
        List<String> assigned = ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(primary)
                .secondaryPrivateIpAddressCount(1)).assignedPrivateIpAddresses().stream()
                .map(a -> a.privateIpAddress()).toList();
        assertThat(assigned).containsExactly("10.0.1.5");
        assertThat(instance(instance.instanceId()).networkInterfaces().get(0).privateIpAddresses())
                .extracting(a -> a.privateIpAddress() + " " + a.primary() + " " + a.privateDnsName())
                .containsExactly("10.0.1.4 true ip-10-0-1-4.ec2.internal", "10.0.1.5 false ip-10-0-1-5.ec2.internal");
        // a t3.micro's interfaces take two addresses each
        refused(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(primary).secondaryPrivateIpAddressCount(1)),
                "PrivateIpAddressLimitExceeded");
        refused(() -> ec2.unassignPrivateIpAddresses(r -> r.networkInterfaceId(primary).privateIpAddresses("10.0.1.4")),
                "InvalidParameterValue");
        refused(() -> ec2.unassignPrivateIpAddresses(r -> r.networkInterfaceId(primary).privateIpAddresses("10.0.1.9")),
                "InvalidParameterValue");
        ec2.unassignPrivateIpAddresses(r -> r.networkInterfaceId(primary).privateIpAddresses("10.0.1.5"));
        assertThat(eni(primary).privateIpAddresses()).hasSize(1);
        assertThat(available(subnet)).isEqualTo(250);

        // an address another interface holds moves only when reassignment is allowed
        String spare = ec2.createNetworkInterface(r -> r.subnetId(subnet).privateIpAddress("10.0.1.30")
                .secondaryPrivateIpAddressCount(1)).networkInterface().networkInterfaceId();
        String held = eni(spare).privateIpAddresses().get(1).privateIpAddress();
        refused(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(primary).privateIpAddresses(held)),
                "InvalidIPAddress.InUse");
        refused(() -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(primary).privateIpAddresses("10.0.1.30")
                .allowReassignment(true)), "InvalidIPAddress.InUse");
        ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(primary).privateIpAddresses(held).allowReassignment(true));
        assertThat(eni(primary).privateIpAddresses()).extracting(NetworkInterfacePrivateIpAddress::privateIpAddress)
                .containsExactly("10.0.1.4", held);
        assertThat(eni(spare).privateIpAddresses()).extracting(NetworkInterfacePrivateIpAddress::privateIpAddress)
                .containsExactly("10.0.1.30");
    }

    @Test
    void attributesOfInterfacesAndOfTheirInstances() {
        Subnet subnet = network(ec2).get(0);
        String web = ec2.createSecurityGroup(r -> r.vpcId(subnet.vpcId()).groupName("web").description("web")).groupId();
        String db = ec2.createSecurityGroup(r -> r.vpcId(subnet.vpcId()).groupName("db").description("db")).groupId();
        Instance instance = run(ec2, subnet.subnetId());
        InstanceNetworkInterface seen = instance.networkInterfaces().get(0);
        String id = seen.networkInterfaceId();

        ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).description(d -> d.value("front")));
        ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).sourceDestCheck(b -> b.value(false)));
        ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).groups(web, db));
        assertThat(ec2.describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(id)
                .attribute(NetworkInterfaceAttribute.DESCRIPTION)).description().value()).isEqualTo("front");
        assertThat(ec2.describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(id)
                .attribute(NetworkInterfaceAttribute.SOURCE_DEST_CHECK)).sourceDestCheck().value()).isFalse();
        assertThat(ec2.describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(id)
                .attribute(NetworkInterfaceAttribute.GROUP_SET)).groups()).extracting(g -> g.groupName())
                .containsExactly("web", "db");
        assertThat(ec2.describeNetworkInterfaceAttribute(r -> r.networkInterfaceId(id)
                .attribute(NetworkInterfaceAttribute.ATTACHMENT)).attachment().instanceId())
                .isEqualTo(instance.instanceId());
        // the primary interface's groups and check are the instance's
        Instance described = instance(instance.instanceId());
        assertThat(described.sourceDestCheck()).isFalse();
        assertThat(described.securityGroups()).extracting(g -> g.groupName()).containsExactly("web", "db");
        assertThat(described.networkInterfaces().get(0).description()).isEqualTo("front");

        ec2.resetNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).sourceDestCheck("true"));
        assertThat(eni(id).sourceDestCheck()).isTrue();
        ec2.modifyInstanceAttribute(r -> r.instanceId(instance.instanceId()).sourceDestCheck(AttributeBooleanValue
                .builder().value(false).build()));
        ec2.modifyInstanceAttribute(r -> r.instanceId(instance.instanceId()).groups(db));
        assertThat(eni(id).sourceDestCheck()).isFalse();
        assertThat(eni(id).groups()).extracting(g -> g.groupId()).containsExactly(db);
        refused(() -> ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).groups("sg-0123456789abcdef0")),
                "InvalidGroup.NotFound");

        // kept on termination, the primary interface outlives its instance with its address
        ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).attachment(a -> a
                .attachmentId(seen.attachment().attachmentId()).deleteOnTermination(false)));
        assertThat(eni(id).attachment().deleteOnTermination()).isFalse();
        refused(() -> ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(id).attachment(a -> a
                .attachmentId("eni-attach-0123456789abcdef0").deleteOnTermination(true))), "InvalidAttachmentID.NotFound");
        ec2.terminateInstances(r -> r.instanceIds(instance.instanceId()));
        harness.clock.advanceSeconds(5);
        NetworkInterface kept = eni(id);
        assertThat(kept.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
        assertThat(kept.privateIpAddress()).isEqualTo("10.0.1.4");
        assertThat(available(subnet.subnetId())).isEqualTo(250);
        assertThat(instance(instance.instanceId()).networkInterfaces()).isEmpty();
        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(id));
        assertThat(available(subnet.subnetId())).isEqualTo(251);
    }

    @Test
    void theHostViewShowsEachInstancesInterfaces() throws Exception {
        String subnet = network(ec2).get(0).subnetId();
        Instance instance = run(ec2, subnet);
        String extra = ec2.createNetworkInterface(r -> r.subnetId(subnet).secondaryPrivateIpAddressCount(1))
                .networkInterface().networkInterfaceId();
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(extra).instanceId(instance.instanceId()).deviceIndex(1));
        com.fasterxml.jackson.databind.JsonNode hosts = dev.gureum.core.json.Json.mapper()
                .readTree(harness.get("/_gureum/ec2/hosts?availabilityZone=us-east-1a")).get("hosts");
        com.fasterxml.jackson.databind.JsonNode guest = null;
        for (com.fasterxml.jackson.databind.JsonNode host : hosts) {
            for (com.fasterxml.jackson.databind.JsonNode g : host.get("instances")) {
                if (g.get("instanceId").asText().equals(instance.instanceId())) {
                    guest = g;
                }
            }
        }
        assertThat(guest).isNotNull();
        com.fasterxml.jackson.databind.JsonNode interfaces = guest.get("networkInterfaces");
        assertThat(interfaces).hasSize(2);
        assertThat(interfaces.get(0).get("networkInterfaceId").asText())
                .isEqualTo(instance.networkInterfaces().get(0).networkInterfaceId());
        assertThat(interfaces.get(0).get("deviceIndex").asInt()).isZero();
        assertThat(interfaces.get(0).get("privateIpAddress").asText()).isEqualTo("10.0.1.4");
        assertThat(interfaces.get(0).get("publicIp").isNull()).isTrue();
        assertThat(interfaces.get(1).get("networkInterfaceId").asText()).isEqualTo(extra);
        assertThat(interfaces.get(1).get("privateIpAddresses")).hasSize(2);
    }

    /** What an SDK would not send: a device index that is no number, a list item without its address. */
    @Test
    void malformedQueriesAreRefused() throws Exception {
        String subnet = network(ec2).get(0).subnetId();
        String eni = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
        Instance instance = run(ec2, subnet);
        assertThat(post("Action=AttachNetworkInterface&Version=2016-11-15&NetworkInterfaceId=" + eni + "&InstanceId="
                + instance.instanceId() + "&DeviceIndex=one")).contains("<Code>InvalidParameterValue</Code>");
        assertThat(post("Action=AttachNetworkInterface&Version=2016-11-15&NetworkInterfaceId=" + eni + "&InstanceId="
                + instance.instanceId())).contains("<Code>MissingParameter</Code>");
        assertThat(post("Action=CreateNetworkInterface&Version=2016-11-15&SubnetId=" + subnet
                + "&PrivateIpAddresses.1.Primary=true")).contains("<Code>MissingParameter</Code>");
        assertThat(post("Action=RunInstances&Version=2016-11-15&ImageId=" + InstancesIT.PASTED_AMI
                + "&InstanceType=t3.micro&MinCount=1&MaxCount=1&NetworkInterface.1.SubnetId=" + subnet))
                .contains("<Code>InvalidParameterValue</Code>");
        assertThat(eni(eni).status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
    }

    private String post(String form) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(harness.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        return response.body();
    }

    @Test
    void tagsOnInterfaces() {
        String subnet = network(ec2).get(0).subnetId();
        String id = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
        ec2.createTags(r -> r.resources(id).tags(t -> t.key("Team").value("net")));
        assertThat(eni(id).tagSet()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("Team"));
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-type", "network-interface"))).tags())
                .singleElement().satisfies(t -> assertThat(t.resourceId()).isEqualTo(id));
        ec2.deleteTags(r -> r.resources(id));
        assertThat(eni(id).tagSet()).isEmpty();
        refused(() -> ec2.createTags(r -> r.resources("eni-0123456789abcdef0").tags(t -> t.key("a").value("b"))),
                "InvalidNetworkInterfaceID.NotFound");
    }
}
