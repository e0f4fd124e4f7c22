package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.id.Ids;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated instance: everything DescribeInstances shows, its place in the lifecycle, the host it runs
 * on, and its metered running time. Changed only by {@link InstanceLifecycle} under the world's lock.
 */
public final class Instance implements Tagged {

    private final String id;
    private final String ownerId;
    private final String region;
    private final String reservationId;
    private final Image image;
    private final AvailabilityZone zone;
    private final Subnet subnet;
    private final String keyName;
    private final List<String> securityGroupIds;
    private final Tenancy tenancy;
    private final String requestedHostId;
    private final int launchIndex;
    private final String clientToken;
    private final Instant firstLaunch;
    private final String networkInterfaceId;
    private final String attachmentId;
    private final String macAddress;
    private final String rootVolumeId;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<BillingPeriod> billing = new ArrayList<>();

    private InstanceTypeInfo type;
    private InstanceState state = InstanceState.PENDING;
    private Instant stateSince;
    /** When the current transitional state ends (pending, stopping, shutting-down). */
    private Instant transitionEnds;
    private Instant launchTime;
    private String stateTransitionReason = "";
    private StateReason stateReason = StateReason.PENDING;
    private String privateIp;
    private String publicIp;
    private String elasticIpAllocationId;
    private String hostId;
    private byte[] userData;
    private boolean disableApiTermination;
    private boolean disableApiStop;
    private String shutdownBehavior = "stop";
    private boolean sourceDestCheck = true;
    private boolean ebsOptimized;
    private boolean monitoring;
    private SpotTerms spot;
    private Instant terminatedAt;
    /** The interface at device index 0 while it is attached; its addresses, groups and check are the instance's. */
    private NetworkInterface primaryInterface;

    /** What a Spot instance was bought on: its request and the price it is willing to pay. */
    public record SpotTerms(String requestId, double maxPrice) {
    }

    public Instance(String ownerId, String region, String reservationId, Image image, InstanceTypeInfo type,
                    AvailabilityZone zone, Subnet subnet, String keyName, List<String> securityGroupIds, Tenancy tenancy,
                    String requestedHostId, int launchIndex, String clientToken, Instant now) {
        this(new InstanceIds(Ids.ec2("i"), Ids.ec2("eni"), Ids.ec2("eni-attach"), NetworkInterface.newMacAddress(),
                Ids.ec2("vol")), ownerId,
                region, reservationId, image, type, zone, subnet, keyName, securityGroupIds, tenancy, requestedHostId,
                launchIndex, clientToken, now);
    }

    /** The ids of an instance and of the network interface and root volume it came with. */
    record InstanceIds(String instanceId, String networkInterfaceId, String attachmentId, String macAddress,
               String rootVolumeId) {
    }

