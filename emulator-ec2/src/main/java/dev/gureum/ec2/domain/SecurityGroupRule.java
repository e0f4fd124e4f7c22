package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.Objects;

/**
 * One rule of a security group: a protocol and port range, and one source (ingress) or destination
 * (egress): an IPv4 or IPv6 range, another group, or a prefix list.
 *
 * @param protocol        {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, a protocol number, or {@code -1} for all
 * @param fromPort        first port (ICMP type), {@code null} for all protocols
 * @param toPort          last port (ICMP code)
 */
public record SecurityGroupRule(String ruleId, boolean egress, String protocol, Integer fromPort, Integer toPort,
                                String cidrIpv4, String cidrIpv6, String referencedGroupId, String referencedUserId,
                                String prefixListId, String description) {

    public static SecurityGroupRule create(boolean egress, String protocol, Integer fromPort, Integer toPort,
                                           String cidrIpv4, String cidrIpv6, String groupId, String userId,
                                           String prefixListId, String description) {
        return new SecurityGroupRule(Ids.ec2("sgr"), egress, protocol, fromPort, toPort, cidrIpv4, cidrIpv6, groupId,
                userId, prefixListId, description);
    }

    /** Whether two rules allow the same traffic (descriptions aside): AWS refuses the second one. */
    public boolean sameAs(SecurityGroupRule o) {
        return egress == o.egress && protocol.equals(o.protocol) && Objects.equals(fromPort, o.fromPort)
                && Objects.equals(toPort, o.toPort) && Objects.equals(cidrIpv4, o.cidrIpv4)
                && Objects.equals(cidrIpv6, o.cidrIpv6) && Objects.equals(referencedGroupId, o.referencedGroupId)
                && Objects.equals(prefixListId, o.prefixListId);
    }

    /** The key rules are grouped by in {@code ipPermissions}: protocol and port range. */
    public String permissionKey() {
        return protocol + "|" + fromPort + "|" + toPort;
    }
}
