package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.SecurityGroupRule;
import dev.gureum.ec2.domain.SecurityGroups;
import dev.gureum.ec2.domain.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Security groups and their rules. */
final class SecurityGroupOperations {

    private static final Filters<SecurityGroup> GROUP_FILTERS = new Filters<SecurityGroup>()
            .add("group-id", SecurityGroup::id)
            .add("group-name", SecurityGroup::name)
            .add("description", SecurityGroup::description)
            .add("vpc-id", SecurityGroup::vpcId)
            .add("owner-id", SecurityGroup::ownerId)
            .add("ip-permission.cidr", g -> ruleValues(g, false, SecurityGroupRule::cidrIpv4))
            .add("ip-permission.ipv6-cidr", g -> ruleValues(g, false, SecurityGroupRule::cidrIpv6))
            .add("ip-permission.from-port", g -> ruleValues(g, false, SecurityGroupRule::fromPort))
            .add("ip-permission.to-port", g -> ruleValues(g, false, SecurityGroupRule::toPort))
            .add("ip-permission.protocol", g -> ruleValues(g, false, SecurityGroupRule::protocol))
            .add("ip-permission.group-id", g -> ruleValues(g, false, SecurityGroupRule::referencedGroupId))
            .add("ip-permission.user-id", g -> ruleValues(g, false, SecurityGroupRule::referencedUserId))
            .add("egress.ip-permission.cidr", g -> ruleValues(g, true, SecurityGroupRule::cidrIpv4))
            .add("egress.ip-permission.from-port", g -> ruleValues(g, true, SecurityGroupRule::fromPort))
            .add("egress.ip-permission.to-port", g -> ruleValues(g, true, SecurityGroupRule::toPort))
            .add("egress.ip-permission.protocol", g -> ruleValues(g, true, SecurityGroupRule::protocol))
            .add("egress.ip-permission.group-id", g -> ruleValues(g, true, SecurityGroupRule::referencedGroupId))
            .tags(SecurityGroup::tags);

    private record RuleOf(SecurityGroup group, SecurityGroupRule rule) {
    }

    private static final Filters<RuleOf> RULE_FILTERS = new Filters<RuleOf>()
            .add("group-id", r -> r.group().id())
            .add("security-group-rule-id", r -> r.rule().ruleId())
            .add("is-egress", r -> r.rule().egress());

    private final Ec2World world;

    SecurityGroupOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateSecurityGroup", this::createSecurityGroup);
        op.accept("DeleteSecurityGroup", this::deleteSecurityGroup);
        op.accept("DescribeSecurityGroups", this::describeSecurityGroups);
        op.accept("DescribeSecurityGroupRules", this::describeSecurityGroupRules);
        op.accept("AuthorizeSecurityGroupIngress", r -> authorize(r, false));
        op.accept("AuthorizeSecurityGroupEgress", r -> authorize(r, true));
        op.accept("RevokeSecurityGroupIngress", r -> revoke(r, false));
        op.accept("RevokeSecurityGroupEgress", r -> revoke(r, true));
    }

    private static List<Object> ruleValues(SecurityGroup g, boolean egress,
                                           java.util.function.Function<SecurityGroupRule, Object> value) {
        List<Object> out = new ArrayList<>();
        for (SecurityGroupRule r : g.rules(egress)) {
            out.add(value.apply(r));
        }
        return out;
    }

    private Struct createSecurityGroup(ActionRequest r) {
        Params p = r.params();
        String name = Requests.require(p, "GroupName");
        String description = Requests.require(p, "GroupDescription");
        String vpcId = p.string("VpcId");
        if (name.length() > 255 || description.length() > 255) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Group names and descriptions are at most 255 characters.");
        }
        if (name.startsWith("sg-")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Group names may not be in the format sg-*.");
        }
        if (name.equals("default")) {
            throw new AwsException(Ec2Error.INVALID_GROUP_RESERVED, "The security group 'default' is reserved");
        }
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Vpc vpc = vpcId != null ? VpcOperations.vpcOf(scope, vpcId) : scope.defaultVpc();
            if (vpc == null) {
                throw new AwsException(Ec2Error.VPC_ID_NOT_SPECIFIED, "No default VPC for this user");
            }
            boolean taken = scope.securityGroups().values().stream()
                    .anyMatch(g -> g.name().equals(name) && g.vpcId().equals(vpc.id()));
            if (taken) {
                throw new AwsException(Ec2Error.INVALID_GROUP_DUPLICATE,
                        "The security group '" + name + "' already exists for VPC '" + vpc.id() + "'");
            }
            SecurityGroup group = new SecurityGroup(name, description, vpc.id(), scope.accountId(), scope.region().name());
            SecurityGroups.addEgressToAnywhere(group);
            group.tags().putAll(tags.getOrDefault("security-group", Map.of()));
            scope.securityGroups().put(group.id(), group);
            return Struct.of().put("groupId", group.id()).list("tagSet", Render.tagSet(group.tags()))
                    .put("securityGroupArn", group.arn());
        });
    }

    private Struct deleteSecurityGroup(ActionRequest r) {
        Params p = r.params();
        String id = p.string("GroupId");
        String name = p.string("GroupName");
        if (id == null && name == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter GroupName or GroupId");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            SecurityGroup group = id != null ? groupOf(scope, id) : groupNamed(scope, name);
            if (group.isDefault()) {
                throw new AwsException(Ec2Error.CANNOT_DELETE, "the specified group: \"" + group.id()
                        + "\" name: \"default\" cannot be deleted by a user");
            }
            boolean used = VpcOperations.hasLiveInstances(scope, i -> i.securityGroupIds().contains(group.id()))
                    || scope.networkInterfaces().values().stream().anyMatch(e -> e.securityGroupIds().contains(group.id()));
            boolean referenced = scope.securityGroups().values().stream().filter(g -> g != group)
                    .anyMatch(g -> g.rules().stream().anyMatch(rule -> group.id().equals(rule.referencedGroupId())));
            if (used || referenced) {
                throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION, "resource " + group.id() + " has a dependent object");
            }
            scope.securityGroups().remove(group.id());
            return Struct.of().put("return", true).put("groupId", group.id());
        });
    }

    static SecurityGroup groupOf(Ec2Scope scope, String id) {
        SecurityGroup g = scope.securityGroups().get(id);
        if (g == null) {
            throw new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND, "The security group '" + id + "' does not exist");
        }
        return g;
    }

    /** A group by name: names are looked up in the default VPC, as EC2-Classic-era calls expect. */
    static SecurityGroup groupNamed(Ec2Scope scope, String name) {
        Vpc vpc = scope.defaultVpc();
        return scope.securityGroups().values().stream()
                .filter(g -> g.name().equals(name) && vpc != null && g.vpcId().equals(vpc.id()))
                .findFirst()
                .orElseThrow(() -> new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND,
                        "The security group '" + name + "' does not exist in default VPC '"
                                + (vpc == null ? "none" : vpc.id()) + "'"));
    }

    private Struct describeSecurityGroups(ActionRequest r) {
        Params p = r.params();
        List<String> ids = p.stringList("GroupId");
        List<String> names = p.stringList("GroupName");
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<SecurityGroup> groups = new ArrayList<>();
            ids.forEach(id -> groups.add(groupOf(scope, id)));
            names.forEach(n -> groups.add(groupNamed(scope, n)));
            if (ids.isEmpty() && names.isEmpty()) {
                groups.addAll(scope.securityGroups().values());
            }
            PageTokens.Page<SecurityGroup> page = Requests.page(GROUP_FILTERS.apply(groups, f), p, 5, 1000, 0);
            return Struct.of().list("securityGroupInfo", page.items(), SecurityGroupOperations::group)
                    .put("nextToken", page.nextToken());
        });
    }

    private static Struct group(SecurityGroup g) {
        return Struct.of()
                .put("ownerId", g.ownerId())
                .put("groupId", g.id())
                .put("groupName", g.name())
                .put("groupDescription", g.description())
                .put("vpcId", g.vpcId())
                .put("securityGroupArn", g.arn())
                .list("ipPermissions", permissions(g.rules(false)))
                .list("ipPermissionsEgress", permissions(g.rules(true)))
                .list("tagSet", Render.tagSet(g.tags()));
    }

    /** Rules grouped back into {@code IpPermission}s by protocol and port range, as AWS shows them. */
    private static List<Struct> permissions(List<SecurityGroupRule> rules) {
        Map<String, List<SecurityGroupRule>> byKey = new LinkedHashMap<>();
        for (SecurityGroupRule rule : rules) {
            byKey.computeIfAbsent(rule.permissionKey(), k -> new ArrayList<>()).add(rule);
        }
        List<Struct> out = new ArrayList<>();
        for (List<SecurityGroupRule> same : byKey.values()) {
            SecurityGroupRule first = same.get(0);
            List<Struct> groups = new ArrayList<>();
            List<Struct> v4 = new ArrayList<>();
            List<Struct> v6 = new ArrayList<>();
            List<Struct> prefixLists = new ArrayList<>();
            for (SecurityGroupRule rule : same) {
                if (rule.referencedGroupId() != null) {
                    groups.add(Struct.of().put("description", rule.description()).put("userId", rule.referencedUserId())
                            .put("groupId", rule.referencedGroupId()));
                } else if (rule.cidrIpv4() != null) {
                    v4.add(Struct.of().put("description", rule.description()).put("cidrIp", rule.cidrIpv4()));
                } else if (rule.cidrIpv6() != null) {
                    v6.add(Struct.of().put("description", rule.description()).put("cidrIpv6", rule.cidrIpv6()));
                } else if (rule.prefixListId() != null) {
                    prefixLists.add(Struct.of().put("description", rule.description())
                            .put("prefixListId", rule.prefixListId()));
                }
            }
            out.add(Struct.of()
                    .put("ipProtocol", first.protocol())
                    .put("fromPort", first.fromPort())
                    .put("toPort", first.toPort())
                    .list("groups", groups)
                    .list("ipRanges", v4)
                    .list("ipv6Ranges", v6)
                    .list("prefixListIds", prefixLists));
        }
        return out;
    }

    private static Struct rule(SecurityGroup g, SecurityGroupRule rule) {
        return Struct.of()
                .put("securityGroupRuleId", rule.ruleId())
                .put("groupId", g.id())
                .put("groupOwnerId", g.ownerId())
                .put("isEgress", rule.egress())
                .put("ipProtocol", rule.protocol())
                .put("fromPort", rule.fromPort() == null ? -1 : rule.fromPort())
                .put("toPort", rule.toPort() == null ? -1 : rule.toPort())
                .put("cidrIpv4", rule.cidrIpv4())
                .put("cidrIpv6", rule.cidrIpv6())
                .put("prefixListId", rule.prefixListId())
                .put("referencedGroupInfo", rule.referencedGroupId() == null ? null
                        : Struct.of().put("groupId", rule.referencedGroupId()).put("userId", rule.referencedUserId()))
                .put("description", rule.description())
                .put("securityGroupRuleArn", ruleArn(g, rule.ruleId()));
    }

    /** A rule's ARN is in its group's partition, region and account. */
    private static String ruleArn(SecurityGroup g, String ruleId) {
        Arn group = Arn.parse(g.arn());
        return new Arn(group.partition(), group.service(), group.region(), g.ownerId(),
                "security-group-rule/" + ruleId).toString();
    }

    private Struct describeSecurityGroupRules(ActionRequest r) {
        Params p = r.params();
        List<String> ids = p.stringList("SecurityGroupRuleId");
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<RuleOf> rules = new ArrayList<>();
            for (SecurityGroup g : scope.securityGroups().values()) {
                for (SecurityGroupRule rule : g.rules()) {
                    if (ids.isEmpty() || ids.contains(rule.ruleId())) {
                        rules.add(new RuleOf(g, rule));
                    }
                }
            }
            PageTokens.Page<RuleOf> page = Requests.page(RULE_FILTERS.apply(rules, f), p, 5, 1000, 0);
            return Struct.of().list("securityGroupRuleSet", page.items(), x -> rule(x.group(), x.rule()))
                    .put("nextToken", page.nextToken());
        });
    }

    private Struct authorize(ActionRequest r, boolean egress) {
        Params p = r.params();
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            SecurityGroup group = target(scope, p, egress);
            List<SecurityGroupRule> rules = rules(scope, group, p, egress);
            if (rules.isEmpty()) {
                throw new AwsException(Ec2Error.MISSING_PARAMETER,
                        "The request must contain the parameter ipPermissions");
            }
            List<SecurityGroupRule> added = SecurityGroups.authorize(group, rules);
            List<Struct> out = new ArrayList<>();
            added.forEach(rule -> out.add(rule(group, rule)));
            return Struct.of().put("return", true).list("securityGroupRuleSet", out);
        });
    }

    private Struct revoke(ActionRequest r, boolean egress) {
        Params p = r.params();
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            SecurityGroup group = target(scope, p, egress);
            List<String> ruleIds = p.stringList("SecurityGroupRuleId");
            if (!ruleIds.isEmpty()) {
                SecurityGroups.revokeById(group, ruleIds, egress);
            } else {
                SecurityGroups.revoke(group, rules(scope, group, p, egress));
            }
            return Struct.of().put("return", true);
        });
    }

    private static SecurityGroup target(Ec2Scope scope, Params p, boolean egress) {
        String id = p.string("GroupId");
        if (id != null) {
            return groupOf(scope, id);
        }
        String name = p.string("GroupName");
        if (name == null || egress) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter groupId");
        }
        return groupNamed(scope, name);
    }

    /** The rules an Authorize or Revoke call names: its {@code IpPermissions}, or the older flat members. */
    private static List<SecurityGroupRule> rules(Ec2Scope scope, SecurityGroup group, Params p, boolean egress) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (Params perm : p.list("IpPermissions")) {
            String protocol = SecurityGroups.protocol(perm.string("IpProtocol"));
            Integer from = SecurityGroups.hasPorts(protocol) ? perm.integer("FromPort") : null;
            Integer to = SecurityGroups.hasPorts(protocol) ? perm.integer("ToPort") : null;
            checkPorts(protocol, from, to);
            for (Params range : perm.list("IpRanges")) {
                String cidr = checkCidr(range.string("CidrIp"), "cidrIp");
                rules.add(SecurityGroupRule.create(egress, protocol, from, to, cidr, null, null, null, null,
                        range.string("Description")));
            }
            for (Params range : perm.list("Ipv6Ranges")) {
                String cidr = range.string("CidrIpv6");
                if (cidr == null || !cidr.contains(":") || !cidr.contains("/")) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + cidr
                            + ") for parameter cidrIpv6 is invalid. This is not a valid IPv6 CIDR block.");
                }
                rules.add(SecurityGroupRule.create(egress, protocol, from, to, null, cidr, null, null, null,
                        range.string("Description")));
            }
            for (Params pair : perm.list("Groups")) {
                String groupId = pair.string("GroupId");
                SecurityGroup referenced = groupId != null ? groupOf(scope, groupId)
                        : groupNamed(scope, Requests.require(pair, "GroupName"));
                rules.add(SecurityGroupRule.create(egress, protocol, from, to, null, null, referenced.id(),
                        referenced.ownerId(), null, pair.string("Description")));
            }
            for (Params prefixList : perm.list("PrefixListIds")) {
                rules.add(SecurityGroupRule.create(egress, protocol, from, to, null, null, null, null,
                        Requests.require(prefixList, "PrefixListId"), prefixList.string("Description")));
            }
        }
        if (p.has("IpProtocol") || p.has("CidrIp") || p.has("SourceSecurityGroupName")) {
            String protocol = SecurityGroups.protocol(p.string("IpProtocol", "-1"));
            Integer from = SecurityGroups.hasPorts(protocol) ? p.integer("FromPort") : null;
            Integer to = SecurityGroups.hasPorts(protocol) ? p.integer("ToPort") : null;
            checkPorts(protocol, from, to);
            if (p.has("CidrIp")) {
                rules.add(SecurityGroupRule.create(egress, protocol, from, to, checkCidr(p.string("CidrIp"), "cidrIp"),
                        null, null, null, null, null));
            }
            if (p.has("SourceSecurityGroupName")) {
                SecurityGroup source = groupNamed(scope, p.string("SourceSecurityGroupName"));
                rules.add(SecurityGroupRule.create(egress, protocol, from, to, null, null, source.id(),
                        source.ownerId(), null, null));
            }
        }
        return rules;
    }

    private static void checkPorts(String protocol, Integer from, Integer to) {
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            return;
        }
        if (from == null || to == null) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
        }
        if (from < -1 || to > 65535 || from > to) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Invalid value '" + from + "-" + to + "' for portRange. Must be between 0 and 65535, from <= to.");
        }
    }

    private static String checkCidr(String text, String parameter) {
        if (text == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter " + parameter);
        }
        return VpcOperations.cidr(text, parameter).toString();
    }
}
