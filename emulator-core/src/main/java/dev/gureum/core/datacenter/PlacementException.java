package dev.gureum.core.datacenter;

/**
 * A placement the hypervisor refused. The service that asked turns the reason into its own error
 * ({@code InsufficientInstanceCapacity}, {@code InsufficientCapacityOnHost}...).
 */
public final class PlacementException extends RuntimeException {

    /** Why nothing was placed. */
    public enum Reason {
        /** The zone's fleet for the family has no room (shared or dedicated tenancy). */
        INSUFFICIENT_CAPACITY,
        /** The Dedicated Host named is not one of the account's hosts in the zone. */
        HOST_NOT_FOUND,
        /** The Dedicated Host named, or every auto-placement host, lacks room or runs another type. */
        INSUFFICIENT_CAPACITY_ON_HOST,
        /** No idle hosts are left to allocate as Dedicated Hosts. */
        INSUFFICIENT_HOST_CAPACITY,
        /** The Dedicated Host still runs instances. */
        HOST_OCCUPIED
    }

    private final Reason reason;
    private final String zone;
    private final String family;
    private final String hostId;

    public PlacementException(Reason reason, String zone, String family, String hostId, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.zone = zone;
        this.family = family;
        this.hostId = hostId;
    }

    public Reason reason() {
        return reason;
    }

    public String zone() {
        return zone;
    }

    public String family() {
        return family;
    }

    public String hostId() {
        return hostId;
    }
}
