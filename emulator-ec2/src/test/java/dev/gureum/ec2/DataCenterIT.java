package dev.gureum.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsResponse;
import software.amazon.awssdk.services.ec2.model.Tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataCenterIT {

    private static final ObjectMapper JSON = Json.mapper();

    private final Ec2Harness harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5))
            .withHostsPerFamily(3));
    private final Ec2Client alice = harness.ec2("111111111111", "ap-northeast-2");
    private final Ec2Client bob = harness.ec2("222222222222", "ap-northeast-2");

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    private Instance run(Ec2Client ec2, InstanceType type, Tenancy tenancy) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(type).minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone("ap-northeast-2a").tenancy(tenancy))).instances().get(0);
    }

    private JsonNode hosts() throws Exception {
        return JSON.readTree(harness.get("/_gureum/ec2/hosts?region=ap-northeast-2&availabilityZone=ap-northeast-2a"))
                .get("hosts");
    }

    private JsonNode hostOf(String instanceId) throws Exception {
        for (JsonNode h : hosts()) {
            for (JsonNode i : h.get("instances")) {
                if (i.get("instanceId").asText().equals(instanceId)) {
                    return h;
                }
            }
        }
        return null;
    }

    @Test
    void twoAccountsShareAHostWhileADedicatedInstanceDoesNot() throws Exception {
        Instance a = run(alice, InstanceType.M5_LARGE, Tenancy.DEFAULT);
        Instance b = run(bob, InstanceType.M5_XLARGE, Tenancy.DEFAULT);
        Instance d = run(bob, InstanceType.M5_LARGE, Tenancy.DEDICATED);
        assertThat(d.placement().tenancy()).isEqualTo(Tenancy.DEDICATED);

        JsonNode shared = hostOf(a.instanceId());
        assertThat(hostOf(b.instanceId()).get("id")).isEqualTo(shared.get("id"));
        assertThat(shared.get("tenancy").asText()).isEqualTo("default");
        assertThat(shared.get("instanceFamily").asText()).isEqualTo("m5");
        assertThat(shared.get("vcpus").asInt()).isEqualTo(96);
        assertThat(shared.get("memoryMiB").asLong()).isEqualTo(384 * 1024);
        assertThat(shared.get("usedVcpus").asInt()).isEqualTo(6);
        assertThat(shared.get("usedMemoryMiB").asLong()).isEqualTo(24 * 1024);
        List<String> accounts = new ArrayList<>();
        shared.get("instances").forEach(i -> accounts.add(i.get("accountId").asText()));
        assertThat(accounts).containsExactly("111111111111", "222222222222");

        JsonNode dedicated = hostOf(d.instanceId());
        assertThat(dedicated.get("id")).isNotEqualTo(shared.get("id"));
        assertThat(dedicated.get("tenancy").asText()).isEqualTo("dedicated");
        assertThat(dedicated.get("ownerAccountId").asText()).isEqualTo("222222222222");
        assertThat(dedicated.get("instances")).hasSize(1);
        // the fleet: three m5 hosts in the zone, one of them still empty
        assertThat(hosts()).hasSize(3);

        harness.clock.advanceSeconds(5);
        String log = new String(java.util.Base64.getDecoder().decode(
                alice.getConsoleOutput(r -> r.instanceId(a.instanceId())).output()));
        assertThat(log).contains(shared.get("id").asText()).contains("tenancy default, 1 other guests");
    }

    @Test
    void stoppingReleasesCapacityAndStartingPlacesAgain() throws Exception {
        Instance big = run(alice, InstanceType.M5_24_XLARGE, Tenancy.DEFAULT);
        run(bob, InstanceType.M5_24_XLARGE, Tenancy.DEFAULT);
        run(bob, InstanceType.M5_24_XLARGE, Tenancy.DEFAULT);
        assertThatThrownBy(() -> run(bob, InstanceType.M5_LARGE, Tenancy.DEFAULT))
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity");
                    assertThat(e).hasMessageContaining("We currently do not have sufficient m5.large capacity in the "
                            + "Availability Zone you requested (ap-northeast-2a)")
                            .hasMessageContaining("ap-northeast-2b");
                });
        harness.clock.advanceSeconds(5);
        alice.stopInstances(r -> r.instanceIds(big.instanceId()));
        // capacity returns when the instance has stopped, not while it is stopping
        assertThatThrownBy(() -> run(bob, InstanceType.M5_LARGE, Tenancy.DEFAULT))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity"));
        harness.clock.advanceSeconds(5);
        assertThat(hostOf(big.instanceId())).isNull();
        Instance small = run(bob, InstanceType.M5_LARGE, Tenancy.DEFAULT);
        assertThatThrownBy(() -> alice.startInstances(r -> r.instanceIds(big.instanceId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity"));
        bob.terminateInstances(r -> r.instanceIds(small.instanceId()));
        harness.clock.advanceSeconds(5);
        alice.startInstances(r -> r.instanceIds(big.instanceId()));
        assertThat(hostOf(big.instanceId()).get("usedVcpus").asInt()).isEqualTo(96);
    }

    @Test
    void dedicatedHostsAreAllocatedFilledAndReleased() throws Exception {
        List<String> ids = alice.allocateHosts(r -> r.availabilityZone("ap-northeast-2a").instanceType("m5.large")
                .quantity(1).autoPlacement("on")).hostIds();
        assertThat(ids).singleElement().satisfies(id -> assertThat(id).matches("h-[0-9a-f]{17}"));
        String hostId = ids.get(0);
        Host host = alice.describeHosts(r -> r.hostIds(hostId)).hosts().get(0);
        assertThat(host.hostProperties().totalVCpus()).isEqualTo(96);
        assertThat(host.hostProperties().instanceType()).isEqualTo("m5.large");
        assertThat(host.availableCapacity().availableInstanceCapacity()).singleElement().satisfies(c -> {
            assertThat(c.totalCapacity()).isEqualTo(48);
            assertThat(c.availableCapacity()).isEqualTo(48);
        });
        assertThat(host.stateAsString()).isEqualTo("available");

        Instance onHost = alice.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(2).maxCount(2).placement(p -> p.tenancy(Tenancy.HOST).hostId(hostId))).instances().get(0);
        assertThat(onHost.placement().hostId()).isEqualTo(hostId);
        assertThat(onHost.placement().availabilityZone()).isEqualTo("ap-northeast-2a");
        Host used = alice.describeHosts(r -> r.hostIds(hostId)).hosts().get(0);
        assertThat(used.instances()).hasSize(2);
        assertThat(used.availableCapacity().availableVCpus()).isEqualTo(92);
        InstanceCapacity capacity = used.availableCapacity().availableInstanceCapacity().get(0);
        assertThat(capacity.availableCapacity()).isEqualTo(46);
        assertThat(hostOf(onHost.instanceId()).get("tenancy").asText()).isEqualTo("host");

        // auto-placement finds the host without its id; another type does not fit it
        Instance auto = run(alice, InstanceType.M5_LARGE, Tenancy.HOST);
        assertThat(auto.placement().hostId()).isEqualTo(hostId);
        assertThatThrownBy(() -> run(alice, InstanceType.M5_XLARGE, Tenancy.HOST))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientCapacityOnHost"));
        assertThatThrownBy(() -> bob.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.M5_LARGE)
                .minCount(1).maxCount(1).placement(p -> p.tenancy(Tenancy.HOST).hostId(hostId))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidHostID.NotFound"));

        ReleaseHostsResponse refused = alice.releaseHosts(r -> r.hostIds(hostId));
        assertThat(refused.successful()).isEmpty();
        assertThat(refused.unsuccessful()).singleElement().satisfies(u -> assertThat(u.resourceId()).isEqualTo(hostId));
        List<String> all = new ArrayList<>();
        alice.describeInstances().reservations().forEach(res -> res.instances().forEach(i -> all.add(i.instanceId())));
        alice.terminateInstances(r -> r.instanceIds(all));
        harness.clock.advanceSeconds(5);
        assertThat(alice.releaseHosts(r -> r.hostIds(hostId)).successful()).containsExactly(hostId);
        assertThat(alice.describeHosts(r -> r.hostIds(hostId)).hosts().get(0).stateAsString()).isEqualTo("released");
        assertThat(hostOf(onHost.instanceId())).isNull();
    }

    @Test
    void allocationIsLimitedByTheFleet() {
        assertThatThrownBy(() -> alice.allocateHosts(r -> r.availabilityZone("ap-northeast-2a").instanceFamily("c5")
                .quantity(4)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientHostCapacity"));
        assertThat(alice.allocateHosts(r -> r.availabilityZone("ap-northeast-2a").instanceFamily("c5").quantity(3))
                .hostIds()).hasSize(3);
        // with every c5 host allocated to Alice, nothing shared is left
        assertThatThrownBy(() -> run(bob, InstanceType.C5_LARGE, Tenancy.DEFAULT))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientInstanceCapacity"));
        Host host = alice.describeHosts().hosts().get(0);
        assertThat(host.hostProperties().instanceFamily()).isEqualTo("c5");
        assertThat(host.availableCapacity().availableInstanceCapacity()).extracting(InstanceCapacity::instanceType)
                .contains("c5.large", "c5.24xlarge");
        assertThat(alice.modifyHosts(r -> r.hostIds(host.hostId()).autoPlacement("on")).successful())
                .containsExactly(host.hostId());
        assertThat(alice.describeHosts(r -> r.hostIds(host.hostId())).hosts().get(0).autoPlacementAsString()).isEqualTo("on");
    }
}
