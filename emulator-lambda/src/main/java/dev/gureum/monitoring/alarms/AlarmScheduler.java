package dev.gureum.monitoring.alarms;

import dev.gureum.core.time.Timers;

import java.time.Instant;

/**
 * Evaluates alarms on the server clock: at each whole minute, and at each 10 seconds while an alarm has a
 * high-resolution period. One timer at a time, armed while metric alarms exist; moving the clock forward runs
 * every evaluation due in between, in order.
 */
public final class AlarmScheduler {

    private final Alarms alarms;
    private final Timers timers;
    private Timers.Timer next;
    private Instant nextAt;
    private boolean closed;

    public AlarmScheduler(Alarms alarms, Timers timers) {
        this.alarms = alarms;
        this.timers = timers;
        alarms.onChange(a -> arm());
    }

    /** Schedules the next evaluation if alarms need one; called at start and whenever an alarm is created. */
    public void arm() {
        arm(timers.clock().instant());
    }

    /** Schedules the evaluation after {@code after} (the last one's time, so that none is skipped). */
    private synchronized void arm(Instant after) {
        if (closed || !alarms.anyMetricAlarm()) {
            return;
        }
        Instant due = nextBoundary(after);
        if (next != null && nextAt != null && !nextAt.isAfter(due)) {
            return;
        }
        if (next != null) {
            next.cancel();
        }
        nextAt = due;
        next = timers.at(due, () -> tick(due));
    }

    private Instant nextBoundary(Instant now) {
        int step = alarms.anyHighResolution() ? 10 : 60;
        long second = Math.floorDiv(now.getEpochSecond(), step) * step + step;
        return Instant.ofEpochSecond(second);
    }

    private void tick(Instant at) {
        synchronized (this) {
            if (closed) {
                return;
            }
            next = null;
            nextAt = null;
        }
        try {
            alarms.evaluate(at);
        } finally {
            arm(at);
        }
    }

    /** Stops evaluating. */
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel();
        }
    }
}
