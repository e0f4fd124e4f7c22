package dev.gureum.elb.protocol;

import dev.gureum.core.protocol.Struct;
import dev.gureum.elb.domain.HealthCheck;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.ListenerRule;
import dev.gureum.elb.domain.LoadBalancer;
import dev.gureum.elb.domain.RuleAction;
import dev.gureum.elb.domain.RuleCondition;
import dev.gureum.elb.domain.TargetGroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The API's shapes of load balancers, listeners, rules, actions and target groups. */
final class ElbShapes {

    /** Route 53 hosted zones of load balancer DNS names, by region: application, then network. */
    private static final Map<String, String[]> HOSTED_ZONES = Map.of(
            "us-east-1", new String[] {"Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"},
            "us-east-2", new String[] {"Z3AADJGX6KTTL2", "ZLMOA37VPKANP"},
            "us-west-1", new String[] {"Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"},
            "us-west-2", new String[] {"Z1H1FL5HABSF5", "Z18D5FSROUN65G"},
            "eu-west-1", new String[] {"Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"},
            "eu-central-1", new String[] {"Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"},
            "ap-northeast-1", new String[] {"Z14GRHDCWA56QT", "Z31USIVHYNEOWT"},
            "ap-northeast-2", new String[] {"ZWKZPGTI48KDX", "ZIBE1TIR4HY56"});

    private ElbShapes() {
    }

    static Struct loadBalancer(LoadBalancer lb, Instant now) {
        String[] zones = HOSTED_ZONES.getOrDefault(lb.region(), new String[] {"Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"});
        Struct s = Struct.of()
                .put("LoadBalancerArn", lb.arn())
                .put("DNSName", lb.dnsName())
                .put("CanonicalHostedZoneId", lb.application() ? zones[0] : zones[1])
                .put("CreatedTime", lb.createdTime())
                .put("LoadBalancerName", lb.name())
                .put("Scheme", lb.scheme())
                .put("VpcId", lb.vpcId())
                .put("State", Struct.of().put("Code", lb.state(now)))
                .put("Type", lb.type())
                .list("AvailabilityZones", lb.subnets(), z -> Struct.of().put("ZoneName", z.zone())
                        .put("SubnetId", z.subnetId()).list("LoadBalancerAddresses", List.of()));
        if (lb.application() || !lb.securityGroups().isEmpty()) {
            s.list("SecurityGroups", lb.securityGroups());
        }
        return s.put("IpAddressType", lb.ipAddressType());
    }

    static Struct listener(Listener l) {
        Struct s = Struct.of()
                .put("ListenerArn", l.arn())
                .put("LoadBalancerArn", l.loadBalancerArn())
                .put("Port", l.port())
                .put("Protocol", l.protocol());
        if (!l.certificates().isEmpty()) {
            s.list("Certificates", l.certificates(), c -> Struct.of().put("CertificateArn", c));
            s.put("SslPolicy", l.sslPolicy());
        }
        return s.list("DefaultActions", l.defaultActions(), ElbShapes::action);
    }

    static Struct rule(ListenerRule r) {
        return Struct.of()
                .put("RuleArn", r.arn())
                .put("Priority", String.valueOf(r.priority()))
                .list("Conditions", r.conditions(), ElbShapes::condition)
                .list("Actions", r.actions(), ElbShapes::action)
                .put("IsDefault", false);
    }

    static Struct defaultRule(Listener l) {
        return Struct.of()
                .put("RuleArn", l.defaultRuleArn())
                .put("Priority", "default")
                .list("Conditions", List.of())
                .list("Actions", l.defaultActions(), ElbShapes::action)
                .put("IsDefault", true);
    }

