package dev.gureum.sns.domain;

import dev.gureum.core.spi.MessageAttribute;

import java.time.Instant;
import java.util.Map;

/**
 * One published message, as every subscription of the topic receives it.
 *
 * @param perProtocol     with {@code MessageStructure=json}, the message for each protocol that has
 *                        its own (the {@code default} entry is {@code message}); otherwise empty
 * @param groupId         the {@code MessageGroupId}, or {@code null}
 * @param deduplicationId for FIFO topics, the given or content-based deduplication id
 * @param sequenceNumber  for FIFO topics, the topic's sequence number of the message
 */
public record Notification(String messageId, String topicArn, String subject, String message,
                           Map<String, String> perProtocol, Map<String, MessageAttribute> attributes,
                           Instant timestamp, String groupId, String deduplicationId, String sequenceNumber) {

    public Notification {
        perProtocol = perProtocol == null ? Map.of() : Map.copyOf(perProtocol);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The text a subscription of this protocol receives. */
    public String messageFor(String protocol) {
        return perProtocol.getOrDefault(protocol, message);
    }
}
