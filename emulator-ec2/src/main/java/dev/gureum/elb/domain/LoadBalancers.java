package dev.gureum.elb.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creating, changing and deleting load balancers, and the tags of every resource. */
public final class LoadBalancers {

    /** What CreateLoadBalancer asks for; {@code subnets} are subnet ids from Subnets or SubnetMappings. */
    public record Spec(String name, String type, String scheme, String ipAddressType, List<String> subnets,
                       List<String> securityGroups, Map<String, String> tags) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
    /** The default quota of application (and of network) load balancers per region. */
    public static final int MAX_LOAD_BALANCERS = 50;

    private final ElbStore store;
    private final Clock clock;
    private final Network network;
    private final Duration provisioning;

    public LoadBalancers(ElbStore store, Clock clock, Network network, Duration provisioning) {
        this.store = store;
        this.clock = clock;
        this.network = network;
        this.provisioning = provisioning;
    }

    public LoadBalancer create(String account, String region, Spec spec, Changes changes) {
        synchronized (store) {
            String type = spec.type() == null ? "application" : spec.type();
            if (!Set.of("application", "network", "gateway").contains(type)) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + type
                        + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [application, gateway, network]");
            }
            if (type.equals("gateway")) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_CONFIGURATION,
                        "Gateway Load Balancers are not supported by Gureum");
            }
            String name = spec.name();
            if (name == null || !NAME.matcher(name).matches() || name.startsWith("internal-")) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Load balancer name '" + name + "' is not valid: "
                        + "it must have 1 to 32 alphanumeric characters or hyphens, must not begin or end with a hyphen, "
                        + "and must not begin with 'internal-'");
            }
            String scheme = spec.scheme() == null ? "internet-facing" : spec.scheme();
            if (!scheme.equals("internet-facing") && !scheme.equals("internal")) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + scheme
                        + "' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internal, internet-facing]");
            }
            String ipType = checkIpAddressType(spec.ipAddressType() == null ? "ipv4" : spec.ipAddressType());
            List<LoadBalancer> existing = store.loadBalancers(account, region);
            for (LoadBalancer lb : existing) {
                if (lb.name().equals(name)) {
                    throw new ElbRefusal(ElbRefusal.Reason.DUPLICATE_LOAD_BALANCER_NAME,
                            "A load balancer with the same name '" + name + "' exists, but with different settings");
                }
            }
            if (existing.stream().filter(lb -> lb.type().equals(type)).count() >= MAX_LOAD_BALANCERS) {
                throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_LOAD_BALANCERS,
                        "The maximum number of load balancers has been reached");
            }
            List<LoadBalancer.SubnetMapping> subnets = subnets(account, region, type, spec.subnets());
            String vpcId = network.subnet(account, region, subnets.get(0).subnetId()).orElseThrow().vpcId();
            List<String> groups = securityGroups(account, region, type, vpcId, spec.securityGroups());
            String id = Ids.hex(16);
            String arn = Arn.of("elasticloadbalancing", region, account,
                    "loadbalancer/" + (type.equals("application") ? "app" : "net") + "/" + name + "/" + id).toString();
            String dnsId = type.equals("application") ? String.valueOf(1_000_000_000L
                    + (long) (java.util.concurrent.ThreadLocalRandom.current().nextDouble() * 8_999_999_999L)) : Ids.hex(16);
            Instant now = clock.instant();
            LoadBalancer lb = new LoadBalancer(arn, account, region, name, type, scheme, ipType, vpcId, subnets, groups,
                    now, now.plus(provisioning), dnsId, Attributes.loadBalancerDefaults(type),
                    Tags.add(Map.of(), spec.tags()));
            changes.add(lb);
            return lb;
        }
    }

    private static String checkIpAddressType(String ipType) {
        if (!Set.of("ipv4", "dualstack", "dualstack-without-public-ipv4").contains(ipType)) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + ipType
                    + "' at 'ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[ipv4, dualstack, dualstack-without-public-ipv4]");
        }
        return ipType;
    }

    /** The subnets, each looked up: one per zone, all in one VPC, two zones at least for an application load balancer. */
    private List<LoadBalancer.SubnetMapping> subnets(String account, String region, String type, List<String> ids) {
        if (ids.isEmpty()) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "At least one subnet must be specified");
        }
        List<LoadBalancer.SubnetMapping> mappings = new ArrayList<>();
        Set<String> zones = new LinkedHashSet<>();
        String vpc = null;
        for (String id : new LinkedHashSet<>(ids)) {
            Network.SubnetInfo subnet = network.subnet(account, region, id).orElseThrow(() -> new ElbRefusal(
                    ElbRefusal.Reason.SUBNET_NOT_FOUND, "The subnet ID '" + id + "' is not valid"));
            if (vpc != null && !vpc.equals(subnet.vpcId())) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_SUBNET, "The subnets must all be in the same VPC");
            }
            vpc = subnet.vpcId();
            if (!zones.add(subnet.zone())) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_CONFIGURATION,
                        "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
            }
            mappings.add(new LoadBalancer.SubnetMapping(id, subnet.zone()));
        }
        if (type.equals("application") && zones.size() < 2) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION,
                    "At least two subnets in two different Availability Zones must be specified");
        }
        return mappings;
    }

    private List<String> securityGroups(String account, String region, String type, String vpcId, List<String> groups) {
        if (groups.isEmpty()) {
            Optional<String> byDefault = type.equals("application")
                    ? network.defaultSecurityGroup(account, region, vpcId) : Optional.empty();
            return byDefault.map(List::of).orElse(List.of());
        }
        for (String g : groups) {
            if (!network.securityGroupExists(account, region, g)) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_SECURITY_GROUP, "Security group '" + g + "' does not exist");
            }
        }
        return List.copyOf(new LinkedHashSet<>(groups));
    }

    public LoadBalancer get(String arn, String account, String region) {
        LoadBalancer lb = store.loadBalancer(arn);
        if (lb == null || !lb.account().equals(account) || !lb.region().equals(region)) {
            throw new ElbRefusal(ElbRefusal.Reason.LOAD_BALANCER_NOT_FOUND,
                    "Load balancer '" + arn + "' not found");
        }
        return lb;
    }

    /** By ARNs or names (not both); all of them when neither is given. */
    public List<LoadBalancer> describe(String account, String region, List<String> arns, List<String> names) {
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        if (!arns.isEmpty()) {
            return arns.stream().map(a -> get(a, account, region)).toList();
        }
        List<LoadBalancer> all = store.loadBalancers(account, region);
        if (names.isEmpty()) {
            return all;
        }
        List<LoadBalancer> found = new ArrayList<>();
        for (String n : names) {
            LoadBalancer lb = all.stream().filter(l -> l.name().equals(n)).findFirst().orElseThrow(() -> new ElbRefusal(
                    ElbRefusal.Reason.LOAD_BALANCER_NOT_FOUND, "Load balancers '[" + n + "]' not found"));
            found.add(lb);
        }
        return found;
    }

    /** Deletes it with its listeners and rules; a load balancer that does not exist is no error, as on AWS. */
    public void delete(String arn, String account, String region, Changes changes) {
        synchronized (store) {
            LoadBalancer lb = store.loadBalancer(arn);
            if (lb == null || !lb.account().equals(account) || !lb.region().equals(region)) {
                return;
            }
            if ("true".equals(lb.attributes().get("deletion_protection.enabled"))) {
                throw new ElbRefusal(ElbRefusal.Reason.OPERATION_NOT_PERMITTED, "Load balancer '" + arn
                        + "' cannot be deleted because deletion protection is enabled");
            }
            for (Listener l : store.listeners(arn)) {
                store.rules(l.arn()).forEach(r -> changes.add(new ElbStore.RuleDeleted(r.arn())));
                changes.add(new ElbStore.ListenerDeleted(l.arn()));
            }
            changes.add(new ElbStore.LoadBalancerDeleted(arn));
        }
    }

    public LoadBalancer modifyAttributes(String arn, String account, String region, Map<String, String> changed,
                                         Changes changes) {
        synchronized (store) {
            LoadBalancer lb = get(arn, account, region);
            LoadBalancer updated = lb.withAttributes(Attributes.modify(lb.attributes(), changed, "Load balancer"));
            changes.add(updated);
            return updated;
        }
    }

    public LoadBalancer setSecurityGroups(String arn, String account, String region, List<String> groups, Changes changes) {
        synchronized (store) {
            LoadBalancer lb = get(arn, account, region);
            if (!lb.application() && lb.securityGroups().isEmpty() && !groups.isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_CONFIGURATION,
                        "A network load balancer created without security groups cannot be given any");
            }
            if (lb.application() && groups.isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "At least one security group must be specified");
            }
            LoadBalancer updated = lb.withSecurityGroups(securityGroups(account, region, lb.type(), lb.vpcId(), groups));
            changes.add(updated);
            return updated;
        }
    }

    public LoadBalancer setSubnets(String arn, String account, String region, List<String> subnets, String ipType,
                                   Changes changes) {
        synchronized (store) {
            LoadBalancer lb = get(arn, account, region);
            List<LoadBalancer.SubnetMapping> mappings = subnets(account, region, lb.type(), subnets);
            String vpc = network.subnet(account, region, mappings.get(0).subnetId()).orElseThrow().vpcId();
            if (!vpc.equals(lb.vpcId())) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_SUBNET, "The subnets must be in the load balancer's VPC '"
                        + lb.vpcId() + "'");
            }
            LoadBalancer updated = lb.withSubnets(mappings);
            if (ipType != null) {
                updated = updated.withIpAddressType(checkIpAddressType(ipType));
            }
            changes.add(updated);
            return updated;
        }
    }

    public LoadBalancer setIpAddressType(String arn, String account, String region, String ipType, Changes changes) {
        synchronized (store) {
            LoadBalancer updated = get(arn, account, region).withIpAddressType(checkIpAddressType(ipType));
            changes.add(updated);
            return updated;
        }
    }

    // ---- tags of every resource ----------------------------------------------------------------

    /** The tags of a load balancer, target group, listener or rule of the account. */
    public Map<String, String> tagsOf(String arn, String account, String region) {
        Object resource = resource(arn, account, region);
        if (resource instanceof LoadBalancer lb) {
            return lb.tags();
        } else if (resource instanceof TargetGroup tg) {
            return tg.tags();
        } else if (resource instanceof Listener l) {
            return l.tags();
        } else if (resource instanceof ListenerRule r) {
            return r.tags();
        }
        return Map.of();
    }

    public void addTags(List<String> arns, String account, String region, Map<String, String> tags, Changes changes) {
        synchronized (store) {
            for (String arn : arns) {
                retag(arn, account, region, Tags.add(tagsOf(arn, account, region), tags), changes);
            }
        }
    }

    public void removeTags(List<String> arns, String account, String region, List<String> keys, Changes changes) {
        synchronized (store) {
            for (String arn : arns) {
                Map<String, String> tags = new LinkedHashMap<>(tagsOf(arn, account, region));
                keys.forEach(tags::remove);
                retag(arn, account, region, tags, changes);
            }
        }
    }

    private void retag(String arn, String account, String region, Map<String, String> tags, Changes changes) {
        Object resource = resource(arn, account, region);
        if (resource instanceof LoadBalancer lb) {
            changes.add(lb.withTags(tags));
        } else if (resource instanceof TargetGroup tg) {
            changes.add(tg.withTags(tags));
        } else if (resource instanceof Listener l) {
            changes.add(l.withTags(tags));
        } else if (resource instanceof ListenerRule r) {
            changes.add(r.withTags(tags));
        }
    }

    private Object resource(String arn, String account, String region) {
        String kind = arn == null ? "" : arn.replaceFirst("^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:", "");
        Object found;
        ElbRefusal.Reason missing;
        String what;
        if (kind.startsWith("loadbalancer/")) {
            found = store.loadBalancer(arn);
            missing = ElbRefusal.Reason.LOAD_BALANCER_NOT_FOUND;
            what = "Load balancer";
        } else if (kind.startsWith("targetgroup/")) {
            found = store.targetGroup(arn);
            missing = ElbRefusal.Reason.TARGET_GROUP_NOT_FOUND;
            what = "Target group";
        } else if (kind.startsWith("listener/")) {
            found = store.listener(arn);
            missing = ElbRefusal.Reason.LISTENER_NOT_FOUND;
            what = "Listener";
        } else if (kind.startsWith("listener-rule/")) {
            found = store.rule(arn);
            missing = ElbRefusal.Reason.RULE_NOT_FOUND;
            what = "Rule";
        } else {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "'" + arn + "' is not a valid Elastic Load Balancing resource ARN");
        }
        if (found == null || !arn.contains(":" + region + ":" + account + ":")) {
            throw new ElbRefusal(missing, what + " '" + arn + "' not found");
        }
        return found;
    }
}
