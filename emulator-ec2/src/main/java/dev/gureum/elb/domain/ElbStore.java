package dev.gureum.elb.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every load balancer, listener, rule, target group and registration of every account and region, keyed by
 * ARN (which carries both). Records are immutable, so readers (the data plane) need no lock; writers
 * change it only through {@link #apply}, under the control plane's lock.
 */
public final class ElbStore {

    /** Removals, one per kind: the ARN of what is gone. */
    public record LoadBalancerDeleted(String arn) {
    }

    public record ListenerDeleted(String arn) {
    }

    public record RuleDeleted(String arn) {
    }

    public record TargetGroupDeleted(String arn) {
    }

    public record RegistrationRemoved(String targetGroupArn, String key) {
    }

    private final Map<String, LoadBalancer> loadBalancers = new ConcurrentHashMap<>();
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<String, ListenerRule> rules = new ConcurrentHashMap<>();
    private final Map<String, TargetGroup> targetGroups = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Registration>> registrations = new ConcurrentHashMap<>();

    public void apply(Object record) {
        if (record instanceof LoadBalancer lb) {
            loadBalancers.put(lb.arn(), lb);
        } else if (record instanceof LoadBalancerDeleted d) {
            loadBalancers.remove(d.arn());
        } else if (record instanceof Listener l) {
            listeners.put(l.arn(), l);
        } else if (record instanceof ListenerDeleted d) {
            listeners.remove(d.arn());
        } else if (record instanceof ListenerRule r) {
            rules.put(r.arn(), r);
        } else if (record instanceof RuleDeleted d) {
            rules.remove(d.arn());
        } else if (record instanceof TargetGroup tg) {
            targetGroups.put(tg.arn(), tg);
        } else if (record instanceof TargetGroupDeleted d) {
            targetGroups.remove(d.arn());
            registrations.remove(d.arn());
        } else if (record instanceof Registration r) {
            registrations.computeIfAbsent(r.targetGroupArn(), k -> new ConcurrentHashMap<>()).put(r.key(), r);
        } else if (record instanceof RegistrationRemoved r) {
            Map<String, Registration> group = registrations.get(r.targetGroupArn());
            if (group != null) {
                group.remove(r.key());
            }
        } else {
            throw new IllegalArgumentException("Not a record of Elastic Load Balancing: " + record);
        }
    }

    public List<Object> records() {
        List<Object> all = new ArrayList<>(loadBalancers.values());
        all.addAll(targetGroups.values());
        all.addAll(listeners.values());
        all.addAll(rules.values());
        registrations.values().forEach(group -> all.addAll(group.values()));
        return all;
    }

    public void clear() {
        loadBalancers.clear();
        listeners.clear();
        rules.clear();
        targetGroups.clear();
        registrations.clear();
    }

    public LoadBalancer loadBalancer(String arn) {
        return arn == null ? null : loadBalancers.get(arn);
    }

    public Listener listener(String arn) {
        return arn == null ? null : listeners.get(arn);
    }

    public ListenerRule rule(String arn) {
        return arn == null ? null : rules.get(arn);
    }

    public TargetGroup targetGroup(String arn) {
        return arn == null ? null : targetGroups.get(arn);
    }

    /** The account's load balancers in the region, oldest first. */
    public List<LoadBalancer> loadBalancers(String account, String region) {
        return loadBalancers.values().stream().filter(lb -> lb.account().equals(account) && lb.region().equals(region))
                .sorted(Comparator.comparing(LoadBalancer::createdTime).thenComparing(LoadBalancer::arn)).toList();
    }

    public List<LoadBalancer> allLoadBalancers() {
        return loadBalancers.values().stream().sorted(Comparator.comparing(LoadBalancer::createdTime)).toList();
    }

    public List<TargetGroup> targetGroups(String account, String region) {
        return targetGroups.values().stream().filter(t -> t.account().equals(account) && t.region().equals(region))
                .sorted(Comparator.comparing(TargetGroup::name)).toList();
    }

    public List<TargetGroup> allTargetGroups() {
        return List.copyOf(targetGroups.values());
    }

    /** A load balancer's listeners, by port. */
    public List<Listener> listeners(String loadBalancerArn) {
        return listeners.values().stream().filter(l -> l.loadBalancerArn().equals(loadBalancerArn))
                .sorted(Comparator.comparingInt(Listener::port)).toList();
    }

    /** A listener's rules, by priority (the default rule is the listener's own actions, not among them). */
    public List<ListenerRule> rules(String listenerArn) {
        return rules.values().stream().filter(r -> r.listenerArn().equals(listenerArn))
                .sorted(Comparator.comparingInt(ListenerRule::priority)).toList();
    }

    /** A target group's registrations, draining ones included. */
    public List<Registration> registrations(String targetGroupArn) {
        Map<String, Registration> group = registrations.get(targetGroupArn);
        return group == null ? List.of() : List.copyOf(group.values());
    }

    public Registration registration(String targetGroupArn, String key) {
        Map<String, Registration> group = registrations.get(targetGroupArn);
        return group == null ? null : group.get(key);
    }

    /** The load balancers whose listeners or rules forward to the target group. */
    public List<String> loadBalancersOf(String targetGroupArn) {
        List<String> arns = new ArrayList<>();
        for (Listener l : listeners.values()) {
            boolean uses = forwardsTo(l.defaultActions(), targetGroupArn);
            for (ListenerRule r : rules.values()) {
                if (!uses && r.listenerArn().equals(l.arn())) {
                    uses = forwardsTo(r.actions(), targetGroupArn);
                }
            }
            if (uses && !arns.contains(l.loadBalancerArn())) {
                arns.add(l.loadBalancerArn());
            }
        }
        return arns;
    }

    private static boolean forwardsTo(List<RuleAction> actions, String targetGroupArn) {
        return actions.stream().anyMatch(a -> a.targetGroups().stream().anyMatch(t -> t.arn().equals(targetGroupArn)));
    }

    /** The load balancer whose host label ({@code my-alb-1234567890}, {@code internal-...}) this is. */
    public LoadBalancer byHostLabel(String label) {
        for (LoadBalancer lb : loadBalancers.values()) {
            if (lb.hostLabel().equalsIgnoreCase(label)) {
                return lb;
            }
        }
        return null;
    }
}
