package dev.gureum.core.id;

import java.util.Objects;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account-id:resource}.
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        region = region == null ? "" : region;
        accountId = accountId == null ? "" : accountId;
        Objects.requireNonNull(resource, "resource");
    }

    public static Arn of(String service, String region, String accountId, String resource) {
        return new Arn(partitionOf(region), service, region, accountId, resource);
    }

    /** The partition a region is in: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
    public static String partitionOf(String region) {
        if (region != null && region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region != null && region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /**
     * Parses an ARN.
     *
     * @throws IllegalArgumentException when the text is not an ARN
     */
    public static Arn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("ARN is null");
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("Not an ARN: " + text);
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
