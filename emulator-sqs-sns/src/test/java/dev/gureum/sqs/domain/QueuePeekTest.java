package dev.gureum.sqs.domain;

import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A peek at a queue lists its newest messages as they stand and changes nothing. */
class QueuePeekTest {

    private final MutableClock clock = new MutableClock();

    private SqsQueue queue() {
        QueueCatalog catalog = new QueueCatalog(new QueueStore(), clock, null, text -> null);
        return catalog.create("000000000000", "us-east-1", "q", Map.of("VisibilityTimeout", "30"), Map.of());
    }

    private static void send(SqsQueue queue, String body, Integer delaySeconds) {
        queue.send(new OutgoingMessage(body, Map.of(), Map.of(), delaySeconds, null, null, 1), "000000000000");
    }

    @Test
    void listsTheNewestFirstWithWhereEachStands() {
        SqsQueue queue = queue();
        send(queue, "a", null);
        send(queue, "b", null);
        send(queue, "c", 60);
        assertThat(queue.receive(new ReceiveRequest(1, null, Duration.ZERO, null)).join()).hasSize(1);

        List<QueuePeek.Peeked> peeked = QueuePeek.recent(queue, 10);
        assertThat(peeked).extracting(QueuePeek.Peeked::body).containsExactly("c", "b", "a");
        assertThat(peeked).extracting(QueuePeek.Peeked::standing).containsExactly(QueuePeek.Standing.DELAYED,
                QueuePeek.Standing.VISIBLE, QueuePeek.Standing.IN_FLIGHT);
        assertThat(peeked).extracting(QueuePeek.Peeked::receiveCount).containsExactly(0, 0, 1);
        assertThat(QueuePeek.recent(queue, 2)).extracting(QueuePeek.Peeked::body).containsExactly("c", "b");
    }

    @Test
    void changesNoCountAndNoVisibility() {
        SqsQueue queue = queue();
        send(queue, "a", null);
        Map<String, String> before = queue.allAttributes();
        QueuePeek.recent(queue, 10);
        QueuePeek.recent(queue, 10);
        assertThat(queue.allAttributes()).isEqualTo(before);
        List<SqsMessage.Received> got = queue.receive(new ReceiveRequest(10, null, Duration.ZERO, null)).join();
        assertThat(got).hasSize(1);
        assertThat(got.get(0).receiveCount()).isEqualTo(1);
    }
}
