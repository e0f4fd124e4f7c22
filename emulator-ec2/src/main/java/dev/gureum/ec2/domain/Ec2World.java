package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.DataCenter;
import dev.gureum.core.datacenter.Region;
import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.state.Scope;
import dev.gureum.ec2.catalog.InstanceTypeCatalog;
import dev.gureum.ec2.catalog.PriceList;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * All of EC2: every account's resources per region, the shared data center their instances run in,
 * the Spot and Reserved Instance markets. One lock guards it, because one account's launch may
 * interrupt another account's Spot instance. Time is the injected clock's; transitions that are due
 * (pending to running...) are applied before every operation, so nothing needs a timer thread.
 */
public final class Ec2World {

    private final Clock clock;
    private final Ec2Settings settings;
    private final Regions regions;
    private final InstanceTypeCatalog catalog;
    private final PriceList prices;
    private final DataCenter dataCenter;
    private final SpotMarket spotMarket;
    private final ReservedInstanceMarket reservedMarket;
    private final InstanceLauncher launcher;
    private final InstanceLifecycle lifecycle;
    private final Metering metering;
    private final SpotRequests spotRequests;
    private final Map<Scope, Ec2Scope> scopeMap = new LinkedHashMap<>();
    private final Map<String, Instance> instancesById = new LinkedHashMap<>();
    private final Set<String> publicIps = new HashSet<>();
    private Ec2State state;
    private StateJournal journal;
    private CompletionStage<Void> lastAppend = CompletableFuture.completedFuture(null);
    /** Whether the transitions applied since the last journaled change may have changed anything. */
    private boolean settled = true;
    /** Set while a Describe or Get operation runs: it changes nothing but what transitions do. */
    private final ThreadLocal<Boolean> reading = ThreadLocal.withInitial(() -> false);

    /** IAM's instance profiles and roles, when the server has IAM; none when EC2 runs alone. */
    private volatile java.util.function.Supplier<java.util.Optional<dev.gureum.core.spi.IamRoles>> iamRoles =
            java.util.Optional::empty;

    public void iamRoles(java.util.function.Supplier<java.util.Optional<dev.gureum.core.spi.IamRoles>> roles) {
        this.iamRoles = roles;
    }

    public java.util.Optional<dev.gureum.core.spi.IamRoles> iamRoles() {
        return iamRoles.get();
    }

    public Ec2World(Clock clock, Ec2Settings settings) {
        this(clock, settings, Regions.standard(), InstanceTypeCatalog.standard(), PriceList.standard());
    }

    public Ec2World(Clock clock, Ec2Settings settings, Regions regions, InstanceTypeCatalog catalog, PriceList prices) {
        this.clock = clock;
        this.settings = settings;
        this.regions = regions;
        this.catalog = catalog;
        this.prices = prices;
        this.dataCenter = new DataCenter(regions, settings.hostsPerFamily(), catalog::hostSize);
        this.spotMarket = new SpotMarket(prices, dataCenter, clock.instant());
        this.reservedMarket = new ReservedInstanceMarket(prices);
        this.launcher = new InstanceLauncher(this);
        this.lifecycle = new InstanceLifecycle(this);
        this.metering = new Metering(this);
        this.spotRequests = new SpotRequests(this);
    }

    /** Runs an operation on an account's resources in a region, after applying the transitions that are due. */
    public synchronized <T> T apply(String accountId, String region, Function<Ec2Scope, T> operation) {
        try {
            settle();
            return operation.apply(scope(accountId, region));
        } finally {
            journalChanges();
        }
    }

    /** Runs a read or change of the whole world (the host and usage views). */
    public synchronized <T> T global(Function<Ec2World, T> operation) {
        try {
            settle();
            return operation.apply(this);
        } finally {
            journalChanges();
        }
    }

    /**
     * Keeps the world in a journal from now on, its state replayed into {@code state} already, and
     * leaves the time the server was stopped off the meter.
     */
    public synchronized void keep(Ec2State state, StateJournal journal) {
        this.state = state;
        this.journal = journal;
        Instant stoppedAt = state.lastSeen();
        if (stoppedAt != null) {
            settle();
            Downtime.leaveOffTheMeter(this, stoppedAt, clock.instant());
            scopeMap.values().forEach(s -> s.ebs.leaveOffTheMeter(stoppedAt, clock.instant()));
        }
        Volumes.deriveRootVolumes(this);
        journalChanges();
    }

    /**
     * Runs an operation that only reads: unless a transition came due, or it showed Reserved Instance
     * offerings not shown before, nothing is compared with the journal after it.
     */
    public <T> T reading(java.util.concurrent.Callable<T> operation) throws Exception {
        reading.set(true);
        try {
            return operation.call();
        } finally {
            reading.set(false);
        }
    }

    /**
     * Appends what the last operation changed, if anything, to the journal. Without a data directory
     * nothing is written, so nothing is compared.
     */
    private void journalChanges() {
        if (journal == null || !journal.durable()
                || reading.get() && !settled && !state.newOfferings(reservedMarket.seenCount())) {
            return;
        }
        settled = false;
        List<Object> changes = state.changes(clock.instant());
        if (!changes.isEmpty()) {
            // one record, so that an operation is durable whole or not at all
            lastAppend = journal.append(new Ec2Records.Changes(changes));
        }
    }

