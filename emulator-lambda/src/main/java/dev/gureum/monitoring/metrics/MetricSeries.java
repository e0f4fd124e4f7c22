package dev.gureum.monitoring.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The stored data of one metric: per unit it was sent with (CloudWatch keeps a metric's data of different
 * units apart), per {@link Tier}, buckets by their start in epoch seconds. Every access holds the series'
 * lock, briefly.
 */
final class MetricSeries {

    private static final Tier[] TIERS = Tier.values();

    final MetricId id;
    private long lastPutMillis;
    private volatile long change;
    private final Map<Unit, List<TreeMap<Long, Bucket>>> units = new LinkedHashMap<>(2);

    MetricSeries(MetricId id) {
        this.id = id;
    }

    /** Marks the series changed, with the store's count of changes. */
    void changed(long count) {
        change = count;
    }

    long change() {
        return change;
    }

    synchronized long lastPutMillis() {
        return lastPutMillis;
    }

    /** Adds a datum received at {@code receivedMillis}; tiers it is too old for are left alone. */
    synchronized void add(MetricDatum d, long receivedMillis, long nowSecond) {
        lastPutMillis = Math.max(lastPutMillis, receivedMillis);
        List<TreeMap<Long, Bucket>> tiers = tiers(d.unit());
        long at = d.timestamp().getEpochSecond();
        for (Tier tier : TIERS) {
            if (tier == Tier.SECOND && d.storageResolution() != 1 || at < nowSecond - tier.retentionSeconds()) {
                continue;
            }
            Bucket b = tiers.get(tier.ordinal()).computeIfAbsent(tier.bucketStart(at), k -> new Bucket());
            if (d.statistics() != null) {
                MetricDatum.StatisticSet s = d.statistics();
                b.addStatistics(s.sampleCount(), s.sum(), s.minimum(), s.maximum());
            } else {
                double[] values = d.values();
                double[] counts = d.counts();
                for (int i = 0; i < values.length; i++) {
                    b.add(values[i], counts[i]);
                }
            }
        }
    }

    private List<TreeMap<Long, Bucket>> tiers(Unit unit) {
        return units.computeIfAbsent(unit, u -> {
            List<TreeMap<Long, Bucket>> tiers = new ArrayList<>(TIERS.length);
            for (int i = 0; i < TIERS.length; i++) {
                tiers.add(new TreeMap<>());
            }
            return tiers;
        });
    }

    /** The buckets of {@code [start, end)} merged by period from {@code periodStart}; {@code null} unit: all units. */
    synchronized Aggregated aggregate(Tier tier, Unit unit, long start, long end, int period, boolean percentiles) {
        TreeMap<Long, Bucket> byPeriod = new TreeMap<>();
        Unit seen = null;
        boolean mixed = false;
        for (Map.Entry<Unit, List<TreeMap<Long, Bucket>>> u : units.entrySet()) {
            if (unit != null && u.getKey() != unit) {
                continue;
            }
            NavigableMap<Long, Bucket> range = u.getValue().get(tier.ordinal()).subMap(start, true, end, false);
            if (range.isEmpty()) {
                continue;
            }
            mixed |= seen != null && seen != u.getKey();
            seen = u.getKey();
            for (Map.Entry<Long, Bucket> b : range.entrySet()) {
                long key = start + (b.getKey() - start) / period * period;
                Bucket into = byPeriod.get(key);
                if (into == null) {
                    byPeriod.put(key, b.getValue().copy(percentiles));
                } else {
                    into.merge(b.getValue(), percentiles);
                }
            }
        }
        return new Aggregated(byPeriod, mixed ? Unit.NONE : seen);
    }

    /**
     * One statistic by period, straight from the buckets: a period that holds one bucket (the common case:
     * the period is the tier's resolution) is read without a copy.
     */
    synchronized void values(Tier tier, Unit unit, long start, long end, int period, Statistic stat,
                             TimeSeries.Builder into) {
        TreeMap<Long, Bucket> only = null;
        int withData = 0;
        for (Map.Entry<Unit, List<TreeMap<Long, Bucket>>> u : units.entrySet()) {
            if (unit == null || u.getKey() == unit) {
                TreeMap<Long, Bucket> buckets = u.getValue().get(tier.ordinal());
                if (!buckets.subMap(start, true, end, false).isEmpty()) {
                    only = buckets;
                    withData++;
                }
            }
        }
        if (withData > 1) {
            aggregate(tier, unit, start, end, period, stat.isExtended()).buckets().forEach((at, b) -> {
                double v = stat.of(b);
                if (!Double.isNaN(v)) {
                    into.add(at, v);
                }
            });
            return;
        }
        if (only == null) {
            return;
        }
        boolean percentiles = stat.isExtended();
        long current = Long.MIN_VALUE;
        Bucket first = null;
        Bucket merged = null;
        for (Map.Entry<Long, Bucket> b : only.subMap(start, true, end, false).entrySet()) {
            long key = start + (b.getKey() - start) / period * period;
            if (key != current) {
                add(into, current, merged != null ? merged : first, stat);
                current = key;
                first = b.getValue();
                merged = null;
            } else {
                if (merged == null) {
                    merged = first.copy(percentiles);
                }
                merged.merge(b.getValue(), percentiles);
            }
        }
        add(into, current, merged != null ? merged : first, stat);
    }

    private static void add(TimeSeries.Builder into, long at, Bucket b, Statistic stat) {
        if (b != null) {
            double v = stat.of(b);
            if (!Double.isNaN(v)) {
                into.add(at, v);
            }
        }
    }

    /** Buckets merged by period, and the unit of their data ({@code null} when none). */
    record Aggregated(TreeMap<Long, Bucket> buckets, Unit unit) {
    }

    /** Drops the buckets past their tier's retention; {@code true} when nothing is left. */
    synchronized boolean expire(long nowSecond) {
        boolean empty = true;
        for (List<TreeMap<Long, Bucket>> tiers : units.values()) {
            for (Tier tier : TIERS) {
                TreeMap<Long, Bucket> buckets = tiers.get(tier.ordinal());
                buckets.headMap(nowSecond - tier.retentionSeconds() - tier.seconds(), true).clear();
                empty &= buckets.isEmpty();
            }
        }
        return empty;
    }

    /** The series as records: one per unit and tier that holds buckets. */
    synchronized void states(String account, String region, List<Object> into) {
        for (Map.Entry<Unit, List<TreeMap<Long, Bucket>>> u : units.entrySet()) {
            for (Tier tier : TIERS) {
                TreeMap<Long, Bucket> buckets = u.getValue().get(tier.ordinal());
                if (buckets.isEmpty()) {
                    continue;
                }
                long[] starts = new long[buckets.size()];
                Bucket[] copies = new Bucket[buckets.size()];
                int i = 0;
                for (Map.Entry<Long, Bucket> b : buckets.entrySet()) {
                    starts[i] = b.getKey();
                    copies[i++] = b.getValue().copy(true);
                }
                into.add(new MetricRecords.TierState(account, region, id, lastPutMillis, u.getKey(), tier, starts, copies));
            }
        }
    }

    synchronized void apply(MetricRecords.TierState state) {
        lastPutMillis = Math.max(lastPutMillis, state.lastPutMillis());
        TreeMap<Long, Bucket> buckets = tiers(state.unit()).get(state.tier().ordinal());
        buckets.clear();
        for (int i = 0; i < state.starts().length; i++) {
            buckets.put(state.starts()[i], state.buckets()[i]);
        }
    }
}
