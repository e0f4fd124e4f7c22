package dev.gureum.elb.domain;

import dev.gureum.core.id.Ids;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Listeners and their rules: creation, changes, priorities, and the checks of their actions and conditions. */
public final class Listeners {

    /** Rules per application load balancer (the default quota), and the highest priority. */
    public static final int MAX_RULES = 100;
    public static final int MAX_PRIORITY = 50_000;
    public static final int MAX_LISTENERS = 50;

    private final ElbStore store;
    private final RuleChecks checks;

    public Listeners(ElbStore store) {
        this.store = store;
        this.checks = new RuleChecks(store);
    }

    public Listener create(String account, String region, String loadBalancerArn, String protocol, Integer port,
                           List<String> certificates, String sslPolicy, List<RuleAction> actions,
                           Map<String, String> tags, Changes changes) {
        synchronized (store) {
            LoadBalancer lb = store.loadBalancer(loadBalancerArn);
            if (lb == null || !lb.account().equals(account) || !lb.region().equals(region)) {
                throw new ElbRefusal(ElbRefusal.Reason.LOAD_BALANCER_NOT_FOUND, "Load balancer '" + loadBalancerArn + "' not found");
            }
            String p = protocol == null ? (lb.application() ? "HTTP" : "TCP") : protocol;
            Set<String> allowed = lb.application() ? Set.of("HTTP", "HTTPS") : Set.of("TCP", "TLS", "UDP", "TCP_UDP");
            if (!allowed.contains(p)) {
                throw new ElbRefusal(ElbRefusal.Reason.UNSUPPORTED_PROTOCOL, "Protocol '" + p
                        + "' is not supported for load balancers of type '" + lb.type() + "'");
            }
            int listenerPort = port == null ? (p.equals("HTTPS") || p.equals("TLS") ? 443 : 80) : port;
            if (listenerPort < 1 || listenerPort > 65535) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + listenerPort
                        + "' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
            }
            if (store.listeners(lb.arn()).stream().anyMatch(l -> l.port() == listenerPort)) {
                throw new ElbRefusal(ElbRefusal.Reason.DUPLICATE_LISTENER,
                        "A listener already exists on this port for this load balancer '" + lb.arn() + "'");
            }
            if (store.listeners(lb.arn()).size() >= MAX_LISTENERS) {
                throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_LISTENERS, "You've reached the limit on the number of listeners per load balancer");
            }
            boolean secure = p.equals("HTTPS") || p.equals("TLS");
            if (secure && certificates.isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.CERTIFICATE_NOT_FOUND, "A certificate must be specified for " + p + " listeners");
            }
            for (String c : certificates) {
                if (!c.startsWith("arn:") || !(c.contains(":acm:") || c.contains(":iam:"))) {
                    throw new ElbRefusal(ElbRefusal.Reason.CERTIFICATE_NOT_FOUND, "Certificate '" + c + "' not found");
                }
            }
            checks.actions(lb, p, actions, true);
            String arn = lb.arn().replace(":loadbalancer/", ":listener/") + "/" + Ids.hex(16);
            Listener listener = new Listener(arn, lb.arn(), account, region, listenerPort, p,
                    secure ? certificates : List.of(), secure ? (sslPolicy == null ? "ELBSecurityPolicy-2016-08" : sslPolicy) : null,
                    actions, Tags.add(Map.of(), tags));
            changes.add(listener);
            return listener;
        }
    }

    /** Changes what is given ({@code null}s are kept): port, protocol, certificates, policy, default actions. */
    public Listener modify(String arn, String account, String region, String protocol, Integer port,
                           List<String> certificates, String sslPolicy, List<RuleAction> actions, Changes changes) {
        synchronized (store) {
            Listener l = get(arn, account, region);
            LoadBalancer lb = store.loadBalancer(l.loadBalancerArn());
            String p = protocol == null ? l.protocol() : protocol;
            int newPort = port == null ? l.port() : port;
            if (newPort != l.port() && store.listeners(lb.arn()).stream().anyMatch(o -> o.port() == newPort)) {
                throw new ElbRefusal(ElbRefusal.Reason.DUPLICATE_LISTENER,
                        "A listener already exists on this port for this load balancer '" + lb.arn() + "'");
            }
            List<String> certs = certificates == null || certificates.isEmpty() ? l.certificates() : certificates;
            List<RuleAction> acts = actions == null || actions.isEmpty() ? l.defaultActions() : actions;
            checks.actions(lb, p, acts, true);
            boolean secure = p.equals("HTTPS") || p.equals("TLS");
            if (secure && certs.isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.CERTIFICATE_NOT_FOUND, "A certificate must be specified for " + p + " listeners");
            }
            Listener updated = new Listener(arn, l.loadBalancerArn(), account, region, newPort, p,
                    secure ? certs : List.of(), secure ? (sslPolicy != null ? sslPolicy : l.sslPolicy() != null
                    ? l.sslPolicy() : "ELBSecurityPolicy-2016-08") : null, acts, l.tags());
            changes.add(updated);
            return updated;
        }
    }

    public Listener get(String arn, String account, String region) {
        Listener l = store.listener(arn);
        if (l == null || !l.account().equals(account) || !l.region().equals(region)) {
            throw new ElbRefusal(ElbRefusal.Reason.LISTENER_NOT_FOUND, "One or more listeners not found");
        }
        return l;
    }

    public List<Listener> describe(String account, String region, String loadBalancerArn, List<String> arns) {
        if (!arns.isEmpty()) {
            return arns.stream().map(a -> get(a, account, region)).toList();
        }
        if (loadBalancerArn == null) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "You must specify either listener ARNs or a load balancer ARN");
        }
        LoadBalancer lb = store.loadBalancer(loadBalancerArn);
        if (lb == null || !lb.account().equals(account) || !lb.region().equals(region)) {
            throw new ElbRefusal(ElbRefusal.Reason.LOAD_BALANCER_NOT_FOUND, "Load balancer '" + loadBalancerArn + "' not found");
        }
        return store.listeners(loadBalancerArn);
    }

    public void delete(String arn, String account, String region, Changes changes) {
        synchronized (store) {
            Listener l = get(arn, account, region);
            store.rules(l.arn()).forEach(r -> changes.add(new ElbStore.RuleDeleted(r.arn())));
            changes.add(new ElbStore.ListenerDeleted(arn));
        }
    }

    // ---- rules ---------------------------------------------------------------------------------

    public ListenerRule createRule(String account, String region, String listenerArn, Integer priority,
                                   List<RuleCondition> conditions, List<RuleAction> actions, Map<String, String> tags,
                                   Changes changes) {
        synchronized (store) {
            Listener l = get(listenerArn, account, region);
            LoadBalancer lb = store.loadBalancer(l.loadBalancerArn());
            if (!lb.application()) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Rules are not supported for listeners of network load balancers");
            }
            if (priority == null) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "A priority must be specified");
            }
            checkPriority(priority);
            if (store.rules(listenerArn).stream().anyMatch(r -> r.priority() == priority)) {
                throw new ElbRefusal(ElbRefusal.Reason.PRIORITY_IN_USE, "Priority '" + priority + "' is currently in use");
            }
            long rules = store.listeners(lb.arn()).stream().mapToLong(x -> store.rules(x.arn()).size()).sum();
            if (rules >= MAX_RULES) {
                throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_RULES, "The maximum number of rules has been reached");
            }
            checks.conditions(conditions, true);
            checks.actions(lb, l.protocol(), actions, true);
            String arn = listenerArn.replace(":listener/", ":listener-rule/") + "/" + Ids.hex(16);
            ListenerRule rule = new ListenerRule(arn, listenerArn, account, region, priority, conditions, actions,
                    Tags.add(Map.of(), tags));
            changes.add(rule);
            return rule;
        }
    }

    private static void checkPriority(int priority) {
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "1 validation error detected: Value '" + priority
                    + "' at 'priority' failed to satisfy constraint: Member must have value between 1 and 50000");
        }
    }

    /** Replaces the conditions and/or actions given; the default rule takes only actions (the listener's). */
    public Object modifyRule(String arn, String account, String region, List<RuleCondition> conditions,
                             List<RuleAction> actions, Changes changes) {
        synchronized (store) {
            Listener owner = defaultRuleOwner(arn, account, region);
            if (owner != null) {
                if (!conditions.isEmpty()) {
                    throw new ElbRefusal(ElbRefusal.Reason.OPERATION_NOT_PERMITTED, "Conditions cannot be specified for the default rule");
                }
                return modify(owner.arn(), account, region, null, null, null, null, actions, changes);
            }
            ListenerRule rule = rule(arn, account, region);
            if (conditions.isEmpty() && actions.isEmpty()) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Either conditions or actions must be specified");
            }
            Listener l = store.listener(rule.listenerArn());
            if (!conditions.isEmpty()) {
                checks.conditions(conditions, true);
            }
            if (!actions.isEmpty()) {
                checks.actions(store.loadBalancer(l.loadBalancerArn()), l.protocol(), actions, true);
            }
            ListenerRule updated = new ListenerRule(arn, rule.listenerArn(), account, region, rule.priority(),
                    conditions.isEmpty() ? rule.conditions() : conditions, actions.isEmpty() ? rule.actions() : actions,
                    rule.tags());
            changes.add(updated);
            return updated;
        }
    }

    /** The listener whose default rule this ARN is, or {@code null}. */
    public Listener defaultRuleOwner(String ruleArn, String account, String region) {
        if (ruleArn == null || !ruleArn.contains(":listener-rule/")) {
            return null;
        }
        String listenerArn = ruleArn.substring(0, ruleArn.lastIndexOf('/')).replace(":listener-rule/", ":listener/");
        Listener l = store.listener(listenerArn);
        return l != null && l.account().equals(account) && l.region().equals(region) && l.defaultRuleArn().equals(ruleArn)
                ? l : null;
    }

    public ListenerRule rule(String arn, String account, String region) {
        ListenerRule r = store.rule(arn);
        if (r == null || !r.account().equals(account) || !r.region().equals(region)) {
            throw new ElbRefusal(ElbRefusal.Reason.RULE_NOT_FOUND, "One or more rules not found");
        }
        return r;
    }

    public void deleteRule(String arn, String account, String region, Changes changes) {
        synchronized (store) {
            if (defaultRuleOwner(arn, account, region) != null) {
                throw new ElbRefusal(ElbRefusal.Reason.OPERATION_NOT_PERMITTED, "The default rule cannot be deleted");
            }
            rule(arn, account, region);
            changes.add(new ElbStore.RuleDeleted(arn));
        }
    }

    /** Moves rules to new priorities, all or nothing. */
    public List<ListenerRule> setPriorities(String account, String region, Map<String, Integer> priorities,
                                            Changes changes) {
        synchronized (store) {
            Set<Integer> seen = new HashSet<>();
            List<ListenerRule> moved = new ArrayList<>();
            for (Map.Entry<String, Integer> e : priorities.entrySet()) {
                if (defaultRuleOwner(e.getKey(), account, region) != null) {
                    throw new ElbRefusal(ElbRefusal.Reason.OPERATION_NOT_PERMITTED, "The default rule's priority cannot be changed");
                }
                ListenerRule r = rule(e.getKey(), account, region);
                checkPriority(e.getValue());
                if (!seen.add(e.getValue())) {
                    throw new ElbRefusal(ElbRefusal.Reason.PRIORITY_IN_USE, "Priority '" + e.getValue() + "' was provided multiple times");
                }
                moved.add(r.withPriority(e.getValue()));
            }
            for (ListenerRule m : moved) {
                for (ListenerRule other : store.rules(m.listenerArn())) {
                    if (other.priority() == m.priority() && !priorities.containsKey(other.arn())) {
                        throw new ElbRefusal(ElbRefusal.Reason.PRIORITY_IN_USE, "Priority '" + m.priority() + "' is currently in use");
                    }
                }
            }
            moved.forEach(changes::add);
            return moved;
        }
    }
}
