package dev.gureum.monitoring.metrics;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.time.Timers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The metrics services publish ({@code AWS/SQS}...) through {@link MetricSink}. A value is added to a
 * statistic set of its metric and second (count, sum, minimum, maximum: what AWS's own service metrics
 * carry), so a request of another service costs a map look-up and a few additions and never waits for
 * CloudWatch. The sets go into the store, as one put and one journal record, at each minute of the server
 * clock (after the gauges are sampled) and before anything reads the store, so readers see every value.
 * A {@code kill -9} loses what was published since the last of those; nothing a client sent.
 */
public final class PublishedMetrics implements MetricSink {

    private final MetricStore store;
    private final Timers timers;
    private final Consumer<MetricsPut> journal;
    private final List<Runnable> samplers = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.locks.StampedLock swap = new java.util.concurrent.locks.StampedLock();
    private ConcurrentHashMap<Key, Accumulator> pending = new ConcurrentHashMap<>();
    private Timers.Timer next;
    private boolean closed;

    /** A metric of one scope with its unit, as a publisher names it. */
    private record Series(String account, String region, String namespace, String name,
                          List<MetricSink.Dimension> dimensions, String unit) {
    }

    /** A series as the store names it, built once: publishers send the same few series again and again. */
    private record Prepared(String account, String region, MetricId id, Unit unit) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Most series kept prepared; past that they are prepared anew (a second entry of a key is added up in the store). */
    private static final int MAX_SERIES = 10_000;

    private final Map<Series, Prepared> prepared = new ConcurrentHashMap<>();

    /** One series in one second. */
    private record Key(Prepared series, long second) {
    }

    /** The statistic set of a key's values. */
    private static final class Accumulator {
        double count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        synchronized void add(double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }

    /** @param journal where each flush's record goes (appended, not waited for) */
    public PublishedMetrics(MetricStore store, Timers timers, Consumer<MetricsPut> journal) {
        this.store = store;
        this.timers = timers;
        this.journal = journal;
        store.beforeRead(this::flush);
    }

    @Override
    public void put(MetricSink.MetricDatum datum) {
        add(prepared(new Series(datum.account(), datum.region(), datum.namespace(), datum.name(),
                datum.dimensions(), datum.unit())), datum.value(), datum.timestamp());
    }

    private Prepared prepared(Series series) {
        Prepared p = prepared.get(series);
        if (p == null) {
            if (prepared.size() >= MAX_SERIES) {
                prepared.clear();
            }
            p = prepared.computeIfAbsent(series, PublishedMetrics::prepare);
        }
        return p;
    }

    /** A series prepared once: each value goes straight to its second's statistic set. */
    @Override
    public MetricSink.Series series(String account, String region, String namespace, String name,
                                    List<MetricSink.Dimension> dimensions, String unit) {
        // the checks of a datum, once
        MetricSink.MetricDatum named = new MetricSink.MetricDatum(account, region, namespace, name, dimensions, 0, unit,
                Instant.EPOCH);
        Prepared p = prepared(new Series(account, region, namespace, name, named.dimensions(), unit));
        return (value, timestamp) -> add(p, value, timestamp);
    }

    private void add(Prepared p, double value, Instant timestamp) {
        Key key = new Key(p, timestamp.getEpochSecond());
        long stamp = swap.readLock(); // shared with other adders; a flush waits until the value is in
        try {
            pending.computeIfAbsent(key, k -> new Accumulator()).add(value);
        } finally {
            swap.unlockRead(stamp);
        }
    }

    private static Prepared prepare(Series series) {
        List<MetricId.Dimension> dims = new ArrayList<>(series.dimensions().size());
        for (MetricSink.Dimension d : series.dimensions()) {
            dims.add(new MetricId.Dimension(d.name(), d.value()));
        }
        Unit unit = Unit.of(series.unit());
        return new Prepared(series.account(), series.region(), new MetricId(series.namespace(), series.name(), dims),
                unit == null ? Unit.NONE : unit);
    }

    /** Puts the statistic sets gathered so far into the store, with one journal record per scope. */
    public void flush() {
        ConcurrentHashMap<Key, Accumulator> taken;
        long stamp = swap.writeLock();
        try {
            taken = pending;
            if (taken.isEmpty()) {
                return;
            }
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.unlockWrite(stamp);
        }
        Map<List<String>, List<dev.gureum.monitoring.metrics.MetricDatum>> byScope = new HashMap<>();
        for (Map.Entry<Key, Accumulator> e : taken.entrySet()) {
            Key k = e.getKey();
            Accumulator a = e.getValue();
            dev.gureum.monitoring.metrics.MetricDatum.StatisticSet set;
            synchronized (a) {
                set = new dev.gureum.monitoring.metrics.MetricDatum.StatisticSet(a.count, a.sum, a.min, a.max);
            }
            Prepared p = k.series();
            byScope.computeIfAbsent(List.of(p.account(), p.region()), s -> new ArrayList<>())
                    .add(new dev.gureum.monitoring.metrics.MetricDatum(p.id(), Instant.ofEpochSecond(k.second()), p.unit(), 60, null, null, set));
        }
        for (Map.Entry<List<String>, List<dev.gureum.monitoring.metrics.MetricDatum>> e : byScope.entrySet()) {
            journal.accept(store.put(e.getKey().get(0), e.getKey().get(1), e.getValue()));
        }
    }

    @Override
    public void sampleEveryMinute(Runnable sampler) {
        samplers.add(sampler);
        synchronized (this) {
            if (next == null && !closed) {
                scheduleNextMinute();
            }
        }
    }

    private synchronized void scheduleNextMinute() {
        Instant now = timers.clock().instant();
        Instant minute = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 60) * 60 + 60);
        next = timers.at(minute, this::sample);
    }

    private void sample() {
        for (Runnable sampler : samplers) {
            try {
                sampler.run();
            } catch (RuntimeException e) {
                // a failing gauge skips this minute; the others and the next minutes still run
            }
        }
        flush();
        synchronized (this) {
            if (!closed) {
                scheduleNextMinute();
            }
        }
    }

    /** Stops sampling, and puts what was gathered. */
    public void close() {
        synchronized (this) {
            closed = true;
            if (next != null) {
                next.cancel();
            }
        }
        flush();
    }
}
