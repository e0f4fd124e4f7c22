package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account's Dedicated Host: what it allocated and when. The physical host, with its capacity and
 * guests, is the data center's; this record outlives its release, as DescribeHosts shows released hosts.
 */
public final class DedicatedHost implements Tagged {

    private final String hostId;
    private final AvailabilityZone zone;
    private final String family;
    private final String clientToken;
    private final Instant allocationTime;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String instanceType;
    private String autoPlacement;
    private String hostRecovery;
    private String state = "available";
    private Instant releaseTime;
    /** Seconds of its allocation while Gureum was stopped, which are not billed. */
    private double unbilledSeconds;

    public DedicatedHost(String hostId, AvailabilityZone zone, String family, String instanceType, String autoPlacement,
                         String hostRecovery, String clientToken, Instant allocationTime) {
        this.hostId = hostId;
        this.zone = zone;
        this.family = family;
        this.instanceType = instanceType;
        this.autoPlacement = autoPlacement;
        this.hostRecovery = hostRecovery;
        this.clientToken = clientToken;
        this.allocationTime = allocationTime;
    }

    @Override
    public String id() {
        return hostId;
    }

    @Override
    public String resourceType() {
        return "dedicated-host";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public AvailabilityZone zone() {
        return zone;
    }

    public String family() {
        return family;
    }

    /** The one type it runs, or {@code null} when it runs any size of its family. */
    public String instanceType() {
        return instanceType;
    }

    public void instanceType(String type) {
        this.instanceType = type;
    }

    public String autoPlacement() {
        return autoPlacement;
    }

    public void autoPlacement(String value) {
        this.autoPlacement = value;
    }

    public String hostRecovery() {
        return hostRecovery;
    }

    public void hostRecovery(String value) {
        this.hostRecovery = value;
    }

    public String clientToken() {
        return clientToken;
    }

    public Instant allocationTime() {
        return allocationTime;
    }

    /** {@code available}, or {@code released}. */
    public String state() {
        return state;
    }

    public Instant releaseTime() {
        return releaseTime;
    }

    public void released(Instant when) {
        this.state = "released";
        this.releaseTime = when;
    }

    /** Sets the state a host had (a restart). */
    void restore(String state, Instant releaseTime, double unbilledSeconds) {
        this.state = state;
        this.releaseTime = releaseTime;
        this.unbilledSeconds = unbilledSeconds;
    }

    double unbilledSeconds() {
        return unbilledSeconds;
    }

    /** Leaves the time from {@code from} to {@code to}, when Gureum was stopped, off the bill. */
    void unbilled(Instant from, Instant to) {
        if (releaseTime == null) {
            Instant start = from.isBefore(allocationTime) ? allocationTime : from;
            unbilledSeconds += Math.max(0, java.time.Duration.between(start, to).toMillis() / 1000.0);
        }
    }

    /** The seconds it has been allocated, which its owner pays for (less the time Gureum was stopped). */
    public double allocatedSeconds(Instant now) {
        Instant until = releaseTime != null ? releaseTime : now;
        return Math.max(0, java.time.Duration.between(allocationTime, until).toMillis() / 1000.0 - unbilledSeconds);
    }
}
