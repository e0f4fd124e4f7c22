package dev.gureum.ec2.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A security group: a stateful firewall of a VPC, with ingress and egress rules. */
public final class SecurityGroup implements Tagged {

    private final String id;
    private final String name;
    private final String description;
    private final String vpcId;
    private final String ownerId;
    private final String region;
    private final List<SecurityGroupRule> rules = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    public SecurityGroup(String name, String description, String vpcId, String ownerId, String region) {
        this(Ids.ec2("sg"), name, description, vpcId, ownerId, region);
    }

    /** A group with the id it was given (one kept across a restart). */
    SecurityGroup(String id, String name, String description, String vpcId, String ownerId, String region) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.vpcId = vpcId;
        this.ownerId = ownerId;
        this.region = region;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "security-group";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String vpcId() {
        return vpcId;
    }

    public String ownerId() {
        return ownerId;
    }

    public String region() {
        return region;
    }

    public String arn() {
        return Arn.of("ec2", region, ownerId, "security-group/" + id).toString();
    }

    public boolean isDefault() {
        return name.equals("default");
    }

    public List<SecurityGroupRule> rules() {
        return rules;
    }

    public List<SecurityGroupRule> rules(boolean egress) {
        return rules.stream().filter(r -> r.egress() == egress).toList();
    }
}
