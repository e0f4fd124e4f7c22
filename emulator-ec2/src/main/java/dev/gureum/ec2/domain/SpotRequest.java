package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Spot Instance request: open until capacity and price allow an instance, then active. */
public final class SpotRequest implements Tagged {

    private final String id;
    private final LaunchSpec spec;
    private final double maxPrice;
    private final boolean persistent;
    private final Instant createTime;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String state = "open";
    private String statusCode = "pending-evaluation";
    private String statusMessage = "Your Spot request has been submitted for review, and is pending evaluation.";
    private Instant statusUpdateTime;
    private String instanceId;
    private String launchedZone;

    public SpotRequest(LaunchSpec spec, double maxPrice, boolean persistent, Instant createTime) {
        this("sir-" + Ids.hex(8), spec, maxPrice, persistent, createTime);
    }

    /** A request with the id it was given (one kept across a restart). */
    SpotRequest(String id, LaunchSpec spec, double maxPrice, boolean persistent, Instant createTime) {
        this.id = id;
        this.spec = spec;
        this.maxPrice = maxPrice;
        this.persistent = persistent;
        this.createTime = createTime;
        this.statusUpdateTime = createTime;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "spot-instances-request";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public LaunchSpec spec() {
        return spec;
    }

    public double maxPrice() {
        return maxPrice;
    }

    public boolean persistent() {
        return persistent;
    }

    public String type() {
        return persistent ? "persistent" : "one-time";
    }

    public Instant createTime() {
        return createTime;
    }

    /** {@code open}, {@code active}, {@code closed}, {@code cancelled} or {@code failed}. */
    public String state() {
        return state;
    }

    public String statusCode() {
        return statusCode;
    }

    public String statusMessage() {
        return statusMessage;
    }

    public Instant statusUpdateTime() {
        return statusUpdateTime;
    }

    public String instanceId() {
        return instanceId;
    }

    public String launchedZone() {
        return launchedZone;
    }

    void update(String state, String statusCode, String statusMessage, Instant when) {
        this.state = state;
        this.statusCode = statusCode;
        this.statusMessage = statusMessage;
        this.statusUpdateTime = when;
    }

    void fulfilled(Instance instance, Instant when) {
        this.instanceId = instance.id();
        this.launchedZone = instance.zone().name();
        update("active", "fulfilled", "Your spot request is fulfilled.", when);
    }

    /** Sets the instance a request launched, as it had it (a restart). */
    void launched(String instanceId, String launchedZone) {
        this.instanceId = instanceId;
        this.launchedZone = launchedZone;
    }

    void instanceGone() {
        this.instanceId = null;
    }
}
