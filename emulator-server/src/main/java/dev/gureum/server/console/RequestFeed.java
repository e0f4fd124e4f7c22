package dev.gureum.server.console;

import dev.gureum.core.RequestContext;
import dev.gureum.core.http.RequestTap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last requests the server answered, kept only while a console listens: a fixed ring of entries,
 * and the names of the services whose state may have changed since the console was last told.
 */
final class RequestFeed implements RequestTap.Observer {

    /** One answered request as the console lists it. */
    record Entry(long sequence, String time, String service, String operation, String accountId, String region,
                 int status, double durationMillis, String method, String path, String requestId) {
    }

    /** The services an internal endpoint (reset, clock) may change: all of them. */
    static final String EVERY_SERVICE = "*";
    private static final String CONSOLE_PATH = "/_gureum/console";

    private final Entry[] ring;
    private final Clock clock;
    private long next;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    RequestFeed(int capacity, Clock clock) {
        this.ring = new Entry[capacity];
        this.clock = clock;
    }

    @Override
    public void answered(RequestContext ctx, String method, String path, int status, long nanos) {
        if (path.startsWith(CONSOLE_PATH)) {
            return;
        }
        boolean internal = path.startsWith("/_gureum/") || path.startsWith("/_localstack/");
        if (internal && "GET".equals(method)) {
            // reading Gureum's own views changes nothing worth telling
            return;
        }
        String service = ctx != null && ctx.service() != null ? ctx.service().name() : internal ? "gureum" : null;
        changed.add(internal ? EVERY_SERVICE : service == null ? EVERY_SERVICE : service);
        String operation = ctx != null && ctx.operation() != null ? ctx.operation()
                : internal ? method + " " + path : null;
        String account = ctx == null || ctx.anonymous() ? null : ctx.accountId();
        String region = ctx == null ? null : ctx.region();
        String requestId = ctx == null ? null : ctx.requestId();
        synchronized (this) {
            ring[(int) (next % ring.length)] = new Entry(next, clock.instant().toString(), service, operation, account,
                    region, status, nanos / 1_000_000.0, method, path, requestId);
            next++;
        }
    }

    /** The entries after {@code sequence} (all kept ones for -1), oldest first. */
    synchronized List<Entry> after(long sequence) {
        long from = Math.max(sequence + 1, Math.max(0, next - ring.length));
        List<Entry> out = new ArrayList<>((int) Math.max(0, next - from));
        for (long s = from; s < next; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    synchronized long last() {
        return next - 1;
    }

    /** The services changed since the last call, emptied. */
    List<String> drainChanged() {
        List<String> out = new ArrayList<>();
        for (String s : changed) {
            if (changed.remove(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
