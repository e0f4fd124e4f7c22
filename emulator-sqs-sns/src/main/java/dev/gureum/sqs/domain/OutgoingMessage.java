package dev.gureum.sqs.domain;

import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sqs.domain.MessageRules.AttributeInput;
import dev.gureum.sqs.domain.SqsException.Reason;

import java.util.Map;

/**
 * A message ready to be sent to a queue, checked against it: a per-message delay only on standard queues
 * (0 to 900 seconds), a group id and a deduplication id (explicit, or the body's SHA-256 with content-based
 * deduplication) on FIFO queues and neither id's absence elsewhere, and a size within the queue's maximum.
 *
 * @param deduplicationId the explicit or content-based id on FIFO queues, {@code null} on standard ones
 * @param size            the size SQS counts against the maximum message size
 */
public record OutgoingMessage(String body, Map<String, MessageAttribute> attributes,
                              Map<String, MessageAttribute> systemAttributes, Integer delaySeconds, String groupId,
                              String deduplicationId, int size) {

    /**
     * A send's fields as a request gives them. They are read in the order SQS checks them, so a request
     * may parse each one only when it is asked for, and report the first problem SQS would.
     */
    public interface Fields {
        String body();

        Map<String, AttributeInput> attributes();

        Map<String, AttributeInput> systemAttributes();

        Integer delaySeconds();

        String groupId();

        String deduplicationId();
    }

    /** Fields given as plain values. */
    public record Given(String body, Map<String, AttributeInput> attributes, Map<String, AttributeInput> systemAttributes,
                        Integer delaySeconds, String groupId, String deduplicationId) implements Fields {
    }

    /** Checks a send to {@code queue}, in the order SQS reports problems. */
    public static OutgoingMessage of(SqsQueue queue, Fields fields) {
        String body = fields.body();
        MessageRules.checkCharacters(body);
        Map<String, MessageAttribute> checkedAttributes = MessageRules.messageAttributes(fields.attributes());
        Map<String, MessageAttribute> checkedSystem = MessageRules.systemAttributes(fields.systemAttributes());
        Integer delaySeconds = fields.delaySeconds();
        if (delaySeconds != null) {
            if (queue.isFifo()) {
                throw new SqsException(Reason.DELAY_NOT_ALLOWED_ON_FIFO, delaySeconds);
            }
            if (delaySeconds < 0 || delaySeconds > 900) {
                throw new SqsException(Reason.DELAY_OUT_OF_RANGE, delaySeconds);
            }
        }
        String groupId = fields.groupId();
        String dedupId = fields.deduplicationId();
        if (queue.isFifo()) {
            if (groupId == null) {
                throw new SqsException(Reason.GROUP_ID_REQUIRED);
            }
            if (dedupId == null) {
                if (!"true".equals(queue.attribute(QueueAttributes.CONTENT_BASED_DEDUPLICATION))) {
                    throw new SqsException(Reason.DEDUPLICATION_ID_REQUIRED);
                }
                dedupId = Deduplication.contentBasedId(body);
            }
            MessageRules.checkIdToken("MessageDeduplicationId", dedupId);
        } else if (dedupId != null) {
            throw new SqsException(Reason.DEDUPLICATION_ID_NOT_ALLOWED, dedupId);
        }
        if (groupId != null) {
            MessageRules.checkIdToken("MessageGroupId", groupId);
        }
        int size = MessageRules.size(body, checkedAttributes);
        int max = queue.maximumMessageSize();
        if (size > max) {
            throw new SqsException(Reason.MESSAGE_TOO_LONG, max);
        }
        return new OutgoingMessage(body, checkedAttributes, checkedSystem, delaySeconds, groupId, dedupId, size);
    }

    /**
     * A message another service (SNS, S3 notifications) delivers as the queue's owner: its body and
     * attributes are the service's own, so only the FIFO ids are settled (content-based when none is given).
     */
    public static OutgoingMessage delivered(SqsQueue queue, String body, Map<String, MessageAttribute> attributes,
                                            String groupId, String deduplicationId) {
        String dedupId = !queue.isFifo() ? null
                : deduplicationId == null ? Deduplication.contentBasedId(body) : deduplicationId;
        if (queue.isFifo() && groupId == null) {
            throw new SqsException(Reason.GROUP_ID_REQUIRED);
        }
        return new OutgoingMessage(body, attributes == null ? Map.of() : attributes, Map.of(), null, groupId,
                dedupId, 0);
    }
}
