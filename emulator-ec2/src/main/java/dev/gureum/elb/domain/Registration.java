package dev.gureum.elb.domain;

import java.time.Instant;

/**
 * A target registered with a target group.
 *
 * @param port         the port traffic goes to (the group's unless given; 0 for lambda)
 * @param drainingUntil when a deregistered target's connections are done and it is removed; {@code null} while registered
 */
public record Registration(String targetGroupArn, String targetId, int port, String availabilityZone,
                           Instant drainingUntil) {

    /** The key of a registration in its group: a target id may be registered on several ports. */
    public String key() {
        return targetId + ":" + port;
    }

    public Registration draining(Instant until) {
        return new Registration(targetGroupArn, targetId, port, availabilityZone, until);
    }
}
