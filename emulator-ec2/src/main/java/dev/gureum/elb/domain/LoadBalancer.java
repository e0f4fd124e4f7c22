package dev.gureum.elb.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A load balancer, application or network.
 *
 * @param dnsId     the part of its DNS name after the name ({@code my-alb-1234567890})
 * @param activeAt  when provisioning ends: it is {@code provisioning} before, {@code active} from then on
 * @param subnets   one per availability zone
 */
public record LoadBalancer(String arn, String account, String region, String name, String type, String scheme,
                           String ipAddressType, String vpcId, List<SubnetMapping> subnets,
                           List<String> securityGroups, Instant createdTime, Instant activeAt, String dnsId,
                           Map<String, String> attributes, Map<String, String> tags) {

    /** A subnet of the load balancer and the availability zone it is in. */
    public record SubnetMapping(String subnetId, String zone) {
    }

    public LoadBalancer {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        attributes = Map.copyOf(attributes);
        tags = Map.copyOf(tags);
    }

    public boolean application() {
        return "application".equals(type);
    }

    /** {@code app/my-alb/50dc6c495c0c9188}: the ARN's resource after {@code loadbalancer/}, and CloudWatch's dimension. */
    public String fullName() {
        return arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    }

    public String id() {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The label its host names start with: {@code my-alb-1234567890}, {@code internal-} before it when internal. */
    public String hostLabel() {
        return ("internal".equals(scheme) ? "internal-" : "") + name + "-" + dnsId;
    }

    /** AWS's form: {@code name-id.region.elb.amazonaws.com} (ALB), {@code name-id.elb.region.amazonaws.com} (NLB). */
    public String dnsName() {
        return application() ? hostLabel() + "." + region + ".elb.amazonaws.com"
                : hostLabel() + ".elb." + region + ".amazonaws.com";
    }

    public String state(Instant now) {
        return now.isBefore(activeAt) ? "provisioning" : "active";
    }

    public LoadBalancer withAttributes(Map<String, String> value) {
        return new LoadBalancer(arn, account, region, name, type, scheme, ipAddressType, vpcId, subnets, securityGroups,
                createdTime, activeAt, dnsId, value, tags);
    }

    public LoadBalancer withTags(Map<String, String> value) {
        return new LoadBalancer(arn, account, region, name, type, scheme, ipAddressType, vpcId, subnets, securityGroups,
                createdTime, activeAt, dnsId, attributes, value);
    }

    public LoadBalancer withSecurityGroups(List<String> value) {
        return new LoadBalancer(arn, account, region, name, type, scheme, ipAddressType, vpcId, subnets, value,
                createdTime, activeAt, dnsId, attributes, tags);
    }

    public LoadBalancer withSubnets(List<SubnetMapping> value) {
        return new LoadBalancer(arn, account, region, name, type, scheme, ipAddressType, vpcId, value, securityGroups,
                createdTime, activeAt, dnsId, attributes, tags);
    }

    public LoadBalancer withIpAddressType(String value) {
        return new LoadBalancer(arn, account, region, name, type, scheme, value, vpcId, subnets, securityGroups,
                createdTime, activeAt, dnsId, attributes, tags);
    }
}
