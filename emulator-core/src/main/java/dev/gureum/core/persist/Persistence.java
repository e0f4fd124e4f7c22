package dev.gureum.core.persist;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where services keep their state: journals under the server's data directory, or nowhere (in memory,
 * the default). A service opens its {@link StateJournal} once, when it is built, through
 * {@link #open(DurableState)}; the state it had is replayed into it before it serves.
 */
public final class Persistence implements AutoCloseable {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Path directory;
    private final JournalOptions options;
    private final Map<String, Opened> opened = new LinkedHashMap<>();

    private Persistence(Path directory, JournalOptions options) {
        this.directory = directory;
        this.options = options;
    }

    /** Nothing is kept: journals take records and write nothing. */
    public static Persistence inMemory() {
        return new Persistence(null, null);
    }

    /** Journals under {@code dataDirectory}, one directory per service. */
    public static Persistence in(Path dataDirectory, JournalOptions options) {
        return new Persistence(Objects.requireNonNull(dataDirectory, "dataDirectory"),
                Objects.requireNonNull(options, "options"));
    }

    /** Whether state is kept on disk. */
    public boolean durable() {
        return directory != null;
    }

    /** The directory state is kept in, when it is. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** How journals write, when state is kept. */
    public Optional<JournalOptions> options() {
        return Optional.ofNullable(options);
    }

    /**
     * Opens the journal of a service, replaying what the data directory holds into {@code state}.
     *
     * @throws PersistenceException if the journal is damaged, locked or from a newer Gureum
     * @throws IllegalStateException if a journal of that name is already open
     */
    public synchronized StateJournal open(DurableState state) {
        if (opened.containsKey(state.name())) {
            throw new IllegalStateException("The state of " + state.name() + " is already open");
        }
        StateJournal journal = directory == null ? new InMemory(state)
                : new OnDisk(state, Journal.open(directory.resolve(state.name()).resolve("journal"), state.recordTypes(),
                        options, state::apply, state::records));
        opened.put(state.name(), new Opened(state, journal));
        return journal;
    }

    /** The states opened so far, by service name, in the order they were opened. */
    public synchronized Map<String, DurableState> states() {
        Map<String, DurableState> states = new LinkedHashMap<>();
        opened.forEach((name, o) -> states.put(name, o.state));
        return states;
    }

    /** The journal a service opened. */
    public synchronized Optional<StateJournal> journal(String name) {
        Opened o = opened.get(name);
        return o == null ? Optional.empty() : Optional.of(o.journal);
    }

    /** The bytes the journals and snapshots take on disk (0 in memory). */
    public synchronized long sizeOnDisk() {
        long size = 0;
        for (Opened o : opened.values()) {
            if (o.journal instanceof OnDisk disk) {
                size += disk.journal.sizeOnDisk();
            }
        }
        return size;
    }

    /** When the last record of any journal became durable. */
    public synchronized Optional<Instant> lastDurable() {
        Instant last = null;
        for (Opened o : opened.values()) {
            if (o.journal instanceof OnDisk disk) {
                Instant at = disk.journal.lastDurable().orElse(null);
                if (at != null && (last == null || at.isAfter(last))) {
                    last = at;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Takes a snapshot of every journal: the stage completes once the state each service holds now is
     * durable (at once in memory). For changes made without a record of their own, such as a reset of
     * every service.
     */
    public CompletionStage<Void> snapshot() {
        List<CompletableFuture<Void>> snapshots = new ArrayList<>();
        synchronized (this) {
            for (Opened o : opened.values()) {
                if (o.journal instanceof OnDisk disk) {
                    snapshots.add(disk.journal.snapshot().toCompletableFuture());
                }
            }
        }
        return CompletableFuture.allOf(snapshots.toArray(CompletableFuture[]::new));
    }

    /** Closes every journal (each takes its final snapshot). */
    @Override
    public void close() {
        List<Opened> all;
        synchronized (this) {
            all = new ArrayList<>(opened.values());
        }
        for (Opened o : all) {
            o.journal.close();
        }
    }

    private record Opened(DurableState state, StateJournal journal) {
    }

    private static final class InMemory implements StateJournal {
        private final DurableState state;

        InMemory(DurableState state) {
            this.state = state;
        }

        @Override
        public CompletionStage<Void> append(Object record) {
            return DONE;
        }

        @Override
        public CompletionStage<Void> reset() {
            state.clear();
            return DONE;
        }

        @Override
        public CompletionStage<Void> replace(Iterable<?> records) {
            synchronized (state) {
                state.clear();
                records.forEach(state::apply);
            }
            return DONE;
        }

        @Override
        public boolean durable() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private static final class OnDisk implements StateJournal {
        private final DurableState state;
        private final Journal journal;

        OnDisk(DurableState state, Journal journal) {
            this.state = state;
            this.journal = journal;
        }

        @Override
        public CompletionStage<Void> append(Object record) {
            return journal.append(record);
        }

        @Override
        public CompletionStage<Void> reset() {
            state.clear();
            return journal.snapshot();
        }

        @Override
        public CompletionStage<Void> replace(Iterable<?> records) {
            synchronized (state) {
                state.clear();
                records.forEach(state::apply);
            }
            return journal.snapshot();
        }

        @Override
        public boolean durable() {
            return true;
        }

        @Override
        public void close() {
            journal.close();
        }
    }
}
