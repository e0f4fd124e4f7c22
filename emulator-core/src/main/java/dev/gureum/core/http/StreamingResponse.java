package dev.gureum.core.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends part of a file as the response body without holding a thread while the client is slow to
 * read: a worker writes what the connection takes, then gives its thread back until the IO thread
 * sees the connection writable again. A client that takes nothing for the idle timeout loses the
 * connection. The file is closed at the end either way.
 */
public final class StreamingResponse {

    private static final int BUFFER = 64 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));

    private final HttpServerExchange exchange;
    private final FileChannel file;
    private final Executor workers;
    private final IdleWatch watch;
    private StreamSinkChannel out;
    private long position;
    private long remaining;

    private StreamingResponse(HttpServerExchange exchange, FileChannel file, long position, long length, long idleMillis) {
        this.exchange = exchange;
        this.file = file;
        this.position = position;
        this.remaining = length;
        this.workers = exchange.getConnection().getWorker();
        this.watch = new IdleWatch(exchange, idleMillis, () -> abort(new StreamingBody.BodyTimeoutException(idleMillis)));
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code position}; the status and headers must be
     * set. Call it on a worker thread as the handler's last step; it returns at once.
     */
    public static void send(HttpServerExchange exchange, FileChannel file, long position, long length, long idleMillis) {
        StreamingResponse response = new StreamingResponse(exchange, file, position, length, idleMillis);
        exchange.dispatch(SameThreadExecutor.INSTANCE, response::begin);
    }

    private void begin() {
        out = exchange.getResponseChannel();
        if (out == null) {
            abort(new IllegalStateException("The response was sent already"));
            return;
        }
        out.getWriteSetter().set(ch -> writable());
        pump();
    }

    /** On a worker: writes until the connection takes no more, then waits for it without the thread. */
    private void pump() {
        ByteBuffer buffer = BUFFERS.get();
        try {
            while (remaining > 0) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), remaining));
                int n = file.read(buffer, position);
                if (n < 0) {
                    throw new EOFException("The file is shorter than the response");
                }
                buffer.flip();
                int written = out.write(buffer);
                position += written;
                remaining -= written;
                if (buffer.hasRemaining()) {
                    // what the connection did not take is read from the file again later
                    if (watch.waiting()) {
                        out.resumeWrites();
                    }
                    return;
                }
            }
            IoUtils.safeClose(file);
            out.shutdownWrites();
            if (out.flush()) {
                finished();
                return;
            }
            // the last bytes wait for the client too, within the same idle timeout
            if (!watch.waiting()) {
                return;
            }
            out.getWriteSetter().set(ChannelListeners.flushingChannelListener(ch -> finished(), (ch, e) -> abort(e)));
            out.resumeWrites();
        } catch (Throwable t) {
            abort(t);
        }
    }

    /** On the IO thread: the connection takes bytes again. */
    private void writable() {
        out.suspendWrites();
        if (!watch.resume()) {
            return;
        }
        try {
            workers.execute(this::pump);
        } catch (RejectedExecutionException e) {
            abort(e);
        }
    }

    private void finished() {
        watch.finish();
        exchange.endExchange();
    }

    /** Too late for an error answer: the client sees the connection end before the body does. */
    private void abort(Throwable cause) {
        watch.finish();
        IoUtils.safeClose(file);
        IoUtils.safeClose(exchange.getConnection());
    }
}
