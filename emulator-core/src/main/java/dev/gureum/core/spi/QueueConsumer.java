package dev.gureum.core.spi;

import dev.gureum.core.auth.Principal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Receives and settles SQS messages on behalf of other services (Lambda event source mappings). Every call
 * names the consumer (a function's execution role, in the function's account): a queue of another account
 * answers it only where the queue's policy allows that principal the action ({@code sqs:ReceiveMessage},
 * {@code sqs:DeleteMessage}, {@code sqs:ChangeMessageVisibility}, {@code sqs:GetQueueAttributes}).
 */
public interface QueueConsumer {

    /**
     * A received message.
     *
     * @param attributes system attributes: {@code ApproximateReceiveCount}, {@code SentTimestamp}, {@code SenderId},
     *                   {@code ApproximateFirstReceiveTimestamp}, and for FIFO queues {@code MessageGroupId},
     *                   {@code MessageDeduplicationId}, {@code SequenceNumber}
     */
    record ReceivedMessage(String messageId, String receiptHandle, String body, String md5OfBody,
                           Map<String, String> attributes, Map<String, MessageAttribute> messageAttributes) {
        public ReceivedMessage {
            attributes = Map.copyOf(attributes);
            messageAttributes = Map.copyOf(messageAttributes);
        }
    }

    /**
     * The queue's attributes ({@code VisibilityTimeout}, {@code FifoQueue}...), which also tells that it exists.
     *
     * @throws dev.gureum.core.error.AwsException when the queue does not exist or the consumer may not read it
     */
    Map<String, String> attributes(Principal consumer, String queueArn);

    /**
     * Receives up to {@code maxMessages} (1 to 10), waiting up to {@code wait} for the first one without
     * holding a thread; the stage completes with an empty list when none came.
     *
     * @param visibilityTimeout seconds, or {@code null} for the queue's own
     */
    CompletionStage<List<ReceivedMessage>> receive(Principal consumer, String queueArn, int maxMessages, Duration wait,
                                                   Integer visibilityTimeout);

    void delete(Principal consumer, String queueArn, String receiptHandle);

    void changeVisibility(Principal consumer, String queueArn, String receiptHandle, int visibilityTimeoutSeconds);
}
