package dev.gureum.ec2.domain;

import dev.gureum.ec2.domain.Ec2Records.Keyed;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What EC2 keeps of the network around VPCs across a restart: one record per gateway, table, options set, endpoint, peering. */
public final class NetworkRecords {

    private NetworkRecords() {
    }

    /** A record of one account's region. */
    public interface NetworkRecord extends Keyed {
        String account();

        String region();
    }

    public record InternetGatewayRecord(String account, String region, String id, boolean egressOnly, String vpcId,
                                        Map<String, String> tags) implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key(egressOnly ? "egress-only-internet-gateway" : "internet-gateway", account, region, id);
        }
    }

    public record NatGatewayRecord(String account, String region, String id, String networkInterfaceId,
                                   String associationId, String vpcId, String subnetId, String connectivityType,
                                   String allocationId, String publicIp, String privateIp, Instant createTime,
                                   String state, Instant stateEnds, Instant deleteTime, String failureCode,
                                   String failureMessage, Map<String, String> tags) implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key("nat-gateway", account, region, id);
        }
    }

    public record RouteTableRecord(String account, String region, String id, String vpcId,
                                   List<RouteTable.Route> routes, List<RouteTable.Association> associations,
                                   Map<String, String> tags) implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key("route-table", account, region, id);
        }
    }

    public record DhcpOptionsRecord(String account, String region, String id,
                                    Map<String, List<String>> configurations, Map<String, String> tags)
            implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key("dhcp-options", account, region, id);
        }
    }

    public record VpcEndpointRecord(String account, String region, String id, VpcEndpoint.Spec spec,
                                    Instant creationTimestamp, List<String> routeTableIds, List<String> subnetIds,
                                    List<String> groupIds, String policyDocument, String state, Instant stateEnds,
                                    Map<String, String> tags) implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key("vpc-endpoint", account, region, id);
        }
    }

    /** A peering connection, kept with the requester's account and region. */
    public record PeeringRecord(String account, String region, String id, VpcPeeringConnection.Side requester,
                                VpcPeeringConnection.Side accepter, String statusCode, String statusMessage,
                                Instant expirationTime, Instant statusEnds, Map<String, String> tags)
            implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key("vpc-peering-connection", account, region, id);
        }
    }

    /** A VPC whose network address usage metrics are on. */
    public record VpcAttributesRecord(String account, String region, String vpcId) implements NetworkRecord {
        @Override
        public String key() {
            return Ec2Records.key("vpc-attributes", account, region, vpcId);
        }
    }
}
