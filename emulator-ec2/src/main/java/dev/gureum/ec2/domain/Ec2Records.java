package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.DataCenter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What EC2 keeps across a restart, as records: each sets one whole object under its {@link Keyed#key()}
 * (a resource of an account in a region, a fleet of the data center, the Spot market), and
 * {@link Removed} removes one. Ids, instants and the places of instances on hosts are kept as they were,
 * so the world after a restart is the one before, and time that passed meanwhile is judged afresh.
 */
public final class Ec2Records {

    private Ec2Records() {
    }

    /** A record that sets the object under its key. */
    public interface Keyed {
        String key();
    }

    static String key(String kind, String account, String region, String id) {
        return kind + "|" + account + "|" + region + "|" + id;
    }

    /**
     * An account's EC2 in a region: the ids it was given, ClientTokens it remembers, images it
     * deregistered, and tags on catalog images.
     *
     * @param launchTokens RunInstances ClientTokens: the reservation made and the fingerprint of what was asked
     */
    public record ScopeRecord(String account, String region, String dhcpOptionsId, String defaultVpcId,
                              List<String> deregisteredImages, Map<String, List<String>> launchTokens,
                              Map<String, List<String>> hostTokens, Map<String, Map<String, String>> catalogImageTags)
            implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("scope", account, region, "");
        }
    }

    public record VpcRecord(String account, String region, String id, String cidr, boolean isDefault,
                            String instanceTenancy, String cidrAssociationId, String dhcpOptionsId,
                            boolean enableDnsSupport, boolean enableDnsHostnames, Map<String, String> tags)
            implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("vpc", account, region, id);
        }
    }

    /** @param usedAddresses the private addresses in use, as numbers */
    public record SubnetRecord(String account, String region, String id, String vpcId, String cidr, String zone,
                               boolean defaultForAz, boolean mapPublicIpOnLaunch, List<Long> usedAddresses,
                               Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("subnet", account, region, id);
        }
    }

    public record SecurityGroupRecord(String account, String region, String id, String name, String description,
                                      String vpcId, List<SecurityGroupRule> rules, Map<String, String> tags)
            implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("security-group", account, region, id);
        }
    }

    /** A key pair: its public half and fingerprint only; AWS keeps no private key after creating it. */
    public record KeyPairRecord(String account, String region, String id, String name, String type, String publicKey,
                                String fingerprint, Instant createTime, Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("key-pair", account, region, name);
        }
    }

    public record AddressRecord(String account, String region, String allocationId, String publicIp,
                                String associationId, String instanceId, String privateIp, String networkInterfaceId,
                                Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("address", account, region, allocationId);
        }
    }

    /** Everything an image is; {@code availableAt} ends a pending image's snapshot. */
    public record ImageData(String id, String name, String description, String ownerId, String ownerAlias,
                            Image.Platform platform, String architecture, String rootDeviceName, int volumeSizeGiB,
                            String volumeType, String bootMode, Instant creationDate, boolean isPublic,
                            String sourceInstanceId, boolean known, String snapshotId, String state,
                            Instant availableAt, Map<String, String> tags) {
    }

    /** An image of the account's own. */
    public record ImageRecord(String account, String region, ImageData image) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("image", account, region, image.id());
        }
    }

    public record ReservationRecord(String account, String region, String id, String ownerId, String requesterId,
                                    List<String> instanceIds) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("reservation", account, region, id);
        }
    }

    /**
     * An instance, its state with the instants its transition ends, its host, its billing periods, and
     * what it was launched from (the image and subnet as they were, which may be gone since).
     *
     * @param retired a terminated instance no longer shown, kept for what it cost
     */
    public record InstanceRecord(String account, String region, String id, String reservationId, ImageData image,
                                 String instanceType, String zone, String subnetId, String subnetVpcId,
                                 String subnetCidr, boolean subnetDefaultForAz, String keyName,
                                 List<String> securityGroupIds, String tenancy, String requestedHostId, int launchIndex,
                                 String clientToken, Instant firstLaunch, String networkInterfaceId,
                                 String attachmentId, String macAddress, String rootVolumeId, String state,
                                 Instant stateSince, Instant transitionEnds, Instant launchTime,
                                 String stateTransitionReason, StateReason stateReason, String privateIp,
                                 String publicIp, String elasticIpAllocationId, String hostId, byte[] userData,
                                 boolean disableApiTermination, boolean disableApiStop, String shutdownBehavior,
                                 boolean sourceDestCheck, boolean ebsOptimized, boolean monitoring,
                                 Instance.SpotTerms spot, Instant terminatedAt, List<BillingPeriod> billing,
                                 Map<String, String> tags, boolean retired) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("instance", account, region, id);
        }
    }

    public record SpotRequestRecord(String account, String region, String id, LaunchSpec spec, double maxPrice,
                                    boolean persistent, Instant createTime, String state, String statusCode,
                                    String statusMessage, Instant statusUpdateTime, String instanceId,
                                    String launchedZone, Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("spot-request", account, region, id);
        }
    }

    public record ReservedInstanceRecord(String account, String region, String id, ReservedInstanceOffering offering,
                                         int instanceCount, Instant start, Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("reserved-instances", account, region, id);
        }
    }

    /** @param unbilledSeconds seconds of its allocation while Gureum was stopped */
    public record DedicatedHostRecord(String account, String region, String hostId, String zone, String family,
                                      String instanceType, String autoPlacement, String hostRecovery,
                                      String clientToken, Instant allocationTime, String state, Instant releaseTime,
                                      double unbilledSeconds, Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("dedicated-host", account, region, hostId);
        }
    }

    /** A zone's fleet of one family in the data center: its hosts, their allocations and guests. */
    public record FleetRecord(DataCenter.FleetState fleet) implements Keyed {
        @Override
        public String key() {
            return "fleet|" + fleet.zone().name() + "|" + fleet.family();
        }
    }

    /** The Spot market: when its history starts, and each fleet's use over time. */
    public record SpotMarketRecord(Instant epoch, Map<String, List<SpotMarket.UsePoint>> history) implements Keyed {
        @Override
        public String key() {
            return "spot-market";
        }
    }

    /** A Reserved Instance offering a client was shown, which it may buy later by its id. */
    public record OfferingRecord(ReservedInstanceOffering offering) implements Keyed {
        @Override
        public String key() {
            return "offering|" + offering.id();
        }
    }

    /**
     * The last instant EC2 made durable: where the downtime of a stop begins, which the meter does not
     * bill.
     */
    public record LastSeen(Instant at) implements Keyed {
        @Override
        public String key() {
            return "last-seen";
        }
    }

    /** Removes the object under a key. */
    public record Removed(String key) {
    }

    /**
     * What one operation changed, written as one record so that it is durable whole or not at all: the
     * records it set, the removals, and the instant.
     */
    public record Changes(List<Object> records) {
        public Changes {
            records = List.copyOf(records);
        }
    }

    /**
     * A network interface: its addresses with their public ones, groups, and attachment.
     *
     * @param associatePublicIp the launch's {@code AssociatePublicIpAddress}, or {@code null} for the subnet's
     * @param attachment        where it is attached, or {@code null}
     * @param associations      the public address of each private address that has one
     */
    public record NetworkInterfaceRecord(String account, String region, String id, String subnetId, String macAddress,
                                         String interfaceType, String description, List<String> privateIps,
                                         List<String> securityGroupIds, boolean sourceDestCheck,
                                         Boolean associatePublicIp, NetworkInterface.Attachment attachment,
                                         Map<String, NetworkInterface.Association> associations,
                                         Map<String, String> tags) implements Keyed {
        @Override
        public String key() {
            return Ec2Records.key("network-interface", account, region, id);
        }
    }
}
