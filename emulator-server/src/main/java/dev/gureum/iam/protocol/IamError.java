package dev.gureum.iam.protocol;

import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.iam.domain.IamRefusal;

/** IAM's error codes (botocore model {@code iam/2010-05-08}) and the one mapping of IAM's refusals to them. */
enum IamError implements AwsError {
    NO_SUCH_ENTITY("NoSuchEntity", 404),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
    DELETE_CONFLICT("DeleteConflict", 409),
    LIMIT_EXCEEDED("LimitExceeded", 409),
    INVALID_INPUT("InvalidInput", 400),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400),
    POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400),
    VALIDATION_ERROR("ValidationError", 400);

    private final String code;
    private final int status;

    IamError(String code, int status) {
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

    static AwsException of(IamRefusal refusal) {
        IamError error = switch (refusal.reason()) {
            case NO_SUCH_ENTITY -> NO_SUCH_ENTITY;
            case ENTITY_ALREADY_EXISTS -> ENTITY_ALREADY_EXISTS;
            case DELETE_CONFLICT -> DELETE_CONFLICT;
            case LIMIT_EXCEEDED -> LIMIT_EXCEEDED;
            case INVALID_INPUT -> INVALID_INPUT;
            case MALFORMED_POLICY_DOCUMENT -> MALFORMED_POLICY_DOCUMENT;
            case UNMODIFIABLE_ENTITY -> UNMODIFIABLE_ENTITY;
            case POLICY_NOT_ATTACHABLE -> POLICY_NOT_ATTACHABLE;
            case VALIDATION -> VALIDATION_ERROR;
        };
        return new AwsException(error, refusal.getMessage());
    }

    static AwsException validation(String constraint) {
        return new AwsException(VALIDATION_ERROR, "1 validation error detected: " + constraint);
    }
}
