package dev.gureum.autoscaling.domain;

/**
 * A lifecycle hook: instances launching (or terminating) wait in {@code Pending:Wait} ({@code Terminating:Wait})
 * until the action is completed, or its heartbeat timeout passes and the default result applies.
 */
public record LifecycleHook(String account, String region, String groupName, String name, String transition,
                            String notificationTargetArn, String roleArn, String notificationMetadata,
                            int heartbeatTimeout, String defaultResult) implements AutoScalingStore.Extension {

    public static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
    public static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

    @Override
    public String key() {
        return "hook|" + account + "|" + region + "|" + groupName + "|" + name;
    }

    /** The most an action can wait, heartbeats included: 100 timeouts or 48 hours, whichever is less. */
    public int globalTimeout() {
        return Math.min(100 * heartbeatTimeout, 172800);
    }
}
