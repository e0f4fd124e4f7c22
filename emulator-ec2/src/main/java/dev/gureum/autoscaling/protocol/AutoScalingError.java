package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingRefusal;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;

/** Auto Scaling's error codes (botocore model {@code autoscaling/2011-01-01}), sender faults. */
public enum AutoScalingError implements AwsError {
    VALIDATION_ERROR("ValidationError", 400),
    ALREADY_EXISTS("AlreadyExists", 400),
    RESOURCE_IN_USE("ResourceInUse", 400),
    SCALING_ACTIVITY_IN_PROGRESS("ScalingActivityInProgress", 400),
    LIMIT_EXCEEDED("LimitExceeded", 400),
    INVALID_NEXT_TOKEN("InvalidNextToken", 400);

    private final String code;
    private final int status;

    AutoScalingError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    /** The one mapping of the domain's refusals to the API's errors. */
    static AwsException of(AutoScalingRefusal refusal) {
        AutoScalingError error = switch (refusal.reason()) {
            case VALIDATION -> VALIDATION_ERROR;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
            case RESOURCE_IN_USE -> RESOURCE_IN_USE;
            case SCALING_ACTIVITY_IN_PROGRESS -> SCALING_ACTIVITY_IN_PROGRESS;
            case LIMIT_EXCEEDED -> LIMIT_EXCEEDED;
            case INVALID_NEXT_TOKEN -> INVALID_NEXT_TOKEN;
        };
        return new AwsException(error, refusal.getMessage());
    }
}
