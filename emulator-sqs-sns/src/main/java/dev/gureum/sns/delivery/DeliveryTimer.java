package dev.gureum.sns.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs delivery retries when they fall due on the service's clock: one thread for all pending
 * retries, however many. It sleeps until the earliest is due, and looks at the clock again at least
 * every {@value #TICK_MILLIS} ms so that a clock moved by hand (in tests) is noticed.
 */
final class DeliveryTimer implements AutoCloseable {

    static final long TICK_MILLIS = 50;

    private record Scheduled(Instant due, long order, Runnable task) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final Clock clock;
    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private final AtomicLong order = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    DeliveryTimer(Clock clock, Executor executor) {
        this.clock = clock;
        this.executor = executor;
        this.thread = new Thread(this::run, "gureum-sns-retries");
        thread.setDaemon(true);
        thread.start();
    }

    void schedule(Duration delay, Runnable task) {
        lock.lock();
        try {
            queue.add(new Scheduled(clock.instant().plus(delay), order.incrementAndGet(), task));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            Runnable due = null;
            lock.lock();
            try {
                Scheduled next = queue.peek();
                if (next == null) {
                    changed.await();
                } else {
                    long wait = Duration.between(clock.instant(), next.due()).toMillis();
                    if (wait <= 0) {
                        due = queue.poll().task();
                    } else {
                        changed.await(Math.min(wait, TICK_MILLIS), TimeUnit.MILLISECONDS);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (due != null) {
                try {
                    executor.execute(due);
                } catch (RejectedExecutionException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
