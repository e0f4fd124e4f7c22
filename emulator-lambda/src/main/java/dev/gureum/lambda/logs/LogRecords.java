package dev.gureum.lambda.logs;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch Logs' state as journal records (tags 1 to 5, version 1): groups and streams whole, their
 * removals, and events by the batch they arrived in. A batch is not a whole object: it is kept apart
 * from the stream so that a record stays the size of one {@code PutLogEvents}, and replaying it again
 * adds only the events whose sequence follows the stream's last.
 */
public final class LogRecords {

    private LogRecords() {
    }

    /** A log group's settings. */
    public record GroupSaved(String accountId, String region, String name, String arn, long creationTime,
                             Integer retentionInDays, Map<String, String> tags) {
        public GroupSaved {
            tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        }
    }

    /** A log group deleted, with its streams. */
    public record GroupDeleted(String accountId, String region, String name) {
    }

    /**
     * A log stream; in a snapshot with what its events alone do not tell (the first event's time and the
     * count of events dropped from its front, which positions of later events count from).
     */
    public record StreamSaved(String accountId, String region, String group, String name, String arn,
                              long creationTime, Long firstEventTimestamp, Long lastEventTimestamp,
                              Long lastIngestionTime, long dropped) {
    }

    /** A log stream deleted. */
    public record StreamDeleted(String accountId, String region, String group, String name) {
    }

    /** Events added to a stream, in order. */
    public record EventsPut(String accountId, String region, String group, String stream,
                            List<LogStore.LogEvent> events) {
        public EventsPut {
            events = List.copyOf(events);
        }
    }

    /** The most events one record of a snapshot holds, so that records stay small whatever a stream holds. */
    static final int SNAPSHOT_BATCH = 1000;

    static GroupSaved saved(LogStore.LogGroup g) {
        return new GroupSaved(g.accountId, g.region, g.name, g.arn, g.creationTime, g.retentionInDays, g.tags);
    }

    static StreamSaved saved(LogStore.LogStream s) {
        return new StreamSaved(s.group.accountId, s.group.region, s.group.name, s.name, s.arn, s.creationTime,
                s.firstEventTimestamp(), s.lastEventTimestamp(), s.lastIngestionTime(), s.dropped());
    }

    static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, GroupSaved.class, 1, (g, out) -> {
                out.writeString(g.accountId());
                out.writeString(g.region());
                out.writeString(g.name());
                out.writeString(g.arn());
                out.writeLong(g.creationTime());
                writeLong(g.retentionInDays() == null ? null : g.retentionInDays().longValue(), out);
                out.writeStringMap(g.tags());
            }, (in, v) -> {
                String accountId = in.readString();
                String region = in.readString();
                String name = in.readString();
                String arn = in.readString();
                long created = in.readLong();
                Long days = readLong(in);
                return new GroupSaved(accountId, region, name, arn, created, days == null ? null : days.intValue(),
                        in.readStringMap());
            }),
            RecordType.of(2, GroupDeleted.class, 1, (d, out) -> {
                out.writeString(d.accountId());
                out.writeString(d.region());
                out.writeString(d.name());
            }, (in, v) -> new GroupDeleted(in.readString(), in.readString(), in.readString())),
            RecordType.of(3, StreamSaved.class, 1, (s, out) -> {
                out.writeString(s.accountId());
                out.writeString(s.region());
                out.writeString(s.group());
                out.writeString(s.name());
                out.writeString(s.arn());
                out.writeLong(s.creationTime());
                writeLong(s.firstEventTimestamp(), out);
                writeLong(s.lastEventTimestamp(), out);
                writeLong(s.lastIngestionTime(), out);
                out.writeLong(s.dropped());
            }, (in, v) -> new StreamSaved(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readLong(), readLong(in), readLong(in), readLong(in), in.readLong())),
            RecordType.of(4, StreamDeleted.class, 1, (d, out) -> {
                out.writeString(d.accountId());
                out.writeString(d.region());
                out.writeString(d.group());
                out.writeString(d.name());
            }, (in, v) -> new StreamDeleted(in.readString(), in.readString(), in.readString(), in.readString())),
            RecordType.of(5, EventsPut.class, 1, (p, out) -> {
                out.writeString(p.accountId());
                out.writeString(p.region());
                out.writeString(p.group());
                out.writeString(p.stream());
                out.writeInt(p.events().size());
                for (LogStore.LogEvent e : p.events()) {
                    out.writeLong(e.timestamp());
                    out.writeString(e.message());
                    out.writeLong(e.ingestionTime());
                    out.writeLong(e.sequence());
                }
            }, (in, v) -> {
                String accountId = in.readString();
                String region = in.readString();
                String group = in.readString();
                String stream = in.readString();
                int count = in.readInt();
                if (count < 0) {
                    throw new IOException("a negative count of events");
                }
                List<LogStore.LogEvent> events = new ArrayList<>(Math.min(count, SNAPSHOT_BATCH));
                for (int i = 0; i < count; i++) {
                    events.add(new LogStore.LogEvent(in.readLong(), in.readString(), in.readLong(), in.readLong()));
                }
                return new EventsPut(accountId, region, group, stream, events);
            }));

    private static void writeLong(Long value, RecordOutput out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
