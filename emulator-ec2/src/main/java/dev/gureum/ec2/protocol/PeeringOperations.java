package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.Vpc;
import dev.gureum.ec2.domain.VpcPeeringConnection;
import dev.gureum.ec2.domain.VpcPeerings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** VPC peering connections, within an account and region or across them. */
final class PeeringOperations {

    private static final Filters<VpcPeeringConnection> FILTERS = new Filters<VpcPeeringConnection>()
            .add("accepter-vpc-info.cidr-block", p -> p.accepter().cidr())
            .add("accepter-vpc-info.owner-id", p -> p.accepter().ownerId())
            .add("accepter-vpc-info.vpc-id", p -> p.accepter().vpcId())
            .add("expiration-time", VpcPeeringConnection::expirationTime)
            .add("requester-vpc-info.cidr-block", p -> p.requester().cidr())
            .add("requester-vpc-info.owner-id", p -> p.requester().ownerId())
            .add("requester-vpc-info.vpc-id", p -> p.requester().vpcId())
            .add("status-code", VpcPeeringConnection::statusCode)
            .add("status-message", VpcPeeringConnection::statusMessage)
            .add("vpc-peering-connection-id", VpcPeeringConnection::id)
            .tags(VpcPeeringConnection::tags);

    private final Ec2World world;

    PeeringOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateVpcPeeringConnection", this::createPeering);
        op.accept("AcceptVpcPeeringConnection", this::acceptPeering);
        op.accept("RejectVpcPeeringConnection", this::rejectPeering);
        op.accept("DeleteVpcPeeringConnection", this::deletePeering);
        op.accept("DescribeVpcPeeringConnections", this::describePeerings);
    }

    private static String peeringId(Params p) {
        return Requests.checkId(Requests.require(p, "VpcPeeringConnectionId"), "pcx",
                NetworkError.INVALID_PEERING_ID_MALFORMED);
    }

    private Struct createPeering(ActionRequest r) {
        Params p = r.params();
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        String peerVpcId = Requests.checkId(Requests.require(p, "PeerVpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        String peerOwner = p.string("PeerOwnerId", Requests.account(r));
        String peerRegion = p.string("PeerRegion", Requests.region(r));
        if (world.regions().find(peerRegion).isEmpty()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + peerRegion + ") for parameter peerRegion is invalid.");
        }
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = VpcOperations.vpcOf(scope, vpcId);
            VpcPeeringConnection c = VpcPeerings.request(world, scope, vpc, peerOwner, peerRegion, peerVpcId);
            c.tags().putAll(tags.getOrDefault("vpc-peering-connection", Map.of()));
            // the answer shows the request as it starts, before AWS moves it on
            Struct out = peering(c);
            if (c.statusCode().equals("pending-acceptance")) {
                out.put("status", Struct.of().put("code", "initiating-request")
                        .put("message", "Initiating Request to " + peerOwner));
            }
            return Struct.of().put("vpcPeeringConnection", out);
        });
    }

    private static Struct side(VpcPeeringConnection.Side s, boolean details) {
        Struct out = Struct.of()
                .put("cidrBlock", s.cidr())
                .put("ownerId", s.ownerId())
                .put("vpcId", s.vpcId())
                .put("region", s.region());
        if (details && s.cidr() != null) {
            out.list("cidrBlockSet", List.of(Struct.of().put("cidrBlock", s.cidr())))
                    .put("peeringOptions", Struct.of().put("allowDnsResolutionFromRemoteVpc", false)
                            .put("allowEgressFromLocalClassicLinkToRemoteVpc", false)
                            .put("allowEgressFromLocalVpcToRemoteClassicLink", false));
        }
        return out;
    }

    static Struct peering(VpcPeeringConnection c) {
        return Struct.of()
                .put("accepterVpcInfo", side(c.accepter(), c.isActive()))
                .put("expirationTime", c.expirationTime())
                .put("requesterVpcInfo", side(c.requester(), true))
                .put("status", Struct.of().put("code", c.statusCode()).put("message", c.statusMessage()))
                .list("tagSet", Render.tagSet(c.tags()))
                .put("vpcPeeringConnectionId", c.id());
    }

    private Struct acceptPeering(ActionRequest r) {
        String id = peeringId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            VpcPeerings.accept(world, scope, id);
            return Struct.of().put("vpcPeeringConnection", peering(VpcPeerings.find(world, scope, id)));
        });
    }

    private Struct rejectPeering(ActionRequest r) {
        String id = peeringId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            VpcPeerings.reject(world, scope, id);
            return Struct.of().put("return", true);
        });
    }

    private Struct deletePeering(ActionRequest r) {
        String id = peeringId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            VpcPeerings.delete(world, scope, id);
            return Struct.of().put("return", true);
        });
    }

    private Struct describePeerings(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "VpcPeeringConnectionId", "pcx", NetworkError.INVALID_PEERING_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<VpcPeeringConnection> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(VpcPeerings.visibleTo(world, scope));
            } else {
                ids.forEach(id -> all.add(VpcPeerings.find(world, scope, id)));
            }
            PageTokens.Page<VpcPeeringConnection> page = Requests.page(FILTERS.apply(all, f), p, 5, 1000, 0);
            return Struct.of().list("vpcPeeringConnectionSet", page.items(), PeeringOperations::peering)
                    .put("nextToken", page.nextToken());
        });
    }
}
