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
import dev.gureum.ec2.domain.ElasticIp;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.InstanceState;
import dev.gureum.ec2.domain.InternetGateway;
import dev.gureum.ec2.domain.NatGateway;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.Subnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Internet gateways, egress-only internet gateways and NAT gateways. */
final class GatewayOperations {

    private static final Filters<InternetGateway> IGW_FILTERS = new Filters<InternetGateway>()
            .add("attachment.state", g -> g.isAttached() ? "available" : null)
            .add("attachment.vpc-id", InternetGateway::vpcId)
            .add("internet-gateway-id", InternetGateway::id)
            .add("owner-id", InternetGateway::ownerId)
            .tags(InternetGateway::tags);

    private static final Filters<InternetGateway> EIGW_FILTERS = new Filters<InternetGateway>()
            .add("egress-only-internet-gateway-id", InternetGateway::id)
            .tags(InternetGateway::tags);

    private static final Filters<NatGateway> NAT_FILTERS = new Filters<NatGateway>()
            .add("nat-gateway-id", NatGateway::id)
            .add("state", NatGateway::state)
            .add("subnet-id", NatGateway::subnetId)
            .add("vpc-id", NatGateway::vpcId)
            .tags(NatGateway::tags);

    private final Ec2World world;

    GatewayOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateInternetGateway", this::createInternetGateway);
        op.accept("AttachInternetGateway", this::attachInternetGateway);
        op.accept("DetachInternetGateway", this::detachInternetGateway);
        op.accept("DeleteInternetGateway", this::deleteInternetGateway);
        op.accept("DescribeInternetGateways", this::describeInternetGateways);
        op.accept("CreateEgressOnlyInternetGateway", this::createEgressOnly);
        op.accept("DeleteEgressOnlyInternetGateway", this::deleteEgressOnly);
        op.accept("DescribeEgressOnlyInternetGateways", this::describeEgressOnly);
        op.accept("CreateNatGateway", this::createNatGateway);
        op.accept("DeleteNatGateway", this::deleteNatGateway);
        op.accept("DescribeNatGateways", this::describeNatGateways);
    }

    // ---- internet gateways ----------------------------------------------------------------------

    private Struct createInternetGateway(ActionRequest r) {
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            InternetGateway igw = new InternetGateway(scope.accountId(), false, null);
            igw.tags().putAll(tags.getOrDefault("internet-gateway", Map.of()));
            scope.network().internetGateways().put(igw.id(), igw);
            return Struct.of().put("internetGateway", igw(igw));
        });
    }

    private static Struct igw(InternetGateway g) {
        return Struct.of()
                .list("attachmentSet", g.isAttached()
                        ? List.of(Struct.of().put("state", "available").put("vpcId", g.vpcId())) : List.of())
                .put("internetGatewayId", g.id())
                .put("ownerId", g.ownerId())
                .list("tagSet", Render.tagSet(g.tags()));
    }

    static InternetGateway igwOf(Ec2Scope scope, String id) {
        InternetGateway g = scope.network().internetGateways().get(id);
        if (g == null) {
            throw new AwsException(NetworkError.INVALID_INTERNET_GATEWAY_ID_NOT_FOUND,
                    "The internetGateway ID '" + id + "' does not exist");
        }
        return g;
    }

    private static String igwId(Params p) {
        return Requests.checkId(Requests.require(p, "InternetGatewayId"), "igw",
                NetworkError.INVALID_INTERNET_GATEWAY_ID_MALFORMED);
    }

    private Struct attachInternetGateway(ActionRequest r) {
        Params p = r.params();
        String id = igwId(p);
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            InternetGateway igw = igwOf(scope, id);
            VpcOperations.vpcOf(scope, vpcId);
            if (igw.isAttached()) {
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED,
                        "resource " + id + " is already attached to network " + igw.vpcId());
            }
            InternetGateway other = scope.network().gatewayOf(vpcId);
            if (other != null) {
                throw new AwsException(Ec2Error.RESOURCE_ALREADY_ASSOCIATED,
                        "resource " + vpcId + " is already attached to internet gateway " + other.id());
            }
            igw.attach(vpcId);
            return Struct.of().put("return", true);
        });
    }

    private Struct detachInternetGateway(ActionRequest r) {
        Params p = r.params();
        String id = igwId(p);
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            InternetGateway igw = igwOf(scope, id);
            if (!vpcId.equals(igw.vpcId())) {
                throw new AwsException(NetworkError.GATEWAY_NOT_ATTACHED,
                        "resource " + id + " is not attached to network " + vpcId);
            }
            // public addresses in the VPC need the gateway: instances', Elastic IPs', public NAT gateways'
            boolean mapped = scope.instances().values().stream().anyMatch(i -> i.state() != InstanceState.TERMINATED
                    && i.publicIp() != null && i.subnet().vpcId().equals(vpcId))
                    || scope.network().natGateways().values().stream().anyMatch(n -> n.vpcId().equals(vpcId)
                    && n.isLive() && n.publicIp() != null);
            if (mapped) {
                throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION, "Network " + vpcId
                        + " has some mapped public address(es). Please unmap those public address(es) before "
                        + "detaching the gateway.");
            }
            igw.detach();
            return Struct.of().put("return", true);
        });
    }

    private Struct deleteInternetGateway(ActionRequest r) {
        String id = igwId(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            InternetGateway igw = igwOf(scope, id);
            if (igw.isAttached()) {
                throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                        "The internetGateway '" + id + "' has dependencies and cannot be deleted.");
            }
            scope.network().internetGateways().remove(id);
            return Struct.of().put("return", true);
        });
    }

    private Struct describeInternetGateways(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "InternetGatewayId", "igw", NetworkError.INVALID_INTERNET_GATEWAY_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<InternetGateway> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.network().internetGateways().values());
            } else {
                ids.forEach(id -> all.add(igwOf(scope, id)));
            }
            PageTokens.Page<InternetGateway> page = Requests.page(IGW_FILTERS.apply(all, f), p, 5, 1000, 0);
            return Struct.of().list("internetGatewaySet", page.items(), GatewayOperations::igw)
                    .put("nextToken", page.nextToken());
        });
    }

    // ---- egress-only internet gateways ----------------------------------------------------------

    private Struct createEgressOnly(ActionRequest r) {
        Params p = r.params();
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            VpcOperations.vpcOf(scope, vpcId);
            InternetGateway g = new InternetGateway(scope.accountId(), true, vpcId);
            g.tags().putAll(tags.getOrDefault("egress-only-internet-gateway", Map.of()));
            scope.network().egressOnlyGateways().put(g.id(), g);
            return Struct.of().put("clientToken", p.string("ClientToken")).put("egressOnlyInternetGateway", eigw(g));
        });
    }

    private static Struct eigw(InternetGateway g) {
        return Struct.of()
                .list("attachmentSet", List.of(Struct.of().put("state", "attached").put("vpcId", g.vpcId())))
                .put("egressOnlyInternetGatewayId", g.id())
                .list("tagSet", Render.tagSet(g.tags()));
    }

    private static InternetGateway eigwOf(Ec2Scope scope, String id) {
        InternetGateway g = scope.network().egressOnlyGateways().get(id);
        if (g == null) {
            throw new AwsException(NetworkError.INVALID_EGRESS_ONLY_GATEWAY_ID_NOT_FOUND,
                    "The egressOnlyInternetGateway ID '" + id + "' does not exist");
        }
        return g;
    }

    private Struct deleteEgressOnly(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "EgressOnlyInternetGatewayId"), "eigw",
                NetworkError.INVALID_EGRESS_ONLY_GATEWAY_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            eigwOf(scope, id);
            scope.network().egressOnlyGateways().remove(id);
            return Struct.of().put("returnCode", true);
        });
    }

    private Struct describeEgressOnly(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "EgressOnlyInternetGatewayId", "eigw",
                NetworkError.INVALID_EGRESS_ONLY_GATEWAY_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<InternetGateway> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.network().egressOnlyGateways().values());
            } else {
                ids.forEach(id -> all.add(eigwOf(scope, id)));
            }
            PageTokens.Page<InternetGateway> page = Requests.page(EIGW_FILTERS.apply(all, f), p, 5, 255, 0);
            return Struct.of().list("egressOnlyInternetGatewaySet", page.items(), GatewayOperations::eigw)
                    .put("nextToken", page.nextToken());
        });
    }

    // ---- NAT gateways ---------------------------------------------------------------------------

    private Struct createNatGateway(ActionRequest r) {
        Params p = r.params();
        String subnetId = Requests.checkId(Requests.require(p, "SubnetId"), "subnet",
                Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        String connectivity = p.string("ConnectivityType", "public");
        if (!connectivity.equals("public") && !connectivity.equals("private")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + connectivity + ") for parameter ConnectivityType is invalid.");
        }
        String allocationId = p.string("AllocationId");
        if (connectivity.equals("public") && allocationId == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain the parameter AllocationId for a public NAT gateway");
        }
        if (connectivity.equals("private") && allocationId != null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "A private NAT gateway cannot have an Elastic IP address (AllocationId).");
        }
        String privateIp = p.string("PrivateIpAddress");
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Subnet subnet = VpcOperations.subnetOf(scope, subnetId);
            ElasticIp eip = null;
            if (allocationId != null) {
                eip = scope.addresses().get(allocationId);
                if (eip == null) {
                    throw new AwsException(Ec2Error.INVALID_ALLOCATION_ID_NOT_FOUND,
                            "The allocation ID '" + allocationId + "' does not exist");
                }
            }
            NatGateway nat = scope.network().createNatGateway(scope, subnet, eip, privateIp, world.now(),
                    world.settings().bootTime());
            nat.tags().putAll(tags.getOrDefault("natgateway", Map.of()));
            return Struct.of().put("clientToken", p.string("ClientToken")).put("natGateway", nat(nat, scope));
        });
    }

    static Struct nat(NatGateway n, Ec2Scope scope) {
        Subnet subnet = scope.subnets().get(n.subnetId());
        boolean failed = n.state().equals("failed");
        Struct address = Struct.of()
                .put("allocationId", n.allocationId())
                .put("networkInterfaceId", n.networkInterfaceId())
                .put("privateIp", n.privateIp())
                .put("publicIp", failed ? null : n.publicIp())
                .put("associationId", failed || n.state().startsWith("delet") ? null : n.associationId())
                .put("isPrimary", true)
                .put("status", switch (n.state()) {
                    case "pending" -> n.publicIp() != null ? "associating" : "assigning";
                    case "available" -> "succeeded";
                    case "failed" -> "failed";
                    default -> n.publicIp() != null ? "disassociating" : "unassigning";
                })
                .put("availabilityZone", subnet == null ? null : subnet.zone().name())
                .put("availabilityZoneId", subnet == null ? null : subnet.zone().zoneId());
        return Struct.of()
                .put("createTime", n.createTime())
                .put("deleteTime", n.deleteTime())
                .put("failureCode", failed ? n.failureCode() : null)
                .put("failureMessage", failed ? n.failureMessage() : null)
                .list("natGatewayAddressSet", List.of(address))
                .put("natGatewayId", n.id())
                .put("state", n.state())
                .put("subnetId", n.subnetId())
                .put("vpcId", n.vpcId())
                .list("tagSet", Render.tagSet(n.tags()))
                .put("connectivityType", n.connectivityType())
                .put("availabilityMode", "zonal");
    }

    private static NatGateway natOf(Ec2Scope scope, String id) {
        NatGateway n = scope.network().natGateways().get(id);
        if (n == null) {
            throw new AwsException(NetworkError.NAT_GATEWAY_NOT_FOUND, "The Nat Gateway " + id + " was not found");
        }
        return n;
    }

    private Struct deleteNatGateway(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "NatGatewayId"), "nat",
                NetworkError.INVALID_NAT_GATEWAY_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            NatGateway n = natOf(scope, id);
            scope.network().deleteNatGateway(scope, n, world.now(), world.settings().bootTime());
            return Struct.of().put("natGatewayId", id);
        });
    }

    private Struct describeNatGateways(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "NatGatewayId", "nat", NetworkError.INVALID_NAT_GATEWAY_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<NatGateway> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.network().natGateways().values());
            } else {
                ids.forEach(id -> all.add(natOf(scope, id)));
            }
            PageTokens.Page<NatGateway> page = Requests.page(NAT_FILTERS.apply(all, f), p, 5, 1000, 0);
            return Struct.of().list("natGatewaySet", page.items(), n -> nat(n, scope))
                    .put("nextToken", page.nextToken());
        });
    }
}
