package dev.gureum.core.error;

/** Errors that every AWS protocol front end can answer, whatever the service. */
public enum CommonError implements AwsError {
    INTERNAL_ERROR("InternalError", 500),
    INTERNAL_FAILURE("InternalFailure", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    NOT_IMPLEMENTED("NotImplemented", 501),
    INVALID_ACTION("InvalidAction", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    /** What REST front ends answer for a path no operation has. */
    UNKNOWN_OPERATION_REST("UnknownOperationException", 404),
    MISSING_ACTION("MissingAction", 400),
    MISSING_PARAMETER("MissingParameter", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400),
    VALIDATION_ERROR("ValidationError", 400),
    VALIDATION_EXCEPTION("ValidationException", 400),
    MALFORMED_QUERY_STRING("MalformedQueryString", 400),
    SERIALIZATION_EXCEPTION("SerializationException", 400),
    MALFORMED_XML("MalformedXML", 400),
    INVALID_REQUEST("InvalidRequest", 400),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
    /** S3's name for a key it does not accept. */
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    ACCESS_DENIED("AccessDenied", 403),
    REQUEST_EXPIRED("RequestExpired", 400),
    /** Temporary credentials past their expiration. */
    EXPIRED_TOKEN("ExpiredToken", 403),
    /** S3's answer to temporary credentials past their expiration. */
    EXPIRED_TOKEN_S3("ExpiredToken", 400),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413);

    private final String code;
    private final int status;

    CommonError(String code, int status) {
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