    /**
     * Completes when every change made so far is durable: an operation answers its client from it
     * (at once without a data directory).
     */
    public synchronized CompletionStage<Void> durable() {
        return lastAppend;
    }

    /** Clears the world and makes that durable ({@code POST /_gureum/reset}). */
    public CompletionStage<Void> resetDurably() {
        StateJournal j;
        synchronized (this) {
            j = journal;
        }
        if (j == null) {
            reset();
            return CompletableFuture.completedFuture(null);
        }
        return j.reset();
    }

    Map<Scope, Ec2Scope> scopeMap() {
        return scopeMap;
    }

    Map<String, Instance> instancesById() {
        return instancesById;
    }

    Set<String> publicIps() {
        return publicIps;
    }

    Ec2Scope scope(String accountId, String regionName) {
        Region region = regions.find(regionName).orElseThrow(() -> new AwsException(Ec2Error.UNSUPPORTED,
                "The region '" + regionName + "' is not one Gureum's EC2 simulates."));
        return scopeMap.computeIfAbsent(new Scope(accountId, regionName), s -> {
            // a new account's default network is state, whatever the operation that made it
            settled = true;
            return new Ec2Scope(accountId, region);
        });
    }

    /** The scopes that exist, in creation order. */
    public synchronized List<Ec2Scope> scopes() {
        return new ArrayList<>(scopeMap.values());
    }

    /** Applies every transition due by now: boots, stops, terminations, expiry, open Spot requests. */
    void settle() {
        Instant now = clock.instant();
        boolean changed = false;
        for (Instance instance : new ArrayList<>(instancesById.values())) {
            changed |= instance.transitionEnds() != null && !now.isBefore(instance.transitionEnds());
            lifecycle.advance(instance, now);
            if (instance.state() == InstanceState.TERMINATED && instance.terminatedAt() != null
                    && !now.isBefore(instance.terminatedAt().plus(settings.terminatedVisibility()))) {
                forget(instance);
                changed = true;
            }
        }
        for (Ec2Scope scope : scopeMap.values()) {
            for (Image image : scope.ownImages.values()) {
                changed |= image.availableAt() != null && !now.isBefore(image.availableAt());
                image.settle(now);
            }
            changed |= scope.spotRequests.values().stream().anyMatch(r -> r.state().equals("open"));
            changed |= scope.network.settle(scope, now, settings.terminatedVisibility());
            changed |= scope.ebs.settle(now);
        }
        spotRequests.fulfilOpenSpotRequests(now);
        settled |= changed;
    }

    private void forget(Instance instance) {
        instancesById.remove(instance.id());
        Ec2Scope scope = scopeMap.get(new Scope(instance.ownerId(), instance.region()));
        if (scope != null) {
            scope.instances.remove(instance.id());
            scope.retired.add(instance);
            Reservation r = scope.reservations.get(instance.reservationId());
            if (r != null && r.instanceIds().stream().noneMatch(scope.instances::containsKey)) {
                scope.reservations.remove(r.id());
            }
        }
    }

    void register(Instance instance) {
        instancesById.put(instance.id(), instance);
    }

    Instance instance(String id) {
        return instancesById.get(id);
    }

    Ec2Scope scopeOf(Instance instance) {
        return scopeMap.get(new Scope(instance.ownerId(), instance.region()));
    }

    /** A public address no one else holds, from the ranges AWS uses for EC2. */
    String allocatePublicIp() {
        int[] firstOctets = {3, 18, 34, 35, 44, 52, 54};
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String ip = firstOctets[r.nextInt(firstOctets.length)] + "." + r.nextInt(256) + "." + r.nextInt(256) + "."
                    + (1 + r.nextInt(254));
            if (publicIps.add(ip)) {
                return ip;
            }
        }
    }

    void releasePublicIp(String ip) {
        if (ip != null) {
            publicIps.remove(ip);
        }
    }

    public synchronized void reset() {
        scopeMap.clear();
        instancesById.clear();
        publicIps.clear();
        dataCenter.reset();
        spotMarket.reset();
    }

    public Instant now() {
        return clock.instant();
    }

    public Ec2Settings settings() {
        return settings;
    }

    public Regions regions() {
        return regions;
    }

    public InstanceTypeCatalog catalog() {
        return catalog;
    }

    public PriceList prices() {
        return prices;
    }

    public DataCenter dataCenter() {
        return dataCenter;
    }

    public SpotMarket spotMarket() {
        return spotMarket;
    }

    public ReservedInstanceMarket reservedMarket() {
        return reservedMarket;
    }

    public InstanceLauncher launcher() {
        return launcher;
    }

    public InstanceLifecycle lifecycle() {
        return lifecycle;
    }

    public Metering metering() {
        return metering;
    }

    public SpotRequests spotRequests() {
        return spotRequests;
    }
}
