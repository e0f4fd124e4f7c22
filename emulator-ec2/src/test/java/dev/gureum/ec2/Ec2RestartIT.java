package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ReservedInstancesOffering;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Tenancy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** EC2 with a data directory: stopped and started again, it holds everything it held, and time went on meanwhile. */
class Ec2RestartIT {

    private static final String ALICE = "111111111111";
    private static final String BOB = "222222222222";
    private static final String REGION = "ap-northeast-2";
    private static final String ZONE = "ap-northeast-2a";
    private static final Ec2Settings SETTINGS = Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5))
            .withHostsPerFamily(3);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final List<Ec2Client> clients = new ArrayList<>();
    private EmbeddedFrontEnd server;

    @AfterEach
    void close() {
        stop();
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

    private void restart() {
        stop();
        start();
    }

    private Ec2Client ec2(String account) {
        Ec2Client client = SdkClients.withoutRetries(SdkClients.configure(Ec2Client.builder(), server.endpoint(),
                account, Region.of(REGION))).build();
        clients.add(client);
        return client;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Instance run(Ec2Client ec2, InstanceType type) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(type).minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone(ZONE))).instances().get(0);
    }

    /** Every answer of every kind of resource, as the SDK models them (which compare field by field). */
    private Map<String, Object> everything(Ec2Client alice, Ec2Client bob) throws Exception {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Ec2Client ec2 : List.of(alice, bob)) {
            String who = ec2 == alice ? "alice " : "bob ";
            all.put(who + "vpcs", ec2.describeVpcs().vpcs());
            all.put(who + "subnets", ec2.describeSubnets().subnets());
            all.put(who + "security groups", ec2.describeSecurityGroups().securityGroups());
            all.put(who + "security group rules", ec2.describeSecurityGroupRules(r -> { }).securityGroupRules());
            all.put(who + "key pairs", ec2.describeKeyPairs(r -> r.includePublicKey(true)).keyPairs());
            all.put(who + "addresses", ec2.describeAddresses().addresses());
            all.put(who + "images", ec2.describeImages(r -> r.owners("self")).images());
            all.put(who + "instances", ec2.describeInstances().reservations());
            all.put(who + "instance status", ec2.describeInstanceStatus(r -> r.includeAllInstances(true))
                    .instanceStatuses());
            all.put(who + "hosts", ec2.describeHosts().hosts());
            all.put(who + "spot requests", ec2.describeSpotInstanceRequests().spotInstanceRequests());
            all.put(who + "reserved instances", ec2.describeReservedInstances().reservedInstances());
            all.put(who + "tags", ec2.describeTags().tags());
            all.put(who + "spot prices", ec2.describeSpotPriceHistory(r -> r.availabilityZone(ZONE)
                    .instanceTypes(InstanceType.M5_LARGE).productDescriptions("Linux/UNIX")).spotPriceHistory());
        }
        all.put("host view", Json.mapper().readTree(get("/_gureum/ec2/hosts")));
        all.put("usage", Json.mapper().readTree(get("/_gureum/ec2/usage")));
        return all;
    }

    @Test
    void everyKindOfResourceIsThereAfterARestartFieldByField() throws Exception {
        start();
        Ec2Client alice = ec2(ALICE);
        Ec2Client bob = ec2(BOB);

        String vpc = alice.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        alice.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        String subnet = alice.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone(ZONE))
                .subnet().subnetId();
        alice.modifySubnetAttribute(r -> r.subnetId(subnet).mapPublicIpOnLaunch(
                AttributeBooleanValue.builder().value(true).build()));
        String group = alice.createSecurityGroup(r -> r.groupName("web").description("web servers").vpcId(vpc))
                .groupId();
        alice.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(x -> x.cidrIp("0.0.0.0/0").description("https"))
                .build()));
        alice.createKeyPair(r -> r.keyName("laptop"));
        String imported = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host";
        alice.importKeyPair(r -> r.keyName("imported").publicKeyMaterial(SdkBytes.fromUtf8String(imported)));

        Instance web = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(2).maxCount(2).subnetId(subnet).securityGroupIds(group).keyName("laptop")
                .userData(Base64.getEncoder().encodeToString("#!/bin/sh\necho hi".getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(t -> t.resourceType("instance").tags(Tag.builder().key("Name").value("web").build())))
                .instances().get(0);
        Instance shared = run(bob, InstanceType.M5_LARGE);
        Instance dedicated = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE).tenancy(Tenancy.DEDICATED)))
                .instances().get(0);
        String host = alice.allocateHosts(r -> r.availabilityZone(ZONE).instanceType("m5.large").quantity(1)
                .autoPlacement("on")).hostIds().get(0);
        Instance onHost = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1).placement(p -> p.availabilityZone(ZONE).tenancy(Tenancy.HOST).hostId(host)))
                .instances().get(0);
        clock.advanceSeconds(5);

        String eip = alice.allocateAddress(r -> r.domain("vpc")).allocationId();
        alice.associateAddress(r -> r.allocationId(eip).instanceId(web.instanceId()));
        alice.allocateAddress(r -> r.domain("vpc"));
        String image = alice.createImage(r -> r.instanceId(web.instanceId()).name("golden")).imageId();
        alice.createTags(r -> r.resources(image, vpc, subnet, group, host).tags(Tag.builder().key("team").value("a").build()));
        bob.requestSpotInstances(r -> r.instanceCount(1).launchSpecification(l -> l.imageId(InstancesIT.PASTED_AMI)
                .instanceType(InstanceType.M5_LARGE).placement(p -> p.availabilityZone(ZONE))));
        List<ReservedInstancesOffering> offerings = alice.describeReservedInstancesOfferings(r -> r
                .instanceType(InstanceType.T3_MICRO).productDescription("Linux/UNIX").offeringClass("standard")
                .offeringType("No Upfront").maxDuration(31_536_000L)).reservedInstancesOfferings();
        alice.purchaseReservedInstancesOffering(r -> r.instanceCount(1)
                .reservedInstancesOfferingId(offerings.get(0).reservedInstancesOfferingId()));
        String stopped = run(alice, InstanceType.T3_MICRO).instanceId();
        String terminated = run(bob, InstanceType.T3_MICRO).instanceId();
        clock.advanceSeconds(5);
        alice.stopInstances(r -> r.instanceIds(stopped));
        bob.terminateInstances(r -> r.instanceIds(terminated));
        alice.deleteKeyPair(r -> r.keyName("imported"));
        clock.advanceSeconds(5);

        // a read alone: offerings a client may buy later
        String laterOffering = alice.describeReservedInstancesOfferings(r -> r.instanceType(InstanceType.C5_LARGE)
                .productDescription("Linux/UNIX").offeringClass("standard").offeringType("All Upfront")
                .maxDuration(31_536_000L)).reservedInstancesOfferings().get(0).reservedInstancesOfferingId();

        Map<String, Object> before = everything(alice, bob);
        String userData = alice.describeInstanceAttribute(r -> r.instanceId(web.instanceId()).attribute("userData"))
                .userData().value();
        assertThat(((List<?>) before.get("alice hosts"))).hasSize(1);
        assertThat(((List<?>) before.get("bob spot requests"))).hasSize(1);

        restart();
        alice = ec2(ALICE);
        bob = ec2(BOB);
        Map<String, Object> after = everything(alice, bob);
        for (String kind : before.keySet()) {
            assertThat(after.get(kind)).as(kind).isEqualTo(before.get(kind));
        }
        assertThat(alice.describeInstanceAttribute(r -> r.instanceId(web.instanceId()).attribute("userData"))
                .userData().value()).isEqualTo(userData);
        assertThat(alice.purchaseReservedInstancesOffering(r -> r.instanceCount(1)
                .reservedInstancesOfferingId(laterOffering)).reservedInstancesId()).isNotBlank();

        // what is kept goes on working: the same free capacity, ids that are not handed out again
        Ec2Client a = alice;
        a.terminateInstances(r -> r.instanceIds(dedicated.instanceId(), onHost.instanceId()));
        bob.terminateInstances(r -> r.instanceIds(shared.instanceId()));
        clock.advanceSeconds(5);
        a.releaseHosts(r -> r.hostIds(host));
        assertThat(a.describeKeyPairs().keyPairs()).extracting(k -> k.keyName()).containsExactly("laptop");
        assertThat(a.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name").values("stopped")
                .build())).reservations().get(0).instances().get(0).instanceId()).isEqualTo(stopped);
        a.startInstances(r -> r.instanceIds(stopped));
        clock.advanceSeconds(5);
        JsonNode hosts = Json.mapper().readTree(get("/_gureum/ec2/hosts?availabilityZone=" + ZONE)).get("hosts");
        List<String> guests = new ArrayList<>();
        hosts.forEach(h -> h.get("instances").forEach(g -> guests.add(g.get("instanceId").asText())));
        assertThat(guests).contains(stopped, web.instanceId()).doesNotContain(shared.instanceId(), dedicated.instanceId());

        restart();
        assertThat(ec2(ALICE).describeInstances(r -> r.instanceIds(stopped)).reservations().get(0).instances().get(0)
                .state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(Json.mapper().readTree(get("/_gureum/ec2/hosts?availabilityZone=" + ZONE)).get("hosts"))
                .isEqualTo(hosts);
    }

    private JsonNode usageOf(String instanceId) throws Exception {
        for (JsonNode i : Json.mapper().readTree(get("/_gureum/ec2/usage?accountId=" + ALICE)).get("accounts").get(0)
                .get("instances")) {
            if (i.get("instanceId").asText().equals(instanceId)) {
                return i;
            }
        }
        throw new AssertionError("no usage of " + instanceId);
    }

    private InstanceStateName state(Ec2Client ec2, String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0).state()
                .name();
    }

    @Test
    void timeGoesOnWhileStoppedButTheMeterDoesNotBillIt() throws Exception {
        Instant t0 = clock.instant();
        start();
        Ec2Client alice = ec2(ALICE);
        String running = run(alice, InstanceType.T3_MICRO).instanceId();
        String stopping = run(alice, InstanceType.T3_MICRO).instanceId();
        String terminating = run(alice, InstanceType.T3_MICRO).instanceId();
        String host = alice.allocateHosts(r -> r.availabilityZone(ZONE).instanceFamily("c5").quantity(1)).hostIds()
                .get(0);
        clock.advanceSeconds(105);
        String pending = run(alice, InstanceType.T3_MICRO).instanceId();
        alice.stopInstances(r -> r.instanceIds(stopping));
        alice.terminateInstances(r -> r.instanceIds(terminating));
        assertThat(state(alice, pending)).isEqualTo(InstanceStateName.PENDING);
        assertThat(state(alice, stopping)).isEqualTo(InstanceStateName.STOPPING);
        assertThat(state(alice, terminating)).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        // a read alone makes a new account's default network, which is kept
        String carolsVpc = ec2("333333333333").describeVpcs().vpcs().get(0).vpcId();
        stop();

        // an hour passes while the server is down: every boot, stop and termination ended meanwhile
        clock.advanceSeconds(3600);
        start();
        alice = ec2(ALICE);
        assertThat(state(alice, pending)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(alice, stopping)).isEqualTo(InstanceStateName.STOPPED);
        assertThat(state(alice, terminating)).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(ec2("333333333333").describeVpcs().vpcs()).extracting(v -> v.vpcId()).containsExactly(carolsVpc);
        assertThat(alice.describeInstances(r -> r.instanceIds(pending)).reservations().get(0).instances().get(0)
                .launchTime()).isEqualTo(t0.plusSeconds(105));
        clock.advanceSeconds(10);

        // ran 100 s before the stop and 10 s after the restart; the hour between is not billed
        JsonNode ran = usageOf(running);
        assertThat(ran.get("secondsRunning").asDouble()).isEqualTo(110.0);
        assertThat(ran.get("periods")).hasSize(2);
        assertThat(Instant.parse(ran.get("periods").get(0).get("end").asText())).isEqualTo(t0.plusSeconds(105));
        assertThat(Instant.parse(ran.get("periods").get(1).get("start").asText())).isEqualTo(t0.plusSeconds(3705));
        // booted while the server was down: billed from the restart, with the minimum of a start
        JsonNode booted = usageOf(pending);
        assertThat(booted.get("periods")).hasSize(1);
        assertThat(Instant.parse(booted.get("periods").get(0).get("start").asText())).isEqualTo(t0.plusSeconds(3705));
        assertThat(booted.get("secondsRunning").asDouble()).isEqualTo(10.0);
        assertThat(booted.get("billedSeconds").asDouble()).isEqualTo(60.0);
        assertThat(usageOf(stopping).get("secondsRunning").asDouble()).isEqualTo(100.0);
        JsonNode dedicatedHost = Json.mapper().readTree(get("/_gureum/ec2/usage?accountId=" + ALICE)).get("accounts")
                .get(0).get("dedicatedHosts").get(0);
        assertThat(dedicatedHost.get("hostId").asText()).isEqualTo(host);
        assertThat(dedicatedHost.get("secondsAllocated").asDouble()).isEqualTo(115.0);
    }
}
