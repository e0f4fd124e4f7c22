package dev.gureum.sqs.domain;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * When messages become visible again: the end of a send's delay or of a receive's visibility timeout.
 * A timer is void once its message was deleted or its visibility changed since (its generation moved on).
 * Retention is checked where messages are handed out ({@link #expired}). Not thread-safe: the queue calls
 * it under its monitor.
 */
final class MessageTimers {

    private record Timed(Instant at, SqsMessage message, long generation) {
    }

    private final PriorityQueue<Timed> pending = new PriorityQueue<>((a, b) -> a.at.compareTo(b.at));

    /** Makes {@code message} visible again at its {@code visibleAt}. */
    void schedule(SqsMessage message) {
        pending.add(new Timed(message.visibleAt, message, message.generation));
    }

    /** Hands every message whose timer has run out by {@code now} to {@code visible}. */
    void due(Instant now, Consumer<SqsMessage> visible) {
        while (!pending.isEmpty() && !pending.peek().at.isAfter(now)) {
            Timed t = pending.poll();
            SqsMessage m = t.message;
            if (m.deleted || m.generation != t.generation) {
                continue;
            }
            visible.accept(m);
        }
    }

    /** The next time a message may become visible, or {@code null}. */
    Instant next() {
        return pending.isEmpty() ? null : pending.peek().at;
    }

    void clear() {
        pending.clear();
    }

    /** Whether the message outlived the queue's retention period. */
    static boolean expired(SqsMessage m, long retentionSeconds, Instant now) {
        return !m.sent().plusSeconds(retentionSeconds).isAfter(now);
    }
}
