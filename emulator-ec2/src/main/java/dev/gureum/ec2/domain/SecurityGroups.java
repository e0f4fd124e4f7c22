package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rules of security groups: what a new group allows, adding rules without duplicates, removing them. */
public final class SecurityGroups {

    private SecurityGroups() {
    }

    /** A default group lets its members reach each other, and anything out. */
    public static void addDefaultRules(SecurityGroup group) {
        group.rules().add(SecurityGroupRule.create(false, "-1", null, null, null, null, group.id(), group.ownerId(),
                null, null));
        addEgressToAnywhere(group);
    }

    /** Every new group may send anything anywhere until told otherwise. */
    public static void addEgressToAnywhere(SecurityGroup group) {
        group.rules().add(SecurityGroupRule.create(true, "-1", null, null, "0.0.0.0/0", null, null, null, null, null));
    }

    /** Adds rules, refusing any that the group (or the request itself) already has. */
    public static List<SecurityGroupRule> authorize(SecurityGroup group, List<SecurityGroupRule> rules) {
        List<SecurityGroupRule> seen = new ArrayList<>(group.rules());
        for (SecurityGroupRule rule : rules) {
            for (SecurityGroupRule existing : seen) {
                if (existing.sameAs(rule)) {
                    throw new AwsException(Ec2Error.INVALID_PERMISSION_DUPLICATE,
                            "the specified rule \"" + describe(rule) + "\" already exists");
                }
            }
            seen.add(rule);
        }
        group.rules().addAll(rules);
        return rules;
    }

    /** Removes rules, each of which must be in the group. */
    public static List<SecurityGroupRule> revoke(SecurityGroup group, List<SecurityGroupRule> rules) {
        List<SecurityGroupRule> removed = new ArrayList<>();
        for (SecurityGroupRule rule : rules) {
            SecurityGroupRule match = group.rules().stream().filter(r -> r.sameAs(rule)).findFirst().orElse(null);
            if (match == null) {
                throw new AwsException(Ec2Error.INVALID_PERMISSION_NOT_FOUND,
                        "The specified rule does not exist in this security group.");
            }
            removed.add(match);
        }
        group.rules().removeAll(removed);
        return removed;
    }

    /** Revokes rules by their ids. */
    public static List<SecurityGroupRule> revokeById(SecurityGroup group, List<String> ruleIds, boolean egress) {
        List<SecurityGroupRule> removed = new ArrayList<>();
        for (String id : ruleIds) {
            SecurityGroupRule match = group.rules().stream()
                    .filter(r -> r.ruleId().equals(id) && r.egress() == egress).findFirst().orElse(null);
            if (match == null) {
                throw new AwsException(Ec2Error.INVALID_PERMISSION_NOT_FOUND,
                        "The security group rule ID '" + id + "' does not exist in this security group.");
            }
            removed.add(match);
        }
        group.rules().removeAll(removed);
        return removed;
    }

    /**
     * The protocol as AWS stores it: {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code -1} for
     * all, or another protocol's number.
     */
    public static String protocol(String text) {
        if (text == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter ipProtocol");
        }
        String p = text.toLowerCase(Locale.ROOT).strip();
        switch (p) {
            case "tcp", "6" -> {
                return "tcp";
            }
            case "udp", "17" -> {
                return "udp";
            }
            case "icmp", "1" -> {
                return "icmp";
            }
            case "icmpv6", "58" -> {
                return "icmpv6";
            }
            case "-1", "all" -> {
                return "-1";
            }
            default -> {
                try {
                    int number = Integer.parseInt(p);
                    if (number >= 0 && number <= 255) {
                        return String.valueOf(number);
                    }
                } catch (NumberFormatException e) {
                    // falls through to the error
                }
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Invalid value '" + text + "' for IP protocol. Unknown protocol.");
            }
        }
    }

    /** Whether the protocol has ports (or ICMP types and codes). */
    public static boolean hasPorts(String protocol) {
        return protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("icmp") || protocol.equals("icmpv6");
    }

    private static String describe(SecurityGroupRule r) {
        String peer = r.cidrIpv4() != null ? r.cidrIpv4() : r.cidrIpv6() != null ? r.cidrIpv6()
                : r.referencedGroupId() != null ? r.referencedGroupId() : r.prefixListId();
        String protocol = r.protocol().equals("-1") ? "ALL" : r.protocol().toUpperCase(Locale.ROOT);
        String ports = r.fromPort() == null ? "" : ", from port: " + r.fromPort() + ", to port: " + r.toPort();
        return "peer: " + peer + ", " + protocol + ports + ", ALLOW";
    }
}
