package dev.gureum.sqs.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.spi.MessageAttribute;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQS's state as journal records: queues with their configuration, messages with their delivery state,
 * and the changes that happen to messages most often (a receive, a deletion) as small records of their
 * own. Messages are named by their queue's ARN. Deadlines are instants.
 */
public final class SqsRecords {

    private SqsRecords() {
    }

    /** A queue's configuration: everything but its messages. */
    public record QueueRecord(String accountId, String region, String name, boolean fifo, Map<String, String> attributes,
                              Map<String, String> tags, List<QueuePermission> permissions, RedrivePolicy redrivePolicy,
                              Instant created, Instant lastModified, long sequence, Instant lastPurge) {
    }

    /** A queue deleted at {@code at}: its name stays taken for a minute. */
    public record QueueDeleted(String accountId, String region, String name, Instant at) {
    }

    /**
     * A message with its delivery state; {@code deduplicationKey} is set when its send took the key in the
     * FIFO queue's deduplication window.
     */
    public record MessageRecord(String queueArn, String messageId, String body, Map<String, MessageAttribute> attributes,
                                Map<String, MessageAttribute> systemAttributes, String md5OfBody, String md5OfAttributes,
                                String md5OfSystemAttributes, Instant sent, String senderId, String groupId,
                                String deduplicationId, String sequenceNumber, String deadLetterSourceArn,
                                Instant visibleAt, int receiveCount, Instant firstReceived, String receiptToken,
                                boolean inFlight, String deduplicationKey) {
    }

    /** A message's delivery state after a receive or a change of visibility. */
    public record MessageState(String queueArn, String messageId, String receiptToken, Instant visibleAt,
                               int receiveCount, Instant firstReceived, boolean inFlight) {
    }

    public record MessageDeleted(String queueArn, String messageId) {
    }

    /** A message that left the queue {@code fromArn} and arrived in another (a dead-letter move or a redrive). */
    public record MessageMoved(String fromArn, String messageId, MessageRecord arrived) {
    }

    /** Every message of the queue deleted by PurgeQueue at {@code at}. */
    public record QueuePurged(String queueArn, Instant at) {
    }

    /** A FIFO queue's deduplication id, remembered until {@code expires}. */
    public record DeduplicationEntry(String queueArn, String key, String messageId, String sequenceNumber,
                                     Instant expires) {
    }

    /** A message move task, as ListMessageMoveTasks reports it. */
    public record MoveTask(MessageMoveTasks.Task task) {
    }

    static MessageRecord message(String queueArn, SqsMessage m, String deduplicationKey) {
        return new MessageRecord(queueArn, m.messageId(), m.body(), m.attributes(), m.systemAttributes(), m.md5OfBody(),
                m.md5OfAttributes(), m.md5OfSystemAttributes(), m.sent(), m.senderId(), m.groupId(), m.deduplicationId(),
                m.sequenceNumber(), m.deadLetterSourceArn(), m.visibleAt, m.receiveCount, m.firstReceived,
                m.receiptToken, m.inFlight, deduplicationKey);
    }

    static SqsMessage message(MessageRecord r) {
        SqsMessage m = new SqsMessage(r.messageId(), r.body(), r.attributes(), r.systemAttributes(), r.md5OfBody(),
                r.md5OfAttributes(), r.md5OfSystemAttributes(), r.sent(), r.senderId(), r.groupId(), r.deduplicationId(),
                r.sequenceNumber(), r.deadLetterSourceArn(), r.visibleAt());
        m.receiveCount = r.receiveCount();
        m.firstReceived = r.firstReceived();
        m.receiptToken = r.receiptToken();
        return m;
    }

    static MessageState state(String queueArn, SqsMessage m) {
        return new MessageState(queueArn, m.messageId(), m.receiptToken, m.visibleAt, m.receiveCount, m.firstReceived,
                m.inFlight);
    }

