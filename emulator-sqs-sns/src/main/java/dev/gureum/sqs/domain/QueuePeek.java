package dev.gureum.sqs.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A look at a queue's messages that changes nothing: no receive is counted, no visibility timeout
 * starts, no receipt handle is issued. Gureum's own views use it; SQS has no such operation.
 */
public final class QueuePeek {

    /** Where a message stands: ready to be received, received and not yet visible again, or delayed. */
    public enum Standing { VISIBLE, IN_FLIGHT, DELAYED }

    /** One message as it stands. */
    public record Peeked(String messageId, String body, Instant sent, int receiveCount, Standing standing,
                         String groupId) {
    }

    private QueuePeek() {
    }

    /** The {@code max} most recently sent messages still kept, newest first. */
    public static List<Peeked> recent(SqsQueue queue, int max) {
        List<SqsMessage> all;
        Instant now;
        long retention;
        synchronized (queue) {
            all = queue.store.all();
            now = queue.clock.instant();
            retention = queue.settings.intAttribute(QueueAttributes.MESSAGE_RETENTION_PERIOD);
            List<Peeked> out = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
                SqsMessage m = all.get(i);
                if (m.sent().plusSeconds(retention).isBefore(now)) {
                    continue;
                }
                Standing standing = !m.visibleAt.isAfter(now) ? Standing.VISIBLE
                        : m.inFlight ? Standing.IN_FLIGHT : Standing.DELAYED;
                out.add(new Peeked(m.messageId(), m.body(), m.sent(), m.receiveCount, standing, m.groupId()));
            }
            return out;
        }
    }
}
