package dev.gureum.core.datacenter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulated data center and its hypervisor: in every zone, a finite fleet of hosts per instance
 * family, each as large as that family's Dedicated Host. Guests are placed by best fit, packing the
 * instances of different accounts onto shared hosts; Dedicated Instances get hosts no other account
 * uses while they run; instances with host tenancy go onto Dedicated Hosts their account allocated.
 * A fleet is built the first time a zone's family is used. All methods are thread-safe.
 */
public final class DataCenter {

    private record FleetKey(String zone, String family) {
    }

    private final Regions regions;
    private final int hostsPerFamily;
    private final Function<String, HostSize> hostSizes;
    private final Map<FleetKey, List<Host>> fleets = new LinkedHashMap<>();
    private final Map<String, Host> hostsById = new LinkedHashMap<>();
    private final Map<String, Host> hostOfGuest = new LinkedHashMap<>();

    /**
     * @param regions        the regions and zones of the data center
     * @param hostsPerFamily hosts of each family in each zone
     * @param hostSizes      the capacity of a family's hosts; {@code null} for a family that has none
     */
    public DataCenter(Regions regions, int hostsPerFamily, Function<String, HostSize> hostSizes) {
        if (hostsPerFamily < 1) {
            throw new IllegalArgumentException("A fleet has at least one host: " + hostsPerFamily);
        }
        this.regions = Objects.requireNonNull(regions, "regions");
        this.hostsPerFamily = hostsPerFamily;
        this.hostSizes = Objects.requireNonNull(hostSizes, "hostSizes");
    }

    public Regions regions() {
        return regions;
    }

    public int hostsPerFamily() {
        return hostsPerFamily;
    }

