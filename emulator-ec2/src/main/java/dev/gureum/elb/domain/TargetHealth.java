package dev.gureum.elb.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of registered targets as their checks found it, with AWS's states and reason codes. It is
 * learnt again after a restart (targets start {@code initial}), as a new load balancer node would.
 */
public final class TargetHealth {

    /** A target's health as DescribeTargetHealth reports it; {@code reason} and {@code description} may be null. */
    public record Status(String state, String reason, String description) {
        public boolean healthy() {
            return state.equals("healthy");
        }
    }

    private record Tracker(String state, String reason, String description, int successes, int failures) {
    }

    private final Map<Target, Tracker> trackers = new ConcurrentHashMap<>();

    /** A registration starts over: its target is {@code initial} until its checks decide. */
    public void registered(Registration r) {
        trackers.remove(id(r));
    }

    public void forget(String targetGroupArn) {
        trackers.keySet().removeIf(k -> k.targetGroupArn().equals(targetGroupArn));
    }

    public void clear() {
        trackers.clear();
    }

    /**
     * Records a health check's outcome. A new target is healthy after its first passing check; then
     * {@code healthyThreshold} passes in a row make an unhealthy target healthy and
     * {@code unhealthyThreshold} failures in a row make any target unhealthy.
     *
     * @param reason {@code Target.Timeout}, {@code Target.ResponseCodeMismatch} or {@code Target.FailedHealthChecks}
     *               when the check failed, else {@code null}
     */
    public void checked(Registration r, HealthCheck check, String reason, String description) {
        trackers.compute(id(r), (k, t) -> {
            Tracker current = t == null ? new Tracker("initial", null, null, 0, 0) : t;
            if (reason == null) {
                int successes = current.successes() + 1;
                boolean healthy = current.state().equals("healthy") || current.state().equals("initial")
                        || successes >= check.healthyThreshold();
                return healthy ? new Tracker("healthy", null, null, successes, 0)
                        : new Tracker(current.state(), current.reason(), current.description(), successes, 0);
            }
            int failures = current.failures() + 1;
            return failures >= check.unhealthyThreshold() ? new Tracker("unhealthy", reason, description, 0, failures)
                    : new Tracker(current.state(), current.reason(), current.description(), 0, failures);
        });
    }

    /**
     * @param registration {@code null} when the target is not registered
     * @param inUse        whether a load balancer forwards to the target's group
     */
    public Status status(TargetGroup group, Registration registration, boolean inUse) {
        if (registration == null) {
            return new Status("unused", "Target.NotRegistered", "Target is not registered to the target group");
        }
        if (registration.drainingUntil() != null) {
            return new Status("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }
        if (!inUse) {
            return new Status("unused", "Target.NotInUse",
                    "Target group is not configured to receive traffic from the load balancer");
        }
        if (!group.healthCheck().enabled()) {
            return new Status("unavailable", "Target.HealthCheckDisabled", "Health checks are disabled");
        }
        Tracker t = trackers.get(id(registration));
        if (t == null || t.state().equals("initial")) {
            return new Status("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
        }
        return new Status(t.state(), t.reason(), t.description());
    }

    /** A registered target of a group, as a key. */
    private record Target(String targetGroupArn, String targetId, int port) {
    }

    private static Target id(Registration r) {
        return new Target(r.targetGroupArn(), r.targetId(), r.port());
    }
}
