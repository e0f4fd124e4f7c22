package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.DataCenter;
import dev.gureum.ec2.domain.Ec2Records.AddressRecord;
import dev.gureum.ec2.domain.Ec2Records.DedicatedHostRecord;
import dev.gureum.ec2.domain.Ec2Records.FleetRecord;
import dev.gureum.ec2.domain.Ec2Records.ImageData;
import dev.gureum.ec2.domain.Ec2Records.ImageRecord;
import dev.gureum.ec2.domain.Ec2Records.InstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.KeyPairRecord;
import dev.gureum.ec2.domain.Ec2Records.Keyed;
import dev.gureum.ec2.domain.Ec2Records.OfferingRecord;
import dev.gureum.ec2.domain.Ec2Records.ReservationRecord;
import dev.gureum.ec2.domain.Ec2Records.ReservedInstanceRecord;
import dev.gureum.ec2.domain.Ec2Records.ScopeRecord;
import dev.gureum.ec2.domain.Ec2Records.SecurityGroupRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotMarketRecord;
import dev.gureum.ec2.domain.Ec2Records.SpotRequestRecord;
import dev.gureum.ec2.domain.Ec2Records.SubnetRecord;
import dev.gureum.ec2.domain.Ec2Records.VpcRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of EC2 as records, in the order they are applied back: the markets and the data center,
 * then each account's region with its network before the instances that use it. Read under the world's
 * lock.
 */
final class Ec2Snapshot {

    private Ec2Snapshot() {
    }

    static List<Keyed> of(Ec2World world) {
        List<Keyed> out = new ArrayList<>();
        SpotMarket market = world.spotMarket();
        out.add(new SpotMarketRecord(market.epoch(), market.useHistory()));
        world.reservedMarket().seen().forEach(o -> out.add(new OfferingRecord(o)));
        for (DataCenter.FleetState fleet : world.dataCenter().fleetStates()) {
            out.add(new FleetRecord(fleet));
        }
        for (Ec2Scope scope : world.scopeMap().values()) {
            of(scope, out);
        }
        return out;
    }

