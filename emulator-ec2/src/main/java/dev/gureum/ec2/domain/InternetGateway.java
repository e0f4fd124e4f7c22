package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An internet gateway ({@code igw-}), attached to at most one VPC, or an egress-only internet gateway
 * ({@code eigw-}), which belongs to its VPC from creation and lets IPv6 traffic out only.
 */
public final class InternetGateway implements Tagged {

    private final String id;
    private final String ownerId;
    private final boolean egressOnly;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String vpcId;

    public InternetGateway(String ownerId, boolean egressOnly, String vpcId) {
        this(Ids.ec2(egressOnly ? "eigw" : "igw"), ownerId, egressOnly, vpcId);
    }

    /** A gateway with the id it was given (one kept across a restart). */
    InternetGateway(String id, String ownerId, boolean egressOnly, String vpcId) {
        this.id = id;
        this.ownerId = ownerId;
        this.egressOnly = egressOnly;
        this.vpcId = vpcId;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return egressOnly ? "egress-only-internet-gateway" : "internet-gateway";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String ownerId() {
        return ownerId;
    }

    public boolean egressOnly() {
        return egressOnly;
    }

    /** The VPC it is attached to; {@code null} when detached. */
    public String vpcId() {
        return vpcId;
    }

    public boolean isAttached() {
        return vpcId != null;
    }

    public void attach(String vpcId) {
        this.vpcId = vpcId;
    }

    public void detach() {
        this.vpcId = null;
    }
}
