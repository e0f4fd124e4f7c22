package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.ElasticIp;
import dev.gureum.ec2.domain.KeyPairInfo;
import dev.gureum.ec2.domain.LaunchTemplates;
import dev.gureum.ec2.domain.NetworkInterface;
import dev.gureum.ec2.domain.RouteTable;
import dev.gureum.ec2.domain.SecurityGroup;

import java.util.function.Function;

/**
 * The resources a request names other than by the id their ARN carries, resolved to that ARN as AWS does: a security
 * group by {@code GroupName} (in the default VPC), a launch template by {@code LaunchTemplateName}, a key pair by
 * {@code KeyPairId} (its ARN carries its name), an Elastic IP by {@code PublicIp}, and the resources of an association
 * or attachment by its id: {@code DisassociateAddress}'s address and what it is associated with,
 * {@code DetachNetworkInterface}'s interface and instance, {@code DisassociateRouteTable}'s and
 * {@code ReplaceRouteTableAssociation}'s route table and subnet. One that does not exist is judged on {@code *}, and
 * the operation answers that it does not exist.
 */
final class Ec2NamedResources {

    private Ec2NamedResources() {
    }

    static void register(AccessRules.Builder<ActionRequest> b, Ec2World world) {
        lookup(b, world, "securityGroup", "security-group", (scope, p) -> {
            if (p.string("GroupId") != null) {
                return p.string("GroupId");
            }
            SecurityGroup g = p.string("GroupName") == null ? null
                    : Ec2LaunchTargets.groupByName(scope, p.string("GroupName"));
            return g == null ? null : g.id();
        });
        lookup(b, world, "keyPair", "key-pair", (scope, p) -> {
            if (p.string("KeyName") != null) {
                return p.string("KeyName");
            }
            String id = p.string("KeyPairId");
            for (KeyPairInfo k : scope.keyPairs().values()) {
                if (k.id().equals(id)) {
                    return k.name();
                }
            }
            return null;
        });
        lookup(b, world, "launchTemplate", "launch-template", (scope, p) -> {
            if (p.string("LaunchTemplateId") != null) {
                return p.string("LaunchTemplateId");
            }
            try {
                return p.string("LaunchTemplateName") == null ? null
                        : LaunchTemplates.find(scope, null, p.string("LaunchTemplateName")).id();
            } catch (AwsException e) {
                return null;
            }
        });
        lookup(b, world, "elasticIp", "elastic-ip", (scope, p) -> {
            ElasticIp e = address(scope, p);
            return e == null ? p.string("AllocationId") : e.allocationId();
        });
        lookup(b, world, "associatedIp", "elastic-ip", (scope, p) -> {
            ElasticIp e = address(scope, p);
            return e == null ? null : e.allocationId();
        });
        lookup(b, world, "associatedInstance", "instance", (scope, p) -> {
            ElasticIp e = address(scope, p);
            return e == null ? null : e.instanceId();
        });
        lookup(b, world, "associatedInterface", "network-interface", (scope, p) -> {
            ElasticIp e = address(scope, p);
            return e == null ? null : e.networkInterfaceId();
        });
        lookup(b, world, "attachedInterface", "network-interface", (scope, p) -> {
            NetworkInterface n = attached(scope, p.string("AttachmentId"));
            return n == null ? null : n.id();
        });
        lookup(b, world, "attachedInstance", "instance", (scope, p) -> {
            NetworkInterface n = attached(scope, p.string("AttachmentId"));
            return n == null ? null : n.attachment().instanceId();
        });
        lookup(b, world, "associatedTable", "route-table", (scope, p) -> {
            RouteTable t = associatedTable(scope, p.string("AssociationId"));
            return t == null ? null : t.id();
        });
        lookup(b, world, "associatedSubnet", "subnet", (scope, p) -> {
            RouteTable t = associatedTable(scope, p.string("AssociationId"));
            if (t == null) {
                return null;
            }
            for (RouteTable.Association a : t.associations()) {
                if (a.id().equals(p.string("AssociationId"))) {
                    return a.subnetId();
                }
            }
            return null;
        });
    }

    /** The Elastic IP a request names by allocation id, public address or association id. */
    private static ElasticIp address(Ec2Scope scope, Params p) {
        for (ElasticIp e : scope.addresses().values()) {
            if (e.allocationId().equals(p.string("AllocationId")) || e.publicIp().equals(p.string("PublicIp"))
                    || p.string("AssociationId") != null && p.string("AssociationId").equals(e.associationId())) {
                return e;
            }
        }
        return null;
    }

    private static NetworkInterface attached(Ec2Scope scope, String attachmentId) {
        if (attachmentId == null) {
            return null;
        }
        for (NetworkInterface n : scope.networkInterfaces().values()) {
            if (n.attachment() != null && attachmentId.equals(n.attachment().attachmentId())) {
                return n;
            }
        }
        return null;
    }

    private static RouteTable associatedTable(Ec2Scope scope, String associationId) {
        if (associationId == null) {
            return null;
        }
        for (RouteTable t : scope.network().routeTables().values()) {
            for (RouteTable.Association a : t.associations()) {
                if (a.id().equals(associationId)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A kind whose id is looked up in the caller's scope; {@code *} when the request names none that exists. */
    private static void lookup(AccessRules.Builder<ActionRequest> b, Ec2World world, String kind, String type,
                               java.util.function.BiFunction<Ec2Scope, Params, String> id) {
        b.single(kind, (RequestContext ctx, ActionRequest r) -> {
            String found = world.apply(ctx.accountId(), ctx.region(),
                    (Function<Ec2Scope, String>) scope -> id.apply(scope, r.params()));
            return found == null ? null : Ec2Access.arn(ctx, type, found);
        });
    }
}
