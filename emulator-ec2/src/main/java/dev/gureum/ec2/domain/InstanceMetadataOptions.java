package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

/**
 * How an instance's metadata service answers ({@code MetadataOptions}): whether it answers at all, whether
 * it requires IMDSv2 session tokens, and the hop limit of its token answers.
 *
 * @param httpTokens              {@code optional} (IMDSv1 and v2) or {@code required} (v2 only)
 * @param httpPutResponseHopLimit 1 to 64
 * @param httpEndpoint            {@code enabled} or {@code disabled}
 * @param httpProtocolIpv6        {@code enabled} or {@code disabled}
 * @param instanceMetadataTags    {@code enabled} or {@code disabled}: tags under {@code meta-data/tags/instance}
 */
public record InstanceMetadataOptions(String httpTokens, int httpPutResponseHopLimit, String httpEndpoint,
                                      String httpProtocolIpv6, String instanceMetadataTags) {

    /** What an image launches with: Amazon Linux 2023 requires tokens and allows two hops, as on AWS. */
    public static InstanceMetadataOptions defaultsFor(Image image) {
        boolean al2023 = image.name() != null && image.name().startsWith("al2023");
        return new InstanceMetadataOptions(al2023 ? "required" : "optional", al2023 ? 2 : 1, "enabled", "disabled",
                "disabled");
    }

    /** These options with the ones given changed ({@code null} keeps one). */
    public InstanceMetadataOptions with(String tokens, Integer hopLimit, String endpoint, String ipv6, String tags) {
        check("HttpTokens", tokens, "optional", "required");
        check("HttpEndpoint", endpoint, "enabled", "disabled");
        check("HttpProtocolIpv6", ipv6, "enabled", "disabled");
        check("InstanceMetadataTags", tags, "enabled", "disabled");
        if (hopLimit != null && (hopLimit < 1 || hopLimit > 64)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The HttpPutResponseHopLimit value "
                    + hopLimit + " is not valid. Specify a value between 1 and 64.");
        }
        return new InstanceMetadataOptions(tokens != null ? tokens : httpTokens,
                hopLimit != null ? hopLimit : httpPutResponseHopLimit, endpoint != null ? endpoint : httpEndpoint,
                ipv6 != null ? ipv6 : httpProtocolIpv6, tags != null ? tags : instanceMetadataTags);
    }

    private static void check(String name, String value, String a, String b) {
        if (value != null && !value.equals(a) && !value.equals(b)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + value + ") for parameter " + name + " is invalid. Valid values are " + a + ", " + b + ".");
        }
    }
}
