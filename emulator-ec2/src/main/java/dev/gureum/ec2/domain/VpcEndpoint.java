package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC endpoint: a {@code Gateway} endpoint (S3, DynamoDB) puts a route to the service's prefix list
 * into each of its route tables; an {@code Interface} endpoint sits in subnets with security groups.
 */
public final class VpcEndpoint implements Tagged {

    /** What a client chose at creation. */
    public record Spec(String type, String vpcId, String serviceName, boolean privateDnsEnabled,
                       String ipAddressType) {
    }

    private final String id;
    private final String ownerId;
    private final Spec spec;
    private final Instant creationTimestamp;
    private final List<String> routeTableIds = new ArrayList<>();
    private final List<String> subnetIds = new ArrayList<>();
    private final List<String> groupIds = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String policyDocument;
    private String state;
    private Instant stateEnds;

    VpcEndpoint(String id, String ownerId, Spec spec, Instant creationTimestamp) {
        this.id = id;
        this.ownerId = ownerId;
        this.spec = spec;
        this.creationTimestamp = creationTimestamp;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "vpc-endpoint";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String ownerId() {
        return ownerId;
    }

    public Spec spec() {
        return spec;
    }

    public String type() {
        return spec.type();
    }

    public String vpcId() {
        return spec.vpcId();
    }

    public String serviceName() {
        return spec.serviceName();
    }

    public Instant creationTimestamp() {
        return creationTimestamp;
    }

    public List<String> routeTableIds() {
        return routeTableIds;
    }

    public List<String> subnetIds() {
        return subnetIds;
    }

    public List<String> groupIds() {
        return groupIds;
    }

    public String policyDocument() {
        return policyDocument;
    }

    public void policyDocument(String policy) {
        this.policyDocument = policy;
    }

    /** {@code pending}, {@code available}, {@code deleted}... */
    public String state() {
        return state;
    }

    public Instant stateEnds() {
        return stateEnds;
    }

    void state(String state, Instant ends) {
        this.state = state;
        this.stateEnds = ends;
    }
}
