package dev.gureum.server.console;

import dev.gureum.core.http.RequestTap;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The console's live side: while at least one page listens to {@code /_gureum/console/api/events}, the
 * front end tells {@link RequestFeed} of every request, and every {@value #FLUSH_MILLIS} ms the pages are
 * told which services changed ({@code event: change}); once a second they are told the clock moved
 * ({@code event: tick}), since bills and timers change with time alone. The pages then fetch the views
 * they show. With no page listening, nothing is recorded and no thread runs.
 */
final class Console {

    static final int FLUSH_MILLIS = 100;
    private static final int FEED_SIZE = 2000;

    private final Supplier<RequestTap> tap;
    private final RequestFeed feed;
    private final ServerSentEventHandler events;
    private final Object lifecycle = new Object();
    private final AtomicInteger open = new AtomicInteger();
    private ScheduledExecutorService timer;
    private long ticks;

    Console(Supplier<RequestTap> tap, Clock clock) {
        this.tap = tap;
        this.feed = new RequestFeed(FEED_SIZE, clock);
        this.events = new ServerSentEventHandler(this::connected);
    }

    ServerSentEventHandler events() {
        return events;
    }

    RequestFeed feed() {
        return feed;
    }

    /**
     * Counts the page and starts recording. Undertow may run close tasks while holding a connection's
     * lock, so nothing here calls into a connection while holding a lock of the console's.
     */
    private void connected(ServerSentEventConnection connection, String lastEventId) {
        open.incrementAndGet();
        connection.addCloseTask(c -> {
            if (open.decrementAndGet() == 0) {
                stopIfIdle();
            }
        });
        connection.setKeepAliveTime(15_000);
        start();
        connection.send("{\"last\":" + feed.last() + "}", "hello", null, null);
    }

    private void start() {
        synchronized (lifecycle) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "gureum-console");
                    t.setDaemon(true);
                    return t;
                });
                tap.get().observe(feed);
                timer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void stopIfIdle() {
        synchronized (lifecycle) {
            if (open.get() == 0 && timer != null) {
                tap.get().observe(null);
                timer.shutdown();
                timer = null;
            }
        }
    }

    private void flush() {
        try {
            List<String> changed = feed.drainChanged();
            if (!changed.isEmpty()) {
                broadcast("change", "{\"services\":[" + String.join(",", changed.stream()
                        .map(s -> "\"" + s + "\"").toList()) + "],\"last\":" + feed.last() + "}");
            }
            if (++ticks % (1000 / FLUSH_MILLIS) == 0) {
                broadcast("tick", "{}");
            }
        } catch (RuntimeException e) {
            // a page that went away is closed by Undertow; the next flush goes on
        }
    }

    private void broadcast(String event, String data) {
        for (ServerSentEventConnection c : events.getConnections()) {
            c.send(data, event, null, null);
        }
    }
}
