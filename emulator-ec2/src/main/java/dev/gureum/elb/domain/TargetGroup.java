package dev.gureum.elb.domain;

import java.util.Map;

/**
 * A target group of {@code instance}, {@code ip} or {@code lambda} targets. A lambda group has no protocol,
 * port or VPC ({@code null}s, 0).
 */
public record TargetGroup(String arn, String account, String region, String name, String targetType, String protocol,
                          String protocolVersion, int port, String vpcId, HealthCheck healthCheck,
                          Map<String, String> attributes, Map<String, String> tags) {

    public TargetGroup {
        attributes = Map.copyOf(attributes);
        tags = Map.copyOf(tags);
    }

    /** {@code targetgroup/my-targets/73e2d6bc24d8a067}: CloudWatch's dimension. */
    public String fullName() {
        return arn.substring(arn.indexOf(":targetgroup/") + 1);
    }

    public TargetGroup withHealthCheck(HealthCheck value) {
        return new TargetGroup(arn, account, region, name, targetType, protocol, protocolVersion, port, vpcId, value,
                attributes, tags);
    }

    public TargetGroup withAttributes(Map<String, String> value) {
        return new TargetGroup(arn, account, region, name, targetType, protocol, protocolVersion, port, vpcId,
                healthCheck, value, tags);
    }

    public TargetGroup withTags(Map<String, String> value) {
        return new TargetGroup(arn, account, region, name, targetType, protocol, protocolVersion, port, vpcId,
                healthCheck, attributes, value);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }
}
