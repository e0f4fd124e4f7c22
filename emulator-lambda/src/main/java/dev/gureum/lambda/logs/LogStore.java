package dev.gureum.lambda.logs;

import dev.gureum.core.id.Arn;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudWatch Logs' groups, streams and events, per account and region. Lambda writes its functions'
 * output here; the Logs API reads it. A stream keeps its most recent {@value #MAX_EVENTS} events.
 * Every change is recorded in the {@code logs} journal: groups and streams whole, events by the batch
 * they arrived in.
 */
public final class LogStore implements LogSink {

    static final int MAX_EVENTS = 10_000;

    /** One log event; {@code sequence} orders events ingested at the same millisecond. */
    public record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {
    }

    /** A log group. Its streams are sorted by name. */
    public static final class LogGroup {
        final String accountId;
        final String region;
        final String name;
        final String arn;
        final long creationTime;
        volatile Integer retentionInDays;
        final Map<String, LogStream> streams = new ConcurrentSkipListMap<>();
        final Map<String, String> tags = new TreeMap<>();

        LogGroup(String accountId, String region, String name, String arn, long creationTime) {
            this.accountId = accountId;
            this.region = region;
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

        /** The group's streams, by name. */
        public List<LogStream> streams() {
            return List.copyOf(streams.values());
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
        final LogGroup group;
        final String name;
        final String arn;
        final long creationTime;
        private final Deque<LogEvent> events = new ArrayDeque<>();
        private Long firstEventTimestamp;
        private Long lastEventTimestamp;
        private Long lastIngestionTime;
        private long storedBytes;
        private long dropped;
        /** The sequence of the last event added: a batch replayed again adds only what follows it. */
        private long lastSequence;

        LogStream(LogGroup group, String name, String arn, long creationTime) {
            this.group = group;
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
            if (event.sequence() <= lastSequence) {
                return;
            }
            lastSequence = event.sequence();
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

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ScopedStore<Map<String, LogGroup>> scopes = new ScopedStore<>(ConcurrentSkipListMap::new);
    private final AtomicLong sequence = new AtomicLong();
    private volatile StateJournal journal;

    /** Opens the {@code logs} journal, replaying what the data directory holds; once, before serving. */
    public synchronized void open(Persistence persistence) {
        if (journal == null) {
            journal = persistence.open(new LogsDurableState(this));
        }
    }

    /** Clears every group and makes that durable ({@code POST /_gureum/reset}). */
    public CompletionStage<Void> reset() {
        return journal == null ? clearNow() : journal.reset();
    }

    private CompletionStage<Void> clearNow() {
        clear();
        return DONE;
    }

    private CompletionStage<Void> append(Object record) {
        StateJournal j = journal;
        return j == null ? DONE : j.append(record);
    }

    public LogGroup group(String accountId, String region, String name) {
        return scopes.get(accountId, region).get(name);
    }

    private static LogGroup newGroup(String accountId, String region, String name, long now) {
        return new LogGroup(accountId, region, name,
                Arn.of("logs", region, accountId, "log-group:" + name).toString(), now);
    }

    /** Creates the group with its tags; {@code null} when it exists already. */
    public LogGroup createGroup(String accountId, String region, String name, long now, Map<String, String> tags) {
        LogGroup group = newGroup(accountId, region, name, now);
        synchronized (group) {
            group.tags.putAll(tags);
        }
        return scopes.get(accountId, region).putIfAbsent(name, group) == null ? group : null;
    }

    /** Records the group's settings (retention, tags) as they are now, unless it was deleted meanwhile. */
    public CompletionStage<Void> save(LogGroup group) {
        synchronized (group) {
            if (scopes.get(group.accountId, group.region).get(group.name) != group) {
                return DONE;
            }
            return append(LogRecords.saved(group));
        }
    }

    /** Sets or removes ({@code null}) the group's retention. */
    public CompletionStage<Void> retention(LogGroup group, Integer days) {
        synchronized (group) {
            group.retentionInDays = days;
        }
        return save(group);
    }

    /** Adds tags to the group. */
    public CompletionStage<Void> tag(LogGroup group, Map<String, String> tags) {
        synchronized (group) {
            group.tags.putAll(tags);
        }
        return save(group);
    }

    /** Deletes the group with its streams; {@code null} when there is none. */
    public CompletionStage<Void> deleteGroup(String accountId, String region, String name) {
        LogGroup group = group(accountId, region, name);
        if (group == null) {
            return null;
        }
        synchronized (group) {
            if (!scopes.get(accountId, region).remove(name, group)) {
                return null;
            }
            return append(new LogRecords.GroupDeleted(accountId, region, name));
        }
    }

    /** Deletes the stream; {@code null} when there is none. */
    public CompletionStage<Void> deleteStream(LogGroup group, String name) {
        LogStream stream = group.streams.get(name);
        if (stream == null) {
            return null;
        }
        synchronized (stream) {
            if (!group.streams.remove(name, stream)) {
                return null;
            }
            return append(new LogRecords.StreamDeleted(group.accountId, group.region, group.name, name));
        }
    }

    public List<LogGroup> groups(String accountId, String region) {
        return new ArrayList<>(scopes.get(accountId, region).values());
    }

    /** Creates the stream; {@code null} when it exists already. Its record is appended before it is used. */
    public CompletionStage<Void> createStream(LogGroup group, String name, long now) {
        LogStream stream = new LogStream(group, name, group.arn + ":log-stream:" + name, now);
        synchronized (stream) {
            if (group.streams.putIfAbsent(name, stream) != null) {
                return null;
            }
            return append(LogRecords.saved(stream));
        }
    }

    /** One event as given: when it happened and its message. */
    public record NewEvent(long timestamp, String message) {
    }

    /** Adds a batch of events ingested at {@code now}; the stage completes when the batch is durable. */
    public CompletionStage<Void> put(LogStream stream, List<NewEvent> batch, long now) {
        if (batch.isEmpty()) {
            return DONE;
        }
        List<LogEvent> events = new ArrayList<>(batch.size());
        LogGroup group = stream.group;
        synchronized (group) {
            synchronized (stream) {
                // sequences are taken under the stream's lock, so a stream's events (and batches) are in order
                for (NewEvent e : batch) {
                    LogEvent event = new LogEvent(e.timestamp(), e.message(), now, sequence.incrementAndGet());
                    stream.add(event);
                    events.add(event);
                }
                // a batch that lost a race with the deletion of its stream or group is gone with them, as from
                // memory, rather than bringing them back at the next start
                if (group.streams.get(stream.name) != stream
                        || scopes.get(group.accountId, group.region).get(group.name) != group) {
                    return DONE;
                }
                return append(new LogRecords.EventsPut(group.accountId, group.region, group.name, stream.name,
                        events));
            }
        }
    }

    @Override
    public void append(String accountId, String region, String group, String stream, List<String> messages, Instant at) {
        long now = at.toEpochMilli();
        boolean[] created = new boolean[2];
        LogGroup g = scopes.get(accountId, region).computeIfAbsent(group, n -> {
            created[0] = true;
            return newGroup(accountId, region, n, now);
        });
        LogStream s = g.streams.computeIfAbsent(stream, n -> {
            created[1] = true;
            return new LogStream(g, n, g.arn + ":log-stream:" + n, now);
        });
        if (created[0]) {
            save(g);
        }
        if (created[1]) {
            synchronized (s) {
                append(LogRecords.saved(s));
            }
        }
        put(s, messages.stream().map(m -> new NewEvent(now, m)).toList(), now);
    }

    public void clear() {
        scopes.clear();
    }

    // ---- replay: records set groups and streams and add batches of events ------------------------

    /** Sets a group's settings, creating it when it is not there; its streams stay. */
    void apply(LogRecords.GroupSaved saved) {
        LogGroup group = scopes.get(saved.accountId(), saved.region()).computeIfAbsent(saved.name(),
                n -> new LogGroup(saved.accountId(), saved.region(), n, saved.arn(), saved.creationTime()));
        synchronized (group) {
            group.retentionInDays = saved.retentionInDays();
            group.tags.clear();
            group.tags.putAll(saved.tags());
        }
    }

    void apply(LogRecords.GroupDeleted deleted) {
        scopes.get(deleted.accountId(), deleted.region()).remove(deleted.name());
    }

    /** Creates a stream a record describes; one that is there already (its events replayed) stays as it is. */
    void apply(LogRecords.StreamSaved saved) {
        LogGroup group = group(saved.accountId(), saved.region(), saved.group());
        if (group == null) {
            return;
        }
        LogStream stream = new LogStream(group, saved.name(), saved.arn(), saved.creationTime());
        stream.firstEventTimestamp = saved.firstEventTimestamp();
        stream.lastEventTimestamp = saved.lastEventTimestamp();
        stream.lastIngestionTime = saved.lastIngestionTime();
        stream.dropped = saved.dropped();
        group.streams.putIfAbsent(saved.name(), stream);
    }

    void apply(LogRecords.StreamDeleted deleted) {
        LogGroup group = group(deleted.accountId(), deleted.region(), deleted.group());
        if (group != null) {
            group.streams.remove(deleted.name());
        }
    }

    /** Adds a batch's events that the stream does not have yet (creating group and stream as Lambda's output does). */
    void apply(LogRecords.EventsPut put) {
        if (put.events().isEmpty()) {
            return;
        }
        long first = put.events().get(0).ingestionTime();
        LogGroup g = scopes.get(put.accountId(), put.region()).computeIfAbsent(put.group(),
                n -> newGroup(put.accountId(), put.region(), n, first));
        LogStream s = g.streams.computeIfAbsent(put.stream(), n -> new LogStream(g, n, g.arn + ":log-stream:" + n, first));
        long last = 0;
        synchronized (s) {
            for (LogEvent e : put.events()) {
                s.add(e);
                last = Math.max(last, e.sequence());
            }
        }
        long highest = last;
        sequence.accumulateAndGet(highest, Math::max);
    }

    /** Every group of every scope, for records of the whole state. */
    void forEachGroup(java.util.function.Consumer<LogGroup> action) {
        scopes.forEach((scope, groups) -> groups.values().forEach(action));
    }
}
