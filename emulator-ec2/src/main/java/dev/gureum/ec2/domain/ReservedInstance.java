package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Reserved Instances bought from an offering: a discount for matching running instances during the term. */
public final class ReservedInstance implements Tagged {

    private final String id;
    private final ReservedInstanceOffering offering;
    private final int instanceCount;
    private final Instant start;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public ReservedInstance(ReservedInstanceOffering offering, int instanceCount, Instant start) {
        this(UUID.randomUUID().toString(), offering, instanceCount, start);
    }

    /** Reserved Instances with the id they were given (kept across a restart). */
    ReservedInstance(String id, ReservedInstanceOffering offering, int instanceCount, Instant start) {
        this.id = id;
        this.offering = offering;
        this.instanceCount = instanceCount;
        this.start = start;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "reserved-instances";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public ReservedInstanceOffering offering() {
        return offering;
    }

    public int instanceCount() {
        return instanceCount;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plusSeconds(offering.durationSeconds());
    }

    /** {@code active} during the term, {@code retired} after it. */
    public String state(Instant now) {
        return now.isBefore(end()) ? "active" : "retired";
    }

    /** Whether it discounts an instance of this type in this zone. */
    public boolean covers(Instance instance, Instant now) {
        return state(now).equals("active") && offering.instanceType().equals(instance.type().name())
                && (offering.zone() == null || offering.zone().equals(instance.zone().name()))
                && offering.productDescription().startsWith(instance.image().isWindows() ? "Windows" : "Linux/UNIX")
                && offering.tenancy().equals(instance.tenancy().value());
    }
}
