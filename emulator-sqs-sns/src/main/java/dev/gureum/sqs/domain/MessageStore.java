package dev.gureum.sqs.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue's messages by id, in arrival order, with the standard queue's visible ones in delivery order,
 * and the receipt handles that name them. Not thread-safe: the queue calls it under its monitor.
 */
final class MessageStore {

    /** How many messages are visible, in flight and delayed, as GetQueueAttributes counts them. */
    record Counts(int visible, int notVisible, int delayed) {
    }

    private static final Base64.Encoder HANDLES = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, SqsMessage> messages = new LinkedHashMap<>();
    private final ArrayDeque<SqsMessage> ready = new ArrayDeque<>();

    void add(SqsMessage message) {
        messages.put(message.messageId(), message);
    }

    SqsMessage get(String messageId) {
        return messages.get(messageId);
    }

    /** Marks the message deleted, which voids its timers and its place in line. */
    void remove(SqsMessage message) {
        message.deleted = true;
        messages.remove(message.messageId());
    }

    /** Lines a visible message of a standard queue up for delivery. */
    void ready(SqsMessage message) {
        ready.addLast(message);
    }

    /** The next standard queue message in line, or {@code null}. */
    SqsMessage nextReady() {
        return ready.pollFirst();
    }

    /** Every message, in arrival order (a copy). */
    List<SqsMessage> all() {
        return new ArrayList<>(messages.values());
    }

    void clear() {
        messages.values().forEach(m -> m.deleted = true);
        messages.clear();
        ready.clear();
    }

    Counts counts(Instant now, long retentionSeconds) {
        int visible = 0;
        int notVisible = 0;
        int delayed = 0;
        for (SqsMessage m : messages.values()) {
            if (m.sent().plusSeconds(retentionSeconds).isBefore(now)) {
                continue;
            }
            if (m.inFlight && m.visibleAt.isAfter(now)) {
                notVisible++;
            } else if (!m.inFlight && m.visibleAt.isAfter(now)) {
                delayed++;
            } else {
                visible++;
            }
        }
        return new Counts(visible, notVisible, delayed);
    }

    /** When the oldest message still kept was sent, or {@code null} when the queue holds none. */
    Instant oldestSent(Instant now, long retentionSeconds) {
        for (SqsMessage m : messages.values()) {
            if (!m.sent().plusSeconds(retentionSeconds).isBefore(now)) {
                return m.sent();
            }
        }
        return null;
    }

    // ---- receipt handles: the queue, the message and the receive they come from ------------------

    static String receiptHandle(String queueArn, SqsMessage m) {
        String raw = queueArn + "\n" + m.messageId() + "\n" + m.receiptToken;
        return HANDLES.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A receipt handle's parts (queue ARN, message id, receive token), or {@code null} if it is not one. */
    static String[] parseReceiptHandle(String queueArn, String handle) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            raw = "";
        }
        String[] parts = raw.split("\n", -1);
        return parts.length != 3 || !parts[0].equals(queueArn) ? null : parts;
    }
}
