package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A VPC peering connection between a requester VPC and an accepter VPC, of the same or another account
 * and region. It waits in {@code pending-acceptance} for the accepter's owner (at most a week), then is
 * {@code active}, {@code rejected}, {@code expired}, {@code failed} (overlapping blocks) or {@code deleted}.
 * It is kept with the requester; the accepter sees the same connection.
 */
public final class VpcPeeringConnection implements Tagged {

    /** One side of the connection. */
    public record Side(String ownerId, String region, String vpcId, String cidr) {
    }

    private final String id;
    private final Side requester;
    private final Side accepter;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String statusCode;
    private String statusMessage;
    private Instant expirationTime;
    /** When it ends by itself: expiry of a request, or when a deleted, rejected or failed one is forgotten. */
    private Instant statusEnds;

    VpcPeeringConnection(String id, Side requester, Side accepter) {
        this.id = id;
        this.requester = requester;
        this.accepter = accepter;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "vpc-peering-connection";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public Side requester() {
        return requester;
    }

    public Side accepter() {
        return accepter;
    }

    public String statusCode() {
        return statusCode;
    }

    public String statusMessage() {
        return statusMessage;
    }

    public Instant expirationTime() {
        return expirationTime;
    }

    public Instant statusEnds() {
        return statusEnds;
    }

    public boolean isActive() {
        return "active".equals(statusCode);
    }

    /** Whether a side of the connection is this VPC of this account. */
    public boolean involves(String account, String vpcId) {
        return requester.ownerId().equals(account) && requester.vpcId().equals(vpcId)
                || accepter.ownerId().equals(account) && accepter.vpcId().equals(vpcId);
    }

    void status(String code, String message, Instant ends) {
        this.statusCode = code;
        this.statusMessage = message;
        this.statusEnds = ends;
    }

    void expirationTime(Instant at) {
        this.expirationTime = at;
    }
}
