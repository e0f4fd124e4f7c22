package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.state.Scope;
import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.domain.Ec2Records.AddressRecord;
import dev.gureum.ec2.domain.Ec2Records.DedicatedHostRecord;
import dev.gureum.ec2.domain.Ec2Records.FleetRecord;
import dev.gureum.ec2.domain.Ec2Records.ImageData;
import dev.gureum.ec2.domain.Ec2Records.ImageRecord;
import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.KeyPairRecord;
import dev.gureum.ec2.domain.Ec2Records.Keyed;
import dev.gureum.ec2.domain.Ec2Records.LastSeen;
import dev.gureum.ec2.domain.Ec2Records.OfferingRecord;
import dev.gureum.ec2.domain.Ec2Records.Removed;
import dev.gureum.ec2.domain.Ec2Records.ReservationRecord;
import dev.gureum.ec2.domain.Ec2Records.ReservedInstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.ScopeRecord;
import dev.gureum.ec2.domain.Ec2Records.SecurityGroupRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotMarketRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotRequestRecord;
import dev.gureum.ec2.domain.Ec2Records.SubnetRecord;
import dev.gureum.ec2.domain.Ec2Records.VpcRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2's state as records ({@code ec2} in the data directory). Operations change EC2's objects in place
 * under the world's lock; after each one, {@link #changes()} compares the world's records with those
 * last written and returns the ones that differ, and removals, for the journal. {@link #apply} sets an
 * object from its record, keeping the objects others refer to (subnets, images) and updating them in place.
 */
public final class Ec2State implements DurableState {

    private final Ec2World world;
    private final RecordTypes types;
    /** The records as last written or replayed, by key. */
    private final Map<String, Keyed> written = new HashMap<>();
    private Instant lastSeen;
    /** How many Reserved Instance offerings the last comparison wrote or found written; -1 before one. */
    private int offeringsWritten = -1;

    public Ec2State(Ec2World world) {
        this.world = world;
        this.types = new Ec2RecordTypes(name -> world.regions().zone(name).orElse(null)).types();
    }

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public RecordTypes recordTypes() {
        return types;
    }

    @Override
    public Iterable<?> records() {
        synchronized (world) {
            List<Object> all = new ArrayList<>(Ec2Snapshot.of(world));
            all.add(new LastSeen(world.now()));
            return all;
        }
    }

    @Override
    public void clear() {
        synchronized (world) {
            world.reset();
            written.clear();
            offeringsWritten = -1;
            lastSeen = null;
        }
    }

    /** Whether clients were shown offerings since the last comparison (offerings are never forgotten). */
    boolean newOfferings(int seen) {
        return seen != offeringsWritten;
    }

    /** The last instant the state that was replayed had been made durable; {@code null} for a new state. */
    Instant lastSeen() {
        return lastSeen;
    }

    /**
     * The records that changed since they were last written, in the order they apply, then removals,
     * then the instant they were taken; empty when nothing changed. Called under the world's lock.
     */
    List<Object> changes(Instant now) {
        List<Keyed> current = Ec2Snapshot.of(world);
        offeringsWritten = (int) current.stream().filter(r -> r instanceof OfferingRecord).count();
        List<Object> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Keyed record : current) {
            keys.add(record.key());
            if (!record.equals(written.get(record.key()))) {
                written.put(record.key(), record);
                out.add(record);
            }
        }
        List<String> gone = new ArrayList<>();
        for (String key : written.keySet()) {
            if (!keys.contains(key) && !key.equals("last-seen")) {
                gone.add(key);
            }
        }
        for (String key : gone) {
            written.remove(key);
            out.add(new Removed(key));
        }
        if (!out.isEmpty()) {
            out.add(new LastSeen(now));
        }
        return out;
    }

    @Override
    public void apply(Object record) {
        synchronized (world) {
            if (record instanceof Ec2Records.Changes changes) {
                changes.records().forEach(this::apply);
                return;
            }
            if (record instanceof LastSeen seen) {
                lastSeen = seen.at();
                return;
            }
            if (record instanceof Removed removed) {
                remove(removed.key());
                written.remove(removed.key());
                return;
            }
            Keyed keyed = (Keyed) record;
            set(keyed);
            written.put(keyed.key(), keyed);
        }
    }

    private void set(Keyed record) {
        if (record instanceof SpotMarketRecord r) {
            world.spotMarket().restore(r.epoch(), r.history());
        } else if (record instanceof OfferingRecord r) {
            world.reservedMarket().remember(r.offering());
        } else if (record instanceof FleetRecord r) {
            world.dataCenter().restore(r.fleet());
        } else if (record instanceof ScopeRecord r) {
            scope(r);
        } else if (record instanceof VpcRecord r) {
            vpc(r);
        } else if (record instanceof SubnetRecord r) {
            subnet(r);
        } else if (record instanceof SecurityGroupRecord r) {
            SecurityGroup g = new SecurityGroup(r.id(), r.name(), r.description(), r.vpcId(), r.account(), r.region());
            g.rules().addAll(r.rules());
            g.tags().putAll(r.tags());
            scope(r.account(), r.region()).securityGroups.put(g.id(), g);
        } else if (record instanceof KeyPairRecord r) {
            KeyPairInfo k = new KeyPairInfo(r.id(), r.name(),
                    new KeyMaterial(r.type(), null, r.publicKey(), r.fingerprint()), r.createTime());
            k.tags().putAll(r.tags());
            scope(r.account(), r.region()).keyPairs.put(r.name(), k);
        } else if (record instanceof AddressRecord r) {
            ElasticIp a = new ElasticIp(r.allocationId(), r.publicIp(), r.region());
            if (r.associationId() != null) {
                a.associated(r.associationId(), r.instanceId(), r.privateIp(), r.networkInterfaceId());
            }
            a.tags().putAll(r.tags());
            scope(r.account(), r.region()).addresses.put(a.allocationId(), a);
            world.publicIps().add(r.publicIp());
        } else if (record instanceof ImageRecord r) {
            Ec2Scope scope = scope(r.account(), r.region());
            Image existing = scope.ownImages.get(r.image().id());
            if (existing != null) {
                update(existing, r.image());
            } else {
                scope.ownImages.put(r.image().id(), image(r.image()));
            }
        } else if (record instanceof ReservationRecord r) {
            Reservation reservation = new Reservation(r.id(), r.ownerId(), r.requesterId());
            reservation.instanceIds().addAll(r.instanceIds());
            scope(r.account(), r.region()).reservations.put(r.id(), reservation);
        } else if (record instanceof ReservedInstanceRecord r) {
            ReservedInstance ri = new ReservedInstance(r.id(), r.offering(), r.instanceCount(), r.start());
            ri.tags().putAll(r.tags());
            scope(r.account(), r.region()).reservedInstances.put(r.id(), ri);
        } else if (record instanceof SpotRequestRecord r) {
            SpotRequest s = new SpotRequest(r.id(), r.spec(), r.maxPrice(), r.persistent(), r.createTime());
            s.update(r.state(), r.statusCode(), r.statusMessage(), r.statusUpdateTime());
            s.launched(r.instanceId(), r.launchedZone());
            s.tags().putAll(r.tags());
            scope(r.account(), r.region()).spotRequests.put(r.id(), s);
        } else if (record instanceof DedicatedHostRecord r) {
            DedicatedHost h = new DedicatedHost(r.hostId(), zone(r.zone()), r.family(), r.instanceType(),
                    r.autoPlacement(), r.hostRecovery(), r.clientToken(), r.allocationTime());
            h.restore(r.state(), r.releaseTime(), r.unbilledSeconds());
            h.tags().putAll(r.tags());
            scope(r.account(), r.region()).hosts.put(r.hostId(), h);
        } else if (record instanceof InstanceRecord r) {
            instance(r);
        } else if (LaunchTemplateRecords.set(world, record)) {
            return;
        } else if (record instanceof NetworkRecords.NetworkRecord r) {
            NetworkSnapshot.restore(scope(r.account(), r.region()), r);
        } else if (record instanceof Ec2Records.NetworkInterfaceRecord r) {
            NetworkInterfaceRestore.restore(world, scope(r.account(), r.region()), r);
        } else if (EbsRecords.set(record, this::scope)) {
            // an EBS volume, snapshot or default
        } else {
            throw new IllegalArgumentException("Not an EC2 record: " + record);
        }
    }

    private void scope(ScopeRecord r) {
        Ec2Scope scope = world.scopeMap().computeIfAbsent(new Scope(r.account(), r.region()),
                s -> new Ec2Scope(r.account(), world.regions().find(r.region()).orElseThrow(), r.dhcpOptionsId(),
                        r.defaultVpcId()));
        scope.deregisteredImages.clear();
        scope.deregisteredImages.addAll(r.deregisteredImages());
        scope.launchTokens.clear();
        r.launchTokens().forEach((token, v) -> scope.launchTokens.put(token, new Ec2Scope.LaunchToken(v.get(0), v.get(1))));
        scope.hostTokens.clear();
        r.hostTokens().forEach((token, ids) -> scope.hostTokens.put(token, new ArrayList<>(ids)));
        for (Image image : scope.publicImages.values()) {
            image.tags().clear();
            image.tags().putAll(r.catalogImageTags().getOrDefault(image.id(), Map.of()));
        }
    }

    /** The scope of a record; one its scope record did not create yet is made bare. */
    private Ec2Scope scope(String account, String region) {
        return world.scopeMap().computeIfAbsent(new Scope(account, region), s -> new Ec2Scope(account,
                world.regions().find(region).orElseThrow(), dev.gureum.core.id.Ids.ec2("dopt"), null));
    }

    private AvailabilityZone zone(String name) {
        return world.regions().zone(name).orElseThrow(() -> new IllegalArgumentException("No zone " + name));
    }

    private void vpc(VpcRecord r) {
        Ec2Scope scope = scope(r.account(), r.region());
        Vpc v = scope.vpcs.get(r.id());
        if (v == null) {
            v = new Vpc(r.id(), r.account(), Cidr.parse(r.cidr()), r.isDefault(), r.instanceTenancy(),
                    r.cidrAssociationId(), r.dhcpOptionsId());
            scope.vpcs.put(v.id(), v);
        }
        v.enableDnsSupport(r.enableDnsSupport());
        v.enableDnsHostnames(r.enableDnsHostnames());
        v.dhcpOptionsId(r.dhcpOptionsId());
        v.tags().clear();
        v.tags().putAll(r.tags());
    }

    private void subnet(SubnetRecord r) {
        Ec2Scope scope = scope(r.account(), r.region());
        Subnet s = scope.subnets.get(r.id());
        if (s == null) {
            s = new Subnet(r.id(), r.vpcId(), r.account(), Cidr.parse(r.cidr()), zone(r.zone()), r.defaultForAz());
            scope.subnets.put(s.id(), s);
        }
        s.mapPublicIpOnLaunch(r.mapPublicIpOnLaunch());
        s.usedAddresses(r.usedAddresses());
        s.tags().clear();
        s.tags().putAll(r.tags());
    }

    private static Image image(ImageData d) {
        Image image = new Image(d.id(), d.name(), d.description(), d.ownerId(), d.ownerAlias(), d.platform(),
                d.architecture(), d.rootDeviceName(), d.volumeSizeGiB(), d.volumeType(), d.bootMode(),
                d.creationDate(), d.isPublic(), d.sourceInstanceId(), d.known(), d.snapshotId());
        update(image, d);
        return image;
    }

    private static void update(Image image, ImageData d) {
        image.state(d.state(), d.availableAt());
        image.tags().clear();
        image.tags().putAll(d.tags());
    }

    private void instance(InstanceRecord r) {
        Ec2Scope scope = scope(r.account(), r.region());
        AvailabilityZone zone = zone(r.zone());
        InstanceTypeInfo type = world.catalog().find(r.instanceType())
                .orElseThrow(() -> new IllegalArgumentException("No instance type " + r.instanceType()));
        Image image = scope.ownImages.get(r.image().id());
        if (image == null) {
            image = scope.publicImages.get(r.image().id());
        }
        if (image == null) {
            image = image(r.image());
        }
        Subnet subnet = scope.subnets.get(r.subnetId());
        if (subnet == null) {
            // the subnet was deleted after the instance terminated
            subnet = new Subnet(r.subnetId(), r.subnetVpcId(), r.account(), Cidr.parse(r.subnetCidr()), zone,
                    r.subnetDefaultForAz());
        }
        Instance i = new Instance(new Instance.InstanceIds(r.id(), r.networkInterfaceId(), r.attachmentId(),
                r.macAddress(), r.rootVolumeId()), r.account(), r.region(), r.reservationId(), image, type, zone, subnet,
                r.keyName(), r.securityGroupIds(), Tenancy.of(r.tenancy()), r.requestedHostId(), r.launchIndex(),
                r.clientToken(), r.firstLaunch());
        i.transition(InstanceState.valueOf(r.state()), r.stateSince(), r.transitionEnds());
        i.launchTime(r.launchTime());
        i.reason(r.stateTransitionReason(), r.stateReason());
        i.privateIp(r.privateIp());
        i.publicIp(r.publicIp());
        i.elasticIpAllocationId(r.elasticIpAllocationId());
        i.hostId(r.hostId());
        i.userData(r.userData());
        i.disableApiTermination(r.disableApiTermination());
        i.disableApiStop(r.disableApiStop());
        i.shutdownBehavior(r.shutdownBehavior());
        i.sourceDestCheck(r.sourceDestCheck());
        i.ebsOptimized(r.ebsOptimized());
        i.monitoring(r.monitoring());
        i.spot(r.spot());
        i.terminatedAt(r.terminatedAt());
        i.billing(r.billing());
        i.tags().putAll(r.tags());
        LaunchTemplateRecords.carryOver(scope.instances.containsKey(r.id()) ? scope.instances.get(r.id())
                : scope.retired.stream().filter(x -> x.id().equals(r.id())).findFirst().orElse(null), i);
        removeInstance(scope, r.id());
        if (r.retired()) {
            scope.retired.add(i);
        } else {
            scope.instances.put(i.id(), i);
            world.register(i);
        }
        if (r.publicIp() != null) {
            world.publicIps().add(r.publicIp());
        }
        NetworkInterfaceRestore.link(scope, i, r);
    }

    private void removeInstance(Ec2Scope scope, String id) {
        scope.instances.remove(id);
        scope.retired.removeIf(i -> i.id().equals(id));
        world.instancesById().remove(id);
    }

    private void remove(String key) {
        String[] parts = key.split("\\|", 4);
        if (parts.length < 4) {
            return;
        }
        Ec2Scope scope = world.scopeMap().get(new Scope(parts[1], parts[2]));
        if (scope == null) {
            return;
        }
        String id = parts[3];
        switch (parts[0]) {
            case "vpc" -> scope.vpcs.remove(id);
            case "subnet" -> scope.subnets.remove(id);
            case "security-group" -> scope.securityGroups.remove(id);
            case "key-pair" -> scope.keyPairs.remove(id);
            case "address" -> {
                ElasticIp a = scope.addresses.remove(id);
                if (a != null) {
                    world.releasePublicIp(a.publicIp());
                }
            }
            case "image" -> scope.ownImages.remove(id);
            case "reservation" -> scope.reservations.remove(id);
            case "reserved-instances" -> scope.reservedInstances.remove(id);
            case "spot-request" -> scope.spotRequests.remove(id);
            case "dedicated-host" -> scope.hosts.remove(id);
            case "instance" -> removeInstance(scope, id);
            case "scope" -> world.scopeMap().remove(new Scope(parts[1], parts[2]));
            case "internet-gateway", "egress-only-internet-gateway", "nat-gateway", "route-table", "dhcp-options",
                 "vpc-endpoint", "vpc-peering-connection", "vpc-attributes" -> NetworkSnapshot.remove(scope, parts[0], id);
            case "network-interface" -> scope.networkInterfaces.remove(id);
            case "volume", "snapshot" -> EbsRecords.remove(scope.ebs(), parts[0], id);
            default -> {
                // a kind this version does not remove, unless launch templates know it
                LaunchTemplateRecords.remove(world, parts[0], parts[1], parts[2], id);
            }
        }
    }
}
