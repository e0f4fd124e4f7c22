package dev.gureum.autoscaling.domain;

import java.time.Instant;

/**
 * When a group's simple scaling cooldown ends after a simple scaling policy with a {@code Cooldown} of its own
 * changed its capacity: one per group, kept in the journal so that a restart does not end it early.
 */
public record PolicyCooldown(String account, String region, String groupName, Instant until)
        implements AutoScalingStore.Extension {

    static String key(String account, String region, String groupName) {
        return "policy-cooldown|" + AutoScalingStore.key(account, region, groupName);
    }

    @Override
    public String key() {
        return key(account, region, groupName);
    }
}
