package dev.gureum.core.datacenter;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A physical server in a zone, serving one instance family, as Nitro hosts and Dedicated Hosts do.
 * Its guests may belong to many accounts ({@link Tenancy#DEFAULT}), to one account while it runs
 * Dedicated Instances ({@link Tenancy#DEDICATED}), or to the account that allocated it as a Dedicated
 * Host ({@link Tenancy#HOST}). Read it under the {@link DataCenter}'s lock; only the data center changes it.
 */
public final class Host {

    private final String id;
    private final AvailabilityZone zone;
    private final String family;
    private final HostSize size;
    private final Map<String, Guest> guests = new LinkedHashMap<>();
    private Tenancy tenancy = Tenancy.DEFAULT;
    private String ownerAccountId;
    private String allocatedInstanceType;
    private boolean autoPlacement;
    private Instant allocatedAt;
    private int usedVcpus;
    private long usedMemoryMiB;

    Host(AvailabilityZone zone, String family, HostSize size) {
        this(Ids.ec2("h"), zone, family, size);
    }

    Host(String id, AvailabilityZone zone, String family, HostSize size) {
        this.id = id;
        this.zone = zone;
        this.family = family;
        this.size = size;
    }

    public String id() {
        return id;
    }

    public AvailabilityZone zone() {
        return zone;
    }

    public String family() {
        return family;
    }

    public HostSize size() {
        return size;
    }

    public Tenancy tenancy() {
        return tenancy;
    }

    /** The account a dedicated or allocated host belongs to; {@code null} for a shared host. */
    public String ownerAccountId() {
        return ownerAccountId;
    }

    /** For an allocated host: the one instance type it runs, or {@code null} for any size of its family. */
    public String allocatedInstanceType() {
        return allocatedInstanceType;
    }

    /** For an allocated host: whether instances that name no host may be placed on it. */
    public boolean autoPlacement() {
        return autoPlacement;
    }

    public Instant allocatedAt() {
        return allocatedAt;
    }

    public List<Guest> guests() {
        return List.copyOf(guests.values());
    }

    public boolean isEmpty() {
        return guests.isEmpty();
    }

    public int usedVcpus() {
        return usedVcpus;
    }

    public long usedMemoryMiB() {
        return usedMemoryMiB;
    }

    public int freeVcpus() {
        return size.vcpus() - usedVcpus;
    }

    public long freeMemoryMiB() {
        return size.memoryMiB() - usedMemoryMiB;
    }

    public boolean fits(Guest guest) {
        return guest.vcpus() <= freeVcpus() && guest.memoryMiB() <= freeMemoryMiB()
                && (allocatedInstanceType == null || allocatedInstanceType.equals(guest.instanceType()));
    }

    /** How many more instances of a size fit, as DescribeHosts reports available capacity. */
    public int remainingFor(int vcpus, long memoryMiB) {
        return (int) Math.min(freeVcpus() / vcpus, freeMemoryMiB() / memoryMiB);
    }

    /** How many instances of a size the empty host holds. */
    public int capacityFor(int vcpus, long memoryMiB) {
        return (int) Math.min(size.vcpus() / vcpus, size.memoryMiB() / memoryMiB);
    }

    /** A shared host without guests is free to become dedicated or to be allocated. */
    boolean isIdle() {
        return tenancy == Tenancy.DEFAULT && guests.isEmpty();
    }

    List<Guest> interruptibleGuests() {
        List<Guest> spot = new ArrayList<>();
        for (Guest g : guests.values()) {
            if (g.interruptible()) {
                spot.add(g);
            }
        }
        return spot;
    }

    void add(Guest guest) {
        guests.put(guest.instanceId(), guest);
        usedVcpus += guest.vcpus();
        usedMemoryMiB += guest.memoryMiB();
    }

    void remove(Guest guest) {
        if (guests.remove(guest.instanceId()) != null) {
            usedVcpus -= guest.vcpus();
            usedMemoryMiB -= guest.memoryMiB();
        }
    }

    void assign(Tenancy tenancy, String ownerAccountId) {
        this.tenancy = tenancy;
        this.ownerAccountId = ownerAccountId;
    }

    void allocate(String accountId, String instanceType, boolean autoPlacement, Instant now) {
        assign(Tenancy.HOST, accountId);
        this.allocatedInstanceType = instanceType;
        this.autoPlacement = autoPlacement;
        this.allocatedAt = now;
    }

    void modify(String instanceType, Boolean autoPlacement) {
        this.allocatedInstanceType = instanceType;
        if (autoPlacement != null) {
            this.autoPlacement = autoPlacement;
        }
    }

    void returnToPool() {
        assign(Tenancy.DEFAULT, null);
        allocatedInstanceType = null;
        autoPlacement = false;
        allocatedAt = null;
    }

    @Override
    public String toString() {
        return id + "[" + family + " " + zone.name() + " " + tenancy.value() + " " + usedVcpus + "/" + size.vcpus()
                + " vCPUs]";
    }
}
