package dev.gureum.sns.domain;

/**
 * What governs one HTTP/S subscription's deliveries: how failed attempts are retried and the
 * {@code Content-Type} of the notifications.
 */
public record HttpDeliveryPolicy(RetryPolicy retryPolicy, String contentType) {

    public static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";
    public static final HttpDeliveryPolicy DEFAULT = new HttpDeliveryPolicy(RetryPolicy.DEFAULT, DEFAULT_CONTENT_TYPE);
}
