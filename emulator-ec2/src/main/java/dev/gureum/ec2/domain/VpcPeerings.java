package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.core.state.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * VPC peering connections across accounts and regions: each is kept by its requester's account and
 * region, and seen, accepted or rejected from the accepter's. Called under the world's lock.
 */
public final class VpcPeerings {

    private VpcPeerings() {
    }

    /** The connections a scope sees: those it requested and those that ask one of its VPCs. */
    public static List<VpcPeeringConnection> visibleTo(Ec2World world, Ec2Scope scope) {
        List<VpcPeeringConnection> out = new ArrayList<>();
        for (Ec2Scope s : world.scopeMap().values()) {
            for (VpcPeeringConnection p : s.network.peerings.values()) {
                if (isSide(p.requester(), scope) || isSide(p.accepter(), scope)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static boolean isSide(VpcPeeringConnection.Side side, Ec2Scope scope) {
        return side.ownerId().equals(scope.accountId()) && side.region().equals(scope.region().name());
    }

    /** A connection the scope sees, or AWS's not-found error. */
    public static VpcPeeringConnection find(Ec2World world, Ec2Scope scope, String id) {
        return visibleTo(world, scope).stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AwsException(NetworkError.INVALID_PEERING_ID_NOT_FOUND,
                        "The vpcPeeringConnection ID '" + id + "' does not exist"));
    }

    /** Requests a connection from a VPC of the scope to a VPC of any account and region Gureum holds. */
    public static VpcPeeringConnection request(Ec2World world, Ec2Scope scope, Vpc vpc, String peerOwner,
                                               String peerRegion, String peerVpcId) {
        Vpc peer = null;
        Ec2Scope peerScope = world.scopeMap().get(new Scope(peerOwner, peerRegion));
        if (peerScope != null) {
            peer = peerScope.vpcs.get(peerVpcId);
        }
        if (peer == null && peerOwner.equals(scope.accountId()) && peerRegion.equals(scope.region().name())) {
            throw new AwsException(Ec2Error.INVALID_VPC_ID_NOT_FOUND, "The vpc ID '" + peerVpcId + "' does not exist");
        }
        VpcPeeringConnection.Side requester = new VpcPeeringConnection.Side(scope.accountId(), scope.region().name(),
                vpc.id(), vpc.cidr().toString());
        VpcPeeringConnection.Side accepter = new VpcPeeringConnection.Side(peerOwner, peerRegion, peerVpcId,
                peer == null ? null : peer.cidr().toString());
        return scope.network.requestPeering(Ids.ec2("pcx"), requester, accepter, peer != null, world.now());
    }

    public static void accept(Ec2World world, Ec2Scope scope, String id) {
        VpcPeeringConnection p = find(world, scope, id);
        checkPending(p, "active");
        if (!isSide(p.accepter(), scope)) {
            throw new AwsException(Ec2Error.OPERATION_NOT_PERMITTED, "User " + scope.accountId()
                    + " cannot accept peering " + id);
        }
        VpcNetwork.accept(p);
    }

    public static void reject(Ec2World world, Ec2Scope scope, String id) {
        VpcPeeringConnection p = find(world, scope, id);
        checkPending(p, "rejected");
        if (!isSide(p.accepter(), scope)) {
            throw new AwsException(Ec2Error.OPERATION_NOT_PERMITTED, "User " + scope.accountId()
                    + " cannot reject peering " + id);
        }
        VpcNetwork.reject(p, world.now());
    }

    /** Either side may delete an active connection; the requester may also withdraw a pending request. */
    public static void delete(Ec2World world, Ec2Scope scope, String id) {
        VpcPeeringConnection p = find(world, scope, id);
        boolean pending = p.statusCode().equals("pending-acceptance");
        if (!p.isActive() && !(pending && isSide(p.requester(), scope))) {
            throw new AwsException(NetworkError.INVALID_STATE_TRANSITION, "Invalid state transition for " + id
                    + ", attempted to transition from " + p.statusCode() + " to deleted");
        }
        VpcNetwork.delete(p, scope.accountId(), world.now());
    }

    private static void checkPending(VpcPeeringConnection p, String to) {
        if (!p.statusCode().equals("pending-acceptance")) {
            throw new AwsException(NetworkError.INVALID_STATE_TRANSITION, "Invalid state transition for " + p.id()
                    + ", attempted to transition from " + p.statusCode() + " to " + to);
        }
    }

    /** A connection of any scope by id (a route's target), or {@code null}. */
    static VpcPeeringConnection any(Ec2World world, String id) {
        for (Ec2Scope s : world.scopeMap().values()) {
            VpcPeeringConnection p = s.network.peerings.get(id);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
