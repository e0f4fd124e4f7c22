package dev.gureum.autoscaling.domain;

import java.time.Instant;

/** An instance waiting on a lifecycle hook: its token, and when the hook's default result applies. */
public record LifecycleAction(String account, String region, String groupName, String hookName, String instanceId,
                              String token, String transition, Instant timeoutAt, Instant globalTimeoutAt)
        implements AutoScalingStore.Extension {

    @Override
    public String key() {
        return "action|" + account + "|" + region + "|" + token;
    }

    public LifecycleAction heartbeat(Instant at) {
        return new LifecycleAction(account, region, groupName, hookName, instanceId, token, transition,
                at.isAfter(globalTimeoutAt) ? globalTimeoutAt : at, globalTimeoutAt);
    }
}
