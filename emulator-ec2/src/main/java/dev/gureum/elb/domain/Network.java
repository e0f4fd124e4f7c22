package dev.gureum.elb.domain;

import java.util.List;
import java.util.Optional;

/**
 * What a load balancer needs to know of EC2's networks: its subnets' VPCs and zones, and security groups.
 * Bound to EC2 when it runs in the server; without it, ids of the right form are taken at their word.
 */
public interface Network {

    record SubnetInfo(String id, String vpcId, String zone) {
    }

    /** The subnet, or empty when the account has none of that id in the region. */
    Optional<SubnetInfo> subnet(String account, String region, String subnetId);

    /** Whether the account has the security group in the region. */
    boolean securityGroupExists(String account, String region, String groupId);

    /** The VPC's default security group, which an application load balancer gets when given none. */
    Optional<String> defaultSecurityGroup(String account, String region, String vpcId);

    /** The default VPC's id, for target groups created without a VPC. */
    Optional<String> defaultVpc(String account, String region);

    /** No EC2: a subnet's zone is chosen from its id, one of the region's first three; every group exists. */
    Network UNCHECKED = new Network() {
        @Override
        public Optional<SubnetInfo> subnet(String account, String region, String subnetId) {
            if (!subnetId.matches("subnet-[0-9a-f]{8,17}")) {
                return Optional.empty();
            }
            List<String> zones = List.of("a", "b", "c");
            return Optional.of(new SubnetInfo(subnetId, "vpc-" + "0".repeat(8),
                    region + zones.get(Math.floorMod(subnetId.hashCode(), zones.size()))));
        }

        @Override
        public boolean securityGroupExists(String account, String region, String groupId) {
            return groupId.matches("sg-[0-9a-f]{8,17}");
        }

        @Override
        public Optional<String> defaultSecurityGroup(String account, String region, String vpcId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> defaultVpc(String account, String region) {
            return Optional.empty();
        }
    };
}
