package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.RouteTable;
import dev.gureum.ec2.domain.RouteTable.Association;
import dev.gureum.ec2.domain.RouteTable.Route;
import dev.gureum.ec2.domain.RouteTable.Target;
import dev.gureum.ec2.domain.Routes;
import dev.gureum.ec2.domain.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Route tables: their routes and their associations with subnets and gateways. */
final class RouteTableOperations {

    /** The target members of CreateRoute and ReplaceRoute, with the kind of target each names. */
    private static final Map<String, Target> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("GatewayId", Target.GATEWAY);
        TARGETS.put("NatGatewayId", Target.NAT_GATEWAY);
        TARGETS.put("EgressOnlyInternetGatewayId", Target.EGRESS_ONLY_GATEWAY);
        TARGETS.put("InstanceId", Target.INSTANCE);
        TARGETS.put("NetworkInterfaceId", Target.NETWORK_INTERFACE);
        TARGETS.put("VpcPeeringConnectionId", Target.VPC_PEERING_CONNECTION);
        TARGETS.put("VpcEndpointId", Target.GATEWAY);
    }

    /** Targets Gureum does not simulate; a route to one is refused clearly. */
    private static final List<String> OTHER_TARGETS = List.of("TransitGatewayId", "LocalGatewayId",
            "CarrierGatewayId", "CoreNetworkArn", "OdbNetworkArn");

    private final Ec2World world;

    RouteTableOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateRouteTable", this::createRouteTable);
        op.accept("DeleteRouteTable", this::deleteRouteTable);
        op.accept("DescribeRouteTables", this::describeRouteTables);
        op.accept("CreateRoute", this::createRoute);
        op.accept("ReplaceRoute", this::replaceRoute);
        op.accept("DeleteRoute", this::deleteRoute);
        op.accept("AssociateRouteTable", this::associateRouteTable);
        op.accept("DisassociateRouteTable", this::disassociateRouteTable);
        op.accept("ReplaceRouteTableAssociation", this::replaceRouteTableAssociation);
    }

    private static String tableId(Params p) {
        return Requests.checkId(Requests.require(p, "RouteTableId"), "rtb", NetworkError.INVALID_ROUTE_TABLE_ID_MALFORMED);
    }

    static RouteTable tableOf(Ec2Scope scope, String id) {
        RouteTable t = scope.network().routeTables().get(id);
        if (t == null) {
            throw new AwsException(NetworkError.INVALID_ROUTE_TABLE_ID_NOT_FOUND,
                    "The routeTable ID '" + id + "' does not exist");
        }
        return t;
    }

    private Struct createRouteTable(ActionRequest r) {
        Params p = r.params();
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = VpcOperations.vpcOf(scope, vpcId);
            RouteTable t = scope.network().newTable(vpc);
            t.tags().putAll(tags.getOrDefault("route-table", Map.of()));
            return Struct.of().put("routeTable", table(world, scope, t)).put("clientToken", p.string("ClientToken"));
        });
    }

    private Struct deleteRouteTable(ActionRequest r) {
        String id = tableId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Routes.deleteTable(scope, tableOf(scope, id));
            return Struct.of().put("return", true);
        });
    }

    static Struct table(Ec2World world, Ec2Scope scope, RouteTable t) {
        return Struct.of()
                .list("associationSet", t.associations(), a -> association(t, a))
                .list("propagatingVgwSet", List.of())
                .put("routeTableId", t.id())
                .list("routeSet", t.routes(), route -> route(world, scope, t, route))
                .list("tagSet", Render.tagSet(t.tags()))
                .put("vpcId", t.vpcId())
                .put("ownerId", t.ownerId());
    }

    private static Struct association(RouteTable t, Association a) {
        return Struct.of()
                .put("main", a.main())
                .put("routeTableAssociationId", a.id())
                .put("routeTableId", t.id())
                .put("subnetId", a.subnetId())
                .put("gatewayId", a.gatewayId())
                .put("associationState", Struct.of().put("state", "associated"));
    }

    private static Struct route(Ec2World world, Ec2Scope scope, RouteTable t, Route r) {
        Struct s = Struct.of()
                .put("destinationCidrBlock", r.destinationCidr())
                .put("destinationIpv6CidrBlock", r.destinationIpv6Cidr())
                .put("destinationPrefixListId", r.destinationPrefixListId());
        switch (r.target()) {
            case LOCAL, GATEWAY -> s.put("gatewayId", r.targetId());
            case EGRESS_ONLY_GATEWAY -> s.put("egressOnlyInternetGatewayId", r.targetId());
            case NAT_GATEWAY -> s.put("natGatewayId", r.targetId());
            case VPC_PEERING_CONNECTION -> s.put("vpcPeeringConnectionId", r.targetId());
            case INSTANCE -> {
                Instance i = scope.instances().get(r.targetId());
                s.put("instanceId", r.targetId()).put("instanceOwnerId", scope.accountId())
                        .put("networkInterfaceId", i == null ? null : i.networkInterfaceId());
            }
            case NETWORK_INTERFACE -> {
                Instance i = Routes.interfaceOwner(scope, r.targetId());
                s.put("instanceId", i == null ? null : i.id())
                        .put("instanceOwnerId", i == null ? null : scope.accountId())
                        .put("networkInterfaceId", r.targetId());
            }
        }
        return s.put("origin", r.origin()).put("state", Routes.state(world, scope, t, r));
    }

    private Filters<RouteTable> filters(Ec2Scope scope) {
        Function<Function<Route, Object>, Function<RouteTable, Object>> routes =
                field -> t -> t.routes().stream().map(field).filter(java.util.Objects::nonNull).toList();
        Function<Function<Association, Object>, Function<RouteTable, Object>> associations =
                field -> t -> t.associations().stream().map(field).filter(java.util.Objects::nonNull).toList();
        return new Filters<RouteTable>()
                .add("association.gateway-id", associations.apply(Association::gatewayId))
                .add("association.route-table-association-id", associations.apply(Association::id))
                .add("association.route-table-id", t -> t.associations().isEmpty() ? null : t.id())
                .add("association.subnet-id", associations.apply(Association::subnetId))
                .add("association.main", associations.apply(Association::main))
                .add("owner-id", RouteTable::ownerId)
                .add("route-table-id", RouteTable::id)
                .add("route.destination-cidr-block", routes.apply(Route::destinationCidr))
                .add("route.destination-ipv6-cidr-block", routes.apply(Route::destinationIpv6Cidr))
                .add("route.destination-prefix-list-id", routes.apply(Route::destinationPrefixListId))
                .add("route.egress-only-internet-gateway-id", routes.apply(r -> target(r, Target.EGRESS_ONLY_GATEWAY)))
                .add("route.gateway-id", routes.apply(r -> r.target() == Target.LOCAL ? "local"
                        : target(r, Target.GATEWAY)))
                .add("route.instance-id", routes.apply(r -> target(r, Target.INSTANCE)))
                .add("route.nat-gateway-id", routes.apply(r -> target(r, Target.NAT_GATEWAY)))
                .add("route.transit-gateway-id", t -> null)
                .add("route.origin", routes.apply(Route::origin))
                .add("route.state", t -> t.routes().stream().map(r -> Routes.state(world, scope, t, r)).toList())
                .add("route.vpc-peering-connection-id", routes.apply(r -> target(r, Target.VPC_PEERING_CONNECTION)))
                .add("vpc-id", RouteTable::vpcId)
                .tags(RouteTable::tags);
    }

    private static String target(Route r, Target kind) {
        return r.target() == kind ? r.targetId() : null;
    }

    private Struct describeRouteTables(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "RouteTableId", "rtb", NetworkError.INVALID_ROUTE_TABLE_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<RouteTable> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.network().routeTables().values());
            } else {
                ids.forEach(id -> all.add(tableOf(scope, id)));
            }
            PageTokens.Page<RouteTable> page = Requests.page(filters(scope).apply(all, f), p, 5, 100, 0);
            return Struct.of().list("routeTableSet", page.items(), t -> table(world, scope, t))
                    .put("nextToken", page.nextToken());
        });
    }

    // ---- routes ---------------------------------------------------------------------------------

    private record RouteInput(String cidr, String ipv6Cidr, String prefixListId, Target target, String targetId) {
    }

    private static RouteInput routeInput(Params p) {
        String cidr = p.string("DestinationCidrBlock");
        String ipv6 = p.string("DestinationIpv6CidrBlock");
        String prefixList = p.string("DestinationPrefixListId");
        int destinations = (cidr != null ? 1 : 0) + (ipv6 != null ? 1 : 0) + (prefixList != null ? 1 : 0);
        if (destinations == 0) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter "
                    + "destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId");
        }
        if (destinations > 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "Only one of destinationCidrBlock, destinationIpv6CidrBlock and destinationPrefixListId may be given.");
        }
        if (cidr != null) {
            cidr = VpcOperations.cidr(cidr, "destinationCidrBlock").toString();
        }
        for (String other : OTHER_TARGETS) {
            if (p.string(other) != null) {
                throw new AwsException(Ec2Error.UNSUPPORTED, "Routes to " + other
                        + " are not supported by Gureum's EC2.");
            }
        }
        List<String> given = TARGETS.keySet().stream().filter(k -> p.string(k) != null).toList();
        if (given.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain exactly one of gatewayId, "
                    + "natGatewayId, networkInterfaceId, instanceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId");
        }
        if (given.size() > 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "The parameter " + given.get(0) + " cannot be used with the parameter " + given.get(1));
        }
        String key = given.get(0);
        return new RouteInput(cidr, ipv6, prefixList, TARGETS.get(key), p.string(key));
    }

    private Struct createRoute(ActionRequest r) {
        Params p = r.params();
        String id = tableId(p);
        RouteInput in = routeInput(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            RouteTable t = tableOf(scope, id);
            Routes.create(t, Routes.route(world, scope, t, in.cidr(), in.ipv6Cidr(), in.prefixListId(), in.target(),
                    in.targetId()));
            return Struct.of().put("return", true);
        });
    }

    private Struct replaceRoute(ActionRequest r) {
        Params p = r.params();
        String id = tableId(p);
        RouteInput in = routeInput(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            RouteTable t = tableOf(scope, id);
            Routes.replace(t, Routes.route(world, scope, t, in.cidr(), in.ipv6Cidr(), in.prefixListId(), in.target(),
                    in.targetId()));
            return Struct.of().put("return", true);
        });
    }

    private Struct deleteRoute(ActionRequest r) {
        Params p = r.params();
        String id = tableId(p);
        String cidr = p.string("DestinationCidrBlock");
        String ipv6 = p.string("DestinationIpv6CidrBlock");
        String prefixList = p.string("DestinationPrefixListId");
        String destination = cidr != null ? VpcOperations.cidr(cidr, "destinationCidrBlock").toString()
                : ipv6 != null ? ipv6 : prefixList;
        if (destination == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter "
                    + "destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId");
        }
        String parameter = cidr != null ? "destination-cidr-block"
                : ipv6 != null ? "destination-ipv6-cidr-block" : "destination-prefix-list-id";
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Routes.delete(tableOf(scope, id), destination, parameter);
            return Struct.of().put("return", true);
        });
    }

    // ---- associations ---------------------------------------------------------------------------

    private Struct associateRouteTable(ActionRequest r) {
        Params p = r.params();
        String id = tableId(p);
        String subnetId = p.string("SubnetId");
        String gatewayId = p.string("GatewayId");
        if (subnetId == null && gatewayId == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter subnetId or gatewayId");
        }
        if (subnetId != null && gatewayId != null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "The parameter subnetId cannot be used with the parameter gatewayId");
        }
        if (subnetId != null) {
            Requests.checkId(subnetId, "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Association a = Routes.associate(scope, tableOf(scope, id), subnetId, gatewayId);
            return Struct.of().put("associationId", a.id())
                    .put("associationState", Struct.of().put("state", "associated"));
        });
    }

    private Struct disassociateRouteTable(ActionRequest r) {
        String associationId = Requests.require(r.params(), "AssociationId");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Routes.disassociate(scope, associationId);
            return Struct.of().put("return", true);
        });
    }

    private Struct replaceRouteTableAssociation(ActionRequest r) {
        Params p = r.params();
        String associationId = Requests.require(p, "AssociationId");
        String id = tableId(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Association a = Routes.replaceAssociation(scope, associationId, tableOf(scope, id));
            return Struct.of().put("newAssociationId", a.id())
                    .put("associationState", Struct.of().put("state", "associated"));
        });
    }
}
