package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A NAT gateway in a subnet: {@code pending} while it is built, then {@code available} (or
 * {@code failed}); {@code deleting} then {@code deleted}. Its network interface takes a private address
 * of the subnet; a public one also holds an Elastic IP address.
 */
public final class NatGateway implements Tagged {

    /** What identifies a NAT gateway and its network interface, fixed at creation. */
    public record Identity(String id, String networkInterfaceId, String associationId) {
        static Identity fresh(boolean isPublic) {
            return new Identity(Ids.ec2("nat"), Ids.ec2("eni"), isPublic ? Ids.ec2("eipassoc") : null);
        }
    }

    private final Identity ids;
    private final String ownerId;
    private final String vpcId;
    private final String subnetId;
    private final String connectivityType;
    private final String allocationId;
    private final String publicIp;
    private final String privateIp;
    private final Instant createTime;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String state = "pending";
    private Instant stateEnds;
    private Instant deleteTime;
    private String failureCode;
    private String failureMessage;

    NatGateway(Identity ids, String ownerId, String vpcId, String subnetId, String connectivityType, String allocationId,
               String publicIp, String privateIp, Instant createTime) {
        this.ids = ids;
        this.ownerId = ownerId;
        this.vpcId = vpcId;
        this.subnetId = subnetId;
        this.connectivityType = connectivityType;
        this.allocationId = allocationId;
        this.publicIp = publicIp;
        this.privateIp = privateIp;
        this.createTime = createTime;
    }

    @Override
    public String id() {
        return ids.id();
    }

    @Override
    public String resourceType() {
        return "natgateway";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public Identity ids() {
        return ids;
    }

    public String ownerId() {
        return ownerId;
    }

    public String vpcId() {
        return vpcId;
    }

    public String subnetId() {
        return subnetId;
    }

    /** {@code public} or {@code private}. */
    public String connectivityType() {
        return connectivityType;
    }

    public String allocationId() {
        return allocationId;
    }

    public String publicIp() {
        return publicIp;
    }

    public String privateIp() {
        return privateIp;
    }

    public String networkInterfaceId() {
        return ids.networkInterfaceId();
    }

    public String associationId() {
        return ids.associationId();
    }

    public Instant createTime() {
        return createTime;
    }

    public String state() {
        return state;
    }

    /** When the state it is in ends by itself ({@code pending}, {@code deleting}; for {@code deleted} and {@code failed}, when it is forgotten). */
    public Instant stateEnds() {
        return stateEnds;
    }

    public Instant deleteTime() {
        return deleteTime;
    }

    public String failureCode() {
        return failureCode;
    }

    public String failureMessage() {
        return failureMessage;
    }

    /** Whether it still exists for what depends on it (neither deleted nor failed). */
    public boolean isLive() {
        return state.equals("pending") || state.equals("available") || state.equals("deleting");
    }

    void state(String state, Instant ends) {
        this.state = state;
        this.stateEnds = ends;
    }

    void deleteTime(Instant at) {
        this.deleteTime = at;
    }

    void failure(String code, String message) {
        this.failureCode = code;
        this.failureMessage = message;
    }
}