    /** An instance with the ids it was given (one kept across a restart). */
    Instance(InstanceIds ids, String ownerId, String region, String reservationId, Image image, InstanceTypeInfo type,
             AvailabilityZone zone, Subnet subnet, String keyName, List<String> securityGroupIds, Tenancy tenancy,
             String requestedHostId, int launchIndex, String clientToken, Instant now) {
        this.id = ids.instanceId();
        this.networkInterfaceId = ids.networkInterfaceId();
        this.attachmentId = ids.attachmentId();
        this.macAddress = ids.macAddress();
        this.rootVolumeId = ids.rootVolumeId();
        this.ownerId = ownerId;
        this.region = region;
        this.reservationId = reservationId;
        this.image = image;
        this.type = type;
        this.zone = zone;
        this.subnet = subnet;
        this.keyName = keyName;
        this.securityGroupIds = new ArrayList<>(securityGroupIds);
        this.tenancy = tenancy;
        this.requestedHostId = requestedHostId;
        this.launchIndex = launchIndex;
        this.clientToken = clientToken;
        this.firstLaunch = now;
        this.launchTime = now;
        this.stateSince = now;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "instance";
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

    public String reservationId() {
        return reservationId;
    }

    public Image image() {
        return image;
    }

    public InstanceTypeInfo type() {
        return type;
    }

    void type(InstanceTypeInfo type) {
        this.type = type;
    }

    public AvailabilityZone zone() {
        return zone;
    }

    public Subnet subnet() {
        return subnet;
    }

    public String keyName() {
        return keyName;
    }

    public List<String> securityGroupIds() {
        return primaryInterface != null ? primaryInterface.securityGroupIds() : securityGroupIds;
    }

    public Tenancy tenancy() {
        return tenancy;
    }

    /** The Dedicated Host the launch named (host affinity), or {@code null}. */
    public String requestedHostId() {
        return requestedHostId;
    }

    public int launchIndex() {
        return launchIndex;
    }

    public String clientToken() {
        return clientToken;
    }

    public Instant firstLaunch() {
        return firstLaunch;
    }

    /** When it was last launched or started. */
    public Instant launchTime() {
        return launchTime;
    }

    public String networkInterfaceId() {
        return primaryInterface != null ? primaryInterface.id() : networkInterfaceId;
    }

    public String attachmentId() {
        return primaryInterface != null ? primaryInterface.attachment().attachmentId() : attachmentId;
    }

    public String macAddress() {
        return primaryInterface != null ? primaryInterface.macAddress() : macAddress;
    }

    /** The interface at device index 0, or {@code null} once terminated. */
    public NetworkInterface primaryInterface() {
        return primaryInterface;
    }

    void primaryInterface(NetworkInterface eni) {
        this.primaryInterface = eni;
    }

    public String rootVolumeId() {
        return rootVolumeId;
    }

    public InstanceState state() {
        return state;
    }

    public Instant stateSince() {
        return stateSince;
    }

    Instant transitionEnds() {
        return transitionEnds;
    }

    void transition(InstanceState state, Instant since, Instant ends) {
        this.state = state;
        this.stateSince = since;
        this.transitionEnds = ends;
    }

    void launchTime(Instant when) {
        this.launchTime = when;
    }

    public String stateTransitionReason() {
        return stateTransitionReason;
    }

    public StateReason stateReason() {
        return stateReason;
    }

    void reason(String transitionReason, StateReason stateReason) {
        this.stateTransitionReason = transitionReason;
        this.stateReason = stateReason;
    }

    public String privateIp() {
        return primaryInterface != null ? primaryInterface.privateIp() : privateIp;
    }

    void privateIp(String ip) {
        this.privateIp = ip;
    }

    /** The public address it has now: its Elastic IP, or the one it got at start; {@code null} when stopped. */
    public String publicIp() {
        return primaryInterface != null ? primaryInterface.publicIp() : publicIp;
    }

    /** Sets the address Amazon gives it (not an Elastic IP), or takes it away. */
    void publicIp(String ip) {
        if (primaryInterface != null) {
            primaryInterface.automaticPublicIp(ip);
        } else {
            this.publicIp = ip;
        }
    }

    public String elasticIpAllocationId() {
        if (primaryInterface != null) {
            NetworkInterface.Association a = primaryInterface.association(primaryInterface.privateIp());
            return a == null ? null : a.allocationId();
        }
        return elasticIpAllocationId;
    }

    /** Whether it gets a public address when it starts: as its launch said, else as its subnet says. */
    boolean getsPublicIp() {
        return primaryInterface != null ? primaryInterface.getsPublicIp() : subnet.mapPublicIpOnLaunch();
    }

    void elasticIpAllocationId(String id) {
        this.elasticIpAllocationId = id;
    }

    /** The host it runs on now, or {@code null} when stopped or terminated. */
    public String hostId() {
        return hostId;
    }

    void hostId(String hostId) {
        this.hostId = hostId;
    }

    public byte[] userData() {
        return userData;
    }

    public void userData(byte[] data) {
        this.userData = data;
    }

    public boolean disableApiTermination() {
        return disableApiTermination;
    }

    public void disableApiTermination(boolean value) {
        this.disableApiTermination = value;
    }

    public boolean disableApiStop() {
        return disableApiStop;
    }

    public void disableApiStop(boolean value) {
        this.disableApiStop = value;
    }

    public String shutdownBehavior() {
        return shutdownBehavior;
    }

    public void shutdownBehavior(String value) {
        this.shutdownBehavior = value;
    }

    public boolean sourceDestCheck() {
        return primaryInterface != null ? primaryInterface.sourceDestCheck() : sourceDestCheck;
    }

    public void sourceDestCheck(boolean value) {
        if (primaryInterface != null) {
            primaryInterface.sourceDestCheck(value);
        } else {
            this.sourceDestCheck = value;
        }
    }

    public boolean ebsOptimized() {
        return ebsOptimized;
    }

    public void ebsOptimized(boolean value) {
        this.ebsOptimized = value;
    }

    public boolean monitoring() {
        return monitoring;
    }

    public void monitoring(boolean value) {
        this.monitoring = value;
    }

    public SpotTerms spot() {
        return spot;
    }

    public boolean isSpot() {
        return spot != null;
    }

    void spot(SpotTerms terms) {
        this.spot = terms;
    }

    public Instant terminatedAt() {
        return terminatedAt;
    }

    void terminatedAt(Instant when) {
        this.terminatedAt = when;
    }

    public List<BillingPeriod> billing() {
        return List.copyOf(billing);
    }

    BillingPeriod openPeriod() {
        return billing.isEmpty() || !billing.get(billing.size() - 1).isOpen() ? null : billing.get(billing.size() - 1);
    }

    void openPeriod(BillingPeriod period) {
        closePeriod(period.start());
        billing.add(period);
    }

    /** Sets the billing periods an instance had (a restart). */
    void billing(List<BillingPeriod> periods) {
        billing.clear();
        billing.addAll(periods);
    }

    void closePeriod(Instant when) {
        BillingPeriod open = openPeriod();
        if (open != null) {
            billing.set(billing.size() - 1, open.closedAt(when));
        }
    }

    public String privateDnsName() {
        return NetworkInterface.privateDnsName(region, privateIp());
    }

    public String publicDnsName() {
        return NetworkInterface.publicDnsName(region, publicIp());
    }

    // ---- the instance's metadata service and instance profile

    private InstanceMetadataOptions metadataOptions;
    private InstanceProfile instanceProfile;

    /** Its metadata options: those set at launch or since, else its image's defaults. */
    public InstanceMetadataOptions metadataOptions() {
        return metadataOptions != null ? metadataOptions : InstanceMetadataOptions.defaultsFor(image);
    }

    /** The options set at launch or since, or {@code null} for the image's defaults. */
    public InstanceMetadataOptions metadataOptionsSet() {
        return metadataOptions;
    }

    public void metadataOptions(InstanceMetadataOptions options) {
        this.metadataOptions = options;
    }

    /** The IAM instance profile it runs with, or {@code null}. */
    public InstanceProfile instanceProfile() {
        return instanceProfile;
    }

    public void instanceProfile(InstanceProfile profile) {
        this.instanceProfile = profile;
    }

    // ---- what its user data script printed, shown after the boot log in its console output

    /** The console output AWS keeps: its last 64 KB. */
    private static final int CONSOLE_LIMIT = 64 * 1024;
    private final StringBuilder workloadOutput = new StringBuilder();

    /** Appends output of the instance's user data script (from the thread that reads it). */
    public void appendConsoleOutput(String text) {
        synchronized (workloadOutput) {
            workloadOutput.append(text);
            if (workloadOutput.length() > CONSOLE_LIMIT) {
                workloadOutput.delete(0, workloadOutput.length() - CONSOLE_LIMIT);
            }
        }
    }

    public String workloadOutput() {
        synchronized (workloadOutput) {
            return workloadOutput.toString();
        }
    }
}
