package dev.gureum.ec2.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an instance's metadata service holds under {@code /latest/}: {@code meta-data/}, {@code dynamic/} and
 * {@code user-data}, as a tree of directories (maps) and documents (strings or bytes), built from the
 * instance as it is now. Read under the world's lock.
 */
final class InstanceMetadataTree {

    private InstanceMetadataTree() {
    }

    /** The tree of {@code /latest/}; {@code credentials} is the role's credentials document, or {@code null}. */
    static Map<String, Object> of(Ec2Scope scope, Instance i, String role, String credentials,
                                  Instant credentialsUpdated) {
        Map<String, Object> latest = new LinkedHashMap<>();
        latest.put("dynamic", Map.of("instance-identity", Map.of("document", identityDocument(i))));
        latest.put("meta-data", metaData(scope, i, role, credentials, credentialsUpdated));
        if (i.userData() != null) {
            latest.put("user-data", i.userData());
        }
        return latest;
    }

    private static Map<String, Object> metaData(Ec2Scope scope, Instance i, String role, String credentials,
                                                Instant updated) {
        Map<String, Object> m = new TreeMap<>();
        m.put("ami-id", i.image().id());
        m.put("ami-launch-index", String.valueOf(i.launchIndex()));
        m.put("ami-manifest-path", "(unknown)");
        m.put("block-device-mapping", Map.of("ami", i.image().rootDeviceName(), "root", i.image().rootDeviceName()));
        m.put("events", Map.of("maintenance", Map.of("history", "[]", "scheduled", "[]")));
        m.put("hostname", i.privateDnsName());
        if (i.instanceProfile() != null) {
            InstanceProfile p = i.instanceProfile();
            Map<String, Object> iam = new TreeMap<>();
            iam.put("info", json(new String[][] {{"Code", "Success"}, {"LastUpdated", iso(updated == null ? i.launchTime() : updated)},
                    {"InstanceProfileArn", p.arn()}, {"InstanceProfileId", p.id()}}));
            // a profile without a role lists no credentials
            iam.put("security-credentials", role == null || credentials == null ? Map.of() : Map.of(role, credentials));
            m.put("iam", iam);
        }
        m.put("instance-action", "none");
        m.put("instance-id", i.id());
        m.put("instance-life-cycle", i.isSpot() ? "spot" : "on-demand");
        m.put("instance-type", i.type().name());
        m.put("local-hostname", i.privateDnsName());
        m.put("local-ipv4", i.privateIp());
        m.put("mac", i.macAddress());
        m.put("network", Map.of("interfaces", Map.of("macs", Map.of(i.macAddress(), networkInterface(scope, i)))));
        Map<String, Object> placement = new TreeMap<>();
        placement.put("availability-zone", i.zone().name());
        placement.put("availability-zone-id", i.zone().zoneId());
        placement.put("region", i.region());
        m.put("placement", placement);
        m.put("profile", "default-hvm");
        if (i.publicIp() != null) {
            m.put("public-hostname", i.publicDnsName());
            m.put("public-ipv4", i.publicIp());
        }
        KeyPairInfo key = i.keyName() == null ? null : scope.keyPairs.get(i.keyName());
        if (key != null) {
            m.put("public-keys", Map.of("0=" + key.name(), Map.of("openssh-key", key.publicKey())));
        }
        m.put("reservation-id", i.reservationId());
        m.put("security-groups", String.join("\n", groupNames(scope, i)));
        m.put("services", Map.of("domain", "amazonaws.com", "partition",
                dev.gureum.core.id.Arn.partitionOf(i.region())));
        if (i.metadataOptions().instanceMetadataTags().equals("enabled")) {
            m.put("tags", Map.of("instance", new TreeMap<String, Object>(i.tags())));
        }
        return m;
    }

    private static Map<String, Object> networkInterface(Ec2Scope scope, Instance i) {
        Map<String, Object> eni = new TreeMap<>();
        eni.put("device-number", "0");
        eni.put("interface-id", i.networkInterfaceId());
        eni.put("local-hostname", i.privateDnsName());
        eni.put("local-ipv4s", i.privateIp());
        eni.put("mac", i.macAddress());
        eni.put("owner-id", i.ownerId());
        if (i.publicIp() != null) {
            eni.put("public-hostname", i.publicDnsName());
            eni.put("public-ipv4s", i.publicIp());
        }
        eni.put("security-group-ids", String.join("\n", i.securityGroupIds()));
        eni.put("security-groups", String.join("\n", groupNames(scope, i)));
        eni.put("subnet-id", i.subnet().id());
        eni.put("subnet-ipv4-cidr-block", i.subnet().cidr().toString());
        eni.put("vpc-id", i.subnet().vpcId());
        Vpc vpc = scope.vpcs.get(i.subnet().vpcId());
        if (vpc != null) {
            eni.put("vpc-ipv4-cidr-block", vpc.cidr().toString());
            eni.put("vpc-ipv4-cidr-blocks", vpc.cidr().toString());
        }
        return eni;
    }

    private static java.util.List<String> groupNames(Ec2Scope scope, Instance i) {
        return i.securityGroupIds().stream().map(id -> {
            SecurityGroup g = scope.securityGroups.get(id);
            return g == null ? id : g.name();
        }).toList();
    }

    private static String identityDocument(Instance i) {
        StringBuilder b = new StringBuilder("{\n");
        field(b, "accountId", i.ownerId());
        field(b, "architecture", i.image().architecture());
        field(b, "availabilityZone", i.zone().name());
        b.append("  \"billingProducts\" : null,\n  \"devpayProductCodes\" : null,\n  \"marketplaceProductCodes\" : null,\n");
        field(b, "imageId", i.image().id());
        field(b, "instanceId", i.id());
        field(b, "instanceType", i.type().name());
        b.append("  \"kernelId\" : null,\n");
        field(b, "pendingTime", iso(i.launchTime()));
        field(b, "privateIp", i.privateIp());
        b.append("  \"ramdiskId\" : null,\n");
        field(b, "region", i.region());
        b.append("  \"version\" : \"2017-09-30\"\n}");
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  \"").append(name).append("\" : ").append(value == null ? "null" : quote(value)).append(",\n");
    }

    /** A JSON object of string members, as the metadata service prints them. */
    static String json(String[][] members) {
        StringBuilder b = new StringBuilder("{\n");
        for (int n = 0; n < members.length; n++) {
            b.append("  \"").append(members[n][0]).append("\" : ").append(quote(members[n][1]))
                    .append(n < members.length - 1 ? ",\n" : "\n");
        }
        return b.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String iso(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A directory's listing: its entries, directories with a trailing slash, one per line. */
    static byte[] listing(Map<?, ?> dir) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, ?> e : dir.entrySet()) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            String name = String.valueOf(e.getKey());
            // the public keys list their index and name, and only the index is a path
            b.append(name).append(e.getValue() instanceof Map<?, ?> && !name.contains("=") ? "/" : "");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
