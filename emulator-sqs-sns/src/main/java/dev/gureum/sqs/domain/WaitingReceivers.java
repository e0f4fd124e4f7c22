package dev.gureum.sqs.domain;

import dev.gureum.core.time.Timers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Receivers in a long poll: each is a future, not a thread, served in arrival order; one scheduled wakeup
 * serves them when the next delayed or invisible message becomes visible. Both the wakeup and each wait's
 * end are due at moments of the server clock, so that moving the clock answers or ends long polls as the
 * time passing would. The queue changes it under its monitor and completes the futures after releasing it.
 */
final class WaitingReceivers {

    static final class Waiter {
        final ReceiveRequest request;
        final CompletableFuture<List<SqsMessage.Received>> future = new CompletableFuture<>();
        Timers.Timer timeout;
        Timers.Timer realTimeout;

        Waiter(ReceiveRequest request) {
            this.request = request;
        }

        /** Ends the wait with {@code received}; no effect if it ended already. */
        void complete(List<SqsMessage.Received> received) {
            if (timeout != null) {
                timeout.cancel();
            }
            if (realTimeout != null) {
                realTimeout.cancel();
            }
            // if the wait ended just before, the messages become visible again after their timeout
            future.complete(received);
        }
    }

    /**
     * A wait also ends after its time in real time: the client's HTTP read timeout is real, so a clock slowed
     * down (or held by a test) must not keep it waiting longer than it asked.
     */
    private static final Timers REAL_TIME = Timers.realTime(Clock.systemUTC());

    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Timers timers;
    private Timers.Timer wakeup;
    private Instant wakeupAt;

    WaitingReceivers(Timers timers) {
        this.timers = timers;
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    int size() {
        return waiters.size();
    }

    Waiter park(ReceiveRequest request) {
        Waiter waiter = new Waiter(request);
        waiters.addLast(waiter);
        return waiter;
    }

    /**
     * Starts the wait's clock (outside the monitor); {@code expire} runs when it ends: when the server clock
     * has moved on by the wait time (an advance ends it at once), or that much real time has passed.
     */
    void startTimeout(Waiter waiter, Runnable expire) {
        waiter.timeout = timers.after(waiter.request.waitTime(), expire);
        waiter.realTimeout = REAL_TIME.after(waiter.request.waitTime(), expire);
    }

    /** Takes a waiter out; false if it was served or ended already. */
    boolean remove(Waiter waiter) {
        return waiters.remove(waiter);
    }

    /** The waiters in arrival order; serving one removes it through the iterator. */
    Iterator<Waiter> iterator() {
        return waiters.iterator();
    }

    /** Takes every waiter out and cancels the wakeup (the queue is gone). */
    List<Waiter> removeAll() {
        List<Waiter> ended = new ArrayList<>(waiters);
        waiters.clear();
        if (wakeup != null) {
            wakeup.cancel();
        }
        return ended;
    }

    /** With receivers waiting, wakes up at {@code next} (when a message becomes visible) by running {@code wake}. */
    void scheduleWakeup(Instant now, Instant next, Runnable wake) {
        if (waiters.isEmpty() || next == null) {
            return;
        }
        if (wakeup != null && wakeupAt != null && !wakeupAt.isAfter(next)) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel();
        }
        wakeupAt = next;
        wakeup = timers.at(next, wake);
    }

    /** The scheduled wakeup ran: it is no longer pending, so the next one may be scheduled. */
    void wokeUp() {
        wakeupAt = null;
        wakeup = null;
    }
}
