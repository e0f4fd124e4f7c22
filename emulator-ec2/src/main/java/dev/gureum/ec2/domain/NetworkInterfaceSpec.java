package dev.gureum.ec2.domain;

import java.util.List;

/**
 * One {@code NetworkInterface.N} of a launch: a new interface to create in a subnet, or an existing one
 * to attach, at a device index.
 *
 * @param deviceIndex          the instance's device index ({@code 0} is its primary interface)
 * @param networkInterfaceId   an existing interface to attach, or {@code null} to create one
 * @param privateIpAddresses   addresses asked for, one of them may be marked primary
 * @param secondaryCount       how many secondary addresses to pick, or {@code null}
 * @param associatePublicIp    {@code AssociatePublicIpAddress}, or {@code null} for the subnet's setting
 * @param deleteOnTermination  {@code null} for AWS's default: true for the interfaces a launch creates
 */
public record NetworkInterfaceSpec(Integer deviceIndex, String networkInterfaceId, String subnetId,
                                   String privateIpAddress, List<PrivateIp> privateIpAddresses,
                                   Integer secondaryCount, List<String> groupIds, Boolean associatePublicIp,
                                   Boolean deleteOnTermination, String description) {

    public NetworkInterfaceSpec {
        privateIpAddresses = List.copyOf(privateIpAddresses);
        groupIds = List.copyOf(groupIds);
    }

    /** One {@code PrivateIpAddresses.N}: an address and whether it is the primary one. */
    public record PrivateIp(String address, boolean primary) {
    }

    /** The addresses asked for, the primary one first (none when EC2 is to pick them). */
    public List<String> requestedAddresses() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String primary = privateIpAddress;
        for (PrivateIp ip : privateIpAddresses) {
            if (ip.primary() && primary == null) {
                primary = ip.address();
            }
        }
        if (primary != null) {
            out.add(primary);
        }
        for (PrivateIp ip : privateIpAddresses) {
            if (!ip.address().equals(primary)) {
                out.add(ip.address());
            }
        }
        return out;
    }
}
