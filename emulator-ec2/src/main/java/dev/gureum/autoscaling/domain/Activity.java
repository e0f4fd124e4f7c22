package dev.gureum.autoscaling.domain;

import java.time.Instant;

/** A scaling activity: what the group did, why (AWS's cause text), and how it went. */
public record Activity(String id, String account, String region, String groupName, String groupArn, String description,
                       String cause, Instant startTime, Instant endTime, String statusCode, String statusMessage,
                       int progress, String details) {

    public static final String SUCCESSFUL = "Successful";
    public static final String FAILED = "Failed";
    public static final String IN_PROGRESS = "InProgress";
    public static final String PRE_IN_SERVICE = "PreInService";
    public static final String MID_LIFECYCLE_ACTION = "MidLifecycleAction";
    public static final String CANCELLED = "Cancelled";

    public boolean finished() {
        return statusCode.equals(SUCCESSFUL) || statusCode.equals(FAILED) || statusCode.equals(CANCELLED);
    }

    public Activity ended(String status, String message, Instant at) {
        return new Activity(id, account, region, groupName, groupArn, description, cause, startTime, at, status, message,
                100, details);
    }

    public Activity withStatus(String status) {
        return new Activity(id, account, region, groupName, groupArn, description, cause, startTime, endTime, status,
                statusMessage, progress, details);
    }
}
