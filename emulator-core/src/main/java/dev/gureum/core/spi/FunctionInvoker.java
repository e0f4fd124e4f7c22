package dev.gureum.core.spi;

import java.util.concurrent.CompletionStage;

/** Invokes Lambda functions on behalf of other services (SNS, S3 notifications, SQS event sources). */
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
     * @param functionArn a function ARN, qualified or not
     * @param payload     the event as JSON bytes
     */
    CompletionStage<Result> invoke(String functionArn, byte[] payload, InvocationType type);
}
