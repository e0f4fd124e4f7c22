package dev.gureum.autoscaling.domain;

/** A request Auto Scaling refuses, with the reason its API reports; the protocol maps reasons to codes. */
public final class AutoScalingRefusal extends RuntimeException {

    /** One per error of the API that Gureum reports. */
    public enum Reason {
        VALIDATION, ALREADY_EXISTS, RESOURCE_IN_USE, SCALING_ACTIVITY_IN_PROGRESS, LIMIT_EXCEEDED, INVALID_NEXT_TOKEN
    }

    private final Reason reason;

    public AutoScalingRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public static AutoScalingRefusal validation(String message) {
        return new AutoScalingRefusal(Reason.VALIDATION, message);
    }

    public Reason reason() {
        return reason;
    }
}
