package dev.gureum.sqs.domain;

import java.time.Instant;

/**
 * A queue's state set from its records (at start, or from a state file). Deadlines are instants, so a
 * message whose delay or visibility timeout ran out while Gureum was stopped is visible at once.
 */
final class QueueReplay {

    private QueueReplay() {
    }

    /** Sets the configuration a record holds. */
    static void settings(SqsQueue queue, SqsRecords.QueueRecord r) {
        synchronized (queue) {
            queue.settings.restore(r.attributes(), r.tags(), r.permissions(), r.redrivePolicy(), r.lastModified());
            queue.sequence = Math.max(queue.sequence, r.sequence());
            queue.lastPurge = r.lastPurge();
        }
    }

    /** Adds or replaces a message with its delivery state, and its place in the deduplication window. */
    static void message(SqsQueue queue, SqsRecords.MessageRecord r) {
        synchronized (queue) {
            SqsMessage existing = queue.store.get(r.messageId());
            if (existing != null) {
                queue.remove(existing);
            }
            SqsMessage m = SqsRecords.message(r);
            advanceSequence(queue, m.sequenceNumber());
            if (r.deduplicationKey() != null) {
                queue.deduplication.remember(r.deduplicationKey(), new SqsQueue.Sent(m.messageId(), m.sequenceNumber(),
                        m.md5OfBody(), m.md5OfAttributes(), m.md5OfSystemAttributes(), null), m.sent());
            }
            Instant now = queue.clock.instant();
            m.inFlight = r.inFlight() && m.visibleAt.isAfter(now);
            queue.enqueue(m, now);
        }
    }

    /** Sets a message's delivery state: after a receive or a change of visibility. */
    static void state(SqsQueue queue, SqsRecords.MessageState r) {
        synchronized (queue) {
            SqsMessage m = queue.store.get(r.messageId());
            if (m == null) {
                return;
            }
            boolean wasInFlight = m.inFlight;
            m.receiptToken = r.receiptToken();
            m.receiveCount = r.receiveCount();
            m.firstReceived = r.firstReceived();
            m.visibleAt = r.visibleAt();
            m.generation++;
            if (r.inFlight() && m.visibleAt.isAfter(queue.clock.instant())) {
                m.inFlight = true;
                queue.timers.schedule(m);
            } else if (wasInFlight) {
                queue.makeVisible(m);
            }
            // else it is visible already, and in line once: a run of receives with no visibility timeout
            // must not line it up once per receive
        }
    }

    static void deleted(SqsQueue queue, String messageId) {
        synchronized (queue) {
            SqsMessage m = queue.store.get(messageId);
            if (m != null) {
                queue.remove(m);
            }
        }
    }

    static void deduplication(SqsQueue queue, SqsRecords.DeduplicationEntry r) {
        synchronized (queue) {
            advanceSequence(queue, r.sequenceNumber());
            queue.deduplication.remember(r.key(), new SqsQueue.Sent(r.messageId(), r.sequenceNumber(), null, null, null,
                    null), r.expires().minus(Deduplication.INTERVAL));
        }
    }

    /** FIFO sequence numbers go on from the highest one given out. */
    private static void advanceSequence(SqsQueue queue, String sequenceNumber) {
        if (sequenceNumber != null) {
            queue.sequence = Math.max(queue.sequence, Long.parseLong(sequenceNumber));
        }
    }
}
