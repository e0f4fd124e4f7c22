package dev.gureum.core.datacenter;

import java.util.Objects;

/**
 * An availability zone: its name ({@code us-east-1a}), its zone id ({@code use1-az2}) and its region.
 * AWS maps zone names to physical zones per account; Gureum uses one mapping for every account.
 */
public record AvailabilityZone(String name, String zoneId, String region) {

    public AvailabilityZone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(region, "region");
    }
}
