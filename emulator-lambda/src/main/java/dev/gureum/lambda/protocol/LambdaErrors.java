package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;

/** The messages AWS words its common Lambda errors with. */
public final class LambdaErrors {

    private LambdaErrors() {
    }

    public static AwsException functionNotFound(String functionArn) {
        return new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Function not found: " + functionArn)
                ;
    }

    public static AwsException notFound(String message) {
        return new AwsException(LambdaError.RESOURCE_NOT_FOUND, message);
    }

    public static AwsException conflict(String message) {
        return new AwsException(LambdaError.RESOURCE_CONFLICT, message);
    }

    public static AwsException invalid(String message) {
        return new AwsException(LambdaError.INVALID_PARAMETER_VALUE, message);
    }

    /** A member that breaks its model constraint, in the words of AWS's request validation. */
    public static AwsException validation(String member, Object value, String constraint) {
        return new AwsException(LambdaError.VALIDATION, "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: " + constraint);
    }

    public static AwsException revisionMismatch() {
        return new AwsException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided does not match the latest "
                + "Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }
}
