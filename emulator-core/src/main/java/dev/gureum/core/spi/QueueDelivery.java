package dev.gureum.core.spi;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends messages to SQS queues on behalf of other services (SNS subscriptions, S3 notifications). A queue
 * of another account than the sender's resource takes the message only where its policy allows the
 * sender {@code sqs:SendMessage}.
 */
public interface QueueDelivery {

    /**
     * A message to enqueue.
     *
     * @param messageGroupId  for FIFO queues, else {@code null}
     * @param deduplicationId for FIFO queues, else {@code null}
     */
    record OutgoingMessage(String body, Map<String, MessageAttribute> attributes, String messageGroupId,
                           String deduplicationId) {
        public OutgoingMessage {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /**
     * Enqueues the message in the queue with this ARN, whichever account and region it is in.
     *
     * @param sender the service and the resource it sends for
     * @return the new message's id
     * @throws dev.gureum.core.error.AwsException when the queue does not exist, its policy does not allow the
     *                                            sender, or it refuses the message
     */
    String send(Caller sender, String queueArn, OutgoingMessage message);

    /**
     * As {@link #send}, and the stage completes when the message is durable (at once when the server keeps
     * no state), for senders that answer their own client only once what they delivered is kept (SNS's
     * {@code Publish} to queue subscriptions).
     */
    default CompletionStage<String> sendDurably(Caller sender, String queueArn, OutgoingMessage message) {
        return CompletableFuture.completedFuture(send(sender, queueArn, message));
    }
}
