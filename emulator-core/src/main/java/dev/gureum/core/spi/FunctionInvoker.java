package dev.gureum.core.spi;

import java.util.concurrent.CompletionStage;

/**
 * Invokes Lambda functions on behalf of other services (SNS, S3 notifications). A service invokes a
 * function only where the function's resource policy allows its service principal, for the resource it
 * acts for, {@code lambda:InvokeFunction}; Lambda checks that on every call.
 */
public interface FunctionInvoker {

    enum InvocationType { REQUEST_RESPONSE, EVENT }

    /**
     * The outcome of a synchronous invocation.
     *
     * @param payload       the function's response bytes
     * @param functionError {@code null}, or {@code Unhandled}/{@code Handled} when the function failed
     */
    record Result(byte[] payload, String functionError) {
    }

    /**
     * Checks, without invoking, that the caller may invoke the function (S3 does when a notification
     * configuration is put).
     *
     * @throws dev.gureum.core.error.AwsException {@code ResourceNotFoundException} when the function does not
     *                                            exist, {@code AccessDeniedException} when its policy does not allow the caller
     */
    void checkInvoke(String functionArn, Caller caller);

    /**
     * @param functionArn a function ARN, qualified or not
     * @param payload     the event as JSON bytes
     * @return a stage that fails with the errors of {@link #checkInvoke} when the caller may not invoke
     */
    CompletionStage<Result> invoke(String functionArn, byte[] payload, InvocationType type, Caller caller);
}
