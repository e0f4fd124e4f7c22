package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An elastic network interface: private addresses of one subnet (the first is its primary address),
 * security groups, a MAC address, and an attachment to an instance at a device index. Each private
 * address may carry a public one: an Elastic IP, or the address EC2 gives the primary address of an
 * instance's primary interface when it launches with one.
 */
public final class NetworkInterface implements Tagged {

    /**
     * Where it is attached.
     *
     * @param instanceOwnerId the account of the instance
     */
    public record Attachment(String attachmentId, String instanceId, String instanceOwnerId, int deviceIndex,
                             Instant attachTime, boolean deleteOnTermination) {

        Attachment withDeleteOnTermination(boolean value) {
            return new Attachment(attachmentId, instanceId, instanceOwnerId, deviceIndex, attachTime, value);
        }
    }

    /**
     * The public address of one private address.
     *
     * @param allocationId  the Elastic IP's allocation, or {@code null} for an address Amazon owns
     * @param associationId the Elastic IP's association, or {@code null} for an address Amazon owns
     */
    public record Association(String publicIp, String allocationId, String associationId) {

        public boolean elastic() {
            return allocationId != null;
        }
    }

    private final String id;
    private final String ownerId;
    private final String region;
    private final Subnet subnet;
    private final String macAddress;
    private final String interfaceType;
    private final List<String> privateIps = new ArrayList<>();
    private final List<String> securityGroupIds = new ArrayList<>();
    private final Map<String, Association> associations = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String description = "";
    private boolean sourceDestCheck = true;
    /** {@code AssociatePublicIpAddress} of the launch; {@code null} to follow the subnet's setting. */
    private Boolean associatePublicIp;
    private Attachment attachment;

    /** A new interface, with a new id and MAC address. */
    public NetworkInterface(String ownerId, String region, Subnet subnet) {
        this(Ids.ec2("eni"), ownerId, region, subnet, newMacAddress(), "interface");
    }

    /** An interface with the id and MAC address it was given (an instance's, or one kept across a restart). */
    NetworkInterface(String id, String ownerId, String region, Subnet subnet, String macAddress, String interfaceType) {
        this.id = id;
        this.ownerId = ownerId;
        this.region = region;
        this.subnet = subnet;
        this.macAddress = macAddress;
        this.interfaceType = interfaceType;
    }

    /** A MAC address as EC2 gives them: locally administered, starting {@code 0e}. */
    static String newMacAddress() {
        String hex = Ids.hex(10);
        StringBuilder mac = new StringBuilder("0e");
        for (int i = 0; i < hex.length(); i += 2) {
            mac.append(':').append(hex, i, i + 2);
        }
        return mac.toString();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "network-interface";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String ownerId() {
        return ownerId;
    }

    public String region() {
        return region;
    }

    public Subnet subnet() {
        return subnet;
    }

    public AvailabilityZone zone() {
        return subnet.zone();
    }

    public String vpcId() {
        return subnet.vpcId();
    }

    public String macAddress() {
        return macAddress;
    }

    public String interfaceType() {
        return interfaceType;
    }

    public String description() {
        return description;
    }

    public void description(String value) {
        this.description = value == null ? "" : value;
    }

    /** The primary private address, or {@code null} once its addresses are released. */
    public String privateIp() {
        return privateIps.isEmpty() ? null : privateIps.get(0);
    }

    /** The private addresses, primary first. */
    public List<String> privateIps() {
        return List.copyOf(privateIps);
    }

    void addPrivateIp(String ip) {
        privateIps.add(ip);
    }

    void removePrivateIp(String ip) {
        privateIps.remove(ip);
        associations.remove(ip);
    }

    void privateIps(List<String> ips) {
        privateIps.clear();
        privateIps.addAll(ips);
    }

    public List<String> securityGroupIds() {
        return securityGroupIds;
    }

    public boolean sourceDestCheck() {
        return sourceDestCheck;
    }

    public void sourceDestCheck(boolean value) {
        this.sourceDestCheck = value;
    }

    public Boolean associatePublicIp() {
        return associatePublicIp;
    }

    void associatePublicIp(Boolean value) {
        this.associatePublicIp = value;
    }

    /** Whether its primary address gets a public one when its instance starts. */
    boolean getsPublicIp() {
        return associatePublicIp != null ? associatePublicIp : subnet.mapPublicIpOnLaunch();
    }

    public Attachment attachment() {
        return attachment;
    }

    void attachment(Attachment value) {
        this.attachment = value;
    }

    public boolean isAttachedTo(String instanceId) {
        return attachment != null && attachment.instanceId().equals(instanceId);
    }

    /** {@code in-use} while attached (or while the service that made it uses it), else {@code available}. */
    public String status() {
        return attachment == null && !requesterManaged() ? "available" : "in-use";
    }

    /** Whether a service made it for itself (a NAT gateway's): its owner cannot delete or change it. */
    public boolean requesterManaged() {
        return !"interface".equals(interfaceType);
    }

    /** The interface a NAT gateway takes in its subnet, on the address the gateway was given. */
    static NetworkInterface ofNatGateway(String id, String ownerId, String region, Subnet subnet, String privateIp,
                                         String natGatewayId) {
        NetworkInterface eni = new NetworkInterface(id, ownerId, region, subnet, newMacAddress(), "nat_gateway");
        eni.addPrivateIp(privateIp);
        eni.description("Interface for NAT Gateway " + natGatewayId);
        eni.sourceDestCheck(false);
        return eni;
    }

    public Map<String, Association> associations() {
        return Map.copyOf(associations);
    }

    public Association association(String privateIp) {
        return privateIp == null ? null : associations.get(privateIp);
    }

    void associate(String privateIp, Association association) {
        if (association == null) {
            associations.remove(privateIp);
        } else {
            associations.put(privateIp, association);
        }
    }

    /** The public address of its primary private address, or {@code null}. */
    public String publicIp() {
        Association a = association(privateIp());
        return a == null ? null : a.publicIp();
    }

    /** Gives its primary private address an address Amazon owns, or takes it away ({@code null}). */
    void automaticPublicIp(String ip) {
        String primary = privateIp();
        if (primary != null) {
            associate(primary, ip == null ? null : new Association(ip, null, null));
        }
    }

    public String privateDnsName() {
        return privateDnsName(region, privateIp());
    }

    /** {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-10-0-1-5.REGION.compute.internal} elsewhere. */
    public static String privateDnsName(String region, String privateIp) {
        return privateIp == null ? "" : "ip-" + privateIp.replace('.', '-') + (region.equals("us-east-1")
                ? ".ec2.internal" : "." + region + ".compute.internal");
    }

    /** {@code ec2-54-1-2-3.compute-1.amazonaws.com} in us-east-1, {@code ...REGION.compute.amazonaws.com} elsewhere. */
    public static String publicDnsName(String region, String publicIp) {
        return publicIp == null ? "" : "ec2-" + publicIp.replace('.', '-') + (region.equals("us-east-1")
                ? ".compute-1.amazonaws.com" : "." + region + ".compute.amazonaws.com");
    }
}
