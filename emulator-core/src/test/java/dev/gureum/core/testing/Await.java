package dev.gureum.core.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for something the server does in the background (a delivery, a process ending, a file
 * removed): checks the condition at once, then again after pauses that start at a millisecond and
 * grow to a few tens, until it holds or the limit has passed.
 */
public final class Await {

    private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(50);

    /** What is waited for; it may throw, which ends the wait with that failure. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Returns as soon as the condition holds; fails with "Timed out waiting for {@code what}" after the limit. */
    public static void until(Duration limit, Condition condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = FIRST_PAUSE;
        while (!holds(condition, what)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Timed out waiting for " + what + " (" + limit.toMillis() + " ms)");
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("Interrupted while waiting for " + what);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE);
        }
    }

    /** As {@link #until(Duration, Condition, String)}, with a limit of ten seconds. */
    public static void until(Condition condition, String what) {
        until(Duration.ofSeconds(10), condition, what);
    }

    private static boolean holds(Condition condition, String what) {
        try {
            return condition.holds();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("Failed while waiting for " + what, e);
        }
    }
}
