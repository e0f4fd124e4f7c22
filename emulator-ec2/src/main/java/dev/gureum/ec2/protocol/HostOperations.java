package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Guest;
import dev.gureum.core.datacenter.Host;
import dev.gureum.core.datacenter.PlacementException;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.domain.DedicatedHost;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Dedicated Hosts: allocate hosts of the zone's fleet, see their capacity and guests, release them. */
final class HostOperations {

    private static final Filters<DedicatedHost> FILTERS = new Filters<DedicatedHost>()
            .add("auto-placement", DedicatedHost::autoPlacement)
            .add("availability-zone", h -> h.zone().name())
            .add("client-token", DedicatedHost::clientToken)
            .add("host-reservation-id", h -> null)
            .add("instance-type", DedicatedHost::instanceType)
            .add("instance-family", DedicatedHost::family)
            .add("state", DedicatedHost::state)
            .tags(DedicatedHost::tags);

    private final Ec2World world;

    HostOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("AllocateHosts", this::allocateHosts);
        op.accept("DescribeHosts", this::describeHosts);
        op.accept("ModifyHosts", this::modifyHosts);
        op.accept("ReleaseHosts", this::releaseHosts);
    }

    private Struct allocateHosts(ActionRequest r) {
        Params p = r.params();
        String type = p.string("InstanceType");
        String family = p.string("InstanceFamily");
        if (type != null && family != null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "Specify either an instance type or an instance family, not both.");
        }
        if (type == null && family == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain the parameter InstanceType or InstanceFamily");
        }
        int quantity = p.integer("Quantity", 1);
        if (quantity < 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + quantity + ") for parameter quantity is invalid.");
        }
        String autoPlacement = onOff(p.string("AutoPlacement", "off"), "autoPlacement");
        String recovery = onOff(p.string("HostRecovery", "off"), "hostRecovery");
        String zoneName = p.string("AvailabilityZone");
        String zoneId = p.string("AvailabilityZoneId");
        String token = p.string("ClientToken");
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            if (token != null && scope.hostTokens().containsKey(token)) {
                return Struct.of().list("hostIdSet", scope.hostTokens().get(token));
            }
            AvailabilityZone zone = scope.region().zones().stream()
                    .filter(z -> z.name().equals(zoneName) || z.zoneId().equals(zoneId)).findFirst()
                    .orElseThrow(() -> new AwsException(zoneName == null && zoneId == null ? Ec2Error.MISSING_PARAMETER
                            : Ec2Error.INVALID_PARAMETER_VALUE, zoneName == null && zoneId == null
                            ? "The request must contain the parameter AvailabilityZone"
                            : "Invalid availability zone: [" + (zoneName != null ? zoneName : zoneId) + "]"));
            String hostFamily;
            if (type != null) {
                InstanceTypeInfo info = world.launcher().resolveType(type);
                if (!Boolean.TRUE.equals(info.detail("dedicatedHostsSupported"))) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                            "Dedicated Hosts are not supported for the instance type " + type + ".");
                }
                if (!world.catalog().zonesOffering(type, scope.region().name()).contains(zone.name())) {
                    throw new AwsException(Ec2Error.UNSUPPORTED, "The requested configuration is currently not "
                            + "supported: " + type + " is not offered in " + zone.name() + ".");
                }
                hostFamily = info.family();
            } else {
                if (world.catalog().family(family).isEmpty()) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                            "Value (" + family + ") for parameter instanceFamily is invalid.");
                }
                hostFamily = family;
            }
            List<Host> hosts;
            try {
                hosts = world.dataCenter().allocate(scope.accountId(), zone, hostFamily, type, quantity,
                        autoPlacement.equals("on"), world.now());
            } catch (PlacementException e) {
                throw new AwsException(Ec2Error.INSUFFICIENT_HOST_CAPACITY,
                        "There is insufficient capacity for the requested host configuration: " + quantity + " "
                                + hostFamily + " hosts in " + zone.name() + ".");
            }
            List<String> ids = new ArrayList<>();
            for (Host h : hosts) {
                DedicatedHost record = new DedicatedHost(h.id(), zone, hostFamily, type, autoPlacement, recovery, token,
                        world.now());
                record.tags().putAll(tags.getOrDefault("dedicated-host", Map.of()));
                scope.hosts().put(h.id(), record);
                ids.add(h.id());
            }
            world.spotMarket().record(zone, hostFamily, world.now());
            if (token != null) {
                scope.hostTokens().put(token, ids);
            }
            return Struct.of().list("hostIdSet", ids);
        });
    }

    private static String onOff(String value, String parameter) {
        if (!value.equals("on") && !value.equals("off")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + value + ") for parameter " + parameter + " is invalid.");
        }
        return value;
    }

    private Struct describeHosts(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "HostId", "h", Ec2Error.INVALID_HOST_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<DedicatedHost> hosts = new ArrayList<>();
            for (String id : ids) {
                hosts.add(record(scope, id));
            }
            if (ids.isEmpty()) {
                hosts.addAll(scope.hosts().values());
            }
            PageTokens.Page<DedicatedHost> page = Requests.page(FILTERS.apply(hosts, f), p, 5, 500, 0);
            return Struct.of().list("hostSet", page.items(), h -> host(scope, h)).put("nextToken", page.nextToken());
        });
    }

    private static DedicatedHost record(Ec2Scope scope, String id) {
        DedicatedHost h = scope.hosts().get(id);
        if (h == null) {
            throw new AwsException(Ec2Error.INVALID_HOST_ID_NOT_FOUND, "Invalid id: '" + id + "'");
        }
        return h;
    }

    private Struct host(Ec2Scope scope, DedicatedHost record) {
        Host host = world.dataCenter().host(record.id()).orElse(null);
        boolean live = record.state().equals("available") && host != null;
        Struct out = Struct.of()
                .put("hostId", record.id())
                .put("autoPlacement", record.autoPlacement())
                .put("availabilityZone", record.zone().name())
                .put("availabilityZoneId", record.zone().zoneId())
                .put("clientToken", record.clientToken())
                .put("state", record.state())
                .put("allocationTime", record.allocationTime())
                .put("releaseTime", record.releaseTime())
                .put("hostRecovery", record.hostRecovery())
                .put("allowsMultipleInstanceTypes", record.instanceType() == null ? "on" : "off")
                .put("ownerId", scope.accountId())
                .put("memberOfServiceLinkedResourceGroup", false)
                .put("hostMaintenance", "off")
                .list("tagSet", Render.tagSet(record.tags()));
        if (host == null) {
            return out;
        }
        out.put("hostProperties", Struct.of()
                .put("cores", host.size().cores())
                .put("instanceType", record.instanceType())
                .put("instanceFamily", record.instanceType() == null ? record.family() : null)
                .put("sockets", host.size().sockets())
                .put("totalVCpus", host.size().vcpus()));
        if (!live) {
            return out;
        }
        List<Struct> capacity = new ArrayList<>();
        List<InstanceTypeInfo> sizes = record.instanceType() != null
                ? List.of(world.catalog().find(record.instanceType()).orElseThrow())
                : world.catalog().family(record.family()).stream()
                .filter(t -> !t.bareMetal())
                .sorted(Comparator.comparingInt(InstanceTypeInfo::vcpus)).toList();
        for (InstanceTypeInfo t : sizes) {
            capacity.add(Struct.of()
                    .put("availableCapacity", host.remainingFor(t.vcpus(), t.memoryMiB()))
                    .put("instanceType", t.name())
                    .put("totalCapacity", host.capacityFor(t.vcpus(), t.memoryMiB())));
        }
        List<Struct> instances = new ArrayList<>();
        for (Guest g : host.guests()) {
            instances.add(Struct.of().put("instanceId", g.instanceId()).put("instanceType", g.instanceType())
                    .put("ownerId", g.accountId()));
        }
        return out.put("availableCapacity", Struct.of()
                        .list("availableInstanceCapacity", capacity)
                        .put("availableVCpus", host.freeVcpus()))
                .list("instances", instances);
    }

    private Struct modifyHosts(ActionRequest r) {
        Params p = r.params();
        List<String> ids = p.stringList("HostId");
        if (ids.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter HostId");
        }
        String autoPlacement = p.has("AutoPlacement") ? onOff(p.string("AutoPlacement"), "autoPlacement") : null;
        String recovery = p.has("HostRecovery") ? onOff(p.string("HostRecovery"), "hostRecovery") : null;
        String type = p.string("InstanceType");
        String family = p.string("InstanceFamily");
        if (type != null && family != null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "Specify either an instance type or an instance family, not both.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<String> done = new ArrayList<>();
            List<Struct> failed = new ArrayList<>();
            for (String id : ids) {
                DedicatedHost record = scope.hosts().get(id);
                if (record == null || record.state().equals("released")) {
                    failed.add(unsuccessful(id, "Client.InvalidHostID.NotFound", "The host ID '" + id + "' does not exist"));
                    continue;
                }
                String newType = type != null ? type : family != null ? null : record.instanceType();
                if (type != null && !world.launcher().resolveType(type).family().equals(record.family())) {
                    failed.add(unsuccessful(id, "Client.InvalidParameterValue",
                            type + " is not of the host's family " + record.family()));
                    continue;
                }
                try {
                    world.dataCenter().modifyHost(scope.accountId(), id, newType,
                            autoPlacement == null ? null : autoPlacement.equals("on"));
                } catch (PlacementException e) {
                    failed.add(unsuccessful(id, "Client.InvalidHostState", "Host " + id + " runs instances of other types."));
                    continue;
                }
                record.instanceType(newType);
                if (autoPlacement != null) {
                    record.autoPlacement(autoPlacement);
                }
                if (recovery != null) {
                    record.hostRecovery(recovery);
                }
                done.add(id);
            }
            return Struct.of().list("successful", done).list("unsuccessful", failed);
        });
    }

    private Struct releaseHosts(ActionRequest r) {
        List<String> ids = r.params().stringList("HostId");
        if (ids.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter HostId");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<String> done = new ArrayList<>();
            List<Struct> failed = new ArrayList<>();
            for (String id : ids) {
                DedicatedHost record = scope.hosts().get(id);
                if (record == null || record.state().equals("released")) {
                    failed.add(unsuccessful(id, "Client.InvalidHostID.NotFound", "The host ID '" + id + "' does not exist"));
                    continue;
                }
                try {
                    world.dataCenter().releaseHost(scope.accountId(), id);
                } catch (PlacementException e) {
                    // instances must be stopped or terminated before their host can go
                    failed.add(unsuccessful(id, "Client.InvalidHostState",
                            "Dedicated host " + id + " cannot be released while it has running instances."));
                    continue;
                }
                record.released(world.now());
                world.spotMarket().record(record.zone(), record.family(), world.now());
                done.add(id);
            }
            return Struct.of().list("successful", done).list("unsuccessful", failed);
        });
    }

    private static Struct unsuccessful(String id, String code, String message) {
        return Struct.of().put("error", Struct.of().put("code", code).put("message", message)).put("resourceId", id);
    }
}
