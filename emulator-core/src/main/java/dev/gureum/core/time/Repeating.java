package dev.gureum.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** {@link Timers#every}: a task due at each multiple of its period, scheduled one at a time. */
final class Repeating implements Timers.Timer {

    private final Timers timers;
    private final long periodMillis;
    private final Consumer<Instant> task;
    private volatile boolean cancelled;
    private Timers.Timer next;

    Repeating(Timers timers, Duration period, Consumer<Instant> task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("The period must be positive: " + period);
        }
        this.timers = timers;
        this.periodMillis = period.toMillis();
        this.task = task;
    }

    synchronized Repeating start() {
        if (!cancelled) {
            long now = timers.clock().millis();
            Instant due = Instant.ofEpochMilli(Math.floorDiv(now, periodMillis) * periodMillis + periodMillis);
            next = timers.at(due, () -> run(due));
        }
        return this;
    }

    private void run(Instant due) {
        if (cancelled) {
            return;
        }
        try {
            task.accept(due);
        } finally {
            start();
        }
    }

    @Override
    public synchronized boolean cancel() {
        boolean wasRunning = !cancelled;
        cancelled = true;
        if (next != null) {
            next.cancel();
        }
        return wasRunning;
    }
}