    /** The record types of the {@code sqs} journal; tags are never reused. */
    public static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, QueueRecord.class, 1, SqsRecords::writeQueue, (in, v) -> readQueue(in)),
            RecordType.of(2, QueueDeleted.class, 1, (r, out) -> {
                out.writeString(r.accountId());
                out.writeString(r.region());
                out.writeString(r.name());
                out.writeInstant(r.at());
            }, (in, v) -> new QueueDeleted(in.readString(), in.readString(), in.readString(), in.readInstant())),
            RecordType.of(3, MessageRecord.class, 1, SqsRecords::writeMessage, (in, v) -> readMessage(in)),
            RecordType.of(4, MessageState.class, 1, (r, out) -> {
                out.writeString(r.queueArn());
                out.writeString(r.messageId());
                out.writeString(r.receiptToken());
                out.writeInstant(r.visibleAt());
                out.writeInt(r.receiveCount());
                out.writeInstant(r.firstReceived());
                out.writeBoolean(r.inFlight());
            }, (in, v) -> new MessageState(in.readString(), in.readString(), in.readString(), in.readInstant(),
                    in.readInt(), in.readInstant(), in.readBoolean())),
            RecordType.of(5, MessageDeleted.class, 1, (r, out) -> {
                out.writeString(r.queueArn());
                out.writeString(r.messageId());
            }, (in, v) -> new MessageDeleted(in.readString(), in.readString())),
            RecordType.of(6, MessageMoved.class, 1, (r, out) -> {
                out.writeString(r.fromArn());
                out.writeString(r.messageId());
                writeMessage(r.arrived(), out);
            }, (in, v) -> new MessageMoved(in.readString(), in.readString(), readMessage(in))),
            RecordType.of(7, QueuePurged.class, 1, (r, out) -> {
                out.writeString(r.queueArn());
                out.writeInstant(r.at());
            }, (in, v) -> new QueuePurged(in.readString(), in.readInstant())),
            RecordType.of(8, DeduplicationEntry.class, 1, (r, out) -> {
                out.writeString(r.queueArn());
                out.writeString(r.key());
                out.writeString(r.messageId());
                out.writeString(r.sequenceNumber());
                out.writeInstant(r.expires());
            }, (in, v) -> new DeduplicationEntry(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readInstant())),
            RecordType.of(9, MoveTask.class, 1, (r, out) -> {
                MessageMoveTasks.Task t = r.task();
                out.writeString(t.handle());
                out.writeString(t.sourceArn());
                out.writeString(t.destinationArn());
                out.writeInt(t.maxPerSecond() == null ? -1 : t.maxPerSecond());
                out.writeString(t.status());
                out.writeLong(t.moved());
                out.writeLong(t.toMove());
                out.writeString(t.failureReason());
                out.writeInstant(t.started());
            }, (in, v) -> {
                String handle = in.readString();
                String source = in.readString();
                String destination = in.readString();
                int rate = in.readInt();
                return new MoveTask(new MessageMoveTasks.Task(handle, source, destination, rate < 0 ? null : rate,
                        in.readString(), in.readLong(), in.readLong(), in.readString(), in.readInstant()));
            }));

    private static void writeQueue(QueueRecord r, RecordOutput out) throws IOException {
        out.writeString(r.accountId());
        out.writeString(r.region());
        out.writeString(r.name());
        out.writeBoolean(r.fifo());
        out.writeStringMap(r.attributes());
        out.writeStringMap(r.tags());
        out.writeInt(r.permissions().size());
        for (QueuePermission p : r.permissions()) {
            out.writeString(p.label());
            out.writeStringList(p.accountIds());
            out.writeStringList(p.actions());
        }
        out.writeBoolean(r.redrivePolicy() != null);
        if (r.redrivePolicy() != null) {
            out.writeString(r.redrivePolicy().deadLetterTargetArn());
            out.writeInt(r.redrivePolicy().maxReceiveCount());
        }
        out.writeInstant(r.created());
        out.writeInstant(r.lastModified());
        out.writeLong(r.sequence());
        out.writeInstant(r.lastPurge());
    }

    private static QueueRecord readQueue(RecordInput in) throws IOException {
        String account = in.readString();
        String region = in.readString();
        String name = in.readString();
        boolean fifo = in.readBoolean();
        Map<String, String> attributes = in.readStringMap();
        Map<String, String> tags = in.readStringMap();
        int count = in.readInt();
        List<QueuePermission> permissions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permissions.add(new QueuePermission(in.readString(), in.readStringList(), in.readStringList()));
        }
        RedrivePolicy redrive = in.readBoolean() ? new RedrivePolicy(in.readString(), in.readInt()) : null;
        return new QueueRecord(account, region, name, fifo, attributes, tags, permissions, redrive, in.readInstant(),
                in.readInstant(), in.readLong(), in.readInstant());
    }

    private static void writeMessage(MessageRecord r, RecordOutput out) throws IOException {
        out.writeString(r.queueArn());
        out.writeString(r.messageId());
        out.writeString(r.body());
        writeAttributes(r.attributes(), out);
        writeAttributes(r.systemAttributes(), out);
        out.writeString(r.md5OfBody());
        out.writeString(r.md5OfAttributes());
        out.writeString(r.md5OfSystemAttributes());
        out.writeInstant(r.sent());
        out.writeString(r.senderId());
        out.writeString(r.groupId());
        out.writeString(r.deduplicationId());
        out.writeString(r.sequenceNumber());
        out.writeString(r.deadLetterSourceArn());
        out.writeInstant(r.visibleAt());
        out.writeInt(r.receiveCount());
        out.writeInstant(r.firstReceived());
        out.writeString(r.receiptToken());
        out.writeBoolean(r.inFlight());
        out.writeString(r.deduplicationKey());
    }

    private static MessageRecord readMessage(RecordInput in) throws IOException {
        // shared between messages: the queue, the sender, the group, the dead-letter source, the digest of
        // attributes that repeat
        return new MessageRecord(in.readSharedString(), in.readString(), in.readString(), readAttributes(in),
                readAttributes(in), in.readString(), in.readSharedString(), in.readString(), in.readInstant(),
                in.readSharedString(), in.readSharedString(), in.readString(), in.readString(), in.readSharedString(),
                in.readInstant(), in.readInt(), in.readInstant(), in.readString(), in.readBoolean(), in.readString());
    }

    private static void writeAttributes(Map<String, MessageAttribute> attributes, RecordOutput out) throws IOException {
        out.writeInt(attributes.size());
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue().dataType());
            out.writeString(e.getValue().stringValue());
            out.writeByteArray(e.getValue().binaryValue());
        }
    }

    private static Map<String, MessageAttribute> readAttributes(RecordInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("an attribute count of " + count + " is beyond the record");
        }
        if (count == 0) {
            return Map.of();
        } else if (count == 1) { // the message keeps an immutable copy: this is one
            return Map.of(in.readSharedString(), readAttribute(in));
        }
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put(in.readSharedString(), readAttribute(in));
        }
        return attributes;
    }

    /** An attribute: its name and type, and a short string value, are shared between the messages that repeat them. */
    private static MessageAttribute readAttribute(RecordInput in) throws IOException {
        return new MessageAttribute(in.readSharedString(), in.readSharedString(), in.readByteArray());
    }
}
