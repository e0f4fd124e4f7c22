package dev.gureum.ec2.domain;

import java.util.Map;

/**
 * One {@code BlockDeviceMapping.N} of a launch: a device and the EBS volume it gets, an instance store
 * volume ({@code VirtualName}), or {@code NoDevice} to leave out a device of the image.
 *
 * @param ebs the volume, or {@code null} when the mapping has no {@code Ebs}
 */
public record BlockDeviceSpec(String deviceName, String virtualName, boolean noDevice, Ebs ebs) {

    /** {@code Ebs.*}: every value may be absent ({@code null}), to take the image's or AWS's default. */
    public record Ebs(Integer volumeSize, String volumeType, Integer iops, Integer throughput,
                      Boolean deleteOnTermination, String snapshotId, Boolean encrypted, String kmsKeyId) {
    }

    /** Tags of the volumes a launch makes, from {@code TagSpecification} with resource type {@code volume}. */
    public static Map<String, String> volumeTags(Map<String, Map<String, String>> tags) {
        return tags.getOrDefault("volume", Map.of());
    }
}
