package dev.gureum.sqs.domain;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A FIFO queue's message groups, in order of first arrival, each with its messages in order. Not
 * thread-safe: the queue calls it under its monitor.
 */
final class FifoGroups {

    private final LinkedHashMap<String, ArrayDeque<SqsMessage>> groups = new LinkedHashMap<>();

    void add(SqsMessage message) {
        groups.computeIfAbsent(message.groupId(), g -> new ArrayDeque<>()).addLast(message);
    }

    void remove(SqsMessage message) {
        ArrayDeque<SqsMessage> group = groups.get(message.groupId());
        if (group != null) {
            group.remove(message);
            if (group.isEmpty()) {
                groups.remove(message.groupId());
            }
        }
    }

    void clear() {
        groups.clear();
    }

    /**
     * Offers each group's messages in order to {@code take} until {@code full}; a group stops at the first
     * message {@code take} refuses (one in flight or delayed keeps the rest of its group back). Messages
     * deleted meanwhile are skipped, and dropped from their groups afterwards.
     */
    void offer(BooleanSupplier full, Predicate<SqsMessage> take) {
        Iterator<Map.Entry<String, ArrayDeque<SqsMessage>>> it = groups.entrySet().iterator();
        while (it.hasNext() && !full.getAsBoolean()) {
            ArrayDeque<SqsMessage> group = it.next().getValue();
            for (SqsMessage candidate : group) {
                if (full.getAsBoolean()) {
                    break;
                }
                if (candidate.deleted) {
                    continue;
                }
                if (!take.test(candidate)) {
                    break;
                }
            }
            group.removeIf(c -> c.deleted);
            if (group.isEmpty()) {
                it.remove();
            }
        }
    }
}
