package dev.gureum.core.datacenter;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataCenterTest {

    private static final HostSize M5_HOST = new HostSize(96, 384 * 1024, 2, 48);
    private static final AvailabilityZone ZONE = Regions.standard().zone("ap-northeast-2a").orElseThrow();
    private static final String ALICE = "111111111111";
    private static final String BOB = "222222222222";

    private final AtomicInteger ids = new AtomicInteger();
    private final DataCenter dc = new DataCenter(Regions.standard(), 2, family -> family.equals("m5") ? M5_HOST : null);

    private List<Guest> guests(String account, String type, int count, boolean spot) {
        int vcpus = switch (type) {
            case "m5.large" -> 2;
            case "m5.4xlarge" -> 16;
            case "m5.12xlarge" -> 48;
            case "m5.24xlarge" -> 96;
            default -> throw new IllegalArgumentException(type);
        };
        List<Guest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Guest("i-" + ids.incrementAndGet(), account, type, vcpus, vcpus * 4096L, spot));
        }
        return out;
    }

    private Placement place(String account, Tenancy tenancy, String type, int count) {
        List<Guest> g = guests(account, type, count, false);
        return dc.place(new PlacementRequest(account, ZONE, tenancy, null, g, count, true));
    }

    @Test
    void tenantsOfDifferentAccountsShareAHost() {
        Placement a = place(ALICE, Tenancy.DEFAULT, "m5.large", 1);
        Placement b = place(BOB, Tenancy.DEFAULT, "m5.large", 1);
        String hostA = a.hostOf().values().iterator().next();
        assertThat(b.hostOf().values()).containsExactly(hostA);
        Host host = dc.host(hostA).orElseThrow();
        assertThat(host.guests()).extracting(Guest::accountId).containsExactly(ALICE, BOB);
        assertThat(host.usedVcpus()).isEqualTo(4);
        assertThat(host.tenancy()).isEqualTo(Tenancy.DEFAULT);
        assertThat(host.ownerAccountId()).isNull();
    }

    @Test
    void bestFitPicksTheFullestHostThatHasRoom() {
        Placement big = place(ALICE, Tenancy.DEFAULT, "m5.24xlarge", 1);
        String full = big.hostOf().values().iterator().next();
        Placement medium = place(ALICE, Tenancy.DEFAULT, "m5.12xlarge", 1);
        String other = medium.hostOf().values().iterator().next();
        assertThat(other).isNotEqualTo(full);
        // the 48 vCPUs left on the second host are the tightest fit for a 16-vCPU guest
        Placement small = place(BOB, Tenancy.DEFAULT, "m5.4xlarge", 1);
        assertThat(small.hostOf().values()).containsExactly(other);
        assertThat(dc.host(other).orElseThrow().freeVcpus()).isEqualTo(32);
    }

    @Test
    void dedicatedInstancesGetAHostNoOtherAccountUses() {
        Placement shared = place(ALICE, Tenancy.DEFAULT, "m5.large", 1);
        Placement dedicated = place(BOB, Tenancy.DEDICATED, "m5.large", 1);
        String sharedHost = shared.hostOf().values().iterator().next();
        String dedicatedHost = dedicated.hostOf().values().iterator().next();
        assertThat(dedicatedHost).isNotEqualTo(sharedHost);
        Host host = dc.host(dedicatedHost).orElseThrow();
        assertThat(host.tenancy()).isEqualTo(Tenancy.DEDICATED);
        assertThat(host.ownerAccountId()).isEqualTo(BOB);

        // Bob's next dedicated instance joins his host; Alice's shared one does not
        assertThat(place(BOB, Tenancy.DEDICATED, "m5.large", 1).hostOf().values()).containsExactly(dedicatedHost);
        assertThat(place(ALICE, Tenancy.DEFAULT, "m5.large", 1).hostOf().values()).containsExactly(sharedHost);
    }

    @Test
    void aDedicatedHostReturnsToThePoolWhenItsLastInstanceLeaves() {
        Placement dedicated = place(BOB, Tenancy.DEDICATED, "m5.large", 1);
        String hostId = dedicated.hostOf().values().iterator().next();
        assertThat(dc.release(dedicated.hostOf().keySet().iterator().next())).isTrue();
        Host host = dc.host(hostId).orElseThrow();
        assertThat(host.tenancy()).isEqualTo(Tenancy.DEFAULT);
        assertThat(host.ownerAccountId()).isNull();
        assertThat(host.isEmpty()).isTrue();
    }

    @Test
    void aRequestLargerThanTheFleetPlacesNothing() {
        assertThatThrownBy(() -> place(ALICE, Tenancy.DEFAULT, "m5.24xlarge", 3))
                .isInstanceOf(PlacementException.class)
                .extracting(e -> ((PlacementException) e).reason())
                .isEqualTo(PlacementException.Reason.INSUFFICIENT_CAPACITY);
        assertThat(dc.hosts()).allSatisfy(h -> assertThat(h.isEmpty()).isTrue());
    }

    @Test
    void minCountIsTheFloorAndMaxCountTheCeiling() {
        List<Guest> g = guests(ALICE, "m5.24xlarge", 3, false);
        Placement p = dc.place(new PlacementRequest(ALICE, ZONE, Tenancy.DEFAULT, null, g, 1, true));
        assertThat(p.placedCount()).isEqualTo(2);
        assertThat(p.hostOf()).containsOnlyKeys(g.get(0).instanceId(), g.get(1).instanceId());
    }

    @Test
    void releasingAGuestFreesItsCapacity() {
        Placement p = place(ALICE, Tenancy.DEFAULT, "m5.24xlarge", 2);
        assertThatThrownBy(() -> place(BOB, Tenancy.DEFAULT, "m5.large", 1)).isInstanceOf(PlacementException.class);
        String first = p.hostOf().keySet().iterator().next();
        assertThat(dc.release(first)).isTrue();
        assertThat(dc.release(first)).isFalse();
        assertThat(place(BOB, Tenancy.DEFAULT, "m5.large", 1).placedCount()).isEqualTo(1);
        assertThat(dc.hostOf(first)).isEmpty();
    }

    @Test
    void onDemandInterruptsSpotWhenTheFleetIsFull() {
        List<Guest> spot = guests(BOB, "m5.12xlarge", 4, true);
        dc.place(new PlacementRequest(BOB, ZONE, Tenancy.DEFAULT, null, spot, 4, false));
        assertThat(dc.utilization(ZONE.name(), "m5")).isEqualTo(1.0);

        // Spot does not interrupt Spot
        List<Guest> moreSpot = guests(ALICE, "m5.large", 1, true);
        assertThatThrownBy(() -> dc.place(new PlacementRequest(ALICE, ZONE, Tenancy.DEFAULT, null, moreSpot, 1, false)))
                .isInstanceOf(PlacementException.class);

        Placement onDemand = place(ALICE, Tenancy.DEFAULT, "m5.large", 1);
        assertThat(onDemand.interrupted()).hasSize(1);
        assertThat(onDemand.interrupted().get(0).accountId()).isEqualTo(BOB);
        assertThat(dc.hostOf(onDemand.interrupted().get(0).instanceId())).isEmpty();
        assertThat(dc.utilization(ZONE.name(), "m5")).isEqualTo((48.0 * 3 + 2) / 192);
    }

    @Test
    void aFailedRequestRestoresTheSpotGuestsItInterrupted() {
        List<Guest> spot = guests(BOB, "m5.12xlarge", 2, true);
        dc.place(new PlacementRequest(BOB, ZONE, Tenancy.DEFAULT, null, spot, 2, false));
        place(ALICE, Tenancy.DEFAULT, "m5.24xlarge", 1);
        // one 96-vCPU guest fits once both Spot guests go; a second one does not fit at all
        assertThatThrownBy(() -> place(ALICE, Tenancy.DEFAULT, "m5.24xlarge", 2)).isInstanceOf(PlacementException.class);
        assertThat(dc.hostOf(spot.get(0).instanceId())).isPresent();
        assertThat(dc.hostOf(spot.get(1).instanceId())).isPresent();
    }

    @Test
    void hostTenancyUsesTheAccountsAllocatedHosts() {
        List<Host> allocated = dc.allocate(ALICE, ZONE, "m5", "m5.large", 1, true, Instant.EPOCH);
        Host host = allocated.get(0);
        assertThat(host.tenancy()).isEqualTo(Tenancy.HOST);
        assertThat(host.capacityFor(2, 8192)).isEqualTo(48);

        Placement p = place(ALICE, Tenancy.HOST, "m5.large", 3);
        assertThat(p.hostOf().values()).containsOnly(host.id());
        assertThat(host.remainingFor(2, 8192)).isEqualTo(45);

        // shared instances never land on an allocated host, and other accounts cannot use it
        assertThat(place(BOB, Tenancy.DEFAULT, "m5.large", 1).hostOf().values()).doesNotContain(host.id());
        List<Guest> bobs = guests(BOB, "m5.large", 1, false);
        assertThatThrownBy(() -> dc.place(new PlacementRequest(BOB, ZONE, Tenancy.HOST, host.id(), bobs, 1, false)))
                .isInstanceOf(PlacementException.class)
                .extracting(e -> ((PlacementException) e).reason())
                .isEqualTo(PlacementException.Reason.HOST_NOT_FOUND);

        // a host allocated for m5.large runs nothing else
        List<Guest> larger = guests(ALICE, "m5.4xlarge", 1, false);
        assertThatThrownBy(() -> dc.place(new PlacementRequest(ALICE, ZONE, Tenancy.HOST, host.id(), larger, 1, false)))
                .extracting(e -> ((PlacementException) e).reason())
                .isEqualTo(PlacementException.Reason.INSUFFICIENT_CAPACITY_ON_HOST);
    }

    @Test
    void anOccupiedHostCannotBeReleasedAndAllocationIsAllOrNothing() {
        Host host = dc.allocate(ALICE, ZONE, "m5", null, 1, false, Instant.EPOCH).get(0);
        List<Guest> g = guests(ALICE, "m5.large", 1, false);
        dc.place(new PlacementRequest(ALICE, ZONE, Tenancy.HOST, host.id(), g, 1, false));
        assertThatThrownBy(() -> dc.releaseHost(ALICE, host.id()))
                .extracting(e -> ((PlacementException) e).reason())
                .isEqualTo(PlacementException.Reason.HOST_OCCUPIED);
        assertThatThrownBy(() -> dc.allocate(BOB, ZONE, "m5", null, 2, true, Instant.EPOCH))
                .extracting(e -> ((PlacementException) e).reason())
                .isEqualTo(PlacementException.Reason.INSUFFICIENT_HOST_CAPACITY);
        assertThat(dc.hosts()).filteredOn(h -> h.tenancy() == Tenancy.HOST).hasSize(1);

        dc.release(g.get(0).instanceId());
        dc.releaseHost(ALICE, host.id());
        assertThat(host.tenancy()).isEqualTo(Tenancy.DEFAULT);
        assertThat(dc.allocate(BOB, ZONE, "m5", null, 2, true, Instant.EPOCH)).hasSize(2);
    }

    @Test
    void fleetsAreBuiltPerZoneAndFamilyOnFirstUse() {
        assertThat(dc.hosts()).isEmpty();
        assertThat(dc.utilization(ZONE.name(), "m5")).isZero();
        place(ALICE, Tenancy.DEFAULT, "m5.large", 1);
        assertThat(dc.hosts()).hasSize(2).allSatisfy(h -> {
            assertThat(h.family()).isEqualTo("m5");
            assertThat(h.zone()).isEqualTo(ZONE);
            assertThat(h.size()).isEqualTo(M5_HOST);
            assertThat(h.id()).matches("h-[0-9a-f]{17}");
        });
        assertThatThrownBy(() -> dc.fleet(ZONE, "zz9")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Map.of("zone", ZONE.zoneId())).containsEntry("zone", "apne2-az1");
    }

    @Test
    void aRestoredDataCenterHasTheSameHostsGuestsAndFreeCapacity() {
        place(ALICE, Tenancy.DEFAULT, "m5.large", 3);
        List<Host> allocated = dc.allocate(ALICE, ZONE, "m5", "m5.large", 1, true, Instant.parse("2026-01-01T00:00:00Z"));
        List<DataCenter.FleetState> states = dc.fleetStates();

        DataCenter restored = new DataCenter(Regions.standard(), 2, family -> family.equals("m5") ? M5_HOST : null);
        states.forEach(restored::restore);

        assertThat(restored.fleetStates()).isEqualTo(states);
        assertThat(restored.hosts()).extracting(Host::toString)
                .containsExactlyElementsOf(dc.hosts().stream().map(Host::toString).toList());
        Host host = restored.host(allocated.get(0).id()).orElseThrow();
        assertThat(host.tenancy()).isEqualTo(Tenancy.HOST);
        assertThat(host.allocatedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(restored.hostOf("i-1").map(Host::id)).isEqualTo(dc.hostOf("i-1").map(Host::id));
        assertThat(restored.utilization(ZONE.name(), "m5")).isEqualTo(dc.utilization(ZONE.name(), "m5"));
        assertThat(restored.release("i-1")).isTrue();
        restored.restore(states.get(0));
        assertThat(restored.hostOf("i-1")).isPresent();
        assertThat(restored.fleetStates()).isEqualTo(states);
    }
}
