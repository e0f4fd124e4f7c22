package dev.gureum.ec2.domain;

import java.util.List;

/**
 * The default network ACL every VPC has on AWS: it allows all traffic in and out, and every subnet of
 * the VPC is associated with it. Gureum filters no traffic, so it is only described; its id and its
 * associations' ids follow from the VPC's and the subnets' ids, so they stay the same across restarts.
 */
public record DefaultNetworkAcl(String id, String vpcId, String ownerId, List<Association> associations) {

    /** A subnet's association with the ACL. */
    public record Association(String id, String subnetId) {
    }

    /** A rule: the numbered {@code allow} rule 100 and the final {@code deny} rule 32767, each way. */
    public record Entry(int ruleNumber, boolean egress, String action) {
    }

    public static final List<Entry> ENTRIES = List.of(new Entry(100, true, "allow"), new Entry(32767, true, "deny"),
            new Entry(100, false, "allow"), new Entry(32767, false, "deny"));

    public static DefaultNetworkAcl of(Vpc vpc, List<Subnet> subnets) {
        return new DefaultNetworkAcl("acl-" + suffix(vpc.id()), vpc.id(), vpc.ownerId(), subnets.stream()
                .filter(s -> s.vpcId().equals(vpc.id()))
                .map(s -> new Association("aclassoc-" + suffix(s.id()), s.id())).toList());
    }

    private static String suffix(String id) {
        return id.substring(id.indexOf('-') + 1);
    }
}
