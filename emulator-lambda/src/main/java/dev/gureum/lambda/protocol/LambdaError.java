package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsError;

/** Lambda's error codes, with the HTTP statuses of the Lambda service model. */
public enum LambdaError implements AwsError {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    ACCESS_DENIED("AccessDeniedException", 403),
    RESOURCE_CONFLICT("ResourceConflictException", 409),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
    INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400),
    VALIDATION("ValidationException", 400),
    PRECONDITION_FAILED("PreconditionFailedException", 412),
    TOO_MANY_REQUESTS("TooManyRequestsException", 429),
    REQUEST_TOO_LARGE("RequestTooLargeException", 413),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
    POLICY_LENGTH_EXCEEDED("PolicyLengthExceededException", 400),
    CODE_STORAGE_EXCEEDED("CodeStorageExceededException", 400),
    PROVISIONED_CONCURRENCY_NOT_FOUND("ProvisionedConcurrencyConfigNotFoundException", 404),
    CODE_SIGNING_CONFIG_NOT_FOUND("CodeSigningConfigNotFoundException", 404),
    CODE_VERIFICATION_FAILED("CodeVerificationFailedException", 400),
    SERVICE("ServiceException", 500);

    private final String code;
    private final int status;

    LambdaError(String code, int status) {
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
