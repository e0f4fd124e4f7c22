package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Tenancy;

import java.util.List;
import java.util.Map;

/**
 * What a launch asks for: RunInstances' input, or a Spot request's launch specification.
 *
 * @param zoneName      {@code Placement.AvailabilityZone}, or {@code null}
 * @param tenancy       {@code Placement.Tenancy}, or {@code null} for the VPC's
 * @param hostId        {@code Placement.HostId}, or {@code null}
 * @param tags          tags per resource type from {@code TagSpecifications}
 * @param spot          Spot market options, or {@code null} for on-demand
 * @param networkInterfaces {@code NetworkInterface.N}: the interfaces to create or attach, by device index
 * @param blockDevices  {@code BlockDeviceMapping.N}: volumes added to or changed from the image's
 */
public record LaunchSpec(String imageId, String instanceType, int minCount, int maxCount, String keyName,
                         List<String> securityGroupIds, List<String> securityGroupNames, String subnetId,
                         String zoneName, Tenancy tenancy, String hostId, String privateIpAddress, byte[] userData,
                         Map<String, Map<String, String>> tags, SpotOptions spot, String clientToken,
                         boolean disableApiTermination, boolean disableApiStop, String shutdownBehavior,
                         boolean ebsOptimized, boolean monitoring, List<NetworkInterfaceSpec> networkInterfaces,
                         List<BlockDeviceSpec> blockDevices) {

    public LaunchSpec {
        securityGroupIds = List.copyOf(securityGroupIds);
        securityGroupNames = List.copyOf(securityGroupNames);
        tags = Map.copyOf(tags);
        networkInterfaces = networkInterfaces == null ? List.of() : List.copyOf(networkInterfaces);
        blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
    }

    /** A launch without {@code NetworkInterface.N}, with the image's block devices only. */
    public LaunchSpec(String imageId, String instanceType, int minCount, int maxCount, String keyName,
                      List<String> securityGroupIds, List<String> securityGroupNames, String subnetId,
                      String zoneName, Tenancy tenancy, String hostId, String privateIpAddress, byte[] userData,
                      Map<String, Map<String, String>> tags, SpotOptions spot, String clientToken,
                      boolean disableApiTermination, boolean disableApiStop, String shutdownBehavior,
                      boolean ebsOptimized, boolean monitoring) {
        this(imageId, instanceType, minCount, maxCount, keyName, securityGroupIds, securityGroupNames, subnetId,
                zoneName, tenancy, hostId, privateIpAddress, userData, tags, spot, clientToken, disableApiTermination,
                disableApiStop, shutdownBehavior, ebsOptimized, monitoring, List.of(), List.of());
    }

    public LaunchSpec withBlockDevices(List<BlockDeviceSpec> devices) {
        return new LaunchSpec(imageId, instanceType, minCount, maxCount, keyName, securityGroupIds, securityGroupNames,
                subnetId, zoneName, tenancy, hostId, privateIpAddress, userData, tags, spot, clientToken,
                disableApiTermination, disableApiStop, shutdownBehavior, ebsOptimized, monitoring, networkInterfaces,
                devices);
    }

    /**
     * Spot market options.
     *
     * @param maxPrice       the most the buyer pays per hour, or {@code null} for the on-demand price
     * @param persistent     whether the request reopens after its instance is interrupted
     * @param requestId      the Spot request the launch fulfils, when it comes from RequestSpotInstances
     */
    public record SpotOptions(Double maxPrice, boolean persistent, String requestId) {
    }

    public LaunchSpec withCount(int count) {
        return new LaunchSpec(imageId, instanceType, count, count, keyName, securityGroupIds, securityGroupNames,
                subnetId, zoneName, tenancy, hostId, privateIpAddress, userData, tags, spot, clientToken,
                disableApiTermination, disableApiStop, shutdownBehavior, ebsOptimized, monitoring, networkInterfaces,
                blockDevices);
    }

    public LaunchSpec withSpot(SpotOptions options) {
        return new LaunchSpec(imageId, instanceType, minCount, maxCount, keyName, securityGroupIds, securityGroupNames,
                subnetId, zoneName, tenancy, hostId, privateIpAddress, userData, tags, options, clientToken,
                disableApiTermination, disableApiStop, shutdownBehavior, ebsOptimized, monitoring, networkInterfaces,
                blockDevices);
    }

    /** What ClientToken idempotency compares: a retried call must ask for the same thing. */
    public String fingerprint() {
        String interfaces = networkInterfaces.isEmpty() ? "" : "|" + networkInterfaces;
        return String.join("|", String.valueOf(imageId), String.valueOf(instanceType), String.valueOf(minCount),
                String.valueOf(maxCount), String.valueOf(keyName), String.valueOf(subnetId), String.valueOf(zoneName),
                String.valueOf(tenancy), String.valueOf(hostId), String.valueOf(securityGroupIds),
                String.valueOf(spot != null)) + interfaces + (blockDevices.isEmpty() ? "" : "|" + blockDevices);
    }
}
