package dev.gureum.core.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistenceTest {

    record Entry(String key, String value) {
    }

    record Removed(String key) {
    }

    /** A key-value service's state. */
    static class Entries implements DurableState {
        final Map<String, String> map = new TreeMap<>();

        @Override
        public String name() {
            return "kv";
        }

        @Override
        public RecordTypes recordTypes() {
            return RecordTypes.of(
                    RecordType.of(1, Entry.class, 1, (e, out) -> {
                        out.writeString(e.key());
                        out.writeString(e.value());
                    }, (in, v) -> new Entry(in.readString(), in.readString())),
                    RecordType.of(2, Removed.class, 1, (r, out) -> out.writeString(r.key()),
                            (in, v) -> new Removed(in.readString())));
        }

        @Override
        public synchronized void apply(Object record) {
            if (record instanceof Entry e) {
                map.put(e.key(), e.value());
            } else if (record instanceof Removed r) {
                map.remove(r.key());
            }
        }

        @Override
        public synchronized Iterable<?> records() {
            List<Object> records = new ArrayList<>();
            map.forEach((k, v) -> records.add(new Entry(k, v)));
            return records;
        }

        @Override
        public synchronized void clear() {
            map.clear();
        }

        void put(StateJournal journal, String key, String value) {
            Entry e = new Entry(key, value);
            apply(e);
            journal.append(e).toCompletableFuture().join();
        }
    }

    @Test
    void inMemoryStateIsGoneWithTheServer() {
        Entries first = new Entries();
        StateJournal journal = Persistence.inMemory().open(first);
        first.put(journal, "a", "1");
        assertThat(journal.durable()).isFalse();
        Entries second = new Entries();
        Persistence.inMemory().open(second);
        assertThat(second.map).isEmpty();
    }

    @Test
    void stateInADataDirectoryIsThereAfterARestart(@TempDir Path dir) {
        Entries first = new Entries();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            StateJournal journal = persistence.open(first);
            first.put(journal, "a", "1");
            first.put(journal, "b", "2");
            first.apply(new Removed("a"));
            journal.append(new Removed("a")).toCompletableFuture().join();
            assertThat(persistence.sizeOnDisk()).isPositive();
            assertThat(persistence.lastDurable()).isPresent();
            assertThat(persistence.states()).containsKey("kv");
        }
        Entries second = new Entries();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            persistence.open(second);
            assertThat(second.map).containsExactly(Map.entry("b", "2"));
        }
    }

    @Test
    void aResetAndALoadedStateAreDurable(@TempDir Path dir) {
        Entries first = new Entries();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            StateJournal journal = persistence.open(first);
            first.put(journal, "a", "1");
            journal.reset().toCompletableFuture().join();
            assertThat(first.map).isEmpty();
            journal.replace(List.of(new Entry("x", "9"), new Entry("y", "8"))).toCompletableFuture().join();
        }
        Entries second = new Entries();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            persistence.open(second);
            assertThat(second.map).containsExactly(Map.entry("x", "9"), Map.entry("y", "8"));
        }
    }

    @Test
    void aSnapshotOfEveryJournalMakesTheStateNowDurable(@TempDir Path dir) {
        JournalOptions noFinalSnapshot = JournalOptions.DEFAULTS.withSnapshotOnClose(false);
        try (Persistence persistence = Persistence.in(dir, noFinalSnapshot)) {
            Entries entries = new Entries();
            persistence.open(entries);
            entries.apply(new Entry("unjournaled", "lost"));
        }
        try (Persistence persistence = Persistence.in(dir, noFinalSnapshot)) {
            Entries entries = new Entries();
            persistence.open(entries);
            assertThat(entries.map).isEmpty();
            entries.apply(new Entry("snapshotted", "kept"));
            persistence.snapshot().toCompletableFuture().join();
        }
        try (Persistence persistence = Persistence.in(dir, noFinalSnapshot)) {
            Entries entries = new Entries();
            persistence.open(entries);
            assertThat(entries.map).containsOnly(Map.entry("snapshotted", "kept"));
        }
        assertThat(Persistence.inMemory().snapshot().toCompletableFuture()).isCompleted();
    }

    @Test
    void aServiceOpensItsStateOnce(@TempDir Path dir) {
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            persistence.open(new Entries());
            assertThatThrownBy(() -> persistence.open(new Entries())).isInstanceOf(IllegalStateException.class);
        }
    }
}
