package dev.gureum.sns.delivery;

import dev.gureum.core.time.Timers;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs delivery retries when they fall due on the server clock (so that moving the clock runs them), each
 * on the delivery threads; counts those waiting, and forgets them at a reset.
 */
final class DeliveryTimer implements AutoCloseable {

    private final Timers timers;
    private final Executor executor;
    private final Set<Timers.Timer> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DeliveryTimer(Timers timers, Executor executor) {
        this.timers = timers;
        this.executor = executor;
    }

    void schedule(Duration delay, Runnable task) {
        if (closed) {
            return;
        }
        Timers.Timer[] timer = new Timers.Timer[1];
        // the task may fall due before the timer is known here: remove it once it is
        synchronized (timer) {
            timer[0] = timers.after(delay, () -> {
                synchronized (timer) {
                    waiting.remove(timer[0]);
                }
                if (closed) {
                    return;
                }
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            });
            waiting.add(timer[0]);
        }
    }

    int pending() {
        return waiting.size();
    }

    void clear() {
        for (Timers.Timer timer : waiting) {
            if (timer.cancel()) {
                waiting.remove(timer);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        clear();
    }
}
