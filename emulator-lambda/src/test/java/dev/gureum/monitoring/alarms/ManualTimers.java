package dev.gureum.monitoring.alarms;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.time.Timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers that run only when the test moves the clock: every task due in between, in order, at its moment. */
final class ManualTimers implements Timers {

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private record Task(Instant when, long sequence, Runnable run, boolean[] cancelled) {
    }

    ManualTimers(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Timer at(Instant when, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(when, sequence++, task, cancelled));
        return () -> {
            boolean was = cancelled[0];
            cancelled[0] = true;
            return !was;
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Moves the clock forward by {@code duration}, running what falls due on the way. */
    void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.when().isAfter(target))
                        .min(Comparator.comparing(Task::when).thenComparing(Task::sequence)).orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            if (next.when().isAfter(clock.instant())) {
                clock.set(next.when());
            }
            if (!next.cancelled()[0]) {
                next.run().run();
            }
        }
        clock.set(target);
    }
}
