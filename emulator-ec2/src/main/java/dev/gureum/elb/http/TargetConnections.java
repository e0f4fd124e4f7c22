package dev.gureum.elb.http;

import io.undertow.client.ClientConnection;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections to targets between requests, per IO thread (a connection serves exchanges of the thread it
 * was opened on) and target address. A connection idle for longer than a target is likely to keep it open is
 * closed rather than reused, and at most {@value #MAX_IDLE} idle ones are kept per thread and target.
 */
final class TargetConnections {

    private static final int MAX_IDLE = 64;
    /** Below the shortest keep-alive timeout common servers use (Node.js: 5 s). */
    private static final long MAX_IDLE_NANOS = 4_000_000_000L;

    private record Key(XnioIoThread thread, InetSocketAddress address) {
    }

    private record Idle(ClientConnection connection, long since) {
    }

    private static final class Pool {
        final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }

    private final Map<Key, Pool> pools = new ConcurrentHashMap<>();

    /** An open idle connection to the address, most recently used first, or {@code null}. */
    ClientConnection take(XnioIoThread thread, InetSocketAddress address) {
        Pool pool = pools.get(new Key(thread, address));
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        Idle i;
        while ((i = pool.idle.pollFirst()) != null) {
            pool.size.decrementAndGet();
            if (i.connection().isOpen() && now - i.since() < MAX_IDLE_NANOS) {
                return i.connection();
            }
            IoUtils.safeClose(i.connection());
        }
        return null;
    }

    /** Keeps a connection whose exchange is over for the next request, or closes it. */
    void give(XnioIoThread thread, InetSocketAddress address, ClientConnection connection) {
        if (!connection.isOpen()) {
            return;
        }
        Pool pool = pools.computeIfAbsent(new Key(thread, address), k -> new Pool());
        if (pool.size.incrementAndGet() > MAX_IDLE) {
            pool.size.decrementAndGet();
            IoUtils.safeClose(connection);
            return;
        }
        pool.idle.addFirst(new Idle(connection, System.nanoTime()));
    }
}
