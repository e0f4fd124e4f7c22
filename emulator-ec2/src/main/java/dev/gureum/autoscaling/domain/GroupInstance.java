package dev.gureum.autoscaling.domain;

import java.time.Instant;

/**
 * An instance of a group, as Auto Scaling sees it: its lifecycle state ({@code Pending}, {@code InService},
 * {@code Terminating}...), its health, what it was launched from, and whether it is protected from scale in.
 */
public record GroupInstance(String account, String region, String groupName, String instanceId, String zone,
                            String instanceType, String lifecycleState, String healthStatus,
                            String launchConfigurationName, LaunchTemplateSpec launchTemplate, String imageId,
                            boolean protectedFromScaleIn, boolean spot, Instant launchedAt, String activityId) {

    public static final String PENDING = "Pending";
    public static final String PENDING_WAIT = "Pending:Wait";
    public static final String PENDING_PROCEED = "Pending:Proceed";
    public static final String IN_SERVICE = "InService";
    public static final String TERMINATING = "Terminating";
    public static final String TERMINATING_WAIT = "Terminating:Wait";
    public static final String TERMINATING_PROCEED = "Terminating:Proceed";
    public static final String TERMINATED = "Terminated";
    public static final String STANDBY = "Standby";
    public static final String DETACHING = "Detaching";

    public String key() {
        return AutoScalingStore.key(account, region, instanceId);
    }

    public GroupInstance withState(String state) {
        return new GroupInstance(account, region, groupName, instanceId, zone, instanceType, state, healthStatus,
                launchConfigurationName, launchTemplate, imageId, protectedFromScaleIn, spot, launchedAt, activityId);
    }

    public GroupInstance withHealth(String health) {
        return new GroupInstance(account, region, groupName, instanceId, zone, instanceType, lifecycleState, health,
                launchConfigurationName, launchTemplate, imageId, protectedFromScaleIn, spot, launchedAt, activityId);
    }

    public GroupInstance withProtection(boolean value) {
        return new GroupInstance(account, region, groupName, instanceId, zone, instanceType, lifecycleState,
                healthStatus, launchConfigurationName, launchTemplate, imageId, value, spot, launchedAt, activityId);
    }

    public GroupInstance withActivity(String id) {
        return new GroupInstance(account, region, groupName, instanceId, zone, instanceType, lifecycleState,
                healthStatus, launchConfigurationName, launchTemplate, imageId, protectedFromScaleIn, spot, launchedAt, id);
    }

    /** Counted in the group's capacity: every state but leaving ones and standby. */
    public boolean counted() {
        return switch (lifecycleState) {
            case PENDING, PENDING_WAIT, PENDING_PROCEED, IN_SERVICE -> true;
            default -> false;
        };
    }

    public boolean leaving() {
        return lifecycleState.startsWith(TERMINATING) || lifecycleState.equals(TERMINATED)
                || lifecycleState.equals(DETACHING);
    }
}
