package dev.gureum.elb.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks AWS makes of a rule's conditions and of actions, with its limits. */
final class RuleChecks {

    static final Set<String> FIELDS = Set.of("path-pattern", "host-header", "http-header", "http-request-method",
            "query-string", "source-ip");
    /** Conditions a rule may have at most once. */
    private static final Set<String> SINGLE = Set.of("path-pattern", "host-header", "http-request-method", "source-ip");
    static final int MAX_EVALUATIONS = 5;
    private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/css", "text/html",
            "application/javascript", "application/json");

    private final ElbStore store;

    RuleChecks(ElbStore store) {
        this.store = store;
    }

    void conditions(List<RuleCondition> conditions, boolean required) {
        if (required && conditions.isEmpty()) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A rule must have at least one condition");
        }
        Set<String> seen = new HashSet<>();
        int evaluations = 0;
        for (RuleCondition c : conditions) {
            if (c.field() == null || !FIELDS.contains(c.field())) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Condition field '" + c.field() + "' must be one of "
                        + "'[http-header, http-request-method, host-header, path-pattern, query-string, source-ip]'");
            }
            if (SINGLE.contains(c.field()) && !seen.add(c.field())) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A rule can only have one '" + c.field() + "' condition");
            }
            if (c.evaluations() == 0) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A condition value must be specified for '" + c.field() + "'");
            }
            evaluations += c.evaluations();
            check(c);
        }
        if (evaluations > MAX_EVALUATIONS) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A rule can only have '" + MAX_EVALUATIONS + "' condition values");
        }
    }

    private static void check(RuleCondition c) {
        switch (c.field()) {
            case "path-pattern", "host-header" -> c.values().forEach(v -> length(c.field(), v, 128));
            case "http-header" -> {
                if (c.headerName() == null || c.headerName().isEmpty() || c.headerName().length() > 40
                        || !c.headerName().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The HTTP header name '" + c.headerName() + "' is not valid");
                }
                c.values().forEach(v -> length(c.field(), v, 128));
            }
            case "http-request-method" -> c.values().forEach(v -> {
                if (!v.matches("[A-Z_-]{1,40}")) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The HTTP request method '" + v
                            + "' is not valid: it can contain A-Z, hyphens (-) and underscores (_), up to 40 characters");
                }
            });
            case "source-ip" -> c.values().forEach(v -> {
                try {
                    SourceCidr.parse(v);
                } catch (RuntimeException e) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The source IP '" + v + "' is not a valid CIDR block");
                }
            });
            default -> c.queryPairs().forEach(p -> {
                if (p.value() == null || p.value().isEmpty()) {
                    throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A query string value must be specified");
                }
                length("query-string", p.value(), 128);
                if (p.key() != null) {
                    length("query-string", p.key(), 128);
                }
            });
        }
    }

    private static void length(String field, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The '" + field + "' condition value '" + value
                    + "' must have 1 to " + max + " characters");
        }
    }

    /** Checks the actions of a listener or rule of {@code lb} whose listener speaks {@code protocol}. */
    void actions(LoadBalancer lb, String protocol, List<RuleAction> actions, boolean required) {
        if (required && actions.isEmpty()) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "At least one action must be specified");
        }
        Set<Integer> orders = new HashSet<>();
        int terminal = 0;
        for (RuleAction a : actions) {
            if (a.order() != 0 && !orders.add(a.order())) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The action order '" + a.order() + "' is used more than once");
            }
            if (a.type() == null || !Set.of("forward", "redirect", "fixed-response", "authenticate-oidc",
                    "authenticate-cognito").contains(a.type())) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + a.type()
                        + "' at 'actions.member.type' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[forward, authenticate-oidc, authenticate-cognito, redirect, fixed-response]");
            }
            if (a.type().startsWith("authenticate-")) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_ACTION, "Action type '" + a.type() + "' is not supported by Gureum");
            }
            terminal++;
            if (!lb.application() && !a.type().equals("forward")) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_ACTION, "Action type '" + a.type()
                        + "' must be one of 'forward' for network load balancers");
            }
            switch (a.type()) {
                case "forward" -> forward(lb, protocol, a);
                case "fixed-response" -> fixedResponse(a.fixedResponse());
                default -> redirect(a.redirect());
            }
        }
        if (terminal > 1) {
            throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_ACTIONS, "A rule or listener can have only one forward, "
                    + "redirect or fixed-response action");
        }
    }

    private void forward(LoadBalancer lb, String protocol, RuleAction a) {
        if (a.targetGroups().isEmpty()) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A target group ARN must be specified for a forward action");
        }
        if (a.targetGroups().size() > (lb.application() ? 5 : 1)) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A forward action can have at most "
                    + (lb.application() ? 5 : 1) + " target groups");
        }
        for (RuleAction.WeightedTargetGroup w : a.targetGroups()) {
            TargetGroup tg = store.targetGroup(w.arn());
            if (tg == null || !tg.account().equals(lb.account()) || !tg.region().equals(lb.region())) {
                throw new ElbRefusal(ElbRefusal.Reason.TARGET_GROUP_NOT_FOUND, "Target group '" + w.arn() + "' not found");
            }
            if (w.weight() < 0 || w.weight() > 999) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A target group weight must be between 0 and 999");
            }
            boolean layer7 = Attributes.isLayer7(tg.protocol());
            if (lb.application() != layer7) {
                throw new ElbRefusal(ElbRefusal.Reason.INCOMPATIBLE_PROTOCOLS, "Listener protocol '" + protocol
                        + "' is not supported with a target group with the protocol '" + tg.protocol() + "'");
            }
            if (tg.vpcId() != null && !tg.vpcId().equals(lb.vpcId())) {
                throw new ElbRefusal(ElbRefusal.Reason.INVALID_CONFIGURATION, "The target group '" + w.arn()
                        + "' is not in the load balancer's VPC '" + lb.vpcId() + "'");
            }
        }
        if (a.stickySeconds() < 0 || a.stickySeconds() > 604800) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The target group stickiness duration must be between 1 and 604800 seconds");
        }
    }

    private static void fixedResponse(RuleAction.FixedResponse f) {
        if (f == null || f.statusCode() == null || !f.statusCode().matches("[245]\\d\\d")) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The fixed response status code must be a 2XX, 4XX or 5XX code");
        }
        if (f.contentType() != null && !CONTENT_TYPES.contains(f.contentType())) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The fixed response content type '" + f.contentType()
                    + "' must be one of text/plain, text/css, text/html, application/javascript, application/json");
        }
        if (f.messageBody() != null && f.messageBody().length() > 1024) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The fixed response message body can be at most 1024 characters");
        }
    }

    private static void redirect(RuleAction.Redirect r) {
        if (r == null || r.statusCode() == null || !Set.of("HTTP_301", "HTTP_302").contains(r.statusCode())) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The redirect status code must be 'HTTP_301' or 'HTTP_302'");
        }
        if (r.protocol() != null && !Set.of("HTTP", "HTTPS", "#{protocol}").contains(r.protocol())) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The redirect protocol must be 'HTTP', 'HTTPS' or '#{protocol}'");
        }
        if (r.port() != null && !r.port().equals("#{port}")) {
            try {
                int p = Integer.parseInt(r.port());
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The redirect port must be between 1 and 65535, or '#{port}'");
            }
        }
        if (r.path() != null && !r.path().startsWith("/")) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The redirect path must start with a '/' character");
        }
        if (r.query() != null && r.query().startsWith("?")) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "The redirect query must not start with a '?' character");
        }
    }
}
