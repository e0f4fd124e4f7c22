package dev.gureum.elb.http;

import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Registration;
import dev.gureum.elb.domain.TargetGroup;
import dev.gureum.elb.domain.TargetHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the target of a request in a group: among the healthy ones, or among all registered ones when none
 * is healthy (AWS fails open); never a draining target. Round robin, or the target with the fewest requests
 * in flight ({@code least_outstanding_requests}); a client address sticks to its target with {@code source_ip}
 * stickiness.
 */
final class TargetSelection {

    /** A registered target of a group, as a key. */
    private record Target(String targetGroupArn, String targetId, int port) {
    }

    /** The chosen target, and how many the group shared requests among. */
    record Choice(Registration target, int candidates) {
    }

    private final ElbStore store;
    private final TargetHealth health;
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final Map<Target, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    /** {@code source_ip} stickiness: the target each client address of a group was sent to. */
    private final Map<String, String> sourceTargets = new ConcurrentHashMap<>();

    TargetSelection(ElbStore store, TargetHealth health) {
        this.store = store;
        this.health = health;
    }

    /**
     * The target of a connection from {@code sourceIp}: with {@code source_ip} stickiness (network load
     * balancers), the one that address was sent to before while it may still be chosen, else a new choice.
     */
    Choice choose(TargetGroup tg, String sourceIp) {
        boolean sticky = sourceIp != null && "true".equals(tg.attribute("stickiness.enabled"))
                && "source_ip".equals(tg.attribute("stickiness.type"));
        if (!sticky) {
            return choose(tg);
        }
        String key = tg.arn() + "|" + sourceIp;
        String stuck = sourceTargets.get(key);
        if (stuck != null) {
            Choice choice = ifEligible(tg, stuck);
            if (choice != null) {
                return choice;
            }
        }
        Choice choice = choose(tg);
        if (choice != null) {
            sourceTargets.put(key, choice.target().key());
        }
        return choice;
    }

    /**
     * The registered target {@code key} as a choice, if it may get traffic: not draining, and healthy unless no
     * target of the group is (fail open); else {@code null}.
     */
    Choice ifEligible(TargetGroup tg, String key) {
        Registration r = store.registration(tg.arn(), key);
        if (r == null || r.drainingUntil() != null) {
            return null;
        }
        if (health.status(tg, r, true).healthy()) {
            return new Choice(r, 1);
        }
        for (Registration other : store.registrations(tg.arn())) {
            if (other.drainingUntil() == null && health.status(tg, other, true).healthy()) {
                return null;
            }
        }
        return new Choice(r, 1);
    }

    /** {@code null} when the group has no registered target. */
    Choice choose(TargetGroup tg) {
        List<Registration> registered = new ArrayList<>();
        List<Registration> healthy = new ArrayList<>();
        for (Registration r : store.registrations(tg.arn())) {
            if (r.drainingUntil() != null) {
                continue;
            }
            registered.add(r);
            if (health.status(tg, r, true).healthy()) {
                healthy.add(r);
            }
        }
        if (registered.isEmpty()) {
            return null;
        }
        List<Registration> candidates = healthy.isEmpty() ? registered : healthy;
        candidates.sort(java.util.Comparator.comparing(Registration::key));
        if ("least_outstanding_requests".equals(tg.attribute("load_balancing.algorithm.type"))) {
            Registration best = null;
            int fewest = Integer.MAX_VALUE;
            long start = turns.computeIfAbsent(tg.arn(), k -> new AtomicLong()).getAndIncrement();
            for (int i = 0; i < candidates.size(); i++) {
                // ties go round robin, so that idle targets share the requests
                Registration r = candidates.get((int) ((start + i) % candidates.size()));
                int n = outstanding(r).get();
                if (n < fewest) {
                    best = r;
                    fewest = n;
                }
            }
            return new Choice(best, candidates.size());
        }
        long turn = turns.computeIfAbsent(tg.arn(), k -> new AtomicLong()).getAndIncrement();
        return new Choice(candidates.get((int) (turn % candidates.size())), candidates.size());
    }

    private AtomicInteger outstanding(Registration r) {
        return outstanding.computeIfAbsent(new Target(r.targetGroupArn(), r.targetId(), r.port()),
                k -> new AtomicInteger());
    }

    void started(Registration r) {
        outstanding(r).incrementAndGet();
    }

    void finished(Registration r) {
        outstanding(r).decrementAndGet();
    }
}
