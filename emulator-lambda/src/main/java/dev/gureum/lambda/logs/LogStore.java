package dev.gureum.lambda.logs;

import dev.gureum.core.id.Arn;
import dev.gureum.core.state.ScopedStore;
import dev.gureum.lambda.runtime.LogSink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudWatch Logs' groups, streams and events, per account and region. Lambda writes its functions'
 * output here; the Logs API reads it. A stream keeps its most recent {@value #MAX_EVENTS} events.
 */
public final class LogStore implements LogSink {

    static final int MAX_EVENTS = 10_000;

    /** One log event; {@code sequence} orders events ingested at the same millisecond. */
    public record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {
    }

    /** A log group. Its streams are sorted by name. */
    public static final class LogGroup {
        final String name;
        final String arn;
        final long creationTime;
        volatile Integer retentionInDays;
        final Map<String, LogStream> streams = new ConcurrentSkipListMap<>();
        final Map<String, String> tags = new TreeMap<>();

        LogGroup(String name, String arn, long creationTime) {
            this.name = name;
            this.arn = arn;
            this.creationTime = creationTime;
        }

        public String name() {
            return name;
        }

        public String arn() {
            return arn;
        }

        public long creationTime() {
            return creationTime;
        }

        public Integer retentionInDays() {
            return retentionInDays;
        }

        public long storedBytes() {
            long total = 0;
            for (LogStream s : streams.values()) {
                total += s.storedBytes();
            }
            return total;
        }
    }

    /** A log stream; its events in ingestion order. */
    public static final class LogStream {
        final String name;
        final String arn;
        final long creationTime;
        private final Deque<LogEvent> events = new ArrayDeque<>();
        private Long firstEventTimestamp;
        private Long lastEventTimestamp;
        private Long lastIngestionTime;
        private long storedBytes;
        private long dropped;

        LogStream(String name, String arn, long creationTime) {
            this.name = name;
            this.arn = arn;
            this.creationTime = creationTime;
        }

        public String name() {
            return name;
        }

        public String arn() {
            return arn;
        }

        public long creationTime() {
            return creationTime;
        }

        public synchronized Long firstEventTimestamp() {
            return firstEventTimestamp;
        }

        public synchronized Long lastEventTimestamp() {
            return lastEventTimestamp;
        }

        public synchronized Long lastIngestionTime() {
            return lastIngestionTime;
        }

        public synchronized long storedBytes() {
            return storedBytes;
        }

        /** Events dropped from the front, so that positions stay stable for paging. */
        public synchronized long dropped() {
            return dropped;
        }

        public synchronized List<LogEvent> events() {
            return new ArrayList<>(events);
        }

        synchronized void add(LogEvent event) {
            events.addLast(event);
            storedBytes += event.message().getBytes(StandardCharsets.UTF_8).length + 26;
            if (firstEventTimestamp == null || event.timestamp() < firstEventTimestamp) {
                firstEventTimestamp = event.timestamp();
            }
            if (lastEventTimestamp == null || event.timestamp() > lastEventTimestamp) {
                lastEventTimestamp = event.timestamp();
            }
            lastIngestionTime = event.ingestionTime();
            while (events.size() > MAX_EVENTS) {
                LogEvent gone = events.removeFirst();
                storedBytes -= gone.message().getBytes(StandardCharsets.UTF_8).length + 26;
                dropped++;
            }
        }
    }

    private final ScopedStore<Map<String, LogGroup>> scopes = new ScopedStore<>(ConcurrentSkipListMap::new);
    private final AtomicLong sequence = new AtomicLong();

    public LogGroup group(String accountId, String region, String name) {
        return scopes.get(accountId, region).get(name);
    }

    /** Creates the group; {@code null} when it exists already. */
    public LogGroup createGroup(String accountId, String region, String name, long now) {
        LogGroup group = new LogGroup(name, Arn.of("logs", region, accountId, "log-group:" + name).toString(), now);
        return scopes.get(accountId, region).putIfAbsent(name, group) == null ? group : null;
    }

    public LogGroup deleteGroup(String accountId, String region, String name) {
        return scopes.get(accountId, region).remove(name);
    }

    public List<LogGroup> groups(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).values());
    }

    /** Creates the stream; {@code null} when it exists already. */
    public LogStream createStream(LogGroup group, String name, long now) {
        LogStream stream = new LogStream(name, group.arn + ":log-stream:" + name, now);
        return group.streams.putIfAbsent(name, stream) == null ? stream : null;
    }

    public void put(LogStream stream, long timestamp, String message, long now) {
        stream.add(new LogEvent(timestamp, message, now, sequence.incrementAndGet()));
    }

    @Override
    public void append(String accountId, String region, String group, String stream, List<String> messages, Instant at) {
        long now = at.toEpochMilli();
        LogGroup g = scopes.get(accountId, region).computeIfAbsent(group, n ->
                new LogGroup(n, Arn.of("logs", region, accountId, "log-group:" + n).toString(), now));
        LogStream s = g.streams.computeIfAbsent(stream, n -> new LogStream(n, g.arn + ":log-stream:" + n, now));
        for (String message : messages) {
            put(s, now, message, now);
        }
    }

    public void clear() {
        scopes.clear();
    }
}
