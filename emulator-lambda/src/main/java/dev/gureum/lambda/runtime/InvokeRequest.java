package dev.gureum.lambda.runtime;

/**
 * An invocation as the caller asked for it.
 *
 * @param clientContext       the decoded {@code ClientContext} JSON, or {@code null}
 * @param invokedArn          the ARN the caller invoked (qualified with an alias or version, or not)
 * @param reservedConcurrency the function's reserved concurrency, or {@code null} when it has none
 * @param requestId           the request id the invocation runs with, or {@code null} for a new one (the
 *                            attempts of one asynchronous event share the event's request id, as on AWS)
 */
public record InvokeRequest(byte[] payload, String clientContext, String invokedArn, Integer reservedConcurrency,
                            String requestId) {

    public InvokeRequest(byte[] payload, String clientContext, String invokedArn, Integer reservedConcurrency) {
        this(payload, clientContext, invokedArn, reservedConcurrency, null);
    }
}
