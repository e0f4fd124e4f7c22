package dev.gureum.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Timers} whose clock is never moved: a task is due after its delay in real time. */
final class RealTimeTimers implements Timers {

    private final Clock clock;
    private volatile ScheduledThreadPoolExecutor executor;

    RealTimeTimers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Timer at(Instant when, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
        ScheduledFuture<?> future = executor().schedule(task, delay, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                if (executor == null) {
                    executor = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "gureum-timers");
                        t.setDaemon(true);
                        return t;
                    });
                    executor.setRemoveOnCancelPolicy(true);
                }
                e = executor;
            }
        }
        return e;
    }
}
