package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DHCP options set: what instances of the VPCs associated with it learn by DHCP ({@code domain-name},
 * {@code domain-name-servers}, {@code ntp-servers}...). Each account's region starts with one, which
 * its default VPC and new VPCs use.
 */
public final class DhcpOptions implements Tagged {

    private final String id;
    private final String ownerId;
    private final Map<String, List<String>> configurations;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public DhcpOptions(String ownerId, Map<String, List<String>> configurations) {
        this(Ids.ec2("dopt"), ownerId, configurations);
    }

    DhcpOptions(String id, String ownerId, Map<String, List<String>> configurations) {
        this.id = id;
        this.ownerId = ownerId;
        this.configurations = new LinkedHashMap<>();
        configurations.forEach((k, v) -> this.configurations.put(k, List.copyOf(v)));
    }

    /** The set a region starts with: Amazon's DNS, and the region's internal domain name. */
    static DhcpOptions regionDefault(String id, String ownerId, String region) {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put("domain-name", List.of(region.equals("us-east-1") ? "ec2.internal" : region + ".compute.internal"));
        config.put("domain-name-servers", List.of("AmazonProvidedDNS"));
        return new DhcpOptions(id, ownerId, config);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "dhcp-options";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String ownerId() {
        return ownerId;
    }

    public Map<String, List<String>> configurations() {
        return configurations;
    }
}
