package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.Region;
import dev.gureum.core.id.Ids;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The EC2 resources of one account in one region. A new scope starts as an AWS account does: a default
 * VPC ({@code 172.31.0.0/16}) with a default subnet in every zone and a default security group.
 */
public final class Ec2Scope {

    /** What a ClientToken of RunInstances remembers: the reservation it made and what was asked. */
    record LaunchToken(String reservationId, String fingerprint) {
    }

    private final String accountId;
    private final Region region;
    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Map<String, Reservation> reservations = new LinkedHashMap<>();
    final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    final Map<String, Subnet> subnets = new LinkedHashMap<>();
    final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    final Map<String, KeyPairInfo> keyPairs = new LinkedHashMap<>();
    final Map<String, ElasticIp> addresses = new LinkedHashMap<>();
    final Map<String, Image> publicImages = new LinkedHashMap<>();
    final Map<String, Image> ownImages = new LinkedHashMap<>();
    final Set<String> deregisteredImages = new HashSet<>();
    final Map<String, SpotRequest> spotRequests = new LinkedHashMap<>();
    final Map<String, ReservedInstance> reservedInstances = new LinkedHashMap<>();
    final Map<String, DedicatedHost> hosts = new LinkedHashMap<>();
    final Map<String, LaunchToken> launchTokens = new LinkedHashMap<>();
    final Map<String, List<String>> hostTokens = new LinkedHashMap<>();
    /** Terminated instances no longer shown, kept for what they cost. */
    final List<Instance> retired = new ArrayList<>();
    /** Launch templates by id. */
    final Map<String, LaunchTemplate> launchTemplates = new LinkedHashMap<>();
    /** Gateways, route tables, DHCP options, endpoints and peering around the VPCs. */
    final VpcNetwork network = new VpcNetwork();
    final Map<String, NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    private final String dhcpOptionsId;
    private String defaultVpcId;
    final ElasticBlockStore ebs;

    Ec2Scope(String accountId, Region region) {
        this.accountId = accountId;
        this.region = region;
        this.dhcpOptionsId = Ids.ec2("dopt");
        this.ebs = new ElasticBlockStore(true);
        Vpc defaultVpc = new Vpc(accountId, Cidr.parse("172.31.0.0/16"), true, "default", dhcpOptionsId);
        defaultVpcId = defaultVpc.id();
        vpcs.put(defaultVpc.id(), defaultVpc);
        addDefaultGroup(defaultVpc);
        int i = 0;
        for (AvailabilityZone zone : region.zones()) {
            Subnet s = new Subnet(defaultVpc.id(), accountId, Cidr.parse("172.31." + (16 * i++) + ".0/20"), zone, true);
            subnets.put(s.id(), s);
        }
        for (Image image : PublicImages.of(region.name())) {
            publicImages.put(image.id(), image);
        }
        network.createDefaults(this, defaultVpc);
    }

    /**
     * A scope as it was kept (a restart): its ids, the public catalog, and nothing else until its
     * resources are restored.
     */
    Ec2Scope(String accountId, Region region, String dhcpOptionsId, String defaultVpcId) {
        this.accountId = accountId;
        this.region = region;
        this.dhcpOptionsId = dhcpOptionsId;
        this.defaultVpcId = defaultVpcId;
        this.ebs = new ElasticBlockStore(false);
        for (Image image : PublicImages.of(region.name())) {
            publicImages.put(image.id(), image);
        }
    }

    /** The id of the default VPC the account was given, deleted since or not. */
    String defaultVpcId() {
        return defaultVpcId;
    }

    SecurityGroup addDefaultGroup(Vpc vpc) {
        SecurityGroup group = new SecurityGroup("default", "default VPC security group", vpc.id(), accountId,
                region.name());
        SecurityGroups.addDefaultRules(group);
        securityGroups.put(group.id(), group);
        return group;
    }

    public String accountId() {
        return accountId;
    }

