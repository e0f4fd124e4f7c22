package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Region;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Regions, zones, instance types and where they are offered: DescribeRegions, DescribeInstanceTypes... */
final class CatalogOperations {

    private static final Filters<Region> REGION_FILTERS = new Filters<Region>()
            .add("region-name", Region::name)
            .add("endpoint", Region::ec2Endpoint)
            .add("opt-in-status", CatalogOperations::optInStatus);

    private static final Filters<AvailabilityZone> ZONE_FILTERS = new Filters<AvailabilityZone>()
            .add("zone-name", AvailabilityZone::name)
            .add("zone-id", AvailabilityZone::zoneId)
            .add("region-name", AvailabilityZone::region)
            .add("group-name", AvailabilityZone::region)
            .add("network-border-group", AvailabilityZone::region)
            .add("state", z -> "available")
            .add("status", z -> "available")
            .add("zone-type", z -> "availability-zone")
            .add("opt-in-status", z -> "opt-in-not-required")
            .add("message", z -> null);

    private static final Filters<InstanceTypeInfo> TYPE_FILTERS = typeFilters();

    private final Ec2World world;

    CatalogOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("DescribeRegions", this::describeRegions);
        op.accept("DescribeAvailabilityZones", this::describeAvailabilityZones);
        op.accept("DescribeInstanceTypes", this::describeInstanceTypes);
        op.accept("DescribeInstanceTypeOfferings", this::describeInstanceTypeOfferings);
    }

    private static String optInStatus(Region r) {
        return r.optIn() ? "opted-in" : "opt-in-not-required";
    }

    private Struct describeRegions(ActionRequest r) {
        Params p = r.params();
        List<String> names = p.stringList("RegionName");
        List<Region> regions = new ArrayList<>();
        for (String name : names) {
            regions.add(world.regions().find(name).orElseThrow(() ->
                    new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Invalid region: " + name)));
        }
        if (names.isEmpty()) {
            regions.addAll(world.regions().all());
        }
        List<Struct> out = new ArrayList<>();
        for (Region region : REGION_FILTERS.apply(regions, Requests.filters(p))) {
            out.add(Struct.of()
                    .put("regionName", region.name())
                    .put("regionEndpoint", region.ec2Endpoint())
                    .put("optInStatus", optInStatus(region)));
        }
        return Struct.of().list("regionInfo", out);
    }

    private Struct describeAvailabilityZones(ActionRequest r) {
        Params p = r.params();
        String regionName = Requests.region(r);
        Region region = world.regions().find(regionName).orElseThrow(() ->
                new AwsException(Ec2Error.UNSUPPORTED, "The region '" + regionName + "' is not one Gureum's EC2 simulates."));
        List<AvailabilityZone> zones = new ArrayList<>(region.zones());
        List<String> names = p.stringList("ZoneName");
        List<String> ids = p.stringList("ZoneId");
        if (!names.isEmpty() || !ids.isEmpty()) {
            zones.clear();
            for (String name : names) {
                zones.add(region.zones().stream().filter(z -> z.name().equals(name)).findFirst().orElseThrow(() ->
                        new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Invalid availability zone: [" + name + "]")));
            }
            for (String id : ids) {
                zones.add(region.zones().stream().filter(z -> z.zoneId().equals(id)).findFirst().orElseThrow(() ->
                        new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Invalid availability zone id: [" + id + "]")));
            }
        }
        List<Struct> out = new ArrayList<>();
        for (AvailabilityZone z : ZONE_FILTERS.apply(zones, Requests.filters(p))) {
            out.add(Struct.of()
                    .put("optInStatus", "opt-in-not-required")
                    .list("messageSet", List.of())
                    .put("regionName", z.region())
                    .put("zoneName", z.name())
                    .put("zoneId", z.zoneId())
                    .put("groupName", z.region())
                    .put("networkBorderGroup", z.region())
                    .put("zoneType", "availability-zone")
                    .put("zoneState", "available"));
        }
        return Struct.of().list("availabilityZoneInfo", out);
    }

    private Struct describeInstanceTypes(ActionRequest r) {
        Params p = r.params();
        String region = Requests.region(r);
        boolean includeUnsupported = p.bool("IncludeUnsupportedInRegion", false);
        List<InstanceTypeInfo> types = new ArrayList<>();
        List<String> names = p.stringList("InstanceType");
        if (!names.isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                world.catalog().find(name)
                        .filter(t -> includeUnsupported || world.catalog().isOffered(name, region))
                        .ifPresentOrElse(types::add, () -> missing.add(name));
            }
            if (!missing.isEmpty()) {
                throw new AwsException(Ec2Error.INVALID_INSTANCE_TYPE,
                        "The following supplied instance types do not exist: [" + String.join(", ", missing) + "]");
            }
        } else {
            for (InstanceTypeInfo t : world.catalog().all()) {
                if (includeUnsupported || world.catalog().isOffered(t.name(), region)) {
                    types.add(t);
                }
            }
        }
        List<InstanceTypeInfo> matching = TYPE_FILTERS.apply(types, Requests.filters(p));
        PageTokens.Page<InstanceTypeInfo> page = Requests.page(matching, p, 5, 100, 100);
        List<Object> out = new ArrayList<>();
        for (InstanceTypeInfo t : page.items()) {
            out.add(Render.tree(t.details()));
        }
        return Struct.of().list("instanceTypeSet", out).put("nextToken", page.nextToken());
    }

    private Struct describeInstanceTypeOfferings(ActionRequest r) {
        Params p = r.params();
        String region = Requests.region(r);
        String locationType = p.string("LocationType", "region");
        if (!List.of("region", "availability-zone", "availability-zone-id").contains(locationType)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + locationType + ") for parameter locationType is invalid.");
        }
        record Offering(String type, String location) {
        }
        List<Offering> offerings = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : world.catalog().offerings(region).entrySet()) {
            switch (locationType) {
                case "region" -> offerings.add(new Offering(e.getKey(), region));
                case "availability-zone" -> e.getValue().forEach(z -> offerings.add(new Offering(e.getKey(), z)));
                default -> e.getValue().forEach(z -> world.regions().zone(z)
                        .ifPresent(zone -> offerings.add(new Offering(e.getKey(), zone.zoneId()))));
            }
        }
        Filters<Offering> filters = new Filters<Offering>()
                .add("instance-type", Offering::type)
                .add("location", Offering::location);
        List<Offering> matching = filters.apply(offerings, Requests.filters(p));
        PageTokens.Page<Offering> page = Requests.page(matching, p, 5, 1000, 1000);
        List<Struct> out = new ArrayList<>();
        for (Offering o : page.items()) {
            out.add(Struct.of().put("instanceType", o.type()).put("locationType", locationType).put("location", o.location()));
        }
        return Struct.of().list("instanceTypeOfferingSet", out).put("nextToken", page.nextToken());
    }

    /** DescribeInstanceTypes' filters, each a path into the type's facts. */
    private static Filters<InstanceTypeInfo> typeFilters() {
        Filters<InstanceTypeInfo> f = new Filters<>();
        Object[][] paths = {
                {"auto-recovery-supported", new String[] {"autoRecoverySupported"}},
                {"bare-metal", new String[] {"bareMetal"}},
                {"burstable-performance-supported", new String[] {"burstablePerformanceSupported"}},
                {"current-generation", new String[] {"currentGeneration"}},
                {"dedicated-hosts-supported", new String[] {"dedicatedHostsSupported"}},
                {"ebs-info.ebs-optimized-support", new String[] {"ebsInfo", "ebsOptimizedSupport"}},
                {"ebs-info.encryption-support", new String[] {"ebsInfo", "encryptionSupport"}},
                {"ebs-info.nvme-support", new String[] {"ebsInfo", "nvmeSupport"}},
                {"free-tier-eligible", new String[] {"freeTierEligible"}},
                {"hibernation-supported", new String[] {"hibernationSupported"}},
                {"hypervisor", new String[] {"hypervisor"}},
                {"instance-storage-info.disk.count", new String[] {"instanceStorageInfo", "disks", "count"}},
                {"instance-storage-info.disk.size-in-gb", new String[] {"instanceStorageInfo", "disks", "sizeInGB"}},
                {"instance-storage-info.disk.type", new String[] {"instanceStorageInfo", "disks", "type"}},
                {"instance-storage-info.encryption-support", new String[] {"instanceStorageInfo", "encryptionSupport"}},
                {"instance-storage-info.nvme-support", new String[] {"instanceStorageInfo", "nvmeSupport"}},
                {"instance-storage-info.total-size-in-gb", new String[] {"instanceStorageInfo", "totalSizeInGB"}},
                {"instance-storage-supported", new String[] {"instanceStorageSupported"}},
                {"instance-type", new String[] {"instanceType"}},
                {"memory-info.size-in-mib", new String[] {"memoryInfo", "sizeInMiB"}},
                {"network-info.efa-supported", new String[] {"networkInfo", "efaSupported"}},
                {"network-info.ena-support", new String[] {"networkInfo", "enaSupport"}},
                {"network-info.encryption-in-transit-supported", new String[] {"networkInfo", "encryptionInTransitSupported"}},
                {"network-info.ipv4-addresses-per-interface", new String[] {"networkInfo", "ipv4AddressesPerInterface"}},
                {"network-info.ipv6-addresses-per-interface", new String[] {"networkInfo", "ipv6AddressesPerInterface"}},
                {"network-info.ipv6-supported", new String[] {"networkInfo", "ipv6Supported"}},
                {"network-info.maximum-network-cards", new String[] {"networkInfo", "maximumNetworkCards"}},
                {"network-info.maximum-network-interfaces", new String[] {"networkInfo", "maximumNetworkInterfaces"}},
                {"network-info.network-performance", new String[] {"networkInfo", "networkPerformance"}},
                {"nitro-enclaves-support", new String[] {"nitroEnclavesSupport"}},
                {"nitro-tpm-support", new String[] {"nitroTpmSupport"}},
                {"placement-group-info.supported-strategy", new String[] {"placementGroupInfo", "supportedStrategies"}},
                {"processor-info.manufacturer", new String[] {"processorInfo", "manufacturer"}},
                {"processor-info.supported-architecture", new String[] {"processorInfo", "supportedArchitectures"}},
                {"processor-info.sustained-clock-speed-in-ghz", new String[] {"processorInfo", "sustainedClockSpeedInGhz"}},
                {"supported-boot-mode", new String[] {"supportedBootModes"}},
                {"supported-root-device-type", new String[] {"supportedRootDeviceTypes"}},
                {"supported-usage-class", new String[] {"supportedUsageClasses"}},
                {"supported-virtualization-type", new String[] {"supportedVirtualizationTypes"}},
                {"vcpu-info.default-cores", new String[] {"vCpuInfo", "defaultCores"}},
                {"vcpu-info.default-threads-per-core", new String[] {"vCpuInfo", "defaultThreadsPerCore"}},
                {"vcpu-info.default-vcpus", new String[] {"vCpuInfo", "defaultVCpus"}},
                {"vcpu-info.valid-cores", new String[] {"vCpuInfo", "validCores"}},
                {"vcpu-info.valid-threads-per-core", new String[] {"vCpuInfo", "validThreadsPerCore"}},
                {"gpu-info.total-gpu-memory-in-mib", new String[] {"gpuInfo", "totalGpuMemoryInMiB"}},
                {"gpu-info.gpus.count", new String[] {"gpuInfo", "gpus", "count"}},
                {"gpu-info.gpus.manufacturer", new String[] {"gpuInfo", "gpus", "manufacturer"}},
                {"gpu-info.gpus.name", new String[] {"gpuInfo", "gpus", "name"}},
        };
        for (Object[] entry : paths) {
            String[] path = (String[]) entry[1];
            f.add((String) entry[0], t -> leaves(t.details(), path, 0));
        }
        return f;
    }

    /** The values at a path, looking through lists on the way. */
    private static Collection<String> leaves(Object node, String[] path, int depth) {
        Set<String> out = new LinkedHashSet<>();
        if (node instanceof List<?> list) {
            for (Object item : list) {
                out.addAll(leaves(item, path, depth));
            }
            return out;
        }
        if (depth == path.length) {
            if (node != null) {
                out.add(scalar(node));
            }
            return out;
        }
        if (node instanceof Map<?, ?> map) {
            out.addAll(leaves(map.get(path[depth]), path, depth + 1));
        }
        return out;
    }

    private static String scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }
}
