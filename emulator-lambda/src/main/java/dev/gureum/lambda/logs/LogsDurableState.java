package dev.gureum.lambda.logs;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;

import java.util.ArrayList;
import java.util.List;

/** CloudWatch Logs' groups, streams and events as the records of its journal ({@code logs}). */
final class LogsDurableState implements DurableState {

    private final LogStore store;

    LogsDurableState(LogStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public RecordTypes recordTypes() {
        return LogRecords.TYPES;
    }

    @Override
    public void apply(Object record) {
        if (record instanceof LogRecords.GroupSaved g) {
            store.apply(g);
        } else if (record instanceof LogRecords.GroupDeleted d) {
            store.apply(d);
        } else if (record instanceof LogRecords.StreamSaved s) {
            store.apply(s);
        } else if (record instanceof LogRecords.StreamDeleted d) {
            store.apply(d);
        } else if (record instanceof LogRecords.EventsPut p) {
            store.apply(p);
        } else {
            throw new IllegalArgumentException("Not a CloudWatch Logs record: " + record.getClass().getName());
        }
    }

    /**
     * Each group, then each of its streams followed by its events in batches of at most
     * {@value LogRecords#SNAPSHOT_BATCH}: records in proportion to what the streams hold.
     */
    @Override
    public Iterable<?> records() {
        List<Object> records = new ArrayList<>();
        store.forEachGroup(g -> {
            synchronized (g) {
                records.add(LogRecords.saved(g));
            }
            for (LogStore.LogStream s : g.streams.values()) {
                synchronized (s) {
                    records.add(LogRecords.saved(s));
                    List<LogStore.LogEvent> events = s.events();
                    for (int from = 0; from < events.size(); from += LogRecords.SNAPSHOT_BATCH) {
                        records.add(new LogRecords.EventsPut(g.accountId, g.region, g.name, s.name,
                                events.subList(from, Math.min(events.size(), from + LogRecords.SNAPSHOT_BATCH))));
                    }
                }
            }
        });
        return records;
    }

    @Override
    public void clear() {
        store.clear();
    }
}
