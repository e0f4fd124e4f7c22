package dev.gureum.elb.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Target groups, their health check settings and attributes, and the targets registered with them. */
public final class TargetGroups {

    /**
     * What CreateTargetGroup (or ModifyTargetGroup, with {@code null}s for what is unchanged) asks for.
     * {@code healthCheckPort} and the other health check members are {@code null} when not given.
     */
    public record Spec(String name, String targetType, String protocol, String protocolVersion, Integer port,
                       String vpcId, Boolean healthCheckEnabled, String healthCheckProtocol, String healthCheckPort,
                       String healthCheckPath, Integer interval, Integer timeout, Integer healthyThreshold,
                       Integer unhealthyThreshold, String matcher, Map<String, String> tags) {
    }

    /** A target as RegisterTargets names it; {@code port} is {@code null} for the group's. */
    public record TargetSpec(String id, Integer port, String availabilityZone) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");
    public static final int MAX_TARGET_GROUPS = 3000;
    public static final int MAX_TARGETS = 1000;

    private final ElbStore store;
    private final Clock clock;
    private final Network network;

    public TargetGroups(ElbStore store, Clock clock, Network network) {
        this.store = store;
        this.clock = clock;
        this.network = network;
    }

    public TargetGroup create(String account, String region, Spec spec, Changes changes) {
        synchronized (store) {
            String name = spec.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Target group name '" + name + "' can only contain "
                        + "characters that are alphanumeric characters or hyphens(-), must be at most 32 characters "
                        + "and must not begin or end with a hyphen");
            }
            String type = spec.targetType() == null ? "instance" : spec.targetType();
            if (!Set.of("instance", "ip", "lambda", "alb").contains(type)) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + type
                        + "' at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [instance, alb, ip, lambda]");
            }
            if (type.equals("alb")) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_CONFIGURATION,
                        "Target groups of type 'alb' are not supported by Gureum");
            }
            String protocol = spec.protocol();
            Integer port = spec.port();
            String vpc = spec.vpcId();
            if (type.equals("lambda")) {
                if (protocol != null || port != null || vpc != null) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION,
                            "Protocol, port and VPC ID cannot be specified for target groups with target type 'lambda'");
                }
            } else {
                if (protocol == null || port == null || vpc == null) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A protocol, port and VPC ID must be specified "
                            + "for target groups with target type '" + type + "'");
                }
                if (!PROTOCOLS.contains(protocol)) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + protocol
                            + "' at 'protocol' failed to satisfy constraint: Member must satisfy enum value set: "
                            + "[HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE]");
                }
                checkPort(port, "port");
                if (!vpc.matches("vpc-[0-9a-f]{8,17}")) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The VPC ID '" + vpc + "' is not found");
                }
            }
            for (TargetGroup tg : store.targetGroups(account, region)) {
                if (tg.name().equals(name)) {
                    throw new ElbRefusal(ElbRefusal.Reason.DUPLICATE_TARGET_GROUP_NAME,
                            "A target group with the same name '" + name + "' exists, but with different settings");
                }
            }
            if (store.targetGroups(account, region).size() >= MAX_TARGET_GROUPS) {
                throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_TARGET_GROUPS, "The maximum number of target groups has been reached");
            }
            HealthCheck check = healthCheck(defaults(type, protocol), spec);
            String arn = Arn.of("elasticloadbalancing", region, account, "targetgroup/" + name + "/" + Ids.hex(16)).toString();
            String version = protocol != null && protocol.startsWith("HTTP")
                    ? (spec.protocolVersion() == null ? "HTTP1" : spec.protocolVersion()) : null;
            TargetGroup tg = new TargetGroup(arn, account, region, name, type, protocol, version, port == null ? 0 : port,
                    vpc, check, Attributes.targetGroupDefaults(type, protocol), Tags.add(Map.of(), spec.tags()));
            changes.add(tg);
            return tg;
        }
    }

    /** AWS's health check defaults for a group's target type and protocol. */
    static HealthCheck defaults(String type, String protocol) {
        if (type.equals("lambda")) {
            return new HealthCheck(false, null, null, "/", 35, 30, 5, 2, "200");
        }
        if (Attributes.isLayer7(protocol)) {
            return new HealthCheck(true, protocol, "traffic-port", "/", 30, 5, 5, 2, "200");
        }
        return new HealthCheck(true, "TCP", "traffic-port", null, 30, 10, 5, 2, null);
    }

    private static HealthCheck healthCheck(HealthCheck base, Spec spec) {
        boolean enabled = spec.healthCheckEnabled() == null ? base.enabled() : spec.healthCheckEnabled();
        String protocol = spec.healthCheckProtocol() == null ? base.protocol() : spec.healthCheckProtocol();
        String port = spec.healthCheckPort() == null ? base.port() : spec.healthCheckPort();
        if (port != null && !port.equals("traffic-port")) {
            try {
                checkPort(Integer.parseInt(port), "healthCheckPort");
            } catch (NumberFormatException e) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check port '" + port + "' must be 'traffic-port' or a port number");
            }
        }
        String path = spec.healthCheckPath() == null ? (protocol != null && protocol.startsWith("HTTP") && base.path() == null
                ? "/" : base.path()) : spec.healthCheckPath();
        if (path != null && (!path.startsWith("/") || path.length() > 1024)) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check path must begin with a '/' character and can be at most 1024 characters");
        }
        int interval = spec.interval() == null ? base.intervalSeconds() : spec.interval();
        int timeout = spec.timeout() == null ? base.timeoutSeconds() : spec.timeout();
        int healthy = spec.healthyThreshold() == null ? base.healthyThreshold() : spec.healthyThreshold();
        int unhealthy = spec.unhealthyThreshold() == null ? base.unhealthyThreshold() : spec.unhealthyThreshold();
        String matcher = spec.matcher() == null ? (base.matcher() == null && protocol != null && protocol.startsWith("HTTP")
                ? "200" : base.matcher()) : spec.matcher();
        if (interval < 5 || interval > 300) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check interval must be between 5 and 300 seconds");
        }
        if (timeout < 2 || timeout > 120) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check timeout must be between 2 and 120 seconds");
        }
        if (timeout >= interval) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check interval must be greater than the timeout.");
        }
        if (healthy < 2 || healthy > 10 || unhealthy < 2 || unhealthy > 10) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check thresholds must be between 2 and 10");
        }
        if (matcher != null && !matcher.matches("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*")) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Health check matcher HTTP code '" + matcher
                    + "' must be a value between 200 and 499, a list (200,202) or a range (200-299)");
        }
        return new HealthCheck(enabled, protocol, port, path, interval, timeout, healthy, unhealthy, matcher);
    }

    private static void checkPort(int port, String member) {
        if (port < 1 || port > 65535) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + port + "' at '"
                    + member + "' failed to satisfy constraint: Member must have value between 1 and 65535");
        }
    }

    public TargetGroup modify(String arn, String account, String region, Spec spec, Changes changes) {
        synchronized (store) {
            TargetGroup tg = get(arn, account, region);
            TargetGroup updated = tg.withHealthCheck(healthCheck(tg.healthCheck(), spec));
            changes.add(updated);
            return updated;
        }
    }

    public TargetGroup modifyAttributes(String arn, String account, String region, Map<String, String> changed,
                                        Changes changes) {
        synchronized (store) {
            TargetGroup tg = get(arn, account, region);
            TargetGroup updated = tg.withAttributes(Attributes.modify(tg.attributes(), changed, "Target group"));
            changes.add(updated);
            return updated;
        }
    }

    public TargetGroup get(String arn, String account, String region) {
        TargetGroup tg = store.targetGroup(arn);
        if (tg == null || !tg.account().equals(account) || !tg.region().equals(region)) {
            throw new ElbRefusal(ElbRefusal.Reason.TARGET_GROUP_NOT_FOUND, "Target groups '" + arn + "' not found");
        }
        return tg;
    }

    /** By ARNs, names, or the load balancer that uses them; all of them when nothing is given. */
    public List<TargetGroup> describe(String account, String region, String loadBalancerArn, List<String> arns,
                                      List<String> names) {
        if (!arns.isEmpty()) {
            return arns.stream().map(a -> get(a, account, region)).toList();
        }
        List<TargetGroup> all = store.targetGroups(account, region);
        if (!names.isEmpty()) {
            List<TargetGroup> found = new ArrayList<>();
            for (String n : names) {
                found.add(all.stream().filter(t -> t.name().equals(n)).findFirst().orElseThrow(() -> new ElbRefusal(
                        ElbRefusal.Reason.TARGET_GROUP_NOT_FOUND, "One or more target groups not found")));
            }
            return found;
        }
        if (loadBalancerArn != null) {
            LoadBalancer lb = store.loadBalancer(loadBalancerArn);
            if (lb == null || !lb.account().equals(account)) {
                throw new ElbRefusal(ElbRefusal.Reason.LOAD_BALANCER_NOT_FOUND, "Load balancer '" + loadBalancerArn + "' not found");
            }
            return all.stream().filter(t -> store.loadBalancersOf(t.arn()).contains(loadBalancerArn)).toList();
        }
        return all;
    }

    public void delete(String arn, String account, String region, Changes changes) {
        synchronized (store) {
            TargetGroup tg = store.targetGroup(arn);
            if (tg == null || !tg.account().equals(account) || !tg.region().equals(region)) {
                return;
            }
            if (!store.loadBalancersOf(arn).isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.RESOURCE_IN_USE, "Target group '" + arn
                        + "' is currently in use by a listener or a rule");
            }
            changes.add(new ElbStore.TargetGroupDeleted(arn));
        }
    }

    public List<Registration> register(String arn, String account, String region, List<TargetSpec> targets,
                                       Changes changes) {
        synchronized (store) {
            TargetGroup tg = get(arn, account, region);
            if (targets.isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Targets cannot be empty");
            }
            if (tg.targetType().equals("lambda") && (targets.size() > 1 || store.registrations(arn).stream()
                    .anyMatch(r -> r.drainingUntil() == null && !r.targetId().equals(targets.get(0).id())))) {
                throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_TARGETS,
                        "You cannot register more than one Lambda function with a target group");
            }
            List<Registration> added = new ArrayList<>();
            for (TargetSpec t : targets) {
                checkTarget(tg, t);
                int port = tg.targetType().equals("lambda") ? 0 : t.port() == null ? tg.port() : t.port();
                added.add(new Registration(arn, t.id(), port, t.availabilityZone(), null));
            }
            if (store.registrations(arn).size() + added.size() > MAX_TARGETS) {
                throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_TARGETS, "You've reached the limit on the number of targets");
            }
            added.forEach(changes::add);
            return added;
        }
    }

    private static void checkTarget(TargetGroup tg, TargetSpec t) {
        String id = t.id() == null ? "" : t.id();
        boolean valid = switch (tg.targetType()) {
            case "instance" -> id.matches("i-[0-9a-f]{8,17}");
            case "ip" -> id.matches("\\d{1,3}(\\.\\d{1,3}){3}") || id.contains(":");
            default -> id.startsWith("arn:") && id.contains(":lambda:") && id.contains(":function:");
        };
        if (!valid) {
            throw new ElbRefusal(ElbRefusal.Reason.INVALID_TARGET, "The following targets are not valid " + tg.targetType()
                    + " targets: '" + id + "'");
        }
        if (t.port() != null) {
            if (tg.targetType().equals("lambda")) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A port cannot be specified for Lambda targets");
            }
            checkPort(t.port(), "targets.member.port");
        }
    }

    /**
     * Deregisters the targets: each drains for the group's {@code deregistration_delay.timeout_seconds} and is
     * then removed ({@link #drained}). A target that is not registered is refused.
     */
    public List<Registration> deregister(String arn, String account, String region, List<TargetSpec> targets,
                                         Changes changes) {
        synchronized (store) {
            TargetGroup tg = get(arn, account, region);
            String delay = tg.attribute("deregistration_delay.timeout_seconds");
            Duration drain = Duration.ofSeconds(delay == null ? 0 : Long.parseLong(delay));
            List<Registration> draining = new ArrayList<>();
            for (TargetSpec t : targets) {
                int port = tg.targetType().equals("lambda") ? 0 : t.port() == null ? tg.port() : t.port();
                Registration r = store.registration(arn, t.id() + ":" + port);
                if (r == null) {
                    throw new ElbRefusal(ElbRefusal.Reason.INVALID_TARGET, "The following targets are not registered: '"
                            + t.id() + "'");
                }
                if (r.drainingUntil() == null) {
                    draining.add(r.draining(clock.instant().plus(drain)));
                }
            }
            for (Registration r : draining) {
                // an unused group or a zero delay has nothing to drain
                if (drain.isZero() || store.loadBalancersOf(arn).isEmpty() || tg.targetType().equals("lambda")) {
                    changes.add(new ElbStore.RegistrationRemoved(arn, r.key()));
                } else {
                    changes.add(r);
                }
            }
            return draining;
        }
    }

    /** Removes the registrations whose draining has ended by now. */
    public void drained(Changes changes) {
        synchronized (store) {
            for (TargetGroup tg : store.allTargetGroups()) {
                for (Registration r : store.registrations(tg.arn())) {
                    if (r.drainingUntil() != null && !r.drainingUntil().isAfter(clock.instant())) {
                        changes.add(new ElbStore.RegistrationRemoved(tg.arn(), r.key()));
                    }
                }
            }
        }
    }

    /** The default VPC of the account in the region, if EC2 knows it. */
    public java.util.Optional<String> defaultVpc(String account, String region) {
        return network.defaultVpc(account, region);
    }
}