    private static void of(Ec2Scope scope, List<Keyed> out) {
        String account = scope.accountId();
        String region = scope.region().name();
        Map<String, List<String>> launchTokens = new LinkedHashMap<>();
        scope.launchTokens.forEach((token, t) -> launchTokens.put(token, List.of(t.reservationId(), t.fingerprint())));
        Map<String, List<String>> hostTokens = new LinkedHashMap<>();
        scope.hostTokens.forEach((token, ids) -> hostTokens.put(token, List.copyOf(ids)));
        Map<String, Map<String, String>> catalogTags = new LinkedHashMap<>();
        scope.publicImages.values().stream().filter(i -> !i.tags().isEmpty())
                .forEach(i -> catalogTags.put(i.id(), tags(i)));
        out.add(new ScopeRecord(account, region, scope.dhcpOptionsId(), scope.defaultVpcId(),
                List.copyOf(new java.util.TreeSet<>(scope.deregisteredImages)), launchTokens, hostTokens, catalogTags));
        for (Vpc v : scope.vpcs.values()) {
            out.add(new VpcRecord(account, region, v.id(), v.cidr().toString(), v.isDefault(), v.instanceTenancy(),
                    v.cidrAssociationId(), v.dhcpOptionsId(), v.enableDnsSupport(), v.enableDnsHostnames(), tags(v)));
        }
        for (Subnet s : scope.subnets.values()) {
            out.add(new SubnetRecord(account, region, s.id(), s.vpcId(), s.cidr().toString(), s.zone().name(),
                    s.defaultForAz(), s.mapPublicIpOnLaunch(), s.usedAddresses(), tags(s)));
        }
        for (SecurityGroup g : scope.securityGroups.values()) {
            out.add(new SecurityGroupRecord(account, region, g.id(), g.name(), g.description(), g.vpcId(),
                    List.copyOf(g.rules()), tags(g)));
        }
        for (KeyPairInfo k : scope.keyPairs.values()) {
            out.add(new KeyPairRecord(account, region, k.id(), k.name(), k.type(), k.material().publicKey(),
                    k.fingerprint(), k.createTime(), tags(k)));
        }
        for (ElasticIp a : scope.addresses.values()) {
            out.add(new AddressRecord(account, region, a.allocationId(), a.publicIp(), a.associationId(),
                    a.instanceId(), a.privateIp(), a.networkInterfaceId(), tags(a)));
        }
        for (Image i : scope.ownImages.values()) {
            out.add(new ImageRecord(account, region, image(i)));
        }
        for (Reservation r : scope.reservations.values()) {
            out.add(new ReservationRecord(account, region, r.id(), r.ownerId(), r.requesterId(),
                    List.copyOf(r.instanceIds())));
        }
        for (ReservedInstance ri : scope.reservedInstances.values()) {
            out.add(new ReservedInstanceRecord(account, region, ri.id(), ri.offering(), ri.instanceCount(), ri.start(),
                    tags(ri)));
        }
        for (SpotRequest r : scope.spotRequests.values()) {
            out.add(new SpotRequestRecord(account, region, r.id(), r.spec(), r.maxPrice(), r.persistent(),
                    r.createTime(), r.state(), r.statusCode(), r.statusMessage(), r.statusUpdateTime(), r.instanceId(),
                    r.launchedZone(), tags(r)));
        }
        for (DedicatedHost h : scope.hosts.values()) {
            out.add(new DedicatedHostRecord(account, region, h.id(), h.zone().name(), h.family(), h.instanceType(),
                    h.autoPlacement(), h.hostRecovery(), h.clientToken(), h.allocationTime(), h.state(),
                    h.releaseTime(), h.unbilledSeconds(), tags(h)));
        }
        for (Instance i : scope.instances.values()) {
            out.add(instance(account, region, i, false));
        }
        for (Instance i : scope.retired) {
            out.add(instance(account, region, i, true));
        }
        LaunchTemplateRecords.of(scope, out);
        NetworkSnapshot.of(scope, out);
        for (NetworkInterface n : scope.networkInterfaces.values()) {
            out.add(NetworkInterfaceRestore.record(account, region, n));
        }
        EbsRecords.of(scope, out);
    }

    static InstanceRecord instance(String account, String region, Instance i, boolean retired) {
        Subnet s = i.subnet();
        return new InstanceRecord(account, region, i.id(), i.reservationId(), image(i.image()), i.type().name(),
                i.zone().name(), s.id(), s.vpcId(), s.cidr().toString(), s.defaultForAz(), i.keyName(),
                List.copyOf(i.securityGroupIds()), i.tenancy().value(), i.requestedHostId(), i.launchIndex(),
                i.clientToken(), i.firstLaunch(), i.networkInterfaceId(), i.attachmentId(), i.macAddress(),
                i.rootVolumeId(), i.state().name(), i.stateSince(), i.transitionEnds(), i.launchTime(),
                i.stateTransitionReason(), i.stateReason(), i.privateIp(), i.publicIp(), i.elasticIpAllocationId(),
                i.hostId(), i.userData(), i.disableApiTermination(), i.disableApiStop(), i.shutdownBehavior(),
                i.sourceDestCheck(), i.ebsOptimized(), i.monitoring(), i.spot(), i.terminatedAt(), i.billing(),
                tags(i), retired);
    }

    static ImageData image(Image i) {
        return new ImageData(i.id(), i.name(), i.description(), i.ownerId(), i.ownerAlias(), i.platform(),
                i.architecture(), i.rootDeviceName(), i.volumeSizeGiB(), i.volumeType(), i.bootMode(),
                i.creationDate(), i.isPublic(), i.sourceInstanceId(), i.known(), i.snapshotId(), i.state(),
                i.availableAt(), tags(i));
    }

    private static Map<String, String> tags(Tagged t) {
        return t.tags().isEmpty() ? Map.of() : new LinkedHashMap<>(t.tags());
    }
}
