package dev.gureum.sns.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An HTTP/S delivery policy's {@code healthyRetryPolicy}: after a failed attempt, {@code numNoDelayRetries}
 * immediate retries, {@code numMinDelayRetries} at the minimum delay, a back-off phase from the minimum
 * to the maximum delay, then {@code numMaxDelayRetries} at the maximum; {@code numRetries} in all.
 */
public record RetryPolicy(int minDelayTarget, int maxDelayTarget, int numRetries, int numMaxDelayRetries,
                          int numNoDelayRetries, int numMinDelayRetries, String backoffFunction) {

    /** AWS's default for HTTP/S: three retries, twenty seconds apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(20, 20, 3, 0, 0, 0, "linear");

    private static final Set<String> BACKOFF_FUNCTIONS = Set.of("linear", "arithmetic", "geometric", "exponential");
    /** AWS caps the time an HTTP/S message is retried. */
    private static final int MAX_TOTAL_SECONDS = 3600;

    /**
     * The members of a retry policy document as its JSON gives them: each integer member as its decimal
     * text, {@code null} when absent, and any text that is not an integer when the member is not one.
     */
    public record Document(String minDelayTarget, String maxDelayTarget, String numRetries,
                           String numMaxDelayRetries, String numNoDelayRetries, String numMinDelayRetries,
                           String backoffFunction) {
    }

    /**
     * The policy a document describes, with AWS's defaults for what it leaves out, checked as SNS checks
     * it; the default policy for no document.
     */
    public static RetryPolicy of(Document d) {
        if (d == null) {
            return DEFAULT;
        }
        int min = integer(d.minDelayTarget(), "minDelayTarget", DEFAULT.minDelayTarget, 1, MAX_TOTAL_SECONDS);
        int max = integer(d.maxDelayTarget(), "maxDelayTarget", Math.max(min, DEFAULT.maxDelayTarget), 1,
                MAX_TOTAL_SECONDS);
        int retries = integer(d.numRetries(), "numRetries", DEFAULT.numRetries, 0, 100);
        int maxDelayRetries = integer(d.numMaxDelayRetries(), "numMaxDelayRetries", 0, 0, retries);
        int noDelayRetries = integer(d.numNoDelayRetries(), "numNoDelayRetries", 0, 0, retries);
        int minDelayRetries = integer(d.numMinDelayRetries(), "numMinDelayRetries", 0, 0, retries);
        String backoff = d.backoffFunction() == null ? DEFAULT.backoffFunction : d.backoffFunction();
        if (min > max) {
            throw new SnsException(SnsException.Reason.DELIVERY_POLICY_MIN_ABOVE_MAX);
        }
        if (maxDelayRetries + noDelayRetries + minDelayRetries > retries) {
            throw new SnsException(SnsException.Reason.DELIVERY_POLICY_RETRIES_EXCEED_TOTAL);
        }
        if (!BACKOFF_FUNCTIONS.contains(backoff)) {
            throw new SnsException(SnsException.Reason.DELIVERY_POLICY_INVALID_BACKOFF);
        }
        RetryPolicy policy = new RetryPolicy(min, max, retries, maxDelayRetries, noDelayRetries, minDelayRetries,
                backoff);
        long total = policy.delays().stream().mapToLong(Duration::toSeconds).sum();
        if (total > MAX_TOTAL_SECONDS) {
            throw new SnsException(SnsException.Reason.DELIVERY_POLICY_TOO_LONG);
        }
        return policy;
    }

    private static int integer(String text, String name, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SnsException(SnsException.Reason.DELIVERY_POLICY_VALUE_OUT_OF_RANGE, name, min, max);
    }

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
