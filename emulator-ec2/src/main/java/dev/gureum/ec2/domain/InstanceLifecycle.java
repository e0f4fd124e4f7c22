package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Guest;
import dev.gureum.core.datacenter.Placement;
import dev.gureum.core.datacenter.PlacementException;
import dev.gureum.core.datacenter.PlacementRequest;
import dev.gureum.core.error.AwsException;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS instance lifecycle after launch: start, stop, reboot and terminate with their transitional
 * states, which end after the boot time on the world's clock; Spot interruptions. Called under the
 * world's lock.
 */
public final class InstanceLifecycle {

    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    /** One line of a Start/Stop/TerminateInstances answer. */
    public record StateChange(String instanceId, InstanceState previous, InstanceState current) {
    }

    private final Ec2World world;

    InstanceLifecycle(Ec2World world) {
        this.world = world;
    }

    public List<StateChange> start(Ec2Scope scope, List<Instance> instances, Instant now) {
        for (Instance i : instances) {
            InstanceState s = i.state();
            if (s == InstanceState.STOPPING || s == InstanceState.SHUTTING_DOWN || s == InstanceState.TERMINATED) {
                throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                        "The instance '" + i.id() + "' is not in a state from which it can be started.");
            }
        }
        for (Instance i : instances) {
            if (i.state() == InstanceState.STOPPED && Volumes.root(scope, i) == null) {
                throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE, "The instance '" + i.id()
                        + "' does not have a volume attached at root (" + i.image().rootDeviceName() + ")");
            }
        }
        List<Instance> placed = new ArrayList<>();
        List<Guest> interrupted = new ArrayList<>();
        for (Instance i : instances) {
            if (i.state() != InstanceState.STOPPED) {
                continue;
            }
            try {
                Placement p = world.dataCenter().place(new PlacementRequest(i.ownerId(), i.zone(), i.tenancy(),
                        i.requestedHostId(), List.of(InstanceLauncher.guestOf(i, i.isSpot())), 1, !i.isSpot()));
                i.hostId(p.hostOf().get(i.id()));
                interrupted.addAll(p.interrupted());
                placed.add(i);
            } catch (PlacementException e) {
                for (Instance done : placed) {
                    world.dataCenter().release(done.id());
                    done.hostId(null);
                }
                throw world.launcher().placementError(e, i.type(), i.zone(), true);
            }
        }
        List<StateChange> changes = new ArrayList<>();
        for (Instance i : instances) {
            InstanceState previous = i.state();
            if (placed.contains(i)) {
                i.transition(InstanceState.PENDING, now, now.plus(world.settings().bootTime()));
                i.launchTime(now);
                i.reason("", StateReason.PENDING);
                if (i.elasticIpAllocationId() == null && i.getsPublicIp()) {
                    i.publicIp(world.allocatePublicIp());
                }
                world.spotMarket().record(i.zone(), i.type().family(), now);
            }
            changes.add(new StateChange(i.id(), previous, i.state()));
        }
        for (Guest victim : interrupted) {
            Instance spotInstance = world.instance(victim.instanceId());
            if (spotInstance != null) {
                interrupt(spotInstance, now);
            }
        }
        placed.forEach(i -> advance(i, now));
        return changes;
    }

    public List<StateChange> stop(Ec2Scope scope, List<Instance> instances, boolean force, Instant now) {
        for (Instance i : instances) {
            if (i.state() == InstanceState.SHUTTING_DOWN || i.state() == InstanceState.TERMINATED) {
                throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                        "This instance '" + i.id() + "' is not in a state from which it can be stopped.");
            }
            if (i.disableApiStop()) {
                throw new AwsException(Ec2Error.OPERATION_NOT_PERMITTED, "The instance '" + i.id()
                        + "' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.");
            }
            SpotRequest request = i.isSpot() ? scope.spotRequests.get(i.spot().requestId()) : null;
            if (i.isSpot() && (request == null || !request.persistent())) {
                throw new AwsException(Ec2Error.UNSUPPORTED_OPERATION, "You can't stop the Spot Instance '" + i.id()
                        + "' because it is associated with a one-time Spot Instance request. You can only stop Spot "
                        + "Instances associated with persistent Spot Instance requests.");
            }
        }
        List<StateChange> changes = new ArrayList<>();
        for (Instance i : instances) {
            InstanceState previous = i.state();
            if (previous == InstanceState.PENDING || previous == InstanceState.RUNNING) {
                i.transition(InstanceState.STOPPING, now, force ? now : now.plus(world.settings().bootTime()));
                i.closePeriod(now);
                i.reason("User initiated (" + REASON_TIME.format(now) + ")", StateReason.USER_SHUTDOWN);
            }
            changes.add(new StateChange(i.id(), previous, i.state()));
        }
        instances.forEach(i -> advance(i, now));
        world.metering().rebalanceReservations(scope, now);
        return changes;
    }

    public List<StateChange> terminate(Ec2Scope scope, List<Instance> instances, Instant now) {
        for (Instance i : instances) {
            if (i.disableApiTermination() && i.state() != InstanceState.TERMINATED) {
                throw new AwsException(Ec2Error.OPERATION_NOT_PERMITTED, "The instance '" + i.id()
                        + "' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.");
            }
        }
        List<StateChange> changes = new ArrayList<>();
        for (Instance i : instances) {
            InstanceState previous = i.state();
            if (previous != InstanceState.TERMINATED && previous != InstanceState.SHUTTING_DOWN) {
                i.transition(InstanceState.SHUTTING_DOWN, now, now.plus(world.settings().bootTime()));
                i.closePeriod(now);
                i.reason("User initiated (" + REASON_TIME.format(now) + ")", StateReason.USER_SHUTDOWN);
                if (i.isSpot()) {
                    SpotRequest r = scope.spotRequests.get(i.spot().requestId());
                    if (r != null && r.state().equals("active")) {
                        r.update("closed", "instance-terminated-by-user", "Spot Instance terminated due to user-initiated termination.", now);
                    }
                }
            }
            changes.add(new StateChange(i.id(), previous, i.state()));
        }
        instances.forEach(i -> advance(i, now));
        world.metering().rebalanceReservations(scope, now);
        return changes;
    }

    public void reboot(List<Instance> instances) {
        for (Instance i : instances) {
            if (i.state() != InstanceState.RUNNING && i.state() != InstanceState.PENDING) {
                throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                        "The instance '" + i.id() + "' is not in a state from which it can be rebooted.");
            }
        }
    }

    /** Changes the type of a stopped instance. */
    public void changeType(Instance instance, String typeName) {
        InstanceTypeInfo type = world.launcher().resolveType(typeName);
        if (instance.state() != InstanceState.STOPPED) {
            throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                    "The instance '" + instance.id() + "' is not in the 'stopped' state.");
        }
        if (!type.supportsArchitecture(instance.image().architecture())) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The instance configuration for this AWS "
                    + "Marketplace product is not supported. The architecture of " + type.name() + " ("
                    + type.primaryArchitecture() + ") does not match that of the instance's image ("
                    + instance.image().architecture() + ").");
        }
        if (!world.catalog().zonesOffering(type.name(), instance.region()).contains(instance.zone().name())) {
            throw new AwsException(Ec2Error.UNSUPPORTED, "The requested instance type (" + type.name()
                    + ") is not supported in the Availability Zone of the instance (" + instance.zone().name() + ").");
        }
        instance.type(type);
    }

    /** A Spot instance whose capacity on-demand launches took: it shuts down and terminates. */
    void interrupt(Instance instance, Instant now) {
        if (instance.state() == InstanceState.TERMINATED || instance.state() == InstanceState.SHUTTING_DOWN) {
            return;
        }
        instance.hostId(null);
        instance.transition(InstanceState.SHUTTING_DOWN, now, now.plus(world.settings().bootTime()));
        instance.closePeriod(now);
        instance.reason("Service initiated (" + REASON_TIME.format(now) + ")", StateReason.SPOT_TERMINATION);
        Ec2Scope owner = world.scopeOf(instance);
        SpotRequest request = owner == null ? null : owner.spotRequests.get(instance.spot().requestId());
        if (request != null) {
            request.instanceGone();
            if (request.persistent()) {
                request.update("open", "capacity-not-available",
                        "There is no Spot capacity available that matches your request.", now);
            } else {
                request.update("closed", "instance-terminated-no-capacity",
                        "Spot Instance terminated due to no available capacity.", now);
            }
        }
        advance(instance, now);
    }

    /** Applies the transitions of one instance that are due by {@code now}. */
    void advance(Instance i, Instant now) {
        while (i.transitionEnds() != null && !now.isBefore(i.transitionEnds())) {
            Instant at = i.transitionEnds();
            switch (i.state()) {
                case PENDING -> {
                    i.transition(InstanceState.RUNNING, at, null);
                    i.reason("", null);
                    world.metering().openBilling(i, at, true);
                }
                case STOPPING -> {
                    releaseHost(i, at);
                    i.transition(InstanceState.STOPPED, at, null);
                    if (i.elasticIpAllocationId() == null) {
                        world.releasePublicIp(i.publicIp());
                        i.publicIp(null);
                    }
                }
                case SHUTTING_DOWN -> {
                    releaseHost(i, at);
                    i.transition(InstanceState.TERMINATED, at, null);
                    i.terminatedAt(at);
                    Volumes.terminated(world, i, at);
                    NetworkInterfaces.terminated(world, world.scopeOf(i), i);
                }
                default -> i.transition(i.state(), i.stateSince(), null);
            }
        }
    }

    private void releaseHost(Instance i, Instant at) {
        if (world.dataCenter().release(i.id())) {
            world.spotMarket().record(i.zone(), i.type().family(), at);
        }
        i.hostId(null);
    }

    public static List<Instance> find(Ec2Scope scope, List<String> ids) {
        Map<String, Instance> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Instance i = scope.instances.get(id);
            if (i == null) {
                missing.add(id);
            } else {
                found.put(id, i);
            }
        }
        if (!missing.isEmpty()) {
            throw new AwsException(Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND, missing.size() == 1
                    ? "The instance ID '" + missing.get(0) + "' does not exist"
                    : "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
        return new ArrayList<>(found.values());
    }
}