package dev.gureum.core.datacenter;

import java.util.List;
import java.util.Objects;

/**
 * Guests to start together, as one {@code RunInstances} call asks: at least {@code minCount} of them
 * must find room, or none is placed. All are in one zone and, being of one instance type, one family.
 *
 * @param accountId             the account that launches them
 * @param zone                  the zone they go to
 * @param tenancy               shared, dedicated, or on the account's Dedicated Hosts
 * @param hostId                for {@link Tenancy#HOST}: the Dedicated Host named, or {@code null} for any of
 *                              the account's hosts with auto-placement on
 * @param guests                the guests, in launch order
 * @param minCount              how many must be placed for the request to succeed
 * @param mayInterruptSpot      whether room may be made by interrupting Spot guests (on-demand launches)
 */
public record PlacementRequest(String accountId, AvailabilityZone zone, Tenancy tenancy, String hostId,
                               List<Guest> guests, int minCount, boolean mayInterruptSpot) {

    public PlacementRequest {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(tenancy, "tenancy");
        guests = List.copyOf(guests);
        if (guests.isEmpty() || minCount < 1 || minCount > guests.size()) {
            throw new IllegalArgumentException("Between 1 and " + guests.size() + " guests must be placed: " + minCount);
        }
        String type = guests.get(0).instanceType();
        for (Guest g : guests) {
            if (!g.instanceType().equals(type)) {
                throw new IllegalArgumentException("Guests of one request share an instance type");
            }
        }
    }

    public String family() {
        return guests.get(0).family();
    }

    public String instanceType() {
        return guests.get(0).instanceType();
    }
}
