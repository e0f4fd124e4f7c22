package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route table of a VPC: its routes (the first is the {@code local} route of the VPC's block) and its
 * associations with subnets and gateways. One table of each VPC is its main table, which carries the
 * VPC's main association and serves every subnet without an association of its own.
 */
public final class RouteTable implements Tagged {

    /** What a route sends traffic to. */
    public enum Target {
        LOCAL, GATEWAY, NAT_GATEWAY, EGRESS_ONLY_GATEWAY, INSTANCE, NETWORK_INTERFACE, VPC_PEERING_CONNECTION
    }

    /**
     * A route: a destination (an IPv4 or IPv6 block, or a prefix list) and its target.
     *
     * @param origin {@code CreateRouteTable} for the local route, {@code CreateRoute} for the rest
     */
    public record Route(String destinationCidr, String destinationIpv6Cidr, String destinationPrefixListId,
                        Target target, String targetId, String origin) {
        public String destination() {
            return destinationCidr != null ? destinationCidr
                    : destinationIpv6Cidr != null ? destinationIpv6Cidr : destinationPrefixListId;
        }
    }

    /** An association with a subnet, with a gateway (an edge association), or the VPC's main association. */
    public record Association(String id, String subnetId, String gatewayId, boolean main) {
        static Association of(String subnetId, String gatewayId, boolean main) {
            return new Association(Ids.ec2("rtbassoc"), subnetId, gatewayId, main);
        }
    }

    private final String id;
    private final String vpcId;
    private final String ownerId;
    private final List<Route> routes = new ArrayList<>();
    private final List<Association> associations = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    public RouteTable(String vpcId, String ownerId) {
        this(Ids.ec2("rtb"), vpcId, ownerId);
    }

    /** A table with the id it was given (one kept across a restart). */
    RouteTable(String id, String vpcId, String ownerId) {
        this.id = id;
        this.vpcId = vpcId;
        this.ownerId = ownerId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "route-table";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String vpcId() {
        return vpcId;
    }

    public String ownerId() {
        return ownerId;
    }

    public List<Route> routes() {
        return routes;
    }

    public List<Association> associations() {
        return associations;
    }

    public boolean isMain() {
        return associations.stream().anyMatch(Association::main);
    }

    /** The route to a destination (a block or a prefix list id), if there is one. */
    public Route route(String destination) {
        return routes.stream().filter(r -> destination.equals(r.destination())).findFirst().orElse(null);
    }
}
