package dev.gureum.core.datacenter;

import java.util.List;
import java.util.Objects;

/**
 * A region with its availability zones.
 *
 * @param name     the region code, e.g. {@code ap-northeast-2}
 * @param longName the name AWS shows in its console, e.g. {@code Asia Pacific (Seoul)}
 * @param optIn    whether the region is one that accounts must enable (those launched after March 2019)
 * @param zones    its availability zones, in name order
 */
public record Region(String name, String longName, boolean optIn, List<AvailabilityZone> zones) {

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(longName, "longName");
        zones = List.copyOf(zones);
    }

    /** The endpoint of EC2 in this region, as DescribeRegions reports it. */
    public String ec2Endpoint() {
        return "ec2." + name + ".amazonaws.com";
    }
}
