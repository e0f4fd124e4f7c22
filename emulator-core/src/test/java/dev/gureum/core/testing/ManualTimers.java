package dev.gureum.core.testing;

import dev.gureum.core.time.Timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Timers on a {@link MutableClock} that only a test moves: {@link #advance} runs every task due in
 * between, in the order they fall due, on the test's thread.
 */
public final class ManualTimers implements Timers {

    private record Task(Instant when, long order, Runnable run, boolean[] cancelled) {
    }

    private final MutableClock clock;
    private final PriorityQueue<Task> due = new PriorityQueue<>((a, b) -> a.when.equals(b.when)
            ? Long.compare(a.order, b.order) : a.when.compareTo(b.when));
    private long order;

    public ManualTimers(MutableClock clock) {
        this.clock = clock;
    }

    public ManualTimers() {
        this(new MutableClock());
    }

    @Override
    public synchronized Timer at(Instant when, Runnable task) {
        boolean[] cancelled = {false};
        due.add(new Task(when, order++, task, cancelled));
        return () -> {
            synchronized (this) {
                boolean pending = !cancelled[0] && due.removeIf(t -> t.cancelled == cancelled);
                cancelled[0] = true;
                return pending;
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public MutableClock mutableClock() {
        return clock;
    }

    /** Moves the clock forward by {@code duration}, running each task when its moment comes. */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = due.peek();
                if (next == null || next.when.isAfter(target)) {
                    break;
                }
                due.poll();
            }
            if (next.when.isAfter(clock.instant())) {
                clock.set(next.when);
            }
            next.run.run();
        }
        clock.set(target);
    }
}
