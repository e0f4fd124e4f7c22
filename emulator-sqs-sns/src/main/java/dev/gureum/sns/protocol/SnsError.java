package dev.gureum.sns.protocol;

import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;

/** SNS's error codes (botocore model {@code sns/2010-03-31}). */
public enum SnsError implements AwsError {
    INVALID_PARAMETER("InvalidParameter", 400),
    PARAMETER_VALUE_INVALID("ParameterValueInvalid", 400),
    VALIDATION_ERROR("ValidationError", 400),
    NOT_FOUND("NotFound", 404),
    RESOURCE_NOT_FOUND("ResourceNotFound", 404),
    AUTHORIZATION_ERROR("AuthorizationError", 403),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded", 400),
    FILTER_POLICY_LIMIT_EXCEEDED("FilterPolicyLimitExceeded", 403),
    BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct", 400),
    BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", 400),
    EMPTY_BATCH_REQUEST("EmptyBatchRequest", 400),
    INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", 400),
    TOO_MANY_ENTRIES_IN_BATCH_REQUEST("TooManyEntriesInBatchRequest", 400),
    ENDPOINT_DISABLED("EndpointDisabled", 400),
    VERIFICATION("VerificationException", 400);

    private final String code;
    private final int status;

    SnsError(String code, int status) {
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

    /** {@code InvalidParameter} with AWS's message form {@code Invalid parameter: <what>}. */
    static AwsException invalidParameter(String what) {
        return new AwsException(INVALID_PARAMETER, "Invalid parameter: " + what);
    }

    static AwsException invalid(String message) {
        return new AwsException(INVALID_PARAMETER, message);
    }
}
