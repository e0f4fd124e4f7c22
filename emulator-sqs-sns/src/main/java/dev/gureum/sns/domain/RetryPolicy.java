package dev.gureum.sns.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/S delivery policy's {@code healthyRetryPolicy}: after a failed attempt, {@code numNoDelayRetries}
 * immediate retries, {@code numMinDelayRetries} at the minimum delay, a back-off phase from the minimum
 * to the maximum delay, then {@code numMaxDelayRetries} at the maximum; {@code numRetries} in all.
 */
public record RetryPolicy(int minDelayTarget, int maxDelayTarget, int numRetries, int numMaxDelayRetries,
                          int numNoDelayRetries, int numMinDelayRetries, String backoffFunction) {

    /** AWS's default for HTTP/S: three retries, twenty seconds apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(20, 20, 3, 0, 0, 0, "linear");

    /** The waits before each retry, in order. */
    public List<Duration> delays() {
        List<Duration> delays = new ArrayList<>(numRetries);
        int backoff = Math.max(0, numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries);
        for (int i = 0; i < numNoDelayRetries && delays.size() < numRetries; i++) {
            delays.add(Duration.ZERO);
        }
        for (int i = 0; i < numMinDelayRetries && delays.size() < numRetries; i++) {
            delays.add(Duration.ofSeconds(minDelayTarget));
        }
        for (int i = 1; i <= backoff && delays.size() < numRetries; i++) {
            delays.add(backoffDelay(i, backoff));
        }
        while (delays.size() < numRetries) {
            delays.add(Duration.ofSeconds(maxDelayTarget));
        }
        return delays;
    }

    /**
     * The i-th of n back-off delays, rising from the minimum to the maximum along the curve AWS's
     * documentation draws for the function: a straight line, a parabola, a geometric progression, or a
     * curve that stays low and rises late (exponential).
     */
    private Duration backoffDelay(int i, int n) {
        double min = minDelayTarget;
        double max = maxDelayTarget;
        double p = n == 1 ? 1.0 : (double) (i - 1) / (n - 1);
        double seconds = switch (backoffFunction == null ? "linear" : backoffFunction) {
            case "arithmetic" -> min + (max - min) * p * p;
            case "geometric" -> min <= 0 ? max * p : min * Math.pow(max / min, p);
            case "exponential" -> min + (max - min) * (Math.expm1(4 * p) / Math.expm1(4));
            default -> min + (max - min) * p;
        };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