    public Region region() {
        return region;
    }

    public String dhcpOptionsId() {
        return dhcpOptionsId;
    }

    public Vpc defaultVpc() {
        return defaultVpcId == null ? null : vpcs.get(defaultVpcId);
    }

    public Optional<Subnet> defaultSubnet(AvailabilityZone zone) {
        Vpc vpc = defaultVpc();
        if (vpc == null) {
            return Optional.empty();
        }
        return subnets.values().stream()
                .filter(s -> s.defaultForAz() && s.vpcId().equals(vpc.id()) && s.zone().equals(zone))
                .findFirst();
    }

    public SecurityGroup defaultGroup(String vpcId) {
        return securityGroups.values().stream()
                .filter(g -> g.isDefault() && g.vpcId().equals(vpcId))
                .findFirst().orElse(null);
    }

    public Map<String, Instance> instances() {
        return instances;
    }

    public Map<String, Reservation> reservations() {
        return reservations;
    }

    public Map<String, Vpc> vpcs() {
        return vpcs;
    }

    public Map<String, Subnet> subnets() {
        return subnets;
    }

    public Map<String, SecurityGroup> securityGroups() {
        return securityGroups;
    }

    public Map<String, KeyPairInfo> keyPairs() {
        return keyPairs;
    }

    public Map<String, ElasticIp> addresses() {
        return addresses;
    }

    public Map<String, SpotRequest> spotRequests() {
        return spotRequests;
    }

    public Map<String, ReservedInstance> reservedInstances() {
        return reservedInstances;
    }

    public Map<String, DedicatedHost> hosts() {
        return hosts;
    }

    public Map<String, List<String>> hostTokens() {
        return hostTokens;
    }

    /** Every instance this scope has billed for: those shown, and terminated ones forgotten since. */
    public List<Instance> billedInstances() {
        List<Instance> all = new ArrayList<>(retired);
        all.addAll(instances.values());
        return all;
    }

    /** Images this scope sees: the public catalog, then its own. */
    public List<Image> images() {
        List<Image> all = new ArrayList<>(publicImages.values());
        all.addAll(ownImages.values());
        return all;
    }

    public Map<String, Image> ownImages() {
        return ownImages;
    }

    public Optional<Image> image(String id) {
        Image own = ownImages.get(id);
        return Optional.ofNullable(own != null ? own : publicImages.get(id));
    }

    public boolean isDeregistered(String imageId) {
        return deregisteredImages.contains(imageId);
    }

    public void deregister(Image image) {
        ownImages.remove(image.id());
        deregisteredImages.add(image.id());
    }

    /** Every taggable resource of the scope. */
    public List<Tagged> taggedResources() {
        List<Tagged> all = new ArrayList<>();
        all.addAll(instances.values());
        all.addAll(vpcs.values());
        all.addAll(subnets.values());
        all.addAll(securityGroups.values());
        all.addAll(keyPairs.values());
        all.addAll(addresses.values());
        all.addAll(ownImages.values());
        all.addAll(publicImages.values().stream().filter(i -> !i.tags().isEmpty()).toList());
        all.addAll(spotRequests.values());
        all.addAll(reservedInstances.values());
        all.addAll(hosts.values());
        all.addAll(launchTemplates.values());
        all.addAll(network.tagged());
        all.addAll(networkInterfaces.values());
        all.addAll(ebs.volumes.values());
        all.addAll(ebs.snapshots.values());
        return all;
    }

    public Map<String, NetworkInterface> networkInterfaces() {
        return networkInterfaces;
    }

    /** The account's EBS volumes, snapshots and encryption defaults in this region. */
    public ElasticBlockStore ebs() {
        return ebs;
    }

    public Optional<Tagged> tagged(String id) {
        if (id.startsWith("ami-")) {
            return image(id).map(i -> i);
        }
        return taggedResources().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public VpcNetwork network() {
        return network;
    }
}
