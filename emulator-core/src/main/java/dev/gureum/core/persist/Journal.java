package dev.gureum.core.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable state of one service in one directory: a journal of domain records, compacted by
 * snapshots of the whole state.
 *
 * <ul>
 *   <li>{@link #open} locks the directory, replays the latest snapshot and the journal after it into
 *       the service (through {@code replay}, on the calling thread), and starts the writer.</li>
 *   <li>{@link #append} encodes a record on the caller's thread, hands it to the writer thread and
 *       returns at once; the stage completes when the record is as durable as the {@link SyncMode}
 *       says. It never blocks, so an IO thread may call it.</li>
 *   <li>Snapshots are taken when the journal has grown past {@link JournalOptions#snapshotAfterBytes()}
 *       and the size of the last snapshot, on {@link #snapshot()}, and at {@link #close()}. A snapshot
 *       starts a new journal file, asks {@code state} for the records that make up the state (on the
 *       snapshot thread), writes them, and then deletes the journal files it replaces.</li>
 * </ul>
 *
 * Because the state is read after the new journal file has started, it may already hold the effect of
 * records that are also in that file. Replay is therefore only right when each record sets or removes a
 * whole domain record by its key, so applying it twice, or onto a later state, changes nothing:
 * records are state, not deltas. {@code state} must be safe to iterate while the service changes its
 * data (an immutable copy, or a concurrent collection's view of immutable records).
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path directory;
    private final RecordTypes types;
    private final JournalOptions options;
    private final Supplier<? extends Iterable<?>> state;
    private final DirectoryLock lock;
    private final ExecutorService snapshotThread;
    private final JournalWriter writer;
    private final long recovered;
    private volatile long lastSnapshotBytes;
    private CompletableFuture<Void> pendingSnapshot;
    private volatile boolean closing;

    private Journal(Path directory, RecordTypes types, JournalOptions options, Supplier<? extends Iterable<?>> state,
                    DirectoryLock lock, Recovery.Result result) throws IOException {
        this.directory = directory;
        this.types = types;
        this.options = options;
        this.state = state;
        this.lock = lock;
        this.recovered = result.records();
        this.lastSnapshotBytes = result.snapshotBytes();
        this.snapshotThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "gureum-snapshot-" + directory.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        this.writer = new JournalWriter(directory, result.appendGeneration(), result.appendOffset(),
                result.journalBytes(), options, this::written);
    }

    /**
     * Opens the journal in {@code directory} (created if missing), replaying what it holds.
     *
     * @param replay receives every record of the last snapshot and then of the journal, in order
     * @param state  the records that make up the service's state now, for snapshots
     * @throws PersistenceException if the directory is locked, damaged or from a newer Gureum
     */
    public static Journal open(Path directory, RecordTypes types, JournalOptions options, Consumer<Object> replay,
                               Supplier<? extends Iterable<?>> state) {
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(state, "state");
        DirectoryLock lock = DirectoryLock.acquire(directory);
        try {
            Recovery.Result result = Recovery.run(directory, types, replay);
            Journal journal = new Journal(directory, types, options, state, lock, result);
            if (result.olderFormat()) {
                try {
                    journal.snapshot().toCompletableFuture().join(); // rewrites the state in today's format
                } catch (RuntimeException e) {
                    journal.close();
                    throw e;
                }
            }
            return journal;
        } catch (IOException e) {
            lock.close();
            throw new PersistenceException(PersistenceException.Reason.IO,
                    "Could not read the data directory " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Writes a record; the stage completes once it is durable, or exceptionally with a
     * {@link PersistenceException} if it cannot be written. Records appended one after the other by
     * one thread are replayed in that order.
     *
     * @throws IllegalArgumentException if the record's class has no {@link RecordType} here
     */
    public CompletionStage<Void> append(Object record) {
        byte[] frame = types.encodeFrame(record);
        if (closing) {
            return CompletableFuture.failedFuture(new PersistenceException(PersistenceException.Reason.CLOSED,
                    "The journal in " + directory + " is closed"));
        }
        return writer.append(frame);
    }

    /**
     * Takes a snapshot that holds every record appended before this call; the stage completes when it
     * is durable and the journal files it replaces are deleted. If one is under way, it may have read
     * the state before this call, so the next one follows it (and callers meanwhile share that one).
     */
    public synchronized CompletionStage<Void> snapshot() {
        if (pendingSnapshot != null) {
            return pendingSnapshot.handle((ignored, error) -> null).thenCompose(ignored -> snapshot());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        pendingSnapshot = done;
        writer.roll()
                .thenAcceptAsync(this::writeSnapshot, snapshotThread)
                .whenComplete((ignored, error) -> {
                    synchronized (this) {
                        pendingSnapshot = null;
                    }
                    if (error == null) {
                        written(writer.bytesSinceRoll()); // the journal may have outgrown the threshold meanwhile
                        done.complete(null);
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        if (!(cause instanceof PersistenceException p && p.reason() == PersistenceException.Reason.CLOSED)) {
                            LOG.error("Could not write a snapshot in {}: {}; the journal keeps everything meanwhile.",
                                    directory, cause.getMessage());
                        }
                        done.completeExceptionally(cause);
                    }
                });
        return done;
    }

    private void writeSnapshot(long generation) {
        try {
            lastSnapshotBytes = Snapshots.write(directory, generation, state.get(), types);
            List<Path> replaced;
            try (Stream<Path> files = Files.list(directory)) {
                replaced = files.filter(f -> Frames.journalGeneration(f) > 0 && Frames.journalGeneration(f) <= generation
                        || Frames.snapshotGeneration(f) > 0 && Frames.snapshotGeneration(f) < generation).toList();
            }
            for (Path file : replaced) {
                Files.deleteIfExists(file);
            }
            Snapshots.forceDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called by the writer thread after each write. */
    private void written(long bytesSinceRoll) {
        if (bytesSinceRoll >= Math.max(options.snapshotAfterBytes(), lastSnapshotBytes) && !closing) {
            synchronized (this) {
                if (pendingSnapshot == null) {
                    snapshot();
                }
            }
        }
    }

    /** How many records {@link #open} replayed. */
    public long recoveredRecords() {
        return recovered;
    }

    /** When a record was last forced to the disk, if one was since {@link #open}. */
    public Optional<Instant> lastDurable() {
        long millis = writer.lastDurableMillis();
        return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /**
     * The bytes of the directory's journal and snapshot files, less the zeros the current journal
     * file holds ahead of its records.
     */
    public long sizeOnDisk() {
        long files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> Frames.journalGeneration(f) > 0 || Frames.snapshotGeneration(f) > 0)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // deleted by a snapshot meanwhile
                        }
                    }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Math.max(files - writer.preallocated(), 0);
    }

    /** The snapshot under way, or a completed stage. */
    synchronized CompletionStage<Void> snapshotUnderWay() {
        return pendingSnapshot != null ? pendingSnapshot : CompletableFuture.completedFuture(null);
    }

    /** How many times the journal was forced to the disk since {@link #open}. */
    long forces() {
        return writer.forces();
    }

    /**
     * Stops taking records, takes a snapshot if the options say so, writes and forces what is queued,
     * and releases the directory.
     */
    @Override
    public void close() {
        CompletionStage<Void> last;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            last = options.snapshotOnClose() && writer.failure() == null ? snapshot() : pendingSnapshot;
        }
        try {
            if (last != null) {
                last.toCompletableFuture().join();
            }
        } catch (CompletionException e) {
            LOG.warn("Closing {} without a snapshot: {}", directory, e.getCause().getMessage());
        } finally {
            writer.stop().handle((stopped, failed) -> null).join(); // a failed writer has stopped already
            snapshotThread.shutdown();
            try {
                snapshotThread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lock.close();
        }
    }
}