    private static Struct condition(RuleCondition c) {
        Struct s = Struct.of().put("Field", c.field());
        switch (c.field()) {
            case "path-pattern" -> s.list("Values", c.values())
                    .put("PathPatternConfig", Struct.of().list("Values", c.values()));
            case "host-header" -> s.list("Values", c.values())
                    .put("HostHeaderConfig", Struct.of().list("Values", c.values()));
            case "http-header" -> s.put("HttpHeaderConfig", Struct.of().put("HttpHeaderName", c.headerName())
                    .list("Values", c.values()));
            case "http-request-method" -> s.put("HttpRequestMethodConfig", Struct.of().list("Values", c.values()));
            case "source-ip" -> s.put("SourceIpConfig", Struct.of().list("Values", c.values()));
            default -> s.put("QueryStringConfig", Struct.of().list("Values", c.queryPairs(),
                    p -> Struct.of().put("Key", p.key()).put("Value", p.value())));
        }
        return s;
    }

    static Struct action(RuleAction a) {
        Struct s = Struct.of().put("Type", a.type());
        if (a.type().equals("forward")) {
            if (a.targetGroups().size() == 1) {
                s.put("TargetGroupArn", a.targetGroups().get(0).arn());
            }
            s.put("ForwardConfig", Struct.of()
                    .list("TargetGroups", a.targetGroups(), t -> Struct.of().put("TargetGroupArn", t.arn())
                            .put("Weight", t.weight()))
                    .put("TargetGroupStickinessConfig", a.stickySeconds() > 0
                            ? Struct.of().put("Enabled", true).put("DurationSeconds", a.stickySeconds())
                            : Struct.of().put("Enabled", false)));
        }
        if (a.fixedResponse() != null) {
            s.put("FixedResponseConfig", Struct.of().put("MessageBody", a.fixedResponse().messageBody())
                    .put("StatusCode", a.fixedResponse().statusCode()).put("ContentType", a.fixedResponse().contentType()));
        }
        if (a.redirect() != null) {
            RuleAction.Redirect r = a.redirect();
            s.put("RedirectConfig", Struct.of().put("Protocol", r.protocol()).put("Port", r.port()).put("Host", r.host())
                    .put("Path", r.path()).put("Query", r.query()).put("StatusCode", r.statusCode()));
        }
        return s.put("Order", a.order() == 0 ? null : a.order());
    }

    static Struct targetGroup(TargetGroup tg, List<String> loadBalancerArns) {
        HealthCheck h = tg.healthCheck();
        Struct s = Struct.of()
                .put("TargetGroupArn", tg.arn())
                .put("TargetGroupName", tg.name())
                .put("Protocol", tg.protocol())
                .put("Port", tg.port() == 0 ? null : tg.port())
                .put("VpcId", tg.vpcId())
                .put("HealthCheckProtocol", h.protocol())
                .put("HealthCheckPort", h.port())
                .put("HealthCheckEnabled", h.enabled())
                .put("HealthCheckIntervalSeconds", h.intervalSeconds())
                .put("HealthCheckTimeoutSeconds", h.timeoutSeconds())
                .put("HealthyThresholdCount", h.healthyThreshold())
                .put("UnhealthyThresholdCount", h.unhealthyThreshold())
                .put("HealthCheckPath", h.path());
        if (h.matcher() != null) {
            s.put("Matcher", Struct.of().put("HttpCode", h.matcher()));
        }
        return s.list("LoadBalancerArns", loadBalancerArns)
                .put("TargetType", tg.targetType())
                .put("ProtocolVersion", tg.protocolVersion())
                .put("IpAddressType", tg.targetType().equals("lambda") ? null : "ipv4");
    }

    /** Attributes in key order (records keep them unordered). */
    static List<Struct> attributes(Map<String, String> attributes) {
        List<Struct> list = new ArrayList<>();
        new java.util.TreeMap<>(attributes).forEach((k, v) -> list.add(Struct.of().put("Key", k).put("Value", v)));
        return list;
    }

    static List<Struct> tags(Map<String, String> tags) {
        List<Struct> list = new ArrayList<>();
        new java.util.TreeMap<>(tags).forEach((k, v) -> list.add(Struct.of().put("Key", k).put("Value", v)));
        return list;
    }
}
