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

    /** A receive takes 1 to 10 messages. */
    public static void checkMaxMessages(int maxMessages) {
        if (maxMessages < 1 || maxMessages > 10) {
            throw new SqsException(SqsException.Reason.MAX_MESSAGES_OUT_OF_RANGE, maxMessages);
        }
    }

    /** A visibility timeout, given to a receive or a change, is 0 to 12 hours. */
    public static void checkVisibilityTimeout(Integer seconds) {
        if (seconds != null && (seconds < 0 || seconds > 43_200)) {
            throw new SqsException(SqsException.Reason.VISIBILITY_TIMEOUT_OUT_OF_RANGE, seconds);
        }
    }

    /** A long poll waits at most 20 seconds. */
    public static void checkWaitTime(Integer seconds) {
        if (seconds != null && (seconds < 0 || seconds > 20)) {
            throw new SqsException(SqsException.Reason.WAIT_TIME_OUT_OF_RANGE, seconds);
        }
    }
}
