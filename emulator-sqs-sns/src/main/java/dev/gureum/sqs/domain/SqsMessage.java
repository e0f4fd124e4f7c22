package dev.gureum.sqs.domain;

import dev.gureum.core.spi.MessageAttribute;

import java.time.Instant;
import java.util.Map;

/**
 * A message in a queue. What was sent is immutable; the delivery state (visibility, receive count,
 * current receipt) changes under the owning queue's lock only.
 */
public final class SqsMessage {

    private final String messageId;
    private final String body;
    private final Map<String, MessageAttribute> attributes;
    private final Map<String, MessageAttribute> systemAttributes;
    private final String md5OfBody;
    private final String md5OfAttributes;
    private final String md5OfSystemAttributes;
    private final Instant sent;
    private final String senderId;
    private final String groupId;
    private final String deduplicationId;
    private final String sequenceNumber;
    private final String deadLetterSourceArn;

    Instant visibleAt;
    int receiveCount;
    Instant firstReceived;
    String receiptToken;
    long generation;
    boolean deleted;
    boolean inFlight;

    public SqsMessage(String messageId, String body, Map<String, MessageAttribute> attributes,
                      Map<String, MessageAttribute> systemAttributes, String md5OfBody, String md5OfAttributes,
                      String md5OfSystemAttributes, Instant sent, String senderId, String groupId,
                      String deduplicationId, String sequenceNumber, String deadLetterSourceArn, Instant visibleAt) {
        this.messageId = messageId;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.systemAttributes = Map.copyOf(systemAttributes);
        this.md5OfBody = md5OfBody;
        this.md5OfAttributes = md5OfAttributes;
        this.md5OfSystemAttributes = md5OfSystemAttributes;
        this.sent = sent;
        this.senderId = senderId;
        this.groupId = groupId;
        this.deduplicationId = deduplicationId;
        this.sequenceNumber = sequenceNumber;
        this.deadLetterSourceArn = deadLetterSourceArn;
        this.visibleAt = visibleAt;
    }

    /** The same message arriving in another queue (dead-letter move, redrive): new delivery state, same content. */
    SqsMessage copyFor(String newSequenceNumber, String sourceArn, Instant now) {
        return new SqsMessage(messageId, body, attributes, systemAttributes, md5OfBody, md5OfAttributes,
                md5OfSystemAttributes, sent, senderId, groupId, deduplicationId, newSequenceNumber, sourceArn, now);
    }

    public String messageId() {
        return messageId;
    }

    public String body() {
        return body;
    }

    public Map<String, MessageAttribute> attributes() {
        return attributes;
    }

    public Map<String, MessageAttribute> systemAttributes() {
        return systemAttributes;
    }

    public String md5OfBody() {
        return md5OfBody;
    }

    public String md5OfAttributes() {
        return md5OfAttributes;
    }

    public String md5OfSystemAttributes() {
        return md5OfSystemAttributes;
    }

    public Instant sent() {
        return sent;
    }

    public String senderId() {
        return senderId;
    }

    public String groupId() {
        return groupId;
    }

    public String deduplicationId() {
        return deduplicationId;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    public String deadLetterSourceArn() {
        return deadLetterSourceArn;
    }

    /** How a received message looked at the moment it was received. */
    public record Received(SqsMessage message, String receiptHandle, int receiveCount, Instant firstReceived) {
    }
}
