package dev.gureum.lambda.logs;

import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.RecordedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudWatch Logs records written and read back, and a store rebuilt from its records. */
class LogRecordsTest {

    @TempDir
    Path dir;

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";

    @Test
    void everyRecordTypeReadsBackAsWritten() {
        List<Object> written = List.of(
                new LogRecords.GroupSaved(ACCOUNT, REGION, "/app", "arn:aws:logs:eu-west-1:123456789012:log-group:/app",
                        1000, 7, Map.of("team", "a")),
                new LogRecords.GroupSaved(ACCOUNT, REGION, "/bare", "arn:g", 1, null, Map.of()),
                new LogRecords.GroupDeleted(ACCOUNT, REGION, "/old"),
                new LogRecords.StreamSaved(ACCOUNT, REGION, "/app", "s1", "arn:s1", 2000, 10L, 20L, 30L, 5),
                new LogRecords.StreamSaved(ACCOUNT, REGION, "/app", "s2", "arn:s2", 2000, null, null, null, 0),
                new LogRecords.StreamDeleted(ACCOUNT, REGION, "/app", "gone"),
                new LogRecords.EventsPut(ACCOUNT, REGION, "/app", "s1", List.of(
                        new LogStore.LogEvent(10, "first line", 30, 1), new LogStore.LogEvent(20, "ünïcode ☁", 30, 2))));
        JournalOptions journalOnly = JournalOptions.DEFAULTS.withSnapshotOnClose(false);
        try (Persistence persistence = Persistence.in(dir, journalOnly)) {
            StateJournal journal = persistence.open(new RecordedState("logs", LogRecords.TYPES));
            written.forEach(r -> journal.append(r).toCompletableFuture().join());
        }
        RecordedState read = new RecordedState("logs", LogRecords.TYPES);
        try (Persistence persistence = Persistence.in(dir, journalOnly)) {
            persistence.open(read);
        }
        assertThat(read.records).isEqualTo(written);
    }

    private static List<LogStore.NewEvent> events(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new LogStore.NewEvent(1_000L + i, "line " + i)).toList();
    }

    @Test
    void aStoreIsRebuiltFromRecordsInProportionToWhatItHolds() {
        LogStore store = new LogStore();
        LogStore.LogGroup group = store.createGroup(ACCOUNT, REGION, "/app", 100, Map.of("team", "a"));
        store.retention(group, 14);
        store.createStream(group, "busy", 200);
        store.createStream(group, "quiet", 300);
        LogStore.LogStream busy = group.streams.get("busy");
        for (int i = 0; i < 11; i++) {
            store.put(busy, events(i * 1000, 1000), 5_000 + i);
        }
        store.append(ACCOUNT, REGION, "/aws/lambda/fn", "2026/01/01/[$LATEST]abc", List.of("START", "END"),
                java.time.Instant.ofEpochMilli(9_000));

        List<Object> records = new ArrayList<>();
        new LogsDurableState(store).records().forEach(records::add);
        // two groups, three streams, and the 10,000 events a stream keeps in batches of 1,000 (plus one of two)
        assertThat(records).hasSize(2 + 3 + 10 + 1);
        assertThat(busy.dropped()).isEqualTo(1000);

        LogStore copy = new LogStore();
        LogsDurableState rebuilt = new LogsDurableState(copy);
        records.forEach(rebuilt::apply);
        // a batch replayed again (a journal written while the snapshot was taken) adds nothing
        records.forEach(rebuilt::apply);

        LogStore.LogGroup g = copy.group(ACCOUNT, REGION, "/app");
        assertThat(g.retentionInDays()).isEqualTo(14);
        assertThat(g.creationTime()).isEqualTo(100);
        assertThat(g.arn()).isEqualTo(group.arn());
        assertThat(g.tags).containsExactlyEntriesOf(Map.of("team", "a"));
        LogStore.LogStream s = g.streams.get("busy");
        assertThat(s.events()).isEqualTo(busy.events());
        assertThat(s.dropped()).isEqualTo(1000);
        assertThat(s.storedBytes()).isEqualTo(busy.storedBytes());
        assertThat(s.firstEventTimestamp()).isEqualTo(1_000L);
        assertThat(s.lastEventTimestamp()).isEqualTo(busy.lastEventTimestamp());
        assertThat(s.lastIngestionTime()).isEqualTo(5_010L);
        assertThat(s.creationTime()).isEqualTo(200);
        assertThat(g.streams.get("quiet").events()).isEmpty();
        assertThat(copy.group(ACCOUNT, REGION, "/aws/lambda/fn").streams.get("2026/01/01/[$LATEST]abc").events())
                .extracting(LogStore.LogEvent::message).containsExactly("START", "END");

        // events put after the replay follow the ones replayed
        copy.put(g.streams.get("quiet"), events(0, 1), 10_000);
        long last = busy.events().get(busy.events().size() - 1).sequence();
        assertThat(g.streams.get("quiet").events().get(0).sequence()).isGreaterThan(last);

        rebuilt.apply(new LogRecords.StreamDeleted(ACCOUNT, REGION, "/app", "busy"));
        rebuilt.apply(new LogRecords.GroupDeleted(ACCOUNT, REGION, "/aws/lambda/fn"));
        assertThat(g.streams).doesNotContainKey("busy");
        assertThat(copy.group(ACCOUNT, REGION, "/aws/lambda/fn")).isNull();
    }

    @Test
    void eventsThatLoseARaceWithADeletionDoNotBringTheirStreamBack() {
        JournalOptions journalOnly = JournalOptions.DEFAULTS.withSnapshotOnClose(false);
        try (Persistence persistence = Persistence.in(dir, journalOnly)) {
            LogStore store = new LogStore();
            store.open(persistence);
            LogStore.LogGroup group = store.createGroup(ACCOUNT, REGION, "/app", 100, Map.of());
            store.save(group).toCompletableFuture().join();
            store.createStream(group, "kept", 200).toCompletableFuture().join();
            store.createStream(group, "deleted", 200).toCompletableFuture().join();
            LogStore.LogStream deleted = group.streams.get("deleted");
            store.deleteStream(group, "deleted").toCompletableFuture().join();
            store.put(deleted, events(0, 2), 300).toCompletableFuture().join();
            store.put(group.streams.get("kept"), events(0, 3), 300).toCompletableFuture().join();
        }
        LogStore replayed = new LogStore();
        try (Persistence persistence = Persistence.in(dir, journalOnly)) {
            replayed.open(persistence);
        }
        LogStore.LogGroup group = replayed.group(ACCOUNT, REGION, "/app");
        assertThat(group.streams.keySet()).containsExactly("kept");
        assertThat(group.streams.get("kept").events()).hasSize(3);
    }
}
