package dev.gureum.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Work due at a moment of the server clock: a message's delay ending, an alarm's next evaluation, an
 * instance finishing its boot. Timed behaviour schedules here instead of on a thread pool of its own, so
 * that moving the server clock forward runs everything due in between, in the order it falls due.
 *
 * <p>Tasks run on a timer thread, or within {@link ServerClock#advance} on the thread that advances the
 * clock: they must be short and must not block (hand longer work to a worker). A server's timers are its
 * {@link ServerClock#timers()}.
 */
public interface Timers {

    /** Runs {@code task} once the server clock reaches {@code when} (at once if it has already passed). */
    Timer at(Instant when, Runnable task);

    /** Runs {@code task} once {@code delay} of server-clock time has passed from now. */
    default Timer after(Duration delay, Runnable task) {
        return at(clock().instant().plus(delay), task);
    }

    /**
     * Runs {@code task} at every multiple of {@code period} since the epoch from now on (each minute, each
     * UTC midnight...), given the moment it is due, until the returned timer is cancelled. A task that
     * throws does not stop the next ones.
     */
    default Timer every(Duration period, java.util.function.Consumer<Instant> task) {
        return new Repeating(this, period, task).start();
    }

    /** The clock these timers follow. */
    Clock clock();

    /** A scheduled task. */
    interface Timer {
        /** Cancels the task if it has not run yet; {@code true} when it will not run. */
        boolean cancel();
    }

    /** Timers on real time as read from {@code clock}: the server's default. */
    static Timers realTime(Clock clock) {
        return new RealTimeTimers(clock);
    }
}
