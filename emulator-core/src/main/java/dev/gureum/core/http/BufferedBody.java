package dev.gureum.core.http;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Reads a whole (bounded) request body on the IO thread as it arrives, without a thread waiting on the
 * client; a body that sends nothing for the idle timeout ends the connection, as a client that went
 * away does.
 */
final class BufferedBody {

    private final HttpServerExchange exchange;
    private final long idleMillis;
    private final long max;
    private final BiConsumer<HttpServerExchange, byte[]> then;
    /** The parts so far, when the body comes in more than one (most arrive whole, with their headers). */
    private ByteArrayOutputStream bytes;
    private volatile long lastArrival = System.nanoTime();
    private volatile boolean done;

    private BufferedBody(HttpServerExchange exchange, long idleMillis, long max,
                         BiConsumer<HttpServerExchange, byte[]> then) {
        this.exchange = exchange;
        this.idleMillis = idleMillis;
        this.max = max;
        this.then = then;
    }

    /** Reads the body, then calls {@code then} (on the thread that read its last bytes). */
    static void read(HttpServerExchange exchange, long idleMillis, long max, BiConsumer<HttpServerExchange, byte[]> then) {
        new BufferedBody(exchange, idleMillis, max, then).start();
    }

    private void start() {
        exchange.setMaxEntitySize(max);
        exchange.getRequestReceiver().receivePartialBytes(this::arrived, (ex, e) -> {
            done = true;
            EdgeHandler.fail(ex, e);
        });
        if (!done) {
            // most bodies have arrived with their headers and need no timer
            schedule(idleMillis);
        }
    }

    private void arrived(HttpServerExchange ex, byte[] data, boolean last) {
        if (done) {
            return;
        }
        lastArrival = System.nanoTime();
        int before = bytes == null ? 0 : bytes.size();
        if (before + (long) data.length > max) {
            done = true;
            ex.setPersistent(false);
            EdgeHandler.fail(ex, new Receiver.RequestToLargeException());
            return;
        }
        if (last && bytes == null) {
            // the whole body in one part: the receiver's array is the body's, no copy needed
            done = true;
            then.accept(ex, data);
            return;
        }
        if (bytes == null) {
            bytes = new ByteArrayOutputStream(Math.max(32, data.length * 2));
        }
        bytes.write(data, 0, data.length);
        if (last) {
            done = true;
            then.accept(ex, bytes.toByteArray());
        }
    }

    /** On the IO thread: a client quiet for the idle timeout loses its connection. */
    private void check() {
        if (done) {
            return;
        }
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastArrival);
        if (idle < idleMillis) {
            schedule(idleMillis - idle);
            return;
        }
        done = true;
        exchange.setPersistent(false);
        EdgeHandler.fail(exchange, new StreamingBody.BodyTimeoutException(idleMillis));
    }

    private void schedule(long delayMillis) {
        exchange.getIoThread().executeAfter(this::check, delayMillis, TimeUnit.MILLISECONDS);
    }
}
