package dev.gureum.core.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes a journal. Callers only enqueue; the thread takes everything that has
 * arrived, writes it with one call, forces it with one call (group commit), and then completes each
 * caller's stage.
 */
final class JournalWriter {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private sealed interface Entry permits Append, Roll, Stop {
    }

    private record Append(byte[] frame, CompletableFuture<Void> done) implements Entry {
    }

    /** Starts the next journal file; completes with the generation of the file it closed. */
    private record Roll(CompletableFuture<Long> done) implements Entry {
    }

    private record Stop(CompletableFuture<Void> done) implements Entry {
    }

    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Path directory;
    private final JournalOptions options;
    /** Told the bytes written since the last roll after every write. */
    private final LongConsumer afterWrite;
    private final Thread thread;

    private FileChannel channel;
    private long generation;
    private volatile long sinceRoll;
    private boolean dirty;
    private long lastForceNanos = System.nanoTime();
    private volatile long lastDurableMillis;
    private volatile long forces;
    private volatile PersistenceException failure;
    private volatile boolean exited;

    JournalWriter(Path directory, long generation, long offset, long bytesSinceRoll, JournalOptions options,
                  LongConsumer afterWrite) throws IOException {
        this.directory = directory;
        this.options = options;
        this.afterWrite = afterWrite;
        this.generation = generation;
        this.sinceRoll = bytesSinceRoll;
        if (offset < 0) {
            create();
        } else {
            channel = FileChannel.open(directory.resolve(Frames.journalName(generation)), StandardOpenOption.WRITE);
            channel.position(offset);
        }
        thread = new Thread(this::run, "gureum-journal-" + directory.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> append(byte[] frame) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Append(frame, done), done);
        return done;
    }

    CompletableFuture<Long> roll() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Roll(done), done);
        return done;
    }

    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Stop(done), done);
        return done;
    }

    /** When the last record was known to be on the disk (epoch milliseconds), 0 if never. */
    long lastDurableMillis() {
        return lastDurableMillis;
    }

    /** The bytes written to the journal file since the last roll. */
    long bytesSinceRoll() {
        return sinceRoll;
    }

    /** How many times the journal was forced to the disk. */
    long forces() {
        return forces;
    }

    PersistenceException failure() {
        return failure;
    }

    private void enqueue(Entry entry, CompletableFuture<?> done) {
        PersistenceException failed = failure;
        if (failed != null) {
            done.completeExceptionally(failed);
            return;
        }
        queue.add(entry);
        if (exited) {
            failRemaining(); // the thread has ended: nobody else will answer this entry
        }
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        try {
            while (true) {
                Entry first = next();
                if (first == null) {
                    force();
                    continue;
                }
                batch.add(first);
                if (options.sync() == SyncMode.BATCH && first instanceof Append) {
                    gather(batch);
                }
                queue.drainTo(batch);
                boolean stopped = process(batch);
                batch.clear();
                if (stopped) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            failure = new PersistenceException(PersistenceException.Reason.IO, "Could not write the journal "
                    + directory.resolve(Frames.journalName(generation)) + ": " + e.getMessage(), e);
            LOG.error("{}; further records are refused until the journal is opened again.",
                    failure.getMessage());
            for (Entry entry : batch) {
                fail(entry, failure);
            }
        } finally {
            exited = true;
            failRemaining();
            closeChannel();
        }
    }

    /** The next entry; in {@link SyncMode#OFF}, null when it is time to force what was written. */
    private Entry next() throws InterruptedException {
        if (!dirty) {
            return queue.take();
        }
        long due = lastForceNanos + options.flushInterval().toNanos() - System.nanoTime();
        return due <= 0 ? null : queue.poll(due, TimeUnit.NANOSECONDS);
    }

    /** {@link SyncMode#BATCH}: lets records join the group until the window closes. */
    private void gather(List<Entry> batch) throws InterruptedException {
        long deadline = System.nanoTime() + options.batchWindow().toNanos();
        for (long left = options.batchWindow().toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Entry entry = queue.poll(left, TimeUnit.NANOSECONDS);
            if (entry == null) {
                return;
            }
            batch.add(entry);
            if (!(entry instanceof Append)) {
                return;
            }
        }
    }

    private boolean process(List<Entry> batch) throws IOException {
        List<Append> appends = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            if (entry instanceof Append append) {
                appends.add(append);
                continue;
            }
            write(appends);
            if (entry instanceof Roll roll) {
                long closed = generation;
                force();
                channel.close();
                generation++;
                sinceRoll = 0;
                create();
                completeQuietly(roll.done(), closed);
            } else if (entry instanceof Stop stop) {
                force();
                channel.close();
                stop.done().complete(null);
                return true;
            }
        }
        write(appends);
        return false;
    }

    private void write(List<Append> appends) throws IOException {
        if (appends.isEmpty()) {
            return;
        }
        ByteBuffer[] buffers = new ByteBuffer[appends.size()];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(appends.get(i).frame());
            total += buffers[i].remaining();
        }
        for (long written = 0; written < total; ) {
            written += channel.write(buffers);
        }
        dirty = true;
        if (options.sync() != SyncMode.OFF) {
            force();
        } else if (System.nanoTime() - lastForceNanos >= options.flushInterval().toNanos()) {
            force();
        }
        sinceRoll += total;
        afterWrite.accept(sinceRoll); // before the acknowledgements: a snapshot it starts comes right after them
        for (Append append : appends) {
            completeQuietly(append.done(), null);
        }
        appends.clear();
    }

    private void force() throws IOException {
        if (dirty) {
            channel.force(false);
            forces++;
            dirty = false;
            lastDurableMillis = System.currentTimeMillis();
        }
        lastForceNanos = System.nanoTime();
    }

    private void create() throws IOException {
        Path file = directory.resolve(Frames.journalName(generation));
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = Frames.fileHeader(Frames.JOURNAL_MAGIC, generation);
        while (header.hasRemaining()) {
            channel.write(header);
        }
        channel.force(true);
        Snapshots.forceDirectory(directory);
    }

    /**
     * Completes a stage whose dependents run here; one that cannot be run (an executor that refuses
     * it) must not stop the writer, whose file is fine.
     */
    private static <T> void completeQuietly(CompletableFuture<T> done, T value) {
        try {
            done.complete(value);
        } catch (RuntimeException e) {
            LOG.warn("A journal acknowledgement's follow-up failed: {}", e.toString());
        }
    }

    private void failRemaining() {
        PersistenceException reason = failure != null ? failure
                : new PersistenceException(PersistenceException.Reason.CLOSED, "The journal in " + directory + " is closed");
        for (Entry entry; (entry = queue.poll()) != null; ) {
            fail(entry, reason);
        }
    }

    private static void fail(Entry entry, PersistenceException reason) {
        if (entry instanceof Append append) {
            append.done().completeExceptionally(reason);
        } else if (entry instanceof Roll roll) {
            roll.done().completeExceptionally(reason);
        } else if (entry instanceof Stop stop) {
            stop.done().complete(null);
        }
    }

    private void closeChannel() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the failure, if any, was reported to the writers
        }
    }
}