    /**
     * Places the request's guests in launch order, as many as there is room for, and at least
     * {@code minCount}; otherwise places none and throws.
     */
    public synchronized Placement place(PlacementRequest request) {
        List<Runnable> undo = new ArrayList<>();
        Map<String, String> hostOf = new LinkedHashMap<>();
        List<Guest> interrupted = new ArrayList<>();
        PlacementException failure = null;
        for (Guest guest : request.guests()) {
            if (hostOfGuest.containsKey(guest.instanceId())) {
                throw new IllegalStateException(guest.instanceId() + " is placed already");
            }
            try {
                Host host = placeOne(request, guest, undo, interrupted);
                hostOf.put(guest.instanceId(), host.id());
            } catch (PlacementException e) {
                failure = e;
                break;
            }
        }
        if (hostOf.size() < request.minCount()) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            throw failure;
        }
        return new Placement(hostOf, interrupted);
    }

    private Host placeOne(PlacementRequest request, Guest guest, List<Runnable> undo, List<Guest> interrupted) {
        List<Host> candidates = candidates(request);
        Host best = candidates.stream()
                .filter(h -> h.fits(guest))
                .min(Comparator.comparingInt((Host h) -> h.freeVcpus() - guest.vcpus())
                        .thenComparingLong(h -> h.freeMemoryMiB() - guest.memoryMiB()))
                .orElse(null);
        if (best == null && request.tenancy() == Tenancy.DEFAULT && request.mayInterruptSpot()) {
            best = makeRoomByInterrupting(candidates, guest, undo, interrupted);
        }
        if (best == null) {
            if (request.tenancy() == Tenancy.HOST) {
                throw new PlacementException(PlacementException.Reason.INSUFFICIENT_CAPACITY_ON_HOST,
                        request.zone().name(), request.family(), request.hostId(),
                        "No Dedicated Host has room for " + guest.instanceType());
            }
            throw new PlacementException(PlacementException.Reason.INSUFFICIENT_CAPACITY, request.zone().name(),
                    request.family(), null, "No " + request.family() + " host in " + request.zone().name()
                    + " has room for " + guest.instanceType());
        }
        Host host = best;
        if (request.tenancy() == Tenancy.DEDICATED && host.tenancy() == Tenancy.DEFAULT) {
            host.assign(Tenancy.DEDICATED, request.accountId());
            undo.add(() -> host.assign(Tenancy.DEFAULT, null));
        }
        host.add(guest);
        hostOfGuest.put(guest.instanceId(), host);
        undo.add(() -> {
            host.remove(guest);
            hostOfGuest.remove(guest.instanceId());
        });
        return host;
    }

    private List<Host> candidates(PlacementRequest request) {
        String account = request.accountId();
        List<Host> fleet = fleet(request.zone(), request.family());
        List<Host> out = new ArrayList<>();
        switch (request.tenancy()) {
            case DEFAULT -> fleet.stream().filter(h -> h.tenancy() == Tenancy.DEFAULT).forEach(out::add);
            case DEDICATED -> fleet.stream()
                    .filter(h -> h.isIdle() || h.tenancy() == Tenancy.DEDICATED && account.equals(h.ownerAccountId()))
                    .forEach(out::add);
            case HOST -> {
                if (request.hostId() != null) {
                    Host host = hostsById.get(request.hostId());
                    if (host == null || host.tenancy() != Tenancy.HOST || !account.equals(host.ownerAccountId())
                            || !host.zone().equals(request.zone())) {
                        throw new PlacementException(PlacementException.Reason.HOST_NOT_FOUND, request.zone().name(),
                                request.family(), request.hostId(), "No Dedicated Host " + request.hostId());
                    }
                    if (!host.family().equals(request.family())) {
                        throw new PlacementException(PlacementException.Reason.INSUFFICIENT_CAPACITY_ON_HOST,
                                request.zone().name(), request.family(), host.id(),
                                host.id() + " serves " + host.family() + ", not " + request.family());
                    }
                    out.add(host);
                } else {
                    fleet.stream().filter(h -> h.tenancy() == Tenancy.HOST && h.autoPlacement()
                            && account.equals(h.ownerAccountId())).forEach(out::add);
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /**
     * Finds the shared host where interrupting the fewest Spot vCPUs makes room, and interrupts them,
     * largest first: on-demand capacity takes precedence over Spot.
     */
    private Host makeRoomByInterrupting(List<Host> candidates, Guest guest, List<Runnable> undo,
                                        List<Guest> interrupted) {
        Host best = null;
        List<Guest> bestVictims = null;
        int bestCost = Integer.MAX_VALUE;
        for (Host host : candidates) {
            List<Guest> spot = host.interruptibleGuests();
            spot.sort(Comparator.comparingInt(Guest::vcpus).reversed());
            int freeVcpus = host.freeVcpus();
            long freeMemory = host.freeMemoryMiB();
            List<Guest> victims = new ArrayList<>();
            int cost = 0;
            for (Guest s : spot) {
                if (freeVcpus >= guest.vcpus() && freeMemory >= guest.memoryMiB()) {
                    break;
                }
                victims.add(s);
                freeVcpus += s.vcpus();
                freeMemory += s.memoryMiB();
                cost += s.vcpus();
            }
            if (freeVcpus >= guest.vcpus() && freeMemory >= guest.memoryMiB() && !victims.isEmpty() && cost < bestCost) {
                best = host;
                bestVictims = victims;
                bestCost = cost;
            }
        }
        if (best == null) {
            return null;
        }
        Host host = best;
        for (Guest victim : bestVictims) {
            host.remove(victim);
            hostOfGuest.remove(victim.instanceId());
            interrupted.add(victim);
            undo.add(() -> {
                host.add(victim);
                hostOfGuest.put(victim.instanceId(), host);
                interrupted.remove(victim);
            });
        }
        return host;
    }

    /** Takes a guest off its host (the instance stopped or terminated); {@code false} if it had none. */
    public synchronized boolean release(String instanceId) {
        Host host = hostOfGuest.remove(instanceId);
        if (host == null) {
            return false;
        }
        for (Guest g : host.guests()) {
            if (g.instanceId().equals(instanceId)) {
                host.remove(g);
            }
        }
        if (host.tenancy() == Tenancy.DEDICATED && host.isEmpty()) {
            host.returnToPool();
        }
        return true;
    }

    public synchronized Optional<Host> hostOf(String instanceId) {
        return Optional.ofNullable(hostOfGuest.get(instanceId));
    }

    public synchronized Optional<Host> host(String hostId) {
        return Optional.ofNullable(hostId == null ? null : hostsById.get(hostId));
    }

    /**
     * Allocates idle hosts of a zone's fleet to an account as Dedicated Hosts, all or none.
     *
     * @param instanceType the one type the hosts run, or {@code null} for any size of {@code family}
     */
    public synchronized List<Host> allocate(String accountId, AvailabilityZone zone, String family, String instanceType,
                                            int quantity, boolean autoPlacement, Instant now) {
        List<Host> idle = fleet(zone, family).stream().filter(Host::isIdle).limit(quantity).toList();
        if (idle.size() < quantity) {
            throw new PlacementException(PlacementException.Reason.INSUFFICIENT_HOST_CAPACITY, zone.name(), family, null,
                    "Only " + idle.size() + " idle " + family + " hosts in " + zone.name());
        }
        for (Host h : idle) {
            h.allocate(accountId, instanceType, autoPlacement, now);
        }
        return idle;
    }

    /** Changes what an allocated host runs (a type, or {@code null} for its whole family) and its auto-placement. */
    public synchronized void modifyHost(String accountId, String hostId, String instanceType, Boolean autoPlacement) {
        Host host = ownedHost(accountId, hostId);
        if (instanceType != null && !host.isEmpty()) {
            for (Guest g : host.guests()) {
                if (!g.instanceType().equals(instanceType)) {
                    throw new PlacementException(PlacementException.Reason.HOST_OCCUPIED, host.zone().name(),
                            host.family(), hostId, hostId + " runs " + g.instanceType());
                }
            }
        }
        host.modify(instanceType, autoPlacement);
    }

    /** Returns an account's Dedicated Host to the shared pool; it must run no instances. */
    public synchronized void releaseHost(String accountId, String hostId) {
        Host host = ownedHost(accountId, hostId);
        if (!host.isEmpty()) {
            throw new PlacementException(PlacementException.Reason.HOST_OCCUPIED, host.zone().name(), host.family(),
                    hostId, hostId + " still runs " + host.guests().size() + " instances");
        }
        host.returnToPool();
    }

    private Host ownedHost(String accountId, String hostId) {
        Host host = hostsById.get(hostId);
        if (host == null || host.tenancy() != Tenancy.HOST || !accountId.equals(host.ownerAccountId())) {
            throw new PlacementException(PlacementException.Reason.HOST_NOT_FOUND, null, null, hostId,
                    "No Dedicated Host " + hostId);
        }
        return host;
    }

    /** The hosts of the fleets built so far, fleet by fleet. */
    public synchronized List<Host> hosts() {
        List<Host> all = new ArrayList<>();
        fleets.values().forEach(all::addAll);
        return all;
    }

    /** The hosts of one zone's fleet for a family (building it if it was not yet). */
    public synchronized List<Host> fleet(AvailabilityZone zone, String family) {
        return fleets.computeIfAbsent(new FleetKey(zone.name(), family), k -> {
            HostSize size = hostSizes.apply(family);
            if (size == null) {
                throw new IllegalArgumentException("No hosts serve the family " + family);
            }
            List<Host> hosts = new ArrayList<>(hostsPerFamily);
            for (int i = 0; i < hostsPerFamily; i++) {
                Host h = new Host(zone, family, size);
                hosts.add(h);
                hostsById.put(h.id(), h);
            }
            return List.copyOf(hosts);
        });
    }

    /**
     * The share of a zone's fleet for a family that is in use, 0 to 1: vCPUs of running guests, and
     * the whole of hosts allocated as Dedicated Hosts. A fleet never used is idle.
     */
    public synchronized double utilization(String zone, String family) {
        List<Host> fleet = fleets.get(new FleetKey(zone, family));
        if (fleet == null || fleet.isEmpty()) {
            return 0;
        }
        long total = 0;
        long used = 0;
        for (Host h : fleet) {
            total += h.size().vcpus();
            used += h.tenancy() == Tenancy.HOST ? h.size().vcpus() : h.usedVcpus();
        }
        return (double) used / total;
    }

    /**
     * A host as it stands, for keeping the data center across restarts: its id, tenancy, owner, allocation
     * and guests. Its zone, family and size are its fleet's.
     */
    public record HostState(String id, Tenancy tenancy, String ownerAccountId, String allocatedInstanceType,
                            boolean autoPlacement, Instant allocatedAt, List<Guest> guests) {
        public HostState {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenancy, "tenancy");
            guests = List.copyOf(guests);
        }
    }

    /** A zone's fleet for a family as it stands: its hosts in order. */
    public record FleetState(AvailabilityZone zone, String family, List<HostState> hosts) {
        public FleetState {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(family, "family");
            hosts = List.copyOf(hosts);
        }
    }

    /** Every fleet built so far, in the order they were built. */
    public synchronized List<FleetState> fleetStates() {
        List<FleetState> out = new ArrayList<>();
        for (List<Host> fleet : fleets.values()) {
            List<HostState> hosts = new ArrayList<>(fleet.size());
            for (Host h : fleet) {
                hosts.add(new HostState(h.id(), h.tenancy(), h.ownerAccountId(), h.allocatedInstanceType(),
                        h.autoPlacement(), h.allocatedAt(), h.guests()));
            }
            out.add(new FleetState(fleet.get(0).zone(), fleet.get(0).family(), hosts));
        }
        return out;
    }

    /**
     * Sets a fleet to a state it had (its hosts with their ids, allocations and guests), replacing the
     * fleet of that zone and family if it was built: the data center after a restart is the one before.
     */
    public synchronized void restore(FleetState state) {
        HostSize size = hostSizes.apply(state.family());
        if (size == null) {
            throw new IllegalArgumentException("No hosts serve the family " + state.family());
        }
        FleetKey key = new FleetKey(state.zone().name(), state.family());
        List<Host> old = fleets.remove(key);
        if (old != null) {
            for (Host h : old) {
                hostsById.remove(h.id());
                h.guests().forEach(g -> hostOfGuest.remove(g.instanceId()));
            }
        }
        List<Host> hosts = new ArrayList<>(state.hosts().size());
        for (HostState hs : state.hosts()) {
            Host h = new Host(hs.id(), state.zone(), state.family(), size);
            if (hs.tenancy() == Tenancy.HOST) {
                h.allocate(hs.ownerAccountId(), hs.allocatedInstanceType(), hs.autoPlacement(), hs.allocatedAt());
            } else {
                h.assign(hs.tenancy(), hs.ownerAccountId());
            }
            for (Guest g : hs.guests()) {
                Host previous = hostOfGuest.put(g.instanceId(), h);
                if (previous != null && previous != h) {
                    previous.remove(g);
                }
                h.add(g);
            }
            hosts.add(h);
            hostsById.put(h.id(), h);
        }
        fleets.put(key, List.copyOf(hosts));
    }

    /** Forgets every fleet, guest and allocation. */
    public synchronized void reset() {
        fleets.clear();
        hostsById.clear();
        hostOfGuest.clear();
    }
}
