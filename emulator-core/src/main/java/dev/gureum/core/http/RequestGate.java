package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a change of a service's whole state (a state file loaded into a running server) happen between
 * requests, never during one: while a service's door is closed, its requests wait, parked without a
 * thread, and the change starts once every request that entered before has been answered. A request
 * counts from the moment it reaches its service until its exchange ends, so a change never sees a
 * request's change half made or its record half written.
 */
public final class RequestGate {

    private final Map<String, Door> doors = new ConcurrentHashMap<>();

    private static final class Door {
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean closed;
        final List<Runnable> parked = new ArrayList<>();
    }

    private Door door(String service) {
        return doors.computeIfAbsent(service, s -> new Door());
    }

    /**
     * Lets a request to {@code service} in, counted until its exchange ends, unless the service's door is
     * closed.
     *
     * @return whether the request may go on now; if not, {@link #park} it
     */
    public boolean tryEnter(String service, HttpServerExchange exchange) {
        return tryEnter(service, leave -> exchange.addExchangeCompleteListener((ex, next) -> {
            leave.run();
            next.proceed();
        }));
    }

    /** {@link #tryEnter(String, HttpServerExchange)}, handing what ends the request to {@code whenDone}. */
    boolean tryEnter(String service, java.util.function.Consumer<Runnable> whenDone) {
        Door door = door(service);
        door.inFlight.incrementAndGet();
        if (!door.closed) {
            whenDone.accept(() -> leave(door));
            return true;
        }
        leave(door);
        return false;
    }

    /**
     * Keeps {@code resume} to run once the service's door opens again.
     *
     * @return {@code false} when the door is open already: the caller tries again at once
     */
    public boolean park(String service, Runnable resume) {
        Door door = door(service);
        synchronized (door) {
            if (!door.closed) {
                return false;
            }
            door.parked.add(resume);
            return true;
        }
    }

    private static void leave(Door door) {
        if (door.inFlight.decrementAndGet() == 0 && door.closed) {
            synchronized (door) {
                door.notifyAll();
            }
        }
    }

    /**
     * Closes the doors of {@code services}, waits until no request to them is in flight, runs
     * {@code change}, then opens the doors and lets the waiting requests in. Call it on a thread that may
     * block, never an IO thread.
     *
     * @throws TimeoutException if requests were still in flight after {@code wait}; nothing was changed
     */
    public <T> T exclusive(Collection<String> services, Duration wait, Callable<T> change) throws Exception {
        List<Door> closed = new ArrayList<>();
        synchronized (this) { // one change at a time, so that two never wait on each other's doors
            try {
                for (String service : services) {
                    Door door = door(service);
                    synchronized (door) {
                        door.closed = true;
                    }
                    closed.add(door);
                }
                long deadline = System.nanoTime() + wait.toNanos();
                for (Door door : closed) {
                    synchronized (door) {
                        while (door.inFlight.get() > 0) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                throw new TimeoutException(door.inFlight.get() + " requests still in flight after "
                                        + wait.toSeconds() + " s");
                            }
                            door.wait(Math.max(1, left / 1_000_000));
                        }
                    }
                }
                return change.call();
            } finally {
                for (Door door : closed) {
                    List<Runnable> resumed;
                    synchronized (door) {
                        door.closed = false;
                        resumed = List.copyOf(door.parked);
                        door.parked.clear();
                    }
                    resumed.forEach(Runnable::run);
                }
            }
        }
    }
}
