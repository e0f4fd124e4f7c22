package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.ec2.domain.RouteTable.Association;
import dev.gureum.ec2.domain.RouteTable.Route;
import dev.gureum.ec2.domain.RouteTable.Target;

/**
 * Routes and route table associations as AWS checks them: a route's target must exist in the table's
 * network; a route whose target went (a detached gateway, a deleted NAT gateway, a stopped instance)
 * stays, as a {@code blackhole}. Called under the world's lock.
 */
public final class Routes {

    private Routes() {
    }

    /** The instance a network interface is attached to, or {@code null} (no such interface, or detached). */
    public static Instance interfaceOwner(Ec2Scope scope, String networkInterfaceId) {
        NetworkInterface eni = scope.networkInterfaces.get(networkInterfaceId);
        NetworkInterface.Attachment a = eni == null ? null : eni.attachment();
        Instance i = a == null ? null : scope.instances.get(a.instanceId());
        return i == null || i.state() == InstanceState.TERMINATED ? null : i;
    }

    /** {@code active}, or {@code blackhole} when the target is gone or cannot carry traffic now. */
    public static String state(Ec2World world, Ec2Scope scope, RouteTable table, Route r) {
        VpcNetwork n = scope.network;
        boolean active = switch (r.target()) {
            case LOCAL -> true;
            case GATEWAY -> {
                if (r.targetId().startsWith("vpce-")) {
                    yield n.endpoints.containsKey(r.targetId());
                }
                InternetGateway igw = n.internetGateways.get(r.targetId());
                yield igw != null && table.vpcId().equals(igw.vpcId());
            }
            case EGRESS_ONLY_GATEWAY -> n.egressOnlyGateways.containsKey(r.targetId());
            case NAT_GATEWAY -> {
                NatGateway nat = n.natGateways.get(r.targetId());
                yield nat != null && (nat.state().equals("available") || nat.state().equals("pending"));
            }
            case INSTANCE -> running(scope.instances.get(r.targetId()));
            case NETWORK_INTERFACE -> running(interfaceOwner(scope, r.targetId()));
            case VPC_PEERING_CONNECTION -> {
                VpcPeeringConnection p = VpcPeerings.any(world, r.targetId());
                yield p != null && p.isActive();
            }
        };
        return active ? "active" : "blackhole";
    }

    private static boolean running(Instance i) {
        return i != null && (i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING);
    }

