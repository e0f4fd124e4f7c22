package dev.gureum.sqs.domain;

import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** SQS state rebuilt from the records its changes appended, and from the records of a snapshot. */
class SqsStateTest {

    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    private final MutableClock clock = new MutableClock();

    /** A journal that keeps what is appended to it. */
    private static final class Appended implements StateJournal {
        final List<Object> records = new ArrayList<>();

        @Override
        public synchronized CompletionStage<Void> append(Object record) {
            records.add(record);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> reset() {
            records.clear();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> replace(Iterable<?> replacement) {
            return reset();
        }

        @Override
        public boolean durable() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private SqsState rebuilt(QueueStore store, Iterable<?> records) {
        SqsState state = new SqsState(store, new MessageMoveTasks(store, clock), clock, null);
        records.forEach(state::apply);
        return state;
    }

    private SqsQueue rebuiltQueue(List<Object> records) {
        QueueStore store = new QueueStore();
        rebuilt(store, records);
        return store.get(ACCOUNT, REGION, "q");
    }

    private static List<String> bodies(SqsQueue queue, int max, Integer visibility) {
        return queue.receive(new ReceiveRequest(max, visibility, Duration.ZERO, null)).join().stream()
                .map(r -> r.message().body()).toList();
    }

    @Test
    void changesReplayedLeaveEveryMessageWhereItWasAndTimePassesWhileStopped() {
        QueueStore live = new QueueStore();
        Appended journal = new Appended();
        live.journal(journal);
        QueueCatalog catalog = new QueueCatalog(live, clock, null, text -> null);
        SqsQueue queue = catalog.create(ACCOUNT, REGION, "q", Map.of("VisibilityTimeout", "30"), Map.of("t", "v"));
        queue.saveSettings();
        for (String body : List.of("a", "b", "c")) {
            queue.send(new OutgoingMessage(body, Map.of(), Map.of(), null, null, null, 1), ACCOUNT);
        }
        assertThat(bodies(queue, 1, null)).containsExactly("a"); // in flight for 30 s
        for (int i = 0; i < 3; i++) {
            // received again and again without a visibility timeout: still visible
            assertThat(bodies(queue, 1, 0)).containsExactly("b");
            assertThat(bodies(queue, 1, 0)).containsExactly("c");
        }
        SqsQueue.Sent deleted = queue.send(new OutgoingMessage("d", Map.of(), Map.of(), null, null, null, 1), ACCOUNT);
        for (SqsMessage.Received r : queue.receive(new ReceiveRequest(10, null, Duration.ZERO, null)).join()) {
            if (r.message().messageId().equals(deleted.messageId())) {
                queue.delete(r.receiptHandle());
            } else {
                queue.changeVisibility(r.receiptHandle(), 0); // b and c, visible again
            }
        }
        Map<String, String> attributes = queue.allAttributes();

        QueueStore fromJournal = new QueueStore();
        rebuilt(fromJournal, journal.records);
        SqsQueue replayed = fromJournal.get(ACCOUNT, REGION, "q");
        assertThat(replayed.allAttributes()).isEqualTo(attributes);
        assertThat(replayed.tags()).isEqualTo(Map.of("t", "v"));

        // the replayed receives line each visible message up once
        assertThat(bodies(rebuiltQueue(journal.records), 10, 30)).containsExactly("b", "c");

        QueueStore fromSnapshot = new QueueStore();
        rebuilt(fromSnapshot, rebuilt(fromJournal, List.of()).records());
        assertThat(fromSnapshot.get(ACCOUNT, REGION, "q").allAttributes()).isEqualTo(attributes);

        clock.advance(Duration.ofSeconds(31));
        QueueStore later = new QueueStore();
        rebuilt(later, journal.records);
        SqsQueue afterDowntime = later.get(ACCOUNT, REGION, "q");
        // a's visibility timeout ran out while stopped
        List<SqsMessage.Received> again = afterDowntime.receive(new ReceiveRequest(10, 30, Duration.ZERO, null)).join();
        assertThat(again).extracting(r -> r.message().body()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(again).filteredOn(r -> r.message().body().equals("a")).singleElement()
                .satisfies(r -> assertThat(r.receiveCount()).isEqualTo(2));
    }
}
