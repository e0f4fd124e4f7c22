package dev.gureum.lambda.logs;

import dev.gureum.core.error.AwsError;

/** CloudWatch Logs' error codes. */
enum LogsError implements AwsError {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400),
    INVALID_PARAMETER("InvalidParameterException", 400),
    ACCESS_DENIED("AccessDeniedException", 400);

    private final String code;
    private final int status;

    LogsError(String code, int status) {
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
