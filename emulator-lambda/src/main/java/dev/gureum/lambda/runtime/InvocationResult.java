package dev.gureum.lambda.runtime;

/**
 * How an invocation ended.
 *
 * @param payload         the function's response, or the error document when it failed
 * @param functionError   {@code null}, or {@code Unhandled} when the function failed
 * @param logTail         the last 4 KB of the invocation's log
 * @param executedVersion the version that ran
 */
public record InvocationResult(byte[] payload, String functionError, String logTail, String executedVersion) {
}
