package dev.gureum.elb.protocol;

import dev.gureum.core.protocol.Params;
import dev.gureum.elb.domain.RuleAction;
import dev.gureum.elb.domain.RuleCondition;
import dev.gureum.elb.domain.Tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the API's structures (actions, conditions, tags, attributes) from an operation's input. */
final class ElbInputs {

    private ElbInputs() {
    }

    static Map<String, String> tags(Params params) {
        List<Tags.Tag> tags = new ArrayList<>();
        for (Params t : params.list("Tags")) {
            tags.add(new Tags.Tag(t.string("Key"), t.string("Value")));
        }
        return Tags.of(tags);
    }

    static Map<String, String> attributes(Params params) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Params a : params.list("Attributes")) {
            attributes.put(a.requireString("Key"), a.string("Value", ""));
        }
        return attributes;
    }

    static List<RuleAction> actions(Params params, String name) {
        List<RuleAction> actions = new ArrayList<>();
        for (Params a : params.list(name)) {
            String type = a.string("Type");
            List<RuleAction.WeightedTargetGroup> groups = new ArrayList<>();
            int sticky = 0;
            Params forward = a.object("ForwardConfig");
            if (forward.isPresent()) {
                for (Params t : forward.list("TargetGroups")) {
                    groups.add(new RuleAction.WeightedTargetGroup(t.requireString("TargetGroupArn"), t.integer("Weight", 1)));
                }
                Params stickiness = forward.object("TargetGroupStickinessConfig");
                if (stickiness.isPresent() && stickiness.bool("Enabled", false)) {
                    sticky = stickiness.integer("DurationSeconds", 3600);
                }
            }
            String single = a.string("TargetGroupArn");
            if (single != null && groups.stream().noneMatch(g -> g.arn().equals(single))) {
                if (!groups.isEmpty()) {
                    throw new dev.gureum.elb.domain.ElbRefusal(dev.gureum.elb.domain.ElbRefusal.Reason.VALIDATION,
                            "You cannot specify both a target group ARN and a forward config with different target groups");
                }
                groups.add(new RuleAction.WeightedTargetGroup(single, 1));
            }
            Params fixed = a.object("FixedResponseConfig");
            RuleAction.FixedResponse fixedResponse = fixed.isPresent() ? new RuleAction.FixedResponse(
                    fixed.string("StatusCode"), fixed.string("ContentType"), fixed.string("MessageBody")) : null;
            Params redirect = a.object("RedirectConfig");
            RuleAction.Redirect redirectTo = redirect.isPresent() ? new RuleAction.Redirect(
                    redirect.string("Protocol", "#{protocol}"), redirect.string("Port", "#{port}"),
                    redirect.string("Host", "#{host}"), redirect.string("Path", "/#{path}"),
                    redirect.string("Query", "#{query}"), redirect.string("StatusCode")) : null;
            actions.add(new RuleAction(type, a.integer("Order", actions.size() + 1), groups, sticky, fixedResponse,
                    redirectTo));
        }
        return actions;
    }

    static List<RuleCondition> conditions(Params params) {
        List<RuleCondition> conditions = new ArrayList<>();
        for (Params c : params.list("Conditions")) {
            String field = c.string("Field");
            List<String> values = new ArrayList<>(c.stringList("Values"));
            String header = null;
            List<RuleCondition.QueryPair> pairs = new ArrayList<>();
            String config = field == null ? null : switch (field) {
                case "path-pattern" -> "PathPatternConfig";
                case "host-header" -> "HostHeaderConfig";
                case "http-header" -> "HttpHeaderConfig";
                case "http-request-method" -> "HttpRequestMethodConfig";
                case "source-ip" -> "SourceIpConfig";
                case "query-string" -> "QueryStringConfig";
                default -> null;
            };
            Params cfg = config == null ? null : c.object(config);
            if (cfg != null && cfg.isPresent()) {
                if (field.equals("query-string")) {
                    for (Params p : cfg.list("Values")) {
                        pairs.add(new RuleCondition.QueryPair(p.string("Key"), p.string("Value")));
                    }
                } else {
                    if (!values.isEmpty()) {
                        throw new dev.gureum.elb.domain.ElbRefusal(dev.gureum.elb.domain.ElbRefusal.Reason.VALIDATION,
                                "You cannot specify both 'Values' and '" + config + "' in a condition");
                    }
                    values.addAll(cfg.stringList("Values"));
                    header = cfg.string("HttpHeaderName");
                }
            }
            conditions.add(new RuleCondition(field, header, values, pairs));
        }
        return conditions;
    }

    static List<String> certificates(Params params) {
        List<String> arns = new ArrayList<>();
        for (Params c : params.list("Certificates")) {
            String arn = c.string("CertificateArn");
            if (arn != null) {
                arns.add(arn);
            }
        }
        return arns;
    }
}
