package dev.gureum.ec2.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.ec2.domain.NetworkRecords.DhcpOptionsRecord;
import dev.gureum.ec2.domain.NetworkRecords.InternetGatewayRecord;
import dev.gureum.ec2.domain.NetworkRecords.NatGatewayRecord;
import dev.gureum.ec2.domain.NetworkRecords.PeeringRecord;
import dev.gureum.ec2.domain.NetworkRecords.RouteTableRecord;
import dev.gureum.ec2.domain.NetworkRecords.VpcAttributesRecord;
import dev.gureum.ec2.domain.NetworkRecords.VpcEndpointRecord;

import java.io.IOException;
import java.util.List;

import static dev.gureum.ec2.domain.Ec2RecordTypes.readList;
import static dev.gureum.ec2.domain.Ec2RecordTypes.readMap;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeList;
import static dev.gureum.ec2.domain.Ec2RecordTypes.writeMap;

/** How the network's records are written in EC2's journal: tags 19 to 25, all of version 1. */
final class NetworkRecordTypes {

    private NetworkRecordTypes() {
    }

    static List<RecordType<?>> types() {
        return List.of(
                RecordType.of(19, InternetGatewayRecord.class, 1, (r, out) -> {
                    out.writeString(r.account());
                    out.writeString(r.region());
                    out.writeString(r.id());
                    out.writeBoolean(r.egressOnly());
                    out.writeString(r.vpcId());
                    out.writeStringMap(r.tags());
                }, (in, v) -> new InternetGatewayRecord(in.readString(), in.readString(), in.readString(),
                        in.readBoolean(), in.readString(), in.readStringMap())),
                RecordType.of(20, NatGatewayRecord.class, 1, NetworkRecordTypes::writeNat, (in, v) -> readNat(in)),
                RecordType.of(21, RouteTableRecord.class, 1, NetworkRecordTypes::writeTable,
                        (in, v) -> readTable(in)),
                RecordType.of(22, DhcpOptionsRecord.class, 1, (r, out) -> {
                    out.writeString(r.account());
                    out.writeString(r.region());
                    out.writeString(r.id());
                    writeMap(r.configurations(), out, (values, o) -> o.writeStringList(values));
                    out.writeStringMap(r.tags());
                }, (in, v) -> new DhcpOptionsRecord(in.readString(), in.readString(), in.readString(),
                        readMap(in, RecordInput::readStringList), in.readStringMap())),
                RecordType.of(23, VpcEndpointRecord.class, 1, NetworkRecordTypes::writeEndpoint,
                        (in, v) -> readEndpoint(in)),
                RecordType.of(24, PeeringRecord.class, 1, NetworkRecordTypes::writePeering,
                        (in, v) -> readPeering(in)),
                RecordType.of(25, VpcAttributesRecord.class, 1, (r, out) -> {
                    out.writeString(r.account());
                    out.writeString(r.region());
                    out.writeString(r.vpcId());
                }, (in, v) -> new VpcAttributesRecord(in.readString(), in.readString(), in.readString())));
    }

    private static void writeNat(NatGatewayRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.networkInterfaceId());
        out.writeString(r.associationId());
        out.writeString(r.vpcId());
        out.writeString(r.subnetId());
        out.writeString(r.connectivityType());
        out.writeString(r.allocationId());
        out.writeString(r.publicIp());
        out.writeString(r.privateIp());
        out.writeInstant(r.createTime());
        out.writeString(r.state());
        out.writeInstant(r.stateEnds());
        out.writeInstant(r.deleteTime());
        out.writeString(r.failureCode());
        out.writeString(r.failureMessage());
        out.writeStringMap(r.tags());
    }

    private static NatGatewayRecord readNat(RecordInput in) throws IOException {
        return new NatGatewayRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readInstant(), in.readString(), in.readInstant(), in.readInstant(),
                in.readString(), in.readString(), in.readStringMap());
    }

    private static void writeTable(RouteTableRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.vpcId());
        writeList(r.routes(), out, (route, o) -> {
            o.writeString(route.destinationCidr());
            o.writeString(route.destinationIpv6Cidr());
            o.writeString(route.destinationPrefixListId());
            o.writeString(route.target().name());
            o.writeString(route.targetId());
            o.writeString(route.origin());
        });
        writeList(r.associations(), out, (a, o) -> {
            o.writeString(a.id());
            o.writeString(a.subnetId());
            o.writeString(a.gatewayId());
            o.writeBoolean(a.main());
        });
        out.writeStringMap(r.tags());
    }

    private static RouteTableRecord readTable(RecordInput in) throws IOException {
        return new RouteTableRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                readList(in, i -> new RouteTable.Route(i.readString(), i.readString(), i.readString(),
                        RouteTable.Target.valueOf(i.readString()), i.readString(), i.readString())),
                readList(in, i -> new RouteTable.Association(i.readString(), i.readString(), i.readString(),
                        i.readBoolean())),
                in.readStringMap());
    }

    private static void writeEndpoint(VpcEndpointRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        VpcEndpoint.Spec s = r.spec();
        out.writeString(s.type());
        out.writeString(s.vpcId());
        out.writeString(s.serviceName());
        out.writeBoolean(s.privateDnsEnabled());
        out.writeString(s.ipAddressType());
        out.writeInstant(r.creationTimestamp());
        out.writeStringList(r.routeTableIds());
        out.writeStringList(r.subnetIds());
        out.writeStringList(r.groupIds());
        out.writeString(r.policyDocument());
        out.writeString(r.state());
        out.writeInstant(r.stateEnds());
        out.writeStringMap(r.tags());
    }

    private static VpcEndpointRecord readEndpoint(RecordInput in) throws IOException {
        return new VpcEndpointRecord(in.readString(), in.readString(), in.readString(),
                new VpcEndpoint.Spec(in.readString(), in.readString(), in.readString(), in.readBoolean(),
                        in.readString()),
                in.readInstant(), in.readStringList(), in.readStringList(), in.readStringList(), in.readString(),
                in.readString(), in.readInstant(), in.readStringMap());
    }

    private static void writeSide(VpcPeeringConnection.Side s, RecordOutput out) throws IOException {
        out.writeString(s.ownerId());
        out.writeString(s.region());
        out.writeString(s.vpcId());
        out.writeString(s.cidr());
    }

    private static VpcPeeringConnection.Side readSide(RecordInput in) throws IOException {
        return new VpcPeeringConnection.Side(in.readString(), in.readString(), in.readString(), in.readString());
    }

    private static void writePeering(PeeringRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        writeSide(r.requester(), out);
        writeSide(r.accepter(), out);
        out.writeString(r.statusCode());
        out.writeString(r.statusMessage());
        out.writeInstant(r.expirationTime());
        out.writeInstant(r.statusEnds());
        out.writeStringMap(r.tags());
    }

    private static PeeringRecord readPeering(RecordInput in) throws IOException {
        return new PeeringRecord(in.readString(), in.readString(), in.readString(), readSide(in), readSide(in),
                in.readString(), in.readString(), in.readInstant(), in.readInstant(), in.readStringMap());
    }
}
