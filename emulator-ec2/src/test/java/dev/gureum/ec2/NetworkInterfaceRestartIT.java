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
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceStatus;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Network interfaces, their addresses and Elastic IPs survive a restart with a data directory. */
class NetworkInterfaceRestartIT {

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

    private Ec2Client start() {
        server = EmbeddedFrontEnd.persistent(dir, clock, new Ec2Module(SETTINGS));
        Ec2Client client = SdkClients.withoutRetries(SdkClients.configure(Ec2Client.builder(), server.endpoint(),
                "111111111111", Region.US_EAST_1)).build();
        clients.add(client);
        return client;
    }

    private void stop() {
        clients.forEach(Ec2Client::close);
        clients.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static Map<String, Object> everything(Ec2Client ec2) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("interfaces", ec2.describeNetworkInterfaces().networkInterfaces());
        all.put("instances", ec2.describeInstances().reservations());
        all.put("addresses", ec2.describeAddresses().addresses());
        all.put("subnets", ec2.describeSubnets().subnets());
        return all;
    }

    @Test
    void interfacesAndTheirAddressesAreKept() {
        Ec2Client ec2 = start();
        List<Subnet> subnets = NetworkInterfacesIT.network(ec2);
        String subnet = subnets.get(0).subnetId();
        Instance web = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1).networkInterfaces(InstanceNetworkInterfaceSpecification.builder()
                        .deviceIndex(0).subnetId(subnet).secondaryPrivateIpAddressCount(1).description("front")
                        .associatePublicIpAddress(true).build())).instances().get(0);
        String spare = ec2.createNetworkInterface(r -> r.subnetId(subnet).description("spare")
                .tagSpecifications(t -> t.resourceType(ResourceType.NETWORK_INTERFACE)
                        .tags(tag -> tag.key("Name").value("spare")))).networkInterface().networkInterfaceId();
        clock.advanceSeconds(5);
        ec2.attachNetworkInterface(r -> r.networkInterfaceId(spare).instanceId(web.instanceId()).deviceIndex(1));
        String kept = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
        String allocation = ec2.allocateAddress(r -> { }).allocationId();
        ec2.associateAddress(r -> r.allocationId(allocation).networkInterfaceId(spare));
        ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(web.networkInterfaces().get(0)
                .networkInterfaceId()).sourceDestCheck(b -> b.value(false)));
        Map<String, Object> before = everything(ec2);
        stop();

        ec2 = start();
        assertThat(everything(ec2)).isEqualTo(before);
        // addresses in use stay in use; the next one is a free one
        String next = ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().privateIpAddress();
        assertThat(next).isEqualTo("10.0.1.8");
        // and termination after the restart frees what the instance's interfaces held
        Ec2Client client = ec2;
        client.terminateInstances(r -> r.instanceIds(web.instanceId()));
        clock.advanceSeconds(5);
        assertThat(client.describeNetworkInterfaces().networkInterfaces())
                .extracting(n -> n.networkInterfaceId() + " " + n.status())
                .containsExactlyInAnyOrder(spare + " " + NetworkInterfaceStatus.AVAILABLE,
                        kept + " " + NetworkInterfaceStatus.AVAILABLE,
                        client.describeNetworkInterfaces(r -> r.filters(NetworkInterfacesIT.filter("private-ip-address",
                                "10.0.1.8"))).networkInterfaces().get(0).networkInterfaceId() + " "
                                + NetworkInterfaceStatus.AVAILABLE);
        assertThat(client.describeAddresses(r -> r.allocationIds(allocation)).addresses().get(0).networkInterfaceId())
                .isEqualTo(spare);
        assertThat(client.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).availableIpAddressCount())
                .isEqualTo(248);
        Map<String, Object> after = everything(client);
        stop();
        assertThat(everything(start())).isEqualTo(after);
    }
}
