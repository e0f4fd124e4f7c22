package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.LinkedHashMap;
import java.util.Map;

/** A VPC: an isolated network of one account in one region. */
public final class Vpc implements Tagged {

    private final String id;
    private final String ownerId;
    private final Cidr cidr;
    private final boolean isDefault;
    private final String instanceTenancy;
    private final String cidrAssociationId;
    private String dhcpOptionsId;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private boolean enableDnsSupport = true;
    private boolean enableDnsHostnames;

    public Vpc(String ownerId, Cidr cidr, boolean isDefault, String instanceTenancy, String dhcpOptionsId) {
        this(Ids.ec2("vpc"), ownerId, cidr, isDefault, instanceTenancy, Ids.ec2("vpc-cidr-assoc"), dhcpOptionsId);
    }

    /** A VPC with the ids it was given (one kept across a restart). */
    Vpc(String id, String ownerId, Cidr cidr, boolean isDefault, String instanceTenancy, String cidrAssociationId,
        String dhcpOptionsId) {
        this.id = id;
        this.cidrAssociationId = cidrAssociationId;
        this.ownerId = ownerId;
        this.cidr = cidr;
        this.isDefault = isDefault;
        this.instanceTenancy = instanceTenancy;
        this.dhcpOptionsId = dhcpOptionsId;
        // default VPCs resolve public DNS names; VPCs you create do not until you enable it
        this.enableDnsHostnames = isDefault;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "vpc";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String ownerId() {
        return ownerId;
    }

    public Cidr cidr() {
        return cidr;
    }

    public boolean isDefault() {
        return isDefault;
    }

    /** {@code default}, or {@code dedicated}: every instance launched into it runs on dedicated hardware. */
    public String instanceTenancy() {
        return instanceTenancy;
    }

    public String cidrAssociationId() {
        return cidrAssociationId;
    }

    public String dhcpOptionsId() {
        return dhcpOptionsId;
    }

    /** The DHCP options set it uses, or {@code default} for none. */
    public void dhcpOptionsId(String id) {
        this.dhcpOptionsId = id;
    }

    public boolean enableDnsSupport() {
        return enableDnsSupport;
    }

    public void enableDnsSupport(boolean value) {
        this.enableDnsSupport = value;
    }

    public boolean enableDnsHostnames() {
        return enableDnsHostnames;
    }

    public void enableDnsHostnames(boolean value) {
        this.enableDnsHostnames = value;
    }
}
