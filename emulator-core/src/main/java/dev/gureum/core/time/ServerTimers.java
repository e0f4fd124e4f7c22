package dev.gureum.core.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Timers} on a {@link ServerClock}: one thread runs each task when the clock reaches its due time
 * (sooner in real time when the clock runs faster); an advance runs the tasks due in the window itself, in
 * order. Tasks run one at a time, whether on the thread or in an advance, so they never overlap.
 */
final class ServerTimers implements Timers {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTimers.class);
    /** How often a base clock that tests move by hand is looked at (the system clock is waited on exactly). */
    static final long POLL_MILLIS = 20;

    private record Entry(Instant due, long order, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final ServerClock clock;
    private final boolean pollBase;
    /** Guards the pending tasks; held briefly, never while a task runs. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Entry> pending = new TreeSet<>();
    private final AtomicLong order = new AtomicLong();
    /** Held while tasks run and while the clock is moved: one at a time. */
    private final ReentrantLock running = new ReentrantLock();
    private Thread thread;
    private volatile boolean closed;

    ServerTimers(ServerClock clock, boolean pollBase) {
        this.clock = clock;
        this.pollBase = pollBase;
    }

    @Override
    public Timer at(Instant when, Runnable task) {
        Entry entry = new Entry(when, order.incrementAndGet(), task);
        lock.lock();
        try {
            if (closed) {
                return () -> true;
            }
            startThread();
            Entry first = pending.isEmpty() ? null : pending.first();
            pending.add(entry);
            if (first == null || entry.compareTo(first) < 0) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
        return () -> {
            lock.lock();
            try {
                return pending.remove(entry);
            } finally {
                lock.unlock();
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Tasks waiting for the clock. */
    int pending() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Moves the clock by {@code amount}, running every task due by then in order; see {@link ServerClock#advance}. */
    void advance(Duration amount) {
        running.lock();
        try {
            Instant baseStart = clock.baseInstant();
            Instant end = clock.at(baseStart).plus(amount);
            try {
                Entry next;
                while ((next = takeDue(end)) != null) {
                    clock.hold(next.due);
                    run(next);
                }
            } finally {
                clock.release(baseStart, end);
            }
        } finally {
            running.unlock();
        }
        wake();
    }

    /** Changes how the clock reads (between tasks), then lets the thread look again at what is due when. */
    void changed(Runnable change) {
        running.lock();
        try {
            change.run();
        } finally {
            running.unlock();
        }
        wake();
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The first pending task due by {@code by}, taken out; {@code null} if none. */
    private Entry takeDue(Instant by) {
        lock.lock();
        try {
            if (pending.isEmpty() || pending.first().due.isAfter(by)) {
                return null;
            }
            return pending.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private void run(Entry entry) {
        try {
            entry.task.run();
        } catch (Throwable t) {
            LOG.warn("A timed task failed", t);
        }
    }

    private void startThread() {
        if (thread == null) {
            thread = new Thread(this::loop, "gureum-timers");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        while (!closed) {
            lock.lock();
            try {
                if (pending.isEmpty()) {
                    if (pollBase) {
                        changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    } else {
                        changed.await();
                    }
                    continue;
                }
                long wait = clock.untilBase(pending.first().due).toNanos();
                if (wait > 0) {
                    changed.awaitNanos(pollBase ? Math.min(wait, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)) : wait);
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            runDue();
        }
    }

    /** On the thread: runs the tasks the clock has reached, in order. */
    private void runDue() {
        running.lock();
        try {
            Entry next;
            while (!closed && (next = takeDue(clock.instant())) != null) {
                run(next);
            }
        } finally {
            running.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            pending.clear();
            if (thread != null) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
