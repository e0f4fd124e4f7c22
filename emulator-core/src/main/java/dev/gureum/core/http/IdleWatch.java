package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;

import java.util.concurrent.TimeUnit;

/**
 * The state of a body that moves without holding a thread (active on a worker, waiting for its client,
 * or done) and the idle timeout over its waits: the IO thread checks now and then, and calls
 * {@code onTimeout} once, when a wait has lasted the idle timeout. Busy time never counts.
 */
final class IdleWatch {

    private enum State { ACTIVE, WAITING, DONE }

    private final HttpServerExchange exchange;
    private final long idleMillis;
    private final Runnable onTimeout;
    private State state = State.ACTIVE;
    private long waitingSince;
    /** Whether the check is scheduled; only the thread running the body touches it. */
    private boolean timing;

    /** @param onTimeout runs on the IO thread, once the watch is done */
    IdleWatch(HttpServerExchange exchange, long idleMillis, Runnable onTimeout) {
        this.exchange = exchange;
        this.idleMillis = idleMillis;
        this.onTimeout = onTimeout;
    }

    /**
     * The body starts waiting for its client, and the check is scheduled the first time (most small
     * bodies never wait). False if it is done already: then nothing is to be waited for.
     */
    boolean waiting() {
        synchronized (this) {
            if (state == State.DONE) {
                return false;
            }
            state = State.WAITING;
            waitingSince = System.nanoTime();
        }
        if (!timing) {
            timing = true;
            schedule(idleMillis);
        }
        return true;
    }

    /** The client is ready again; true if the body was waiting, and so is to go on. */
    synchronized boolean resume() {
        if (state != State.WAITING) {
            return false;
        }
        state = State.ACTIVE;
        return true;
    }

    /** The body is done (whatever the reason); true if it was not done before. */
    synchronized boolean finish() {
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    /** On the IO thread, every so often: gives up a body whose client has been quiet for too long. */
    private void check() {
        long delay;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            long idle = state == State.WAITING ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince) : 0;
            delay = idleMillis - idle;
            if (delay <= 0) {
                state = State.DONE;
            }
        }
        if (delay > 0) {
            schedule(delay);
            return;
        }
        onTimeout.run();
    }

    private void schedule(long delayMillis) {
        exchange.getIoThread().executeAfter(this::check, delayMillis, TimeUnit.MILLISECONDS);
    }
}
