package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A response body sent as it is produced: code on any thread hands bytes to {@link #write} and goes on
 * at once; the exchange's IO thread sends them as soon as the connection takes them (as HTTP chunks,
 * unless a length was set), so no thread waits for the client and none is held between writes. The
 * bytes the client has not taken yet are held in memory. A client that takes nothing for the idle
 * timeout loses the connection. A producer that can wait asks {@link #ready} before writing more, so that
 * the bytes the client has not read stay under {@link #HIGH_WATER}.
 */
public final class ResponseStream {

    /** Bytes not yet taken by the client past which {@link #ready} asks the producer to wait. */
    public static final int HIGH_WATER = 1024 * 1024;

    private final HttpServerExchange exchange;
    private final IdleWatch watch;
    /** Bytes written and not yet sent; guarded by this. */
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long pending;
    private Runnable onDrained;
    private boolean begun;
    private boolean ended;
    private boolean cut;
    private boolean closed;
    private boolean scheduled;
    /** Touched on the IO thread only. */
    private StreamSinkChannel out;
    private boolean blocked;

    private ResponseStream(HttpServerExchange exchange, long idleMillis) {
        this.exchange = exchange;
        this.watch = new IdleWatch(exchange, idleMillis,
                () -> abort(new StreamingBody.BodyTimeoutException(idleMillis)));
    }

    /**
     * Takes over the exchange's response, whose status and headers must be set: they are sent at once.
     * Call it in the request's handler as its last step with the exchange, or later from any thread
     * that owns the exchange (a completion of work the handler started).
     */
    public static ResponseStream open(HttpServerExchange exchange, long idleMillis) {
        ResponseStream stream = new ResponseStream(exchange, idleMillis);
        // inside a handler call: once the handler returns, so that Undertow does not end the exchange
        // meanwhile; outside one: at once
        exchange.dispatch(SameThreadExecutor.INSTANCE, stream::begin);
        return stream;
    }

    /** Queues a copy of the bytes; they are sent in order. Ignored once the stream has ended or failed. */
    public void write(byte[] bytes) {
        write(ByteBuffer.wrap(bytes));
    }

    /** Queues a copy of the remaining bytes of {@code bytes}, which the caller may reuse at once. */
    public void write(ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        synchronized (this) {
            if (ended || closed) {
                return;
            }
            queue.add(copy);
            pending += copy.remaining();
        }
        schedule();
    }

    /**
     * Whether the producer may write more now: true while fewer than {@link #HIGH_WATER} bytes wait for
     * the client (or the stream is over). Otherwise {@code resume} runs, once, when half of them have
     * been sent or the stream is given up.
     */
    public boolean ready(Runnable resume) {
        synchronized (this) {
            if (closed || pending < HIGH_WATER) {
                return true;
            }
            onDrained = resume;
            return false;
        }
    }

    /** The body is complete: what was written is sent, then the response ends. */
    public void end() {
        synchronized (this) {
            if (ended || closed) {
                return;
            }
            ended = true;
        }
        schedule();
    }

    /**
     * The body cannot be completed: what was written is sent, then the connection is closed without the
     * body's end, so the client sees the response cut short.
     */
    public void fail() {
        synchronized (this) {
            if (ended || closed) {
                return;
            }
            ended = true;
            cut = true;
        }
        schedule();
    }

    private void begin() {
        synchronized (this) {
            begun = true;
        }
        schedule();
    }

    private void schedule() {
        synchronized (this) {
            if (!begun || scheduled || closed) {
                return;
            }
            scheduled = true;
        }
        exchange.getIoThread().execute(this::flush);
    }

    /** On the IO thread: sends what the connection takes, then waits for it to take more. */
    private void flush() {
        synchronized (this) {
            scheduled = false;
            if (closed) {
                return;
            }
        }
        if (blocked) {
            return;
        }
        try {
            if (out == null) {
                out = exchange.getResponseChannel();
                if (out == null) {
                    throw new IllegalStateException("The response was sent already");
                }
                out.getWriteSetter().set(ch -> writable());
            }
            for (; ; ) {
                ByteBuffer head;
                boolean end;
                boolean cutShort;
                synchronized (this) {
                    head = queue.peek();
                    end = ended && head == null;
                    cutShort = cut;
                }
                if (head == null) {
                    if (end && cutShort) {
                        if (out.flush()) {
                            abort(null);
                        } else {
                            waitForClient();
                        }
                    } else if (end) {
                        finish();
                    } else if (!out.flush()) {
                        waitForClient();
                    }
                    return;
                }
                out.write(head);
                if (head.hasRemaining()) {
                    waitForClient();
                    return;
                }
                Runnable resume = null;
                synchronized (this) {
                    pending -= queue.poll().capacity();
                    if (onDrained != null && pending <= HIGH_WATER / 2) {
                        resume = onDrained;
                        onDrained = null;
                    }
                }
                if (resume != null) {
                    resume.run();
                }
            }
        } catch (Throwable t) {
            abort(t);
        }
    }

    private void waitForClient() {
        blocked = true;
        if (watch.waiting()) {
            out.resumeWrites();
        }
    }

    /** On the IO thread: the connection takes bytes again. */
    private void writable() {
        out.suspendWrites();
        if (!watch.resume()) {
            return;
        }
        blocked = false;
        flush();
    }

    private void finish() throws IOException {
        out.shutdownWrites();
        if (out.flush()) {
            done();
            return;
        }
        // the last bytes wait for the client too, within the same idle timeout
        out.getWriteSetter().set(ChannelListeners.flushingChannelListener(ch -> done(), (ch, e) -> abort(e)));
        if (watch.waiting()) {
            out.resumeWrites();
        }
    }

    private void done() {
        synchronized (this) {
            closed = true;
        }
        watch.finish();
        exchange.endExchange();
    }

    private void abort(Throwable cause) {
        Runnable resume;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            pending = 0;
            resume = onDrained;
            onDrained = null;
        }
        watch.finish();
        IoUtils.safeClose(exchange.getConnection());
        if (resume != null) {
            // the producer goes on, and what it writes is dropped
            resume.run();
        }
    }
}
