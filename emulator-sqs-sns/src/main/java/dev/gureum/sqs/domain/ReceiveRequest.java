package dev.gureum.sqs.domain;

import java.time.Duration;

/**
 * What a ReceiveMessage asks for, after validation.
 *
 * @param maxMessages       1 to 10
 * @param visibilityTimeout the visibility timeout for the received messages, or {@code null} for the queue's
 * @param waitTime            how long to wait for a message (long polling), zero for none
 * @param attemptId         FIFO {@code ReceiveRequestAttemptId}, or {@code null}
 */
public record ReceiveRequest(int maxMessages, Integer visibilityTimeout, Duration waitTime, String attemptId) {
}
