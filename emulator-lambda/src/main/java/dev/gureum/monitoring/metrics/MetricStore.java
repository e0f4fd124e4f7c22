package dev.gureum.monitoring.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The metrics of every account and region: per metric, aggregated buckets at CloudWatch's resolutions
 * (see {@link Tier}), dropped as they pass their retention, so memory follows the number of metrics and
 * not the number of values sent.
 *
 * <p>Durability: each put is a {@link MetricsPut} record with a sequence number, appended to the journal as
 * received. A snapshot is the buckets themselves after a {@link MetricRecords.Watermark}: puts are additions,
 * not whole states, so replay skips the puts a snapshot already contains. Sequence numbers are taken and
 * applied under a shared lock that a snapshot takes exclusively, so every put numbered up to the watermark
 * is in the buckets it copies, and none after.
 */
public final class MetricStore {

    /** CloudWatch lists only metrics that received data in the last two weeks. */
    static final long LISTED_FOR_MILLIS = 14L * 24 * 3600 * 1000;

    private record Scope(String account, String region) {
    }

    private final Clock clock;
    private final Map<Scope, Map<MetricId, MetricSeries>> scopes = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock snapshotLock = new ReentrantReadWriteLock();
    private volatile Runnable pending = () -> { };
    private long sequence;
    /** Counts every change of a series, so that a reader can tell a series it summed before has not changed. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    /** During replay: the watermark of the snapshot read, whose puts are already in the buckets. */
    private long replayedUpTo;

    public MetricStore(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Runs {@code pending} before every read, so that data gathered elsewhere (published metrics) is in. */
    public void beforeRead(Runnable pending) {
        this.pending = pending;
    }

    /** Adds validated data and returns the record that makes it durable. */
    public MetricsPut put(String account, String region, List<MetricDatum> data) {
        long now = clock.millis();
        snapshotLock.readLock().lock();
        try {
            MetricsPut put;
            synchronized (this) {
                put = new MetricsPut(account, region, ++sequence, now, data);
            }
            add(put, now);
            return put;
        } finally {
            snapshotLock.readLock().unlock();
        }
    }

    /**
     * As {@link #put}, but never waits: {@code null} when a snapshot is copying the store, so that a caller
     * on a request path of another service can keep the data for later instead of blocking.
     */
    public MetricsPut tryPut(String account, String region, List<MetricDatum> data) {
        if (!snapshotLock.readLock().tryLock()) {
            return null;
        }
        try {
            long now = clock.millis();
            MetricsPut put;
            synchronized (this) {
                put = new MetricsPut(account, region, ++sequence, now, data);
            }
            add(put, now);
            return put;
        } finally {
            snapshotLock.readLock().unlock();
        }
    }

    private void add(MetricsPut put, long nowMillis) {
        Map<MetricId, MetricSeries> metrics = scopes.computeIfAbsent(new Scope(put.account(), put.region()),
                k -> new ConcurrentHashMap<>());
        long nowSecond = Math.floorDiv(nowMillis, 1000);
        for (MetricDatum d : put.data()) {
            MetricSeries series = metrics.computeIfAbsent(d.id(), MetricSeries::new);
            series.add(d, put.receivedMillis(), nowSecond);
            series.changed(changes.incrementAndGet());
        }
    }

    /** Applies a journal or snapshot record (replay, a loaded state file). */
    public void apply(Object record) {
        if (record instanceof MetricsPut put) {
            synchronized (this) {
                if (put.sequence() <= replayedUpTo) {
                    return;
                }
                sequence = Math.max(sequence, put.sequence());
            }
            add(put, clock.millis());
        } else if (record instanceof MetricRecords.TierState state) {
            MetricSeries series = scopes.computeIfAbsent(new Scope(state.account(), state.region()),
                    k -> new ConcurrentHashMap<>()).computeIfAbsent(state.id(), MetricSeries::new);
            series.apply(state);
            series.changed(changes.incrementAndGet());
        } else if (record instanceof MetricRecords.Watermark w) {
            synchronized (this) {
                replayedUpTo = w.sequence();
                sequence = Math.max(sequence, w.sequence());
            }
        } else {
            throw new IllegalArgumentException("Not a metrics record: " + record.getClass().getName());
        }
    }

    /** The whole store as records: the watermark, then every metric's buckets. */
    public List<Object> records() {
        List<Object> records = new ArrayList<>();
        snapshotLock.writeLock().lock();
        try {
            synchronized (this) {
                records.add(new MetricRecords.Watermark(sequence));
            }
            scopes.forEach((scope, metrics) ->
                    metrics.values().forEach(s -> s.states(scope.account(), scope.region(), records)));
        } finally {
            snapshotLock.writeLock().unlock();
        }
        return records;
    }

    public void clear() {
        snapshotLock.writeLock().lock();
        try {
            scopes.clear();
            synchronized (this) {
                replayedUpTo = 0;
            }
        } finally {
            snapshotLock.writeLock().unlock();
        }
    }

    /** Drops data past its retention, and metrics left with none. */
    public void expire() {
        long nowSecond = Math.floorDiv(clock.millis(), 1000);
        for (Map<MetricId, MetricSeries> metrics : scopes.values()) {
            metrics.values().removeIf(s -> s.expire(nowSecond));
        }
    }

    /**
     * The data of one metric in {@code [start, end)}, merged by period, keyed by each period's start.
     *
     * @param unit only data sent with this unit; {@code null} for all
     */
    public Series statistics(String account, String region, MetricId id, Instant start, Instant end, int period,
                             Unit unit, boolean percentiles) {
        pending.run();
        Map<MetricId, MetricSeries> metrics = scopes.get(new Scope(account, region));
        MetricSeries series = metrics == null ? null : metrics.get(id);
        if (series == null) {
            return new Series(new TreeMap<>(), null);
        }
        long from = start.getEpochSecond();
        Tier tier = Tier.forQuery(clock.instant().getEpochSecond() - from, from, period);
        if (period % tier.seconds() != 0) {
            // older data is kept only at a coarser resolution than the period asks for
            return new Series(new TreeMap<>(), null);
        }
        MetricSeries.Aggregated a = series.aggregate(tier, unit, tier.bucketStart(from),
                end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0), period, percentiles);
        return new Series(a.buckets(), a.unit());
    }

