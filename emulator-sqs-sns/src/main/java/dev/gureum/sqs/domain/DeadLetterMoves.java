package dev.gureum.sqs.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages that reached their queue's {@code maxReceiveCount}, taken out under the queue's monitor and
 * handed to the dead-letter queue after it is released (the dead-letter queue takes its own).
 */
final class DeadLetterMoves {

    private record Moved(SqsMessage message, String deadLetterArn) {
    }

    private final List<Moved> moved = new ArrayList<>();

    /** Whether the redrive policy sends this message to the dead-letter queue instead of delivering it. */
    static boolean due(SqsMessage m, RedrivePolicy redrive) {
        return redrive != null && m.receiveCount >= redrive.maxReceiveCount();
    }

    void add(SqsMessage message, RedrivePolicy redrive) {
        moved.add(new Moved(message, redrive.deadLetterTargetArn()));
    }

    boolean isEmpty() {
        return moved.isEmpty();
    }

    /** Delivers the moved messages; a dead-letter queue that no longer exists loses them. */
    void deliver(SqsQueue.Resolver resolver, String sourceArn) {
        for (Moved mv : moved) {
            SqsQueue dlq = resolver.byArn(mv.deadLetterArn);
            if (dlq != null) {
                dlq.accept(mv.message, sourceArn, sourceArn);
            } else {
                resolver.append(new SqsRecords.MessageDeleted(sourceArn, mv.message.messageId()));
            }
        }
    }
}
