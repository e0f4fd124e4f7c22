package dev.gureum.monitoring.protocol;

import dev.gureum.core.error.AwsError;

/** CloudWatch's own error codes for alarms (the botocore model's faults); the common ones are in core. */
enum AlarmError implements AwsError {
    /** An alarm named in SetAlarmState or DeleteAlarms does not exist. */
    RESOURCE_NOT_FOUND("ResourceNotFound", 404),
    /** A resource named by ARN in the tagging operations does not exist. */
    RESOURCE_NOT_FOUND_EXCEPTION("ResourceNotFoundException", 404),
    LIMIT_EXCEEDED("LimitExceeded", 400),
    INVALID_FORMAT("InvalidFormat", 400),
    INVALID_NEXT_TOKEN("InvalidNextToken", 400);

    private final String code;
    private final int status;

    AlarmError(String code, int status) {
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
}
