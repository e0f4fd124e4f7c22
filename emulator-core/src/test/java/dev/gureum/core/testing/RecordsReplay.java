package dev.gureum.core.testing;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.persist.StateJournal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes records through a real journal and reads them back, for the codec tests of each service. */
public final class RecordsReplay {

    private RecordsReplay() {
    }

    /** The records appended to a journal in {@code dir}, as the next open replays them from the journal files. */
    public static List<Object> fromJournal(Path dir, RecordTypes types, List<Object> records) {
        return replay(dir, types, records, List.of(), JournalOptions.DEFAULTS.withSnapshotOnClose(false));
    }

    /** The records of a state, as the next open replays them from the snapshot taken at close. */
    public static List<Object> fromSnapshot(Path dir, RecordTypes types, List<Object> records) {
        return replay(dir, types, List.of(), records, JournalOptions.DEFAULTS);
    }

    private static List<Object> replay(Path dir, RecordTypes types, List<Object> appended, List<Object> state,
                                       JournalOptions options) {
        try (Persistence persistence = Persistence.in(dir, options)) {
            StateJournal journal = persistence.open(new Kept(types, state));
            for (Object r : appended) {
                journal.append(r).toCompletableFuture().join();
            }
        }
        Kept read = new Kept(types, List.of());
        try (Persistence persistence = Persistence.in(dir, options)) {
            persistence.open(read);
        }
        return read.applied;
    }

    /** A state that keeps the records applied to it and offers {@code state} to snapshots. */
    private static final class Kept implements DurableState {
        private final RecordTypes types;
        private final List<Object> state;
        private final List<Object> applied = new ArrayList<>();

        Kept(RecordTypes types, List<Object> state) {
            this.types = types;
            this.state = state;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public RecordTypes recordTypes() {
            return types;
        }

        @Override
        public void apply(Object record) {
            applied.add(record);
        }

        @Override
        public Iterable<?> records() {
            return state;
        }

        @Override
        public void clear() {
            applied.clear();
        }
    }
}
