package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.LaunchSpec;
import dev.gureum.ec2.domain.SpotMarket;
import dev.gureum.ec2.domain.SpotRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Spot: requests, their instances, cancellation, and the price history of each pool. */
final class SpotOperations {

    private static final Pattern REQUEST_ID = Pattern.compile("sir-[0-9a-z]{8}");
    private static final List<String> PRODUCTS = List.of("Linux/UNIX", "Linux/UNIX (Amazon VPC)", "Windows",
            "Windows (Amazon VPC)");

    private static final Filters<SpotRequest> REQUEST_FILTERS = new Filters<SpotRequest>()
            .add("spot-instance-request-id", SpotRequest::id)
            .add("state", SpotRequest::state)
            .add("status-code", SpotRequest::statusCode)
            .add("status-message", SpotRequest::statusMessage)
            .add("instance-id", SpotRequest::instanceId)
            .add("type", SpotRequest::type)
            .add("spot-price", r -> Render.price(r.maxPrice(), 6))
            .add("launch.instance-type", r -> r.spec().instanceType())
            .add("launch.image-id", r -> r.spec().imageId())
            .add("launch.key-name", r -> r.spec().keyName())
            .add("launched-availability-zone", SpotRequest::launchedZone)
            .add("product-description", r -> "Linux/UNIX")
            .add("create-time", r -> Values.iso(r.createTime()))
            .tags(SpotRequest::tags);

    private record PricePoint(String zone, String zoneId, String type, String product, double price, Instant timestamp) {
    }

    private static final Filters<PricePoint> PRICE_FILTERS = new Filters<PricePoint>()
            .add("availability-zone", PricePoint::zone)
            .add("instance-type", PricePoint::type)
            .add("product-description", PricePoint::product)
            .add("spot-price", p -> Render.price(p.price(), 6))
            .add("timestamp", p -> Values.iso(p.timestamp()));

    private final Ec2World world;

    SpotOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("RequestSpotInstances", this::requestSpotInstances);
        op.accept("DescribeSpotInstanceRequests", this::describeSpotInstanceRequests);
        op.accept("CancelSpotInstanceRequests", this::cancelSpotInstanceRequests);
        op.accept("DescribeSpotPriceHistory", this::describeSpotPriceHistory);
    }

    private Struct requestSpotInstances(ActionRequest r) {
        Params p = r.params();
        Params launch = p.object("LaunchSpecification");
        int count = p.integer("InstanceCount", 1);
        if (count < 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + count + ") for parameter instanceCount is invalid.");
        }
        String type = p.string("Type", "one-time");
        if (!type.equals("one-time") && !type.equals("persistent")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + type + ") for parameter type is invalid.");
        }
        Double maxPrice = p.doubleValue("SpotPrice");
        Params placement = launch.object("Placement");
        Tenancy tenancy = placement.has("Tenancy") ? Tenancy.of(placement.string("Tenancy")) : null;
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        LaunchSpec spec = new LaunchSpec(launch.string("ImageId"), launch.string("InstanceType"), 1, 1,
                launch.string("KeyName"), launch.stringList("SecurityGroupId"), launch.stringList("SecurityGroup"),
                launch.string("SubnetId"), placement.string("AvailabilityZone"), tenancy, null, null,
                InstanceOperations.userData(launch.string("UserData")), Map.of(), null, null, false, false, null,
                launch.bool("EbsOptimized", false), launch.object("Monitoring").bool("Enabled", false));
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            InstanceTypeInfo info = world.launcher().resolveType(spec.instanceType());
            world.launcher().resolveImage(scope, spec.imageId(), info, world.now());
            double max = maxPrice != null ? maxPrice
                    : world.prices().onDemand(info, scope.region().name(), false);
            List<SpotRequest> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SpotRequest request = new SpotRequest(spec, max, type.equals("persistent"), world.now());
                request.tags().putAll(tags.getOrDefault("spot-instances-request", Map.of()));
                scope.spotRequests().put(request.id(), request);
                created.add(request);
                try {
                    world.spotRequests().tryFulfil(scope, request, world.now());
                } catch (AwsException e) {
                    created.forEach(c -> scope.spotRequests().remove(c.id()));
                    throw e;
                }
            }
            return Struct.of().list("spotInstanceRequestSet", created, x -> request(scope, x));
        });
    }

    private Struct request(Ec2Scope scope, SpotRequest r) {
        LaunchSpec spec = r.spec();
        AvailabilityZone launched = r.launchedZone() == null ? null : world.regions().zone(r.launchedZone()).orElse(null);
        List<Struct> groups = new ArrayList<>();
        for (String id : spec.securityGroupIds()) {
            groups.add(Struct.of().put("groupId", id));
        }
        return Struct.of()
                .put("spotInstanceRequestId", r.id())
                .put("spotPrice", Render.price(r.maxPrice(), 6))
                .put("type", r.type())
                .put("state", r.state())
                .put("status", Struct.of().put("code", r.statusCode()).put("message", r.statusMessage())
                        .put("updateTime", r.statusUpdateTime()))
                .put("launchSpecification", Struct.of()
                        .put("imageId", spec.imageId())
                        .put("instanceType", spec.instanceType())
                        .put("keyName", spec.keyName())
                        .put("subnetId", spec.subnetId())
                        .list("groupSet", groups)
                        .put("placement", spec.zoneName() == null ? null : Struct.of().put("availabilityZone", spec.zoneName()))
                        .put("monitoring", Struct.of().put("enabled", spec.monitoring()))
                        .put("ebsOptimized", spec.ebsOptimized()))
                .put("instanceId", r.instanceId())
                .put("createTime", r.createTime())
                .put("productDescription", "Linux/UNIX")
                .put("launchedAvailabilityZone", r.launchedZone())
                .put("launchedAvailabilityZoneId", launched == null ? null : launched.zoneId())
                .put("instanceInterruptionBehavior", "terminate")
                .list("tagSet", Render.tagSet(r.tags()));
    }

    private Struct describeSpotInstanceRequests(ActionRequest r) {
        Params p = r.params();
        List<String> ids = checkIds(p.stringList("SpotInstanceRequestId"));
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<SpotRequest> requests = new ArrayList<>();
            for (String id : ids) {
                requests.add(find(scope, id));
            }
            if (ids.isEmpty()) {
                requests.addAll(scope.spotRequests().values());
            }
            PageTokens.Page<SpotRequest> page = Requests.page(REQUEST_FILTERS.apply(requests, f), p, 5, 1000, 0);
            return Struct.of().list("spotInstanceRequestSet", page.items(), x -> request(scope, x))
                    .put("nextToken", page.nextToken());
        });
    }

    private static List<String> checkIds(List<String> ids) {
        for (String id : ids) {
            if (!REQUEST_ID.matcher(id).matches()) {
                throw new AwsException(Ec2Error.INVALID_SPOT_REQUEST_ID_MALFORMED, "Invalid id: \"" + id + "\"");
            }
        }
        return ids;
    }

    private static SpotRequest find(Ec2Scope scope, String id) {
        SpotRequest r = scope.spotRequests().get(id);
        if (r == null) {
            throw new AwsException(Ec2Error.INVALID_SPOT_REQUEST_ID_NOT_FOUND,
                    "The spot instance request ID '" + id + "' does not exist");
        }
        return r;
    }

    private Struct cancelSpotInstanceRequests(ActionRequest r) {
        List<String> ids = checkIds(r.params().stringList("SpotInstanceRequestId"));
        if (ids.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter SpotInstanceRequestId");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<SpotRequest> requests = new ArrayList<>();
            for (String id : ids) {
                requests.add(find(scope, id));
            }
            List<Struct> out = new ArrayList<>();
            for (SpotRequest request : requests) {
                world.spotRequests().cancel(request, world.now());
                out.add(Struct.of().put("spotInstanceRequestId", request.id()).put("state", request.state()));
            }
            return Struct.of().list("spotInstanceRequestSet", out);
        });
    }

    private Struct describeSpotPriceHistory(ActionRequest r) {
        Params p = r.params();
        List<String> types = p.stringList("InstanceType");
        List<String> products = p.stringList("ProductDescription");
        for (String product : products) {
            if (!PRODUCTS.contains(product) && !product.equals("Red Hat Enterprise Linux") && !product.equals("SUSE Linux")) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + product + ") for parameter productDescription is invalid.");
            }
        }
        Instant start = time(p.string("StartTime"), "startTime");
        Instant end = time(p.string("EndTime"), "endTime");
        String zoneName = p.string("AvailabilityZone");
        List<Filter> f = Requests.filters(p);
        PRICE_FILTERS.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instant now = world.now();
            Instant from = start != null ? start : now;
            Instant to = end != null ? end : now;
            List<InstanceTypeInfo> infos = new ArrayList<>();
            if (types.isEmpty()) {
                for (String t : world.catalog().offerings(scope.region().name()).keySet()) {
                    world.catalog().find(t).ifPresent(infos::add);
                }
            } else {
                for (String t : types) {
                    infos.add(world.launcher().resolveType(t));
                }
            }
            List<String> wanted = products.isEmpty() ? List.of("Linux/UNIX", "Windows") : products;
            List<PricePoint> points = new ArrayList<>();
            for (InstanceTypeInfo t : infos) {
                for (String zone : world.catalog().zonesOffering(t.name(), scope.region().name())) {
                    if (zoneName != null && !zoneName.equals(zone)) {
                        continue;
                    }
                    AvailabilityZone z = world.regions().zone(zone).orElseThrow();
                    for (String product : wanted) {
                        boolean windows = product.startsWith("Windows");
                        for (SpotMarket.PricePoint point : world.spotMarket().history(t, z, windows, from, to)) {
                            points.add(new PricePoint(zone, z.zoneId(), t.name(), product, point.price(), point.timestamp()));
                        }
                    }
                }
            }
            points.sort(Comparator.comparing(PricePoint::timestamp).reversed());
            PageTokens.Page<PricePoint> page = Requests.page(PRICE_FILTERS.apply(points, f), p, 1, 1000, 1000);
            return Struct.of().list("spotPriceHistorySet", page.items(), x -> Struct.of()
                    .put("availabilityZone", x.zone())
                    .put("availabilityZoneId", x.zoneId())
                    .put("instanceType", x.type())
                    .put("productDescription", x.product())
                    .put("spotPrice", Render.price(x.price(), 6))
                    .put("timestamp", x.timestamp())).put("nextToken", page.nextToken());
        });
    }

    static Instant time(String text, String parameter) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + text + ") for parameter " + parameter + " is invalid.");
            }
        }
    }
}