    /** One statistic of one metric in {@code [start, end)} by period, as {@code GetMetricData} reads it. */
    public TimeSeries values(String account, String region, MetricId id, Instant start, Instant end, int period,
                             Unit unit, Statistic stat, String label) {
        pending.run();
        Map<MetricId, MetricSeries> metrics = scopes.get(new Scope(account, region));
        MetricSeries series = metrics == null ? null : metrics.get(id);
        long from = start.getEpochSecond();
        long to = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        Tier tier = Tier.forQuery(clock.instant().getEpochSecond() - from, from, period);
        TimeSeries.Builder into = new TimeSeries.Builder((int) Math.min(Integer.MAX_VALUE, (to - from) / period + 1));
        if (series != null && period % tier.seconds() == 0) {
            series.values(tier, unit, tier.bucketStart(from), to, period, stat, into);
        }
        return into.build(label);
    }

    /**
     * Where the periods of a query from {@code start} begin: CloudWatch rounds a start down to the resolution
     * of the data it reads (the whole minute for 1-minute data), and so do {@link #values} and
     * {@link #statistics}.
     */
    public Instant periodsStart(Instant start, int period) {
        long from = start.getEpochSecond();
        return Instant.ofEpochSecond(Tier.forQuery(clock.instant().getEpochSecond() - from, from, period)
                .bucketStart(from));
    }

    /** Buckets by period start (epoch seconds), and the unit of their data ({@code null} when there is none). */
    public record Series(TreeMap<Long, Bucket> buckets, Unit unit) {
    }

    /** A metric that {@code ListMetrics} shows, with when it last received data. */
    public record Listed(MetricId id, long lastPutMillis) {
    }

    /** The metrics of a scope that received data in the last two weeks, sorted. */
    public List<Listed> metrics(String account, String region) {
        pending.run();
        Map<MetricId, MetricSeries> metrics = scopes.get(new Scope(account, region));
        if (metrics == null) {
            return List.of();
        }
        long since = clock.millis() - LISTED_FOR_MILLIS;
        List<Listed> listed = new ArrayList<>();
        for (MetricSeries s : metrics.values()) {
            long last = s.lastPutMillis();
            if (last >= since) {
                listed.add(new Listed(s.id, last));
            }
        }
        listed.sort((a, b) -> a.id().compareTo(b.id()));
        return listed;
    }

    /** The accounts and regions that hold metrics, as {@code [account, region]} pairs. */
    public List<String[]> scopes() {
        pending.run();
        return scopes.keySet().stream().map(s -> new String[] {s.account(), s.region()}).toList();
    }

    /**
     * A number that changes whenever the metric's data does (a put, a loaded state; a metric dropped and put
     * again gets a new one): equal numbers read at two times mean the metric's data is the same, but for the
     * expiry of data past its retention. {@code 0} for a metric that has no data.
     */
    public long changeOf(String account, String region, MetricId id) {
        pending.run();
        Map<MetricId, MetricSeries> metrics = scopes.get(new Scope(account, region));
        MetricSeries series = metrics == null ? null : metrics.get(id);
        return series == null ? 0 : series.change();
    }

    /** How many metrics the store holds, every scope included. */
    public int size() {
        return scopes.values().stream().mapToInt(Map::size).sum();
    }
}
