package dev.gureum.server.sts;

import dev.gureum.core.error.AwsError;

/** STS's error codes (botocore model {@code sts/2011-06-15}). */
enum StsError implements AwsError {
    VALIDATION_ERROR("ValidationError", 400),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400),
    IDP_COMMUNICATION_ERROR("IDPCommunicationError", 400),
    EXPIRED_TOKEN("ExpiredTokenException", 400),
    INVALID_AUTHORIZATION_MESSAGE("InvalidAuthorizationMessageException", 400);

    private final String code;
    private final int status;

    StsError(String code, int status) {
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
