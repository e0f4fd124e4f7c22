package dev.gureum.lambda.domain;

import java.time.Instant;

/**
 * How Lambda handles asynchronous invocations of a function, version or alias
 * ({@code PutFunctionEventInvokeConfig}). Members left out are {@code null}: Lambda then retries twice and
 * keeps events for six hours, and reports the members as absent.
 *
 * @param onSuccess the ARN invocation records of successful events go to, or {@code null}
 * @param onFailure the ARN invocation records of discarded events go to, or {@code null}
 */
public record EventInvokeConfig(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds, String onSuccess,
                                String onFailure, Instant lastModified) {

    /** Lambda retries a failed event twice unless told otherwise. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    /** Lambda keeps an event in its queue for up to six hours unless told otherwise. */
    public static final int DEFAULT_EVENT_AGE_SECONDS = 21600;

    /** What applies when a function has no configuration. */
    public static final EventInvokeConfig DEFAULTS = new EventInvokeConfig(null, null, null, null, null);

    public int retryAttempts() {
        return maximumRetryAttempts == null ? DEFAULT_RETRY_ATTEMPTS : maximumRetryAttempts;
    }

    public int eventAgeSeconds() {
        return maximumEventAgeInSeconds == null ? DEFAULT_EVENT_AGE_SECONDS : maximumEventAgeInSeconds;
    }
}
