package dev.gureum.core.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.SameThreadExecutor;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body of any size without holding a thread while the client is quiet: a worker takes
 * whatever bytes have arrived and pushes them to a {@link Sink}, then gives its thread back and lets the
 * IO thread wake a worker when more arrive. A body that sends nothing for the idle timeout is given up
 * with a {@link BodyTimeoutException}, and its connection is not reused.
 */
public final class StreamingBody {

    /** Where the bytes go. Every call comes on a worker thread, one at a time, in order. */
    public interface Sink {
        /** The next bytes of the body; the buffer is reused once this returns. */
        void accept(ByteBuffer bytes) throws Exception;

        /**
         * Whether the sink takes more bytes now. A sink that answers {@code false} (its consumer is behind)
         * calls {@code resume} once it takes bytes again, from any thread; meanwhile nothing is read and no
         * thread waits, and the client is held back by the connection. By default always.
         */
        default boolean ready(Runnable resume) {
            return true;
        }

        /** The whole body has arrived; what this throws is the answer. */
        void end() throws Exception;

        /**
         * The body will not arrive in full: {@link BodyTimeoutException} when the client stopped sending,
         * another {@link IOException} when it went away, or what {@link #accept} threw.
         */
        void failed(Throwable cause);
    }

    /** The client sent nothing for the idle timeout. */
    public static final class BodyTimeoutException extends IOException {
        public BodyTimeoutException(long millis) {
            super("No bytes of the request body arrived for " + millis + " ms");
        }
    }

    private static final int BUFFER = 64 * 1024;
    /** One buffer per worker thread: a body holds no memory while it waits for its client. */
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));

    private final HttpServerExchange exchange;
    private final Executor workers;
    private final long idleMillis;
    private final Sink sink;
    private final IdleWatch watch;
    private StreamSourceChannel channel;

    private StreamingBody(HttpServerExchange exchange, Executor workers, long idleMillis, Sink sink) {
        this.exchange = exchange;
        this.workers = workers;
        this.idleMillis = idleMillis;
        this.sink = sink;
        this.watch = new IdleWatch(exchange, idleMillis, this::timedOut);
    }

    /**
     * Starts reading the body; returns at once. Call it on a worker thread as the request's handler
     * does its last step: the exchange is finished by the sink.
     *
     * @param workers where the sink runs ({@code null}: Undertow's worker pool)
     */
    public static void read(HttpServerExchange exchange, Executor workers, long idleMillis, Sink sink) {
        StreamingBody body = new StreamingBody(exchange,
                workers == null ? exchange.getConnection().getWorker() : workers, idleMillis, sink);
        // inside a handler call: once the handler returns, so that Undertow does not end the exchange
        // meanwhile; outside one: at once
        exchange.dispatch(SameThreadExecutor.INSTANCE, body::begin);
    }

    /**
     * For a request answered before its body was read (an error found in its headers): Undertow reads
     * and drops the rest of the body after the answer; a client that does not send it within
     * {@code millis} loses the connection.
     */
    public static void closeUnlessDrained(HttpServerExchange exchange, long millis) {
        if (exchange.isRequestComplete()) {
            return;
        }
        exchange.getIoThread().executeAfter(() -> {
            if (!exchange.isRequestComplete()) {
                IoUtils.safeClose(exchange.getConnection());
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void begin() {
        channel = exchange.getRequestChannel();
        if (channel == null) {
            finishFailed(new IllegalStateException("The request body was read already"));
            return;
        }
        channel.getReadSetter().set(ch -> readable());
        if (HttpContinue.requiresContinueResponse(exchange)) {
            // the client holds the body back until it hears 100 Continue; that wait counts as idle too
            watch.waiting();
            HttpContinue.sendContinueResponse(exchange, new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    wake();
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    fail(e);
                }
            });
            return;
        }
        pump();
    }

    /** On a worker: reads what has arrived, hands it on, and waits for more without the thread. */
    private void pump() {
        ByteBuffer buffer = BUFFERS.get();
        try {
            for (; ; ) {
                if (!sink.ready(this::resumed)) {
                    return;
                }
                buffer.clear();
                int n = channel.read(buffer);
                if (n > 0) {
                    buffer.flip();
                    sink.accept(buffer);
                    continue;
                }
                if (n < 0) {
                    if (!watch.finish()) {
                        return;
                    }
                    try {
                        sink.end();
                    } catch (Throwable t) {
                        // the whole body was read: the connection stays usable after this answer
                        EdgeHandler.fail(exchange, t);
                    }
                    return;
                }
                if (watch.waiting()) {
                    channel.resumeReads();
                }
                return;
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** The sink takes bytes again (any thread). */
    private void resumed() {
        try {
            workers.execute(this::pump);
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    /** On the IO thread: bytes (or the end) arrived. */
    private void readable() {
        channel.suspendReads();
        wake();
    }

    private void wake() {
        if (!watch.resume()) {
            return;
        }
        try {
            workers.execute(this::pump);
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    /** On the IO thread: the client has been quiet for the idle timeout. */
    private void timedOut() {
        channel.suspendReads();
        BodyTimeoutException timeout = new BodyTimeoutException(idleMillis);
        try {
            workers.execute(() -> finishFailed(timeout));
        } catch (RejectedExecutionException e) {
            finishFailed(timeout);
        }
    }

    private void fail(Throwable t) {
        if (!watch.finish()) {
            return;
        }
        if (exchange.isInIoThread()) {
            try {
                workers.execute(() -> finishFailed(t));
                return;
            } catch (RejectedExecutionException e) {
                // answer from here rather than not at all
            }
        }
        finishFailed(t);
    }

    private void finishFailed(Throwable t) {
        // the rest of the body will not be read: the connection cannot carry another request
        exchange.setPersistent(false);
        try {
            sink.failed(t);
        } catch (Throwable e) {
            EdgeHandler.fail(exchange, e);
        }
    }
}
