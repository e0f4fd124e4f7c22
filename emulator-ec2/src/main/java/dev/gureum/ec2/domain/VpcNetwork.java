package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What surrounds the VPCs of an account in a region: internet, egress-only and NAT gateways, route
 * tables, DHCP options sets, VPC endpoints, the peering connections it requested, and the VPCs that
 * publish network address usage metrics.
 */
public final class VpcNetwork {

    /** How long a peering connection that is deleted or failed stays visible; a rejected or expired one, longer. */
    private static final Duration PEERING_GONE = Duration.ofHours(2);
    private static final Duration PEERING_REFUSED = Duration.ofDays(2);

    final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    final Map<String, InternetGateway> egressOnlyGateways = new LinkedHashMap<>();
    final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    final Map<String, DhcpOptions> dhcpOptions = new LinkedHashMap<>();
    final Map<String, VpcEndpoint> endpoints = new LinkedHashMap<>();
    final Map<String, VpcPeeringConnection> peerings = new LinkedHashMap<>();
    final Set<String> addressUsageMetrics = new HashSet<>();

    public Map<String, InternetGateway> internetGateways() {
        return internetGateways;
    }

    public Map<String, InternetGateway> egressOnlyGateways() {
        return egressOnlyGateways;
    }

    public Map<String, NatGateway> natGateways() {
        return natGateways;
    }

    public Map<String, RouteTable> routeTables() {
        return routeTables;
    }

    public Map<String, DhcpOptions> dhcpOptions() {
        return dhcpOptions;
    }

    public Map<String, VpcEndpoint> endpoints() {
        return endpoints;
    }

    /** The VPC ids whose network address usage metrics are on. */
    public Set<String> addressUsageMetrics() {
        return addressUsageMetrics;
    }

    List<Tagged> tagged() {
        List<Tagged> all = new ArrayList<>();
        all.addAll(internetGateways.values());
        all.addAll(egressOnlyGateways.values());
        all.addAll(natGateways.values());
        all.addAll(routeTables.values());
        all.addAll(dhcpOptions.values());
        all.addAll(endpoints.values());
        all.addAll(peerings.values());
        return all;
    }

    /**
     * The network a new account's region has, as on AWS: the default DHCP options set, and a default
     * VPC with an internet gateway attached and a main route table that sends {@code 0.0.0.0/0} to it.
     */
    void createDefaults(Ec2Scope scope, Vpc defaultVpc) {
        DhcpOptions options = DhcpOptions.regionDefault(scope.dhcpOptionsId(), scope.accountId(), scope.region().name());
        dhcpOptions.put(options.id(), options);
        RouteTable main = addMainTable(defaultVpc);
        InternetGateway igw = new InternetGateway(scope.accountId(), false, defaultVpc.id());
        internetGateways.put(igw.id(), igw);
        main.routes().add(new RouteTable.Route("0.0.0.0/0", null, null, RouteTable.Target.GATEWAY, igw.id(),
                "CreateRoute"));
    }

    /** Gives a new VPC its main route table, with the local route of its block. */
    public RouteTable addMainTable(Vpc vpc) {
        RouteTable table = newTable(vpc);
        table.associations().add(RouteTable.Association.of(null, null, true));
        return table;
    }

    /** A route table of a VPC, with the local route of its block. */
    public RouteTable newTable(Vpc vpc) {
        RouteTable table = new RouteTable(vpc.id(), vpc.ownerId());
        table.routes().add(new RouteTable.Route(vpc.cidr().toString(), null, null, RouteTable.Target.LOCAL, "local",
                "CreateRouteTable"));
        routeTables.put(table.id(), table);
        return table;
    }

    public RouteTable mainTable(String vpcId) {
        return routeTables.values().stream().filter(t -> t.vpcId().equals(vpcId) && t.isMain()).findFirst()
                .orElse(null);
    }

    /** The table a subnet uses: the one associated with it, else its VPC's main table. */
    public RouteTable tableOf(Subnet subnet) {
        for (RouteTable t : routeTables.values()) {
            if (t.associations().stream().anyMatch(a -> subnet.id().equals(a.subnetId()))) {
                return t;
            }
        }
        return mainTable(subnet.vpcId());
    }

    /** The internet gateway attached to a VPC, if any. */
    public InternetGateway gatewayOf(String vpcId) {
        return internetGateways.values().stream().filter(g -> vpcId.equals(g.vpcId())).findFirst().orElse(null);
    }

