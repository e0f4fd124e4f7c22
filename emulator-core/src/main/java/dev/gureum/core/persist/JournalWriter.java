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
 * arrived and writes it with one call (a group). Forcing a group to the disk is left to a few forcing
 * threads, so that the writer writes the next group while the last one is being forced: a force covers
 * every group written before it began, and acknowledges them all, in order. Several forces in flight
 * at once keep a client's wait close to one force, where a single thread made a group that arrived
 * during a force wait for that force and then its own.
 *
 * <p>Records are written into space the file already has: a force after a write that extends a file
 * also commits the file system's metadata and costs more than one that does not. So the
 * writer grows the file ahead of its records by writing zeros once (in chunks that double from
 * {@link #MIN_GROWTH} up to {@link #MAX_GROWTH}) and forcing them, and cuts the zeros it did not use
 * when it closes a file. Recovery reads zeros where a frame header should start as the journal's end.
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

    /** A written group waiting for a force: its number and its callers. */
    private record Group(long number, List<Append> appends) {
    }

    /** How many forces may be in flight at once. */
    static final int FORCERS = 4;
    /** How long a force runs before the groups written since may start a force of their own. */
    static final long OVERLAP_AFTER_NANOS = 1_000_000;

    static final int MIN_GROWTH = 64 << 10;
    static final int MAX_GROWTH = 4 << 20;
    private static final byte[] ZEROS = new byte[256 << 10];

    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Path directory;
    private final JournalOptions options;
    /** Told the bytes written since the last roll after every write. */
    private final LongConsumer afterWrite;
    private final Thread thread;

    private FileChannel channel;
    private long generation;
    /** Where the next record goes: the end of the whole records. */
    private long position;
    /** The size of the file: zeros from {@link #position} on. */
    private long allocated;
    /** {@link #allocated} minus {@link #position}, for {@link #preallocated()}. */
    private volatile long zeroTail;
    private volatile long sinceRoll;
    private boolean dirty;
    private long lastForceNanos = System.nanoTime();
    private volatile long lastDurableMillis;
    private volatile long forces;
    private volatile PersistenceException failure;
    private volatile boolean exited;

    /** Guards the groups waiting for a force and the forcing threads' bookkeeping. */
    private final Object forcing = new Object();
    /** Written groups not yet known forced, oldest first. */
    private final java.util.ArrayDeque<Group> unforced = new java.util.ArrayDeque<>();
    /** Groups taken from {@link #unforced} whose stages are to be completed, in order, and whether a thread is at it. */
    private final java.util.ArrayDeque<Outcome> outcomes = new java.util.ArrayDeque<>();
    private boolean acknowledging;
    /** The number of the last group written; groups are numbered from 1. */
    private long written;
    /** The last group a force was begun for. */
    private long forceBegun;
    /** The last group known forced. */
    private long forced;
    private int forcesInFlight;
    /** When the last force began. */
    private long lastBeginNanos;
    private int forcerThreads;
    private boolean stopping;

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
            position = offset;
            allocated = Math.max(channel.size(), offset); // Recovery found only zeros after the offset
            zeroTail = allocated - position;
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

    /** The zeros the current journal file holds ahead of its records. */
    long preallocated() {
        return zeroTail;
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
            failure = failure != null ? failure : new PersistenceException(PersistenceException.Reason.IO, "Could not write the journal "
                    + directory.resolve(Frames.journalName(generation)) + ": " + e.getMessage(), e);
            LOG.error("{}; further records are refused until the journal is opened again.",
                    failure.getMessage());
            for (Entry entry : batch) {
                fail(entry, failure);
            }
        } finally {
            exited = true;
            stopForcers();
            failUnforced();
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
                forceAll();
                release();
                channel.close();
                generation++;
                sinceRoll = 0;
                create();
                completeQuietly(roll.done(), closed);
            } else if (entry instanceof Stop stop) {
                forceAll();
                release();
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
        if (failure != null) {
            throw failure; // a force failed: what the file holds past the last good force is in doubt
        }
        ByteBuffer[] buffers = new ByteBuffer[appends.size()];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(appends.get(i).frame());
            total += buffers[i].remaining();
        }
        reserve(total);
        for (long written = 0; written < total; ) {
            written += channel.write(buffers);
        }
        position += total;
        zeroTail = allocated - position;
        sinceRoll += total;
        if (options.sync() != SyncMode.OFF) {
            afterWrite.accept(sinceRoll); // before the acknowledgements: a snapshot it starts comes right after them
            toForce(List.copyOf(appends));
            appends.clear();
            return;
        }
        dirty = true;
        if (System.nanoTime() - lastForceNanos >= options.flushInterval().toNanos()) {
            force();
        }
        afterWrite.accept(sinceRoll);
        for (Append append : appends) {
            completeQuietly(append.done(), null);
        }
        appends.clear();
    }

    /** Hands a written group to the forcing threads, starting one if all are busy and there is room. */
    private void toForce(List<Append> group) {
        synchronized (forcing) {
            unforced.add(new Group(++written, group));
            if (forcesInFlight == forcerThreads && forcerThreads < FORCERS) {
                forcerThreads++;
                Thread forcer = new Thread(this::forceGroups, "gureum-journal-force-" + directory.getFileName());
                forcer.setDaemon(true);
                forcer.start();
            }
            forcing.notify();
        }
    }

    /**
     * A forcing thread: forces the file for the groups written since the last force began, then
     * acknowledges every group written before it began.
     */
    private void forceGroups() {
        while (true) {
            FileChannel file;
            long target;
            synchronized (forcing) {
                while (!stopping) {
                    long overlapIn = forceBegun == written ? -1 : overlapIn();
                    if (overlapIn == 0) {
                        break;
                    }
                    try {
                        if (overlapIn < 0) {
                            forcing.wait();
                        } else {
                            forcing.wait(overlapIn / 1_000_000, (int) (overlapIn % 1_000_000));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (stopping) {
                    forcerThreads--;
                    forcing.notifyAll();
                    return;
                }
                target = written;
                forceBegun = target;
                forcesInFlight++;
                lastBeginNanos = System.nanoTime();
                file = channel;
            }
            IOException failed = null;
            try {
                file.force(false);
            } catch (IOException e) {
                failed = e;
            }
            List<Group> done = new ArrayList<>();
            synchronized (forcing) {
                forcesInFlight--;
                if (failed == null && failure == null) {
                    forces++;
                    lastDurableMillis = System.currentTimeMillis();
                    forced = Math.max(forced, target);
                    while (!unforced.isEmpty() && unforced.peek().number() <= forced) {
                        done.add(unforced.poll());
                    }
                } else {
                    if (failure == null) {
                        failure = new PersistenceException(PersistenceException.Reason.IO, "Could not force the journal "
                                + directory.resolve(Frames.journalName(generation)) + ": " + failed.getMessage(), failed);
                        LOG.error("{}; further records are refused until the journal is opened again.",
                                failure.getMessage());
                    }
                    failed = failed != null ? failed : new IOException(failure.getMessage());
                    done.addAll(unforced);
                    unforced.clear();
                }
                for (Group group : done) {
                    outcomes.add(new Outcome(group, failed == null ? null : failure));
                }
                forcing.notifyAll();
            }
            acknowledgeInOrder(false);
        }
    }

    /** A group whose stages are to be completed: normally, or with its failure. */
    private record Outcome(Group group, PersistenceException failure) { }

    /**
     * Completes the groups handed to {@link #outcomes} in the order they were handed over, one thread
     * at a time, so that a group is never acknowledged before the groups before it even when several
     * forces end at once. A thread that finds another completing them leaves its groups to it, unless
     * {@code untilAllDone} (closing), when it waits until every group handed over is completed.
     */
    private void acknowledgeInOrder(boolean untilAllDone) {
        synchronized (forcing) {
            while (acknowledging) {
                if (!untilAllDone) {
                    return;
                }
                try {
                    forcing.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            acknowledging = true;
        }
        while (true) {
            Outcome next;
            synchronized (forcing) {
                next = outcomes.poll();
                if (next == null) {
                    acknowledging = false;
                    forcing.notifyAll();
                    return;
                }
            }
            for (Append append : next.group().appends()) {
                if (next.failure() == null) {
                    completeQuietly(append.done(), null);
                } else {
                    append.done().completeExceptionally(next.failure());
                }
            }
        }
    }

    /**
     * Nanoseconds until a force may begin for the groups waiting, 0 for now: at once when none is in
     * flight; while one is, only once it has taken {@link #OVERLAP_AFTER_NANOS}, so that fast forces
     * gather the groups written meanwhile into the next one (fewer forces, less CPU) and only slow ones
     * are overlapped. Called holding {@link #forcing}.
     */
    private long overlapIn() {
        if (forcesInFlight == 0) {
            return 0;
        }
        long left = lastBeginNanos + OVERLAP_AFTER_NANOS - System.nanoTime();
        return Math.max(left, 0);
    }

    /**
     * Waits until no force is in flight, then forces what is written and acknowledges every group: before
     * the file is closed or replaced.
     */
    private void forceAll() throws IOException {
        synchronized (forcing) {
            while (forcesInFlight > 0) {
                try {
                    forcing.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("Interrupted waiting for the journal's forces");
                }
            }
            if (written > forced) {
                dirty = true;
            }
            force();
            forced = written;
            forceBegun = written;
            for (Group group : unforced) {
                outcomes.add(new Outcome(group, null));
            }
            unforced.clear();
        }
        acknowledgeInOrder(true);
    }

    /** Ends the forcing threads once they are idle. */
    private void stopForcers() {
        synchronized (forcing) {
            stopping = true;
            forcing.notifyAll();
        }
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

    /**
     * Makes the file hold at least {@code bytes} after {@link #position}: writes zeros past its end and
     * forces them with the file's new size, so that forcing the records written there next commits
     * their data only.
     */
    private void reserve(long bytes) throws IOException {
        if (position + bytes <= allocated) {
            return;
        }
        long target = Math.max(position + bytes, Math.max(allocated + Math.min(allocated, MAX_GROWTH), MIN_GROWTH));
        target = (target + 4095) & ~4095L;
        for (long at = allocated; at < target; ) {
            at += channel.write(ByteBuffer.wrap(ZEROS, 0, (int) Math.min(ZEROS.length, target - at)), at);
        }
        channel.force(false);
        allocated = target;
    }

    /** Cuts the zeros after the records, so a closed journal file ends with its last record. */
    private void release() throws IOException {
        if (allocated > position) {
            channel.truncate(position);
            allocated = position;
            zeroTail = 0;
        }
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
        position = Frames.FILE_HEADER;
        allocated = Frames.FILE_HEADER;
        zeroTail = 0;
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

    /** Fails the groups no force will acknowledge any more (the writer has stopped on a failure). */
    private void failUnforced() {
        synchronized (forcing) {
            while (forcesInFlight > 0) {
                try {
                    forcing.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            PersistenceException reason = failure != null ? failure
                    : new PersistenceException(PersistenceException.Reason.CLOSED, "The journal in " + directory + " is closed");
            for (Group group : unforced) {
                outcomes.add(new Outcome(group, reason));
            }
            unforced.clear();
        }
        acknowledgeInOrder(true);
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
