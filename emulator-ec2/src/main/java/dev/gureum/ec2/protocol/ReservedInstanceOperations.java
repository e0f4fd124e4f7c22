package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.ReservedInstance;
import dev.gureum.ec2.domain.ReservedInstanceMarket;
import dev.gureum.ec2.domain.ReservedInstanceOffering;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Reserved Instances: the offerings, buying them, and what an account owns. */
final class ReservedInstanceOperations {

    private static final Filters<ReservedInstanceOffering> OFFERING_FILTERS = new Filters<ReservedInstanceOffering>()
            .add("availability-zone", ReservedInstanceOffering::zone)
            .add("duration", ReservedInstanceOffering::durationSeconds)
            .add("fixed-price", o -> Render.price(o.fixedPrice(), 2))
            .add("instance-type", ReservedInstanceOffering::instanceType)
            .add("marketplace", o -> false)
            .add("product-description", ReservedInstanceOffering::productDescription)
            .add("reserved-instances-offering-id", ReservedInstanceOffering::id)
            .add("scope", ReservedInstanceOffering::scope)
            .add("usage-price", o -> "0.0");

    private final Ec2World world;

    ReservedInstanceOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("DescribeReservedInstancesOfferings", this::describeOfferings);
        op.accept("PurchaseReservedInstancesOffering", this::purchase);
        op.accept("DescribeReservedInstances", this::describeReservedInstances);
    }

    private Struct describeOfferings(ActionRequest r) {
        Params p = r.params();
        String type = p.string("InstanceType");
        String zone = p.string("AvailabilityZone");
        String product = p.string("ProductDescription");
        String offeringClass = p.string("OfferingClass");
        String offeringType = p.string("OfferingType");
        String tenancy = p.string("InstanceTenancy", "default");
        Long minDuration = p.longValue("MinDuration");
        Long maxDuration = p.longValue("MaxDuration");
        List<String> ids = p.stringList("ReservedInstancesOfferingId");
        List<Filter> f = Requests.filters(p);
        OFFERING_FILTERS.validate(f);
        if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + tenancy + ") for parameter instanceTenancy is invalid.");
        }
        if (product != null && !ReservedInstanceMarket.PRODUCTS.contains(product)
                && !product.equals("Linux/UNIX (Amazon VPC)") && !product.equals("Windows (Amazon VPC)")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + product + ") for parameter productDescription is invalid.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            String region = scope.region().name();
            List<ReservedInstanceOffering> offerings = new ArrayList<>();
            if (!ids.isEmpty()) {
                for (String id : ids) {
                    world.reservedMarket().find(id).filter(o -> o.region().equals(region)).ifPresent(offerings::add);
                }
            } else {
                if (zone != null && scope.region().zones().stream().noneMatch(z -> z.name().equals(zone))) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Invalid availability zone: [" + zone + "]");
                }
                List<InstanceTypeInfo> types = new ArrayList<>();
                if (type != null) {
                    types.add(world.launcher().resolveType(type));
                } else {
                    for (String t : world.catalog().offerings(region).keySet()) {
                        world.catalog().find(t).ifPresent(types::add);
                    }
                }
                List<String> products = product == null ? ReservedInstanceMarket.PRODUCTS
                        : List.of(product.replace(" (Amazon VPC)", ""));
                for (InstanceTypeInfo t : types) {
                    if (zone != null && !world.catalog().zonesOffering(t.name(), region).contains(zone)) {
                        continue;
                    }
                    for (String prod : products) {
                        offerings.addAll(world.reservedMarket().offerings(t, region, zone, prod, tenancy));
                    }
                }
            }
            offerings.removeIf(o -> offeringClass != null && !o.offeringClass().equals(offeringClass)
                    || offeringType != null && !o.offeringType().equals(offeringType)
                    || minDuration != null && o.durationSeconds() < minDuration
                    || maxDuration != null && o.durationSeconds() > maxDuration);
            PageTokens.Page<ReservedInstanceOffering> page = Requests.page(OFFERING_FILTERS.apply(offerings, f), p, 1, 100, 100);
            return Struct.of().list("reservedInstancesOfferingsSet", page.items(), o -> Struct.of()
                    .put("reservedInstancesOfferingId", o.id())
                    .put("instanceType", o.instanceType())
                    .put("availabilityZone", o.zone())
                    .put("duration", o.durationSeconds())
                    .put("fixedPrice", o.fixedPrice())
                    .put("usagePrice", 0.0)
                    .put("productDescription", o.productDescription())
                    .put("instanceTenancy", o.tenancy())
                    .put("currencyCode", "USD")
                    .put("offeringType", o.offeringType())
                    .list("recurringCharges", o.hourlyPrice() == 0 ? List.of() : List.of(Struct.of()
                            .put("frequency", "Hourly").put("amount", o.hourlyPrice())))
                    .put("marketplace", false)
                    .list("pricingDetailsSet", List.of())
                    .put("offeringClass", o.offeringClass())
                    .put("scope", o.scope())).put("nextToken", page.nextToken());
        });
    }

    private Struct purchase(ActionRequest r) {
        Params p = r.params();
        String offeringId = Requests.require(p, "ReservedInstancesOfferingId");
        Integer count = p.integer("InstanceCount");
        if (count == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter InstanceCount");
        }
        if (count < 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + count + ") for parameter instanceCount is invalid.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            ReservedInstanceOffering offering = world.reservedMarket().find(offeringId)
                    .filter(o -> o.region().equals(scope.region().name()))
                    .orElseThrow(() -> new AwsException(Ec2Error.INVALID_RI_OFFERING_ID,
                            "The reserved instances offering ID '" + offeringId + "' is not valid"));
            ReservedInstance ri = new ReservedInstance(offering, count, world.now());
            scope.reservedInstances().put(ri.id(), ri);
            // running instances that match start being billed at the reserved rate
            world.metering().rebalanceReservations(scope, world.now());
            return Struct.of().put("reservedInstancesId", ri.id());
        });
    }

    private Struct describeReservedInstances(ActionRequest r) {
        Params p = r.params();
        List<String> ids = p.stringList("ReservedInstancesId");
        String offeringClass = p.string("OfferingClass");
        String offeringType = p.string("OfferingType");
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            java.time.Instant now = world.now();
            Filters<ReservedInstance> filters = new Filters<ReservedInstance>()
                    .add("availability-zone", ri -> ri.offering().zone())
                    .add("duration", ri -> ri.offering().durationSeconds())
                    .add("end", ri -> Values.iso(ri.end()))
                    .add("fixed-price", ri -> Render.price(ri.offering().fixedPrice(), 2))
                    .add("instance-type", ri -> ri.offering().instanceType())
                    .add("scope", ri -> ri.offering().scope())
                    .add("product-description", ri -> ri.offering().productDescription())
                    .add("reserved-instances-id", ReservedInstance::id)
                    .add("start", ri -> Values.iso(ri.start()))
                    .add("state", ri -> ri.state(now))
                    .add("usage-price", ri -> "0.0")
                    .tags(ReservedInstance::tags);
            List<ReservedInstance> all = new ArrayList<>();
            for (String id : ids) {
                ReservedInstance ri = scope.reservedInstances().get(id);
                if (ri == null) {
                    throw new AwsException(Ec2Error.INVALID_RI_ID, "The reserved instances ID '" + id + "' does not exist");
                }
                all.add(ri);
            }
            if (ids.isEmpty()) {
                all.addAll(scope.reservedInstances().values());
            }
            all.removeIf(ri -> offeringClass != null && !ri.offering().offeringClass().equals(offeringClass)
                    || offeringType != null && !ri.offering().offeringType().equals(offeringType));
            return Struct.of().list("reservedInstancesSet", filters.apply(all, f), ri -> {
                ReservedInstanceOffering o = ri.offering();
                return Struct.of()
                        .put("reservedInstancesId", ri.id())
                        .put("instanceType", o.instanceType())
                        .put("availabilityZone", o.zone())
                        .put("start", ri.start())
                        .put("end", ri.end())
                        .put("duration", o.durationSeconds())
                        .put("usagePrice", 0.0)
                        .put("fixedPrice", o.fixedPrice())
                        .put("instanceCount", ri.instanceCount())
                        .put("productDescription", o.productDescription())
                        .put("state", ri.state(now))
                        .put("instanceTenancy", o.tenancy())
                        .put("currencyCode", "USD")
                        .put("offeringType", o.offeringType())
                        .list("recurringCharges", o.hourlyPrice() == 0 ? List.of() : List.of(Struct.of()
                                .put("frequency", "Hourly").put("amount", o.hourlyPrice())))
                        .put("offeringClass", o.offeringClass())
                        .put("scope", o.scope())
                        .list("tagSet", Render.tagSet(ri.tags()));
            });
        });
    }
}
