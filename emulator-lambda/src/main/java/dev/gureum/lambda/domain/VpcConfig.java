package dev.gureum.lambda.domain;

import java.util.List;

/**
 * A function's {@code VpcConfig}. Gureum attaches no network interfaces; it reports the subnets and
 * security groups given, and a VPC id when there are subnets (Lambda reports an empty one without).
 */
public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds, String vpcId,
                        boolean ipv6AllowedForDualStack) {

    public VpcConfig {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
        vpcId = vpcId == null ? "" : vpcId;
    }
}
