package dev.gureum.ec2.domain;

import dev.gureum.ec2.domain.Ec2Records.Keyed;
import dev.gureum.ec2.domain.NetworkRecords.DhcpOptionsRecord;
import dev.gureum.ec2.domain.NetworkRecords.InternetGatewayRecord;
import dev.gureum.ec2.domain.NetworkRecords.NatGatewayRecord;
import dev.gureum.ec2.domain.NetworkRecords.NetworkRecord;
import dev.gureum.ec2.domain.NetworkRecords.PeeringRecord;
import dev.gureum.ec2.domain.NetworkRecords.RouteTableRecord;
import dev.gureum.ec2.domain.NetworkRecords.VpcAttributesRecord;
import dev.gureum.ec2.domain.NetworkRecords.VpcEndpointRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The network of an account's region as records, and back. */
final class NetworkSnapshot {

    private NetworkSnapshot() {
    }

    static void of(Ec2Scope scope, List<Keyed> out) {
        String account = scope.accountId();
        String region = scope.region().name();
        VpcNetwork n = scope.network;
        for (DhcpOptions d : n.dhcpOptions.values()) {
            Map<String, List<String>> config = new LinkedHashMap<>(d.configurations());
            out.add(new DhcpOptionsRecord(account, region, d.id(), config, tags(d)));
        }
        for (InternetGateway g : n.internetGateways.values()) {
            out.add(new InternetGatewayRecord(account, region, g.id(), false, g.vpcId(), tags(g)));
        }
        for (InternetGateway g : n.egressOnlyGateways.values()) {
            out.add(new InternetGatewayRecord(account, region, g.id(), true, g.vpcId(), tags(g)));
        }
        for (NatGateway g : n.natGateways.values()) {
            out.add(new NatGatewayRecord(account, region, g.id(), g.networkInterfaceId(), g.associationId(),
                    g.vpcId(), g.subnetId(), g.connectivityType(), g.allocationId(), g.publicIp(), g.privateIp(),
                    g.createTime(), g.state(), g.stateEnds(), g.deleteTime(), g.failureCode(), g.failureMessage(),
                    tags(g)));
        }
        for (RouteTable t : n.routeTables.values()) {
            out.add(new RouteTableRecord(account, region, t.id(), t.vpcId(), List.copyOf(t.routes()),
                    List.copyOf(t.associations()), tags(t)));
        }
        for (VpcEndpoint e : n.endpoints.values()) {
            out.add(new VpcEndpointRecord(account, region, e.id(), e.spec(), e.creationTimestamp(),
                    List.copyOf(e.routeTableIds()), List.copyOf(e.subnetIds()), List.copyOf(e.groupIds()),
                    e.policyDocument(), e.state(), e.stateEnds(), tags(e)));
        }
        for (VpcPeeringConnection p : n.peerings.values()) {
            out.add(new PeeringRecord(account, region, p.id(), p.requester(), p.accepter(), p.statusCode(),
                    p.statusMessage(), p.expirationTime(), p.statusEnds(), tags(p)));
        }
        n.addressUsageMetrics.stream().sorted().forEach(v -> out.add(new VpcAttributesRecord(account, region, v)));
    }

    /** Sets the object of a record in its scope. */
    static void restore(Ec2Scope scope, NetworkRecord record) {
        VpcNetwork n = scope.network;
        if (record instanceof DhcpOptionsRecord r) {
            DhcpOptions d = new DhcpOptions(r.id(), r.account(), r.configurations());
            d.tags().putAll(r.tags());
            n.dhcpOptions.put(d.id(), d);
        } else if (record instanceof InternetGatewayRecord r) {
            InternetGateway g = new InternetGateway(r.id(), r.account(), r.egressOnly(), r.vpcId());
            g.tags().putAll(r.tags());
            (r.egressOnly() ? n.egressOnlyGateways : n.internetGateways).put(g.id(), g);
        } else if (record instanceof NatGatewayRecord r) {
            NatGateway g = new NatGateway(new NatGateway.Identity(r.id(), r.networkInterfaceId(), r.associationId()),
                    r.account(), r.vpcId(), r.subnetId(), r.connectivityType(), r.allocationId(), r.publicIp(),
                    r.privateIp(), r.createTime());
            g.state(r.state(), r.stateEnds());
            g.deleteTime(r.deleteTime());
            g.failure(r.failureCode(), r.failureMessage());
            g.tags().putAll(r.tags());
            n.natGateways.put(g.id(), g);
        } else if (record instanceof RouteTableRecord r) {
            RouteTable t = new RouteTable(r.id(), r.vpcId(), r.account());
            t.routes().addAll(r.routes());
            t.associations().addAll(r.associations());
            t.tags().putAll(r.tags());
            n.routeTables.put(t.id(), t);
        } else if (record instanceof VpcEndpointRecord r) {
            VpcEndpoint e = new VpcEndpoint(r.id(), r.account(), r.spec(), r.creationTimestamp());
            e.routeTableIds().addAll(r.routeTableIds());
            e.subnetIds().addAll(r.subnetIds());
            e.groupIds().addAll(r.groupIds());
            e.policyDocument(r.policyDocument());
            e.state(r.state(), r.stateEnds());
            e.tags().putAll(r.tags());
            n.endpoints.put(e.id(), e);
        } else if (record instanceof PeeringRecord r) {
            VpcPeeringConnection p = new VpcPeeringConnection(r.id(), r.requester(), r.accepter());
            p.status(r.statusCode(), r.statusMessage(), r.statusEnds());
            p.expirationTime(r.expirationTime());
            p.tags().putAll(r.tags());
            n.peerings.put(p.id(), p);
        } else if (record instanceof VpcAttributesRecord r) {
            n.addressUsageMetrics.add(r.vpcId());
        }
    }

    /** Removes the object of a record's key kind and id. */
    static void remove(Ec2Scope scope, String kind, String id) {
        VpcNetwork n = scope.network;
        switch (kind) {
            case "dhcp-options" -> n.dhcpOptions.remove(id);
            case "internet-gateway" -> n.internetGateways.remove(id);
            case "egress-only-internet-gateway" -> n.egressOnlyGateways.remove(id);
            case "nat-gateway" -> n.natGateways.remove(id);
            case "route-table" -> n.routeTables.remove(id);
            case "vpc-endpoint" -> n.endpoints.remove(id);
            case "vpc-peering-connection" -> n.peerings.remove(id);
            case "vpc-attributes" -> n.addressUsageMetrics.remove(id);
            default -> {
                // not a network kind
            }
        }
    }

    private static Map<String, String> tags(Tagged t) {
        return t.tags().isEmpty() ? Map.of() : new LinkedHashMap<>(t.tags());
    }
}
