package dev.gureum.monitoring.protocol;

import dev.gureum.core.error.AwsError;

/**
 * CloudWatch's error codes: the shape name its JSON and CBOR forms put in {@code __type}, and the code of
 * its query form (also the {@code x-amzn-query-error} header's, which boto3 reports as the error code).
 */
public enum CloudWatchError implements AwsError {
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombinationException", "InvalidParameterCombination", 400),
    MISSING_PARAMETER("MissingRequiredParameterException", "MissingParameter", 400),
    INVALID_NEXT_TOKEN("InvalidNextToken", "InvalidNextToken", 400),
    VALIDATION_ERROR("ValidationError", "ValidationError", 400),
    DASHBOARD_INVALID_INPUT("DashboardInvalidInputError", "InvalidParameterInput", 400),
    DASHBOARD_NOT_FOUND("DashboardNotFoundError", "ResourceNotFound", 404);

    private final String code;
    private final String queryCode;
    private final int status;

    CloudWatchError(String code, String queryCode, int status) {
        this.code = code;
        this.queryCode = queryCode;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String queryCode() {
        return queryCode;
    }

    @Override
    public int status() {
        return status;
    }
}
