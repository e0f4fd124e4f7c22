package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Elastic IP address: a public address the account keeps until it releases it. */
public final class ElasticIp implements Tagged {

    private final String allocationId;
    private final String publicIp;
    private final String region;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String associationId;
    private String instanceId;
    private String privateIp;
    private String networkInterfaceId;

    public ElasticIp(String publicIp, String region) {
        this(Ids.ec2("eipalloc"), publicIp, region);
    }

    /** An address with the allocation id it was given (one kept across a restart). */
    ElasticIp(String allocationId, String publicIp, String region) {
        this.allocationId = allocationId;
        this.publicIp = publicIp;
        this.region = region;
    }

    @Override
    public String id() {
        return allocationId;
    }

    @Override
    public String resourceType() {
        return "elastic-ip";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String allocationId() {
        return allocationId;
    }

    public String publicIp() {
        return publicIp;
    }

    public String region() {
        return region;
    }

    public String associationId() {
        return associationId;
    }

    public String instanceId() {
        return instanceId;
    }

    public String privateIp() {
        return privateIp;
    }

    public String networkInterfaceId() {
        return networkInterfaceId;
    }

    public boolean isAssociated() {
        return associationId != null;
    }

    /** Associates it with a private address of an interface, and so with the instance the interface is attached to. */
    void associate(NetworkInterface eni, String privateIp) {
        this.associationId = Ids.ec2("eipassoc");
        this.instanceId = eni.attachment() == null ? null : eni.attachment().instanceId();
        this.privateIp = privateIp;
        this.networkInterfaceId = eni.id();
    }

    /** The instance its interface is attached to now ({@code null} once detached). */
    void instanceId(String id) {
        this.instanceId = id;
    }

    /** Sets the association an address had (a restart). */
    void associated(String associationId, String instanceId, String privateIp, String networkInterfaceId) {
        this.associationId = associationId;
        this.instanceId = instanceId;
        this.privateIp = privateIp;
        this.networkInterfaceId = networkInterfaceId;
    }

    void disassociate() {
        associationId = null;
        instanceId = null;
        privateIp = null;
        networkInterfaceId = null;
    }
}