    /**
     * Refuses to delete a VPC that still has what AWS makes you remove first: an attached internet
     * gateway, an egress-only gateway, route tables besides the main one, NAT gateways, endpoints.
     */
    public void checkVpcDeletable(String vpcId) {
        boolean dependencies = gatewayOf(vpcId) != null
                || egressOnlyGateways.values().stream().anyMatch(g -> vpcId.equals(g.vpcId()))
                || routeTables.values().stream().anyMatch(t -> t.vpcId().equals(vpcId) && !t.isMain())
                || natGateways.values().stream().anyMatch(n -> n.vpcId().equals(vpcId) && n.isLive())
                || endpoints.values().stream().anyMatch(e -> e.vpcId().equals(vpcId));
        if (dependencies) {
            throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                    "The vpc '" + vpcId + "' has dependencies and cannot be deleted.");
        }
    }

    /** Deleting a VPC deletes its main route table, and ends the peering connections it requested. */
    public void vpcDeleted(String vpcId, Instant now) {
        routeTables.values().removeIf(t -> t.vpcId().equals(vpcId));
        addressUsageMetrics.remove(vpcId);
        for (VpcPeeringConnection p : peerings.values()) {
            if (p.requester().vpcId().equals(vpcId) && !isOver(p)) {
                p.status("deleted", "Deleted by " + p.requester().ownerId(), now.plus(PEERING_GONE));
            }
        }
    }

    /** Refuses to delete a subnet that holds a NAT gateway or an interface endpoint. */
    public void checkSubnetDeletable(String subnetId) {
        boolean dependencies = natGateways.values().stream().anyMatch(n -> n.subnetId().equals(subnetId) && n.isLive())
                || endpoints.values().stream().anyMatch(e -> e.subnetIds().contains(subnetId));
        if (dependencies) {
            throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                    "The subnet '" + subnetId + "' has dependencies and cannot be deleted.");
        }
    }

    /** A deleted subnet's route table association goes with it. */
    public void subnetDeleted(String subnetId) {
        routeTables.values().forEach(t -> t.associations().removeIf(a -> subnetId.equals(a.subnetId())));
    }

    static boolean isOver(VpcPeeringConnection p) {
        return switch (p.statusCode()) {
            case "deleted", "rejected", "failed", "expired" -> true;
            default -> false;
        };
    }

    // ---- NAT gateways ---------------------------------------------------------------------------

    /**
     * Builds a NAT gateway in a subnet: its network interface takes a private address of the subnet; a
     * public one holds the Elastic IP address, and fails (as AWS reports it, after its pending time)
     * when the VPC has no internet gateway or the address is associated already.
     */
    public NatGateway createNatGateway(Ec2Scope scope, Subnet subnet, ElasticIp eip, String privateIp, Instant now,
                                       Duration buildTime) {
        String address = privateIp;
        if (address == null) {
            address = subnet.allocateAddress();
            if (address == null) {
                throw new AwsException(Ec2Error.INSUFFICIENT_FREE_ADDRESSES,
                        "Subnet has insufficient free addresses to create this NAT gateway");
            }
        } else {
            if (!subnet.isAssignable(address)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Address " + address + " does not fall within the subnet's address range");
            }
            if (!subnet.claimAddress(address)) {
                throw new AwsException(Ec2Error.INVALID_IP_ADDRESS_IN_USE, "Address " + address + " is in use.");
            }
        }
        boolean isPublic = eip != null;
        NatGateway nat = new NatGateway(NatGateway.Identity.fresh(isPublic), scope.accountId(), subnet.vpcId(),
                subnet.id(), isPublic ? "public" : "private", isPublic ? eip.allocationId() : null,
                isPublic ? eip.publicIp() : null, address, now);
        nat.state("pending", now.plus(buildTime));
        if (isPublic && gatewayOf(subnet.vpcId()) == null) {
            nat.failure("Gateway.NotAttached", "Network " + subnet.vpcId() + " has no Internet gateway attached");
        } else if (isPublic && eip.isAssociated()) {
            nat.failure("Resource.AlreadyAssociated", "Elastic IP address " + eip.allocationId()
                    + " is already associated");
        } else if (isPublic) {
            eip.associated(nat.associationId(), null, address, nat.networkInterfaceId());
        }
        if (nat.failureCode() == null) {
            NetworkInterface eni = NetworkInterface.ofNatGateway(nat.networkInterfaceId(), scope.accountId(),
                    scope.region().name(), subnet, address, nat.id());
            if (isPublic) {
                eni.associate(address, new NetworkInterface.Association(eip.publicIp(), eip.allocationId(),
                        nat.associationId()));
            }
            scope.networkInterfaces.put(eni.id(), eni);
        }
        natGateways.put(nat.id(), nat);
        return nat;
    }

    /** Starts deleting a NAT gateway: its Elastic IP address is let go at once, its private address when it is deleted. */
    public void deleteNatGateway(Ec2Scope scope, NatGateway nat, Instant now, Duration time) {
        if (nat.state().equals("failed")) {
            // it holds no address any more
            nat.deleteTime(now);
            nat.state("deleted", now.plus(Duration.ofHours(1)));
            return;
        }
        if (!nat.isLive() || nat.state().equals("deleting")) {
            return;
        }
        releaseAddresses(scope, nat);
        nat.deleteTime(now);
        nat.state("deleting", now.plus(time));
    }

    private static void releaseAddresses(Ec2Scope scope, NatGateway nat) {
        ElasticIp eip = nat.allocationId() == null ? null : scope.addresses.get(nat.allocationId());
        if (eip != null && nat.associationId() != null && nat.associationId().equals(eip.associationId())) {
            eip.disassociate();
        }
        NetworkInterface eni = scope.networkInterfaces.get(nat.networkInterfaceId());
        if (eni != null && nat.privateIp() != null) {
            eni.associate(nat.privateIp(), null);
        }
    }

    /**
     * Applies what the clock brought: NAT gateways built, failed or deleted, interface endpoints
     * available, peering requests expired, and the gone ones forgotten after a while.
     */
    boolean settle(Ec2Scope scope, Instant now, Duration visibility) {
        boolean changed = upgrade(scope);
        for (NatGateway nat : new ArrayList<>(natGateways.values())) {
            if (nat.stateEnds() == null || now.isBefore(nat.stateEnds())) {
                continue;
            }
            changed = true;
            switch (nat.state()) {
                case "pending" -> {
                    if (nat.failureCode() != null) {
                        nat.state("failed", nat.stateEnds().plus(visibility));
                        scope.networkInterfaces.remove(nat.networkInterfaceId());
                        Subnet subnet = scope.subnets.get(nat.subnetId());
                        if (subnet != null) {
                            subnet.releaseAddress(nat.privateIp());
                        }
                    } else {
                        nat.state("available", null);
                    }
                }
                case "deleting" -> {
                    scope.networkInterfaces.remove(nat.networkInterfaceId());
                    Subnet subnet = scope.subnets.get(nat.subnetId());
                    if (subnet != null) {
                        subnet.releaseAddress(nat.privateIp());
                    }
                    nat.state("deleted", nat.stateEnds().plus(visibility));
                }
                default -> natGateways.remove(nat.id());
            }
        }
        for (VpcEndpoint e : endpoints.values()) {
            if (e.stateEnds() != null && !now.isBefore(e.stateEnds())) {
                e.state("available", null);
                changed = true;
            }
        }
        for (VpcPeeringConnection p : new ArrayList<>(peerings.values())) {
            if (p.statusEnds() == null || now.isBefore(p.statusEnds())) {
                continue;
            }
            changed = true;
            if (p.statusCode().equals("pending-acceptance")) {
                p.status("expired", "Expired", p.statusEnds().plus(PEERING_REFUSED));
            } else {
                peerings.remove(p.id());
            }
        }
        return changed;
    }

    /**
     * Gives what a data directory of an older Gureum lacks: a main route table for every VPC, and the
     * region's DHCP options set.
     */
    private boolean upgrade(Ec2Scope scope) {
        boolean changed = false;
        if (!dhcpOptions.containsKey(scope.dhcpOptionsId())
                && scope.vpcs.values().stream().anyMatch(v -> v.dhcpOptionsId().equals(scope.dhcpOptionsId()))) {
            DhcpOptions options = DhcpOptions.regionDefault(scope.dhcpOptionsId(), scope.accountId(),
                    scope.region().name());
            dhcpOptions.put(options.id(), options);
            changed = true;
        }
        if (routeTables.size() < scope.vpcs.size()) {
            for (Vpc vpc : scope.vpcs.values()) {
                if (mainTable(vpc.id()) == null) {
                    addMainTable(vpc);
                    changed = true;
                }
            }
        }
        return changed;
    }

    // ---- peering --------------------------------------------------------------------------------

    /**
     * Requests a peering connection; one between overlapping blocks, or to a VPC that does not exist,
     * fails at once, as AWS reports it.
     */
    public VpcPeeringConnection requestPeering(String id, VpcPeeringConnection.Side requester,
                                               VpcPeeringConnection.Side accepter, boolean accepterExists,
                                               Instant now) {
        VpcPeeringConnection p = new VpcPeeringConnection(id, requester, accepter);
        boolean overlap = accepter.cidr() != null
                && Cidr.parse(requester.cidr()).overlaps(Cidr.parse(accepter.cidr()));
        if (!accepterExists || overlap) {
            p.status("failed", "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range",
                    now.plus(PEERING_GONE));
        } else {
            // a request not accepted within a week expires
            p.expirationTime(now.plus(Duration.ofDays(7)));
            p.status("pending-acceptance", "Pending Acceptance by " + accepter.ownerId(), p.expirationTime());
        }
        peerings.put(p.id(), p);
        return p;
    }

    static void accept(VpcPeeringConnection p) {
        p.status("active", "Active", null);
        p.expirationTime(null);
    }

    static void reject(VpcPeeringConnection p, Instant now) {
        p.status("rejected", "Rejected by " + p.accepter().ownerId(), now.plus(PEERING_REFUSED));
    }

    static void delete(VpcPeeringConnection p, String account, Instant now) {
        p.status("deleted", "Deleted by " + account, now.plus(PEERING_GONE));
    }
}
