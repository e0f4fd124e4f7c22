package dev.gureum.sqs.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.time.Timers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQS's state as the journal {@code sqs} keeps it: queues, their messages with delivery state, the FIFO
 * deduplication windows, recently deleted names and message move tasks. Receive attempts a FIFO queue
 * can replay ({@code ReceiveRequestAttemptId}) are not kept: after a restart a retried receive is a new one.
 */
public final class SqsState implements DurableState {

    private final QueueStore queues;
    private final MessageMoveTasks moveTasks;
    private final Clock clock;
    private final Timers scheduler;

    public SqsState(QueueStore queues, MessageMoveTasks moveTasks, Clock clock, Timers scheduler) {
        this.queues = queues;
        this.moveTasks = moveTasks;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The queue of the last message record applied, for the records of the same queue after it. */
    private String lastArn;
    private SqsQueue lastQueue;

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public RecordTypes recordTypes() {
        return SqsRecords.TYPES;
    }

    @Override
    public void apply(Object record) {
        if (!(record instanceof SqsRecords.MessageRecord || record instanceof SqsRecords.MessageState
                || record instanceof SqsRecords.MessageDeleted)) {
            lastArn = null; // queues may change: look them up again
        }
        if (record instanceof SqsRecords.QueueRecord r) {
            SqsQueue queue = queues.get(r.accountId(), r.region(), r.name());
            if (queue == null) {
                queue = queues.putIfAbsent(new SqsQueue(r.name(), r.accountId(), r.region(), r.fifo(), Map.of(),
                        Map.of(), r.created(), clock, scheduler, queues));
            }
            QueueReplay.settings(queue, r);
        } else if (record instanceof SqsRecords.QueueDeleted r) {
            queues.restore(r);
        } else if (record instanceof SqsRecords.MessageRecord r) {
            ifQueue(r.queueArn(), q -> QueueReplay.message(q, r));
        } else if (record instanceof SqsRecords.MessageState r) {
            ifQueue(r.queueArn(), q -> QueueReplay.state(q, r));
        } else if (record instanceof SqsRecords.MessageDeleted r) {
            ifQueue(r.queueArn(), q -> QueueReplay.deleted(q, r.messageId()));
        } else if (record instanceof SqsRecords.MessageMoved r) {
            ifQueue(r.fromArn(), q -> QueueReplay.deleted(q, r.messageId()));
            ifQueue(r.arrived().queueArn(), q -> QueueReplay.message(q, r.arrived()));
        } else if (record instanceof SqsRecords.QueuePurged r) {
            ifQueue(r.queueArn(), q -> q.clearMessages(r.at()));
        } else if (record instanceof SqsRecords.DeduplicationEntry r) {
            ifQueue(r.queueArn(), q -> QueueReplay.deduplication(q, r));
        } else if (record instanceof SqsRecords.MoveTask r) {
            moveTasks.restore(r.task());
        } else {
            throw new IllegalArgumentException("Not an SQS record: " + record.getClass().getName());
        }
    }

    /** Records of a queue deleted since are dropped. */
    private void ifQueue(String arn, java.util.function.Consumer<SqsQueue> action) {
        // a snapshot holds a queue's messages one after the other: look the queue up once for them
        SqsQueue queue;
        if (arn.equals(lastArn)) {
            queue = lastQueue;
        } else {
            queue = queues.byArn(arn);
            lastArn = arn;
            lastQueue = queue;
        }
        if (queue != null) {
            action.accept(queue);
        }
    }

    @Override
    public Iterable<?> records() {
        List<Object> out = new ArrayList<>();
        queues.records(out, clock.instant());
        moveTasks.records(out);
        return out;
    }

    @Override
    public void clear() {
        queues.clear();
        moveTasks.clear();
        lastArn = null;
    }
}