    /** A route of CreateRoute or ReplaceRoute, its target checked against the table's network. */
    public static Route route(Ec2World world, Ec2Scope scope, RouteTable table, String cidr, String ipv6Cidr,
                              String prefixListId, Target target, String targetId) {
        VpcNetwork n = scope.network;
        String different = "route table " + table.id() + " and network gateway " + targetId
                + " belong to different networks";
        switch (target) {
            case GATEWAY -> {
                if (targetId.startsWith("vpce-")) {
                    VpcEndpoint e = n.endpoints.get(targetId);
                    if (e == null) {
                        throw new AwsException(NetworkError.INVALID_VPC_ENDPOINT_ID_NOT_FOUND,
                                "The vpcEndpoint ID '" + targetId + "' does not exist");
                    }
                } else {
                    InternetGateway igw = n.internetGateways.get(targetId);
                    if (igw == null) {
                        throw new AwsException(NetworkError.INVALID_GATEWAY_ID_NOT_FOUND,
                                "The gateway ID '" + targetId + "' does not exist");
                    }
                    if (!table.vpcId().equals(igw.vpcId())) {
                        throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, different);
                    }
                }
            }
            case EGRESS_ONLY_GATEWAY -> {
                InternetGateway eigw = n.egressOnlyGateways.get(targetId);
                if (eigw == null) {
                    throw new AwsException(NetworkError.INVALID_GATEWAY_ID_NOT_FOUND,
                            "The gateway ID '" + targetId + "' does not exist");
                }
                if (ipv6Cidr == null) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                            "An egress-only internet gateway can only be the target of an IPv6 route.");
                }
            }
            case NAT_GATEWAY -> {
                NatGateway nat = n.natGateways.get(targetId);
                if (nat == null || !nat.isLive()) {
                    throw new AwsException(NetworkError.NAT_GATEWAY_NOT_FOUND,
                            "The Nat Gateway " + targetId + " was not found");
                }
                if (!nat.vpcId().equals(table.vpcId())) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, different);
                }
            }
            case INSTANCE -> {
                Instance i = scope.instances.get(targetId);
                if (i == null || i.state() == InstanceState.TERMINATED) {
                    throw new AwsException(Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND,
                            "The instance ID '" + targetId + "' does not exist");
                }
                if (!i.subnet().vpcId().equals(table.vpcId())) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "route table " + table.id()
                            + " and instance " + targetId + " belong to different networks");
                }
            }
            case NETWORK_INTERFACE -> {
                NetworkInterface eni = scope.networkInterfaces.get(targetId);
                if (eni == null) {
                    throw new AwsException(NetworkError.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND,
                            "The networkInterface ID '" + targetId + "' does not exist");
                }
                if (!eni.vpcId().equals(table.vpcId())) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "route table " + table.id()
                            + " and interface " + targetId + " belong to different networks");
                }
            }
            case VPC_PEERING_CONNECTION -> {
                VpcPeeringConnection p = VpcPeerings.find(world, scope, targetId);
                if (!p.involves(scope.accountId(), table.vpcId())) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "route table " + table.id()
                            + " and peering connection " + targetId + " belong to different networks");
                }
            }
            case LOCAL -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "cannot create a local route");
        }
        if (cidr != null) {
            Vpc vpc = scope.vpcs.get(table.vpcId());
            Cidr block = Cidr.parse(cidr);
            boolean inside = vpc != null && vpc.cidr().contains(block);
            if (inside && target != Target.NETWORK_INTERFACE && target != Target.INSTANCE) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The destination CIDR block " + cidr
                        + " is equal to or more specific than one of this VPC's CIDR blocks. This route can target "
                        + "only an interface or an instance.");
            }
        }
        return new Route(cidr, ipv6Cidr, prefixListId, target, targetId, "CreateRoute");
    }

    public static void create(RouteTable table, Route route) {
        if (table.route(route.destination()) != null) {
            throw new AwsException(NetworkError.ROUTE_ALREADY_EXISTS,
                    "The route identified by " + route.destination() + " already exists.");
        }
        table.routes().add(route);
    }

    public static void replace(RouteTable table, Route route) {
        Route existing = table.route(route.destination());
        if (existing == null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "There is no route defined for '"
                    + route.destination() + "' in the route table. Use CreateRoute instead.");
        }
        if (existing.target() == Target.LOCAL) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "cannot replace local route "
                    + existing.destination() + " in route table " + table.id());
        }
        table.routes().set(table.routes().indexOf(existing), route);
    }

    public static void delete(RouteTable table, String destination, String parameter) {
        Route existing = table.route(destination);
        if (existing == null) {
            throw new AwsException(NetworkError.INVALID_ROUTE_NOT_FOUND, "No route with " + parameter + " "
                    + destination + " in route table " + table.id());
        }
        if (existing.target() == Target.LOCAL) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "cannot remove local route " + destination
                    + " in route table " + table.id());
        }
        table.routes().remove(existing);
    }

    /** Associates a table with a subnet, or with an internet gateway attached to its VPC (an edge association). */
    public static Association associate(Ec2Scope scope, RouteTable table, String subnetId, String gatewayId) {
        VpcNetwork n = scope.network;
        if (subnetId != null) {
            Subnet subnet = scope.subnets.get(subnetId);
            if (subnet == null) {
                throw new AwsException(Ec2Error.INVALID_SUBNET_ID_NOT_FOUND,
                        "The subnet ID '" + subnetId + "' does not exist");
            }
            if (!subnet.vpcId().equals(table.vpcId())) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "route table " + table.id()
                        + " and subnet " + subnetId + " belong to different networks");
            }
        } else {
            InternetGateway igw = n.internetGateways.get(gatewayId);
            if (igw == null) {
                throw new AwsException(NetworkError.INVALID_GATEWAY_ID_NOT_FOUND,
                        "The gateway ID '" + gatewayId + "' does not exist");
            }
            if (!table.vpcId().equals(igw.vpcId())) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "route table " + table.id()
                        + " and network gateway " + gatewayId + " belong to different networks");
            }
        }
        String member = subnetId != null ? subnetId : gatewayId;
        for (RouteTable t : n.routeTables.values()) {
            if (t.associations().stream().anyMatch(a -> member.equals(a.subnetId()) || member.equals(a.gatewayId()))) {
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED, "the specified association for route table "
                        + table.id() + " conflicts with an existing association");
            }
        }
        Association a = Association.of(subnetId, gatewayId, false);
        table.associations().add(a);
        return a;
    }

    /** The table holding an association. */
    public static RouteTable tableOfAssociation(Ec2Scope scope, String associationId) {
        for (RouteTable t : scope.network.routeTables.values()) {
            if (t.associations().stream().anyMatch(a -> a.id().equals(associationId))) {
                return t;
            }
        }
        throw new AwsException(NetworkError.INVALID_ASSOCIATION_ID_NOT_FOUND,
                "The association ID '" + associationId + "' does not exist");
    }

    public static void disassociate(Ec2Scope scope, String associationId) {
        RouteTable t = tableOfAssociation(scope, associationId);
        Association a = association(t, associationId);
        if (a.main()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "cannot disassociate the main route table association " + associationId);
        }
        t.associations().remove(a);
    }

    /** Moves an association (the VPC's main association too) to another table of the VPC, under a new id. */
    public static Association replaceAssociation(Ec2Scope scope, String associationId, RouteTable to) {
        RouteTable from = tableOfAssociation(scope, associationId);
        if (!from.vpcId().equals(to.vpcId())) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "route table " + to.id()
                    + " and association " + associationId + " belong to different networks");
        }
        Association old = association(from, associationId);
        from.associations().remove(old);
        Association moved = Association.of(old.subnetId(), old.gatewayId(), old.main());
        to.associations().add(moved);
        return moved;
    }

    private static Association association(RouteTable t, String id) {
        return t.associations().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /** A table goes only when nothing is associated with it; the main table never goes by itself. */
    public static void deleteTable(Ec2Scope scope, RouteTable table) {
        if (!table.associations().isEmpty()) {
            throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                    "The routeTable '" + table.id() + "' has dependencies and cannot be deleted.");
        }
        scope.network.routeTables.remove(table.id());
        scope.network.endpoints.values().forEach(e -> e.routeTableIds().remove(table.id()));
    }
}
