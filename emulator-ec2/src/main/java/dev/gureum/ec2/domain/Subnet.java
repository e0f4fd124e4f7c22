package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** A subnet: a CIDR block of a VPC in one zone, from which instances get their private addresses. */
public final class Subnet implements Tagged {

    private final String id;
    private final String vpcId;
    private final String ownerId;
    private final Cidr cidr;
    private final AvailabilityZone zone;
    private final boolean defaultForAz;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final TreeSet<Long> used = new TreeSet<>();
    private boolean mapPublicIpOnLaunch;

    public Subnet(String vpcId, String ownerId, Cidr cidr, AvailabilityZone zone, boolean defaultForAz) {
        this(Ids.ec2("subnet"), vpcId, ownerId, cidr, zone, defaultForAz);
    }

    /** A subnet with the id it was given (one kept across a restart). */
    Subnet(String id, String vpcId, String ownerId, Cidr cidr, AvailabilityZone zone, boolean defaultForAz) {
        this.id = id;
        this.vpcId = vpcId;
        this.ownerId = ownerId;
        this.cidr = cidr;
        this.zone = zone;
        this.defaultForAz = defaultForAz;
        // only default subnets give instances a public address unless told otherwise
        this.mapPublicIpOnLaunch = defaultForAz;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "subnet";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String vpcId() {
        return vpcId;
    }

    public String ownerId() {
        return ownerId;
    }

    public Cidr cidr() {
        return cidr;
    }

    public AvailabilityZone zone() {
        return zone;
    }

    public boolean defaultForAz() {
        return defaultForAz;
    }

    public boolean mapPublicIpOnLaunch() {
        return mapPublicIpOnLaunch;
    }

    public void mapPublicIpOnLaunch(boolean value) {
        this.mapPublicIpOnLaunch = value;
    }

    public String arn() {
        return Arn.of("ec2", zone.region(), ownerId, "subnet/" + id).toString();
    }

    public long availableIpAddressCount() {
        return cidr.usableAddresses() - used.size();
    }

    public boolean hasFreeAddresses(int count) {
        return availableIpAddressCount() >= count;
    }

    /** The lowest free address, skipping the four AWS reserves at the start of the block. */
    public String allocateAddress() {
        for (long a = cidr.first() + 4; a < cidr.last(); a++) {
            if (used.add(a)) {
                return Cidr.formatAddress(a);
            }
        }
        return null;
    }

    /** Claims an address a client asked for; {@code false} when it is taken. */
    public boolean claimAddress(String address) {
        return used.add(Cidr.parseAddress(address));
    }

    /** Whether an address lies in the part of the block instances may use. */
    public boolean isAssignable(String address) {
        long a = Cidr.parseAddress(address);
        return cidr.contains(a) && a >= cidr.first() + 4 && a < cidr.last();
    }

    /** The addresses in use, lowest first. */
    java.util.List<Long> usedAddresses() {
        return java.util.List.copyOf(used);
    }

    void usedAddresses(java.util.Collection<Long> addresses) {
        used.clear();
        used.addAll(addresses);
    }

    public void releaseAddress(String address) {
        if (address != null) {
            used.remove(Cidr.parseAddress(address));
        }
    }
}
