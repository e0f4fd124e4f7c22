package dev.gureum.monitoring.metrics;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric store as journal records (tags 1 to 9 of the {@code cloudwatch} journal, version 1): each
 * {@link MetricsPut} as it was received, and in snapshots the buckets themselves, one {@link TierState}
 * per metric, unit and tier, after a {@link Watermark} naming the last put they hold.
 */
public final class MetricRecords {

    /** The buckets of one metric's data of one unit at one tier, whole. */
    public record TierState(String account, String region, MetricId id, long lastPutMillis, Unit unit, Tier tier,
                            long[] starts, Bucket[] buckets) {
    }

    /** The last put a snapshot's buckets contain: replay skips the journal's puts up to it. */
    public record Watermark(long sequence) {
    }

    public static final RecordType<MetricsPut> PUT = RecordType.of(1, MetricsPut.class, 1,
            (p, out) -> {
                out.writeString(p.account());
                out.writeString(p.region());
                out.writeLong(p.sequence());
                out.writeLong(p.receivedMillis());
                out.writeInt(p.data().size());
                String namespace = null;
                for (MetricDatum d : p.data()) {
                    // the namespace is the call's: written once, unless a service's puts mixed them
                    boolean same = d.id().namespace().equals(namespace);
                    out.writeBoolean(same);
                    if (!same) {
                        out.writeString(d.id().namespace());
                        namespace = d.id().namespace();
                    }
                    writeDatum(d, out);
                }
            },
            (in, version) -> {
                String account = in.readString();
                String region = in.readString();
                long sequence = in.readLong();
                long received = in.readLong();
                int n = in.readInt();
                List<MetricDatum> data = new ArrayList<>(n);
                String namespace = null;
                for (int i = 0; i < n; i++) {
                    if (!in.readBoolean()) {
                        namespace = in.readString();
                    }
                    data.add(readDatum(namespace, in));
                }
                return new MetricsPut(account, region, sequence, received, data);
            });

    public static final RecordType<TierState> TIER_STATE = RecordType.of(2, TierState.class, 1,
            (t, out) -> {
                out.writeString(t.account());
                out.writeString(t.region());
                writeId(t.id(), out);
                out.writeLong(t.lastPutMillis());
                out.writeByte(t.unit().ordinal());
                out.writeByte(t.tier().ordinal());
                out.writeInt(t.starts().length);
                for (int i = 0; i < t.starts().length; i++) {
                    out.writeLong(t.starts()[i]);
                    writeBucket(t.buckets()[i], out);
                }
            },
            (in, version) -> {
                String account = in.readString();
                String region = in.readString();
                MetricId id = readId(in.readString(), in);
                long lastPut = in.readLong();
                Unit unit = Unit.values()[in.readByte()];
                Tier tier = Tier.values()[in.readByte()];
                int n = in.readInt();
                long[] starts = new long[n];
                Bucket[] buckets = new Bucket[n];
                for (int i = 0; i < n; i++) {
                    starts[i] = in.readLong();
                    buckets[i] = readBucket(in);
                }
                return new TierState(account, region, id, lastPut, unit, tier, starts, buckets);
            });

    public static final RecordType<Watermark> WATERMARK = RecordType.of(3, Watermark.class, 1,
            (w, out) -> out.writeLong(w.sequence()),
            (in, version) -> new Watermark(in.readLong()));

    private MetricRecords() {
    }

    private static void writeId(MetricId id, RecordOutput out) throws IOException {
        out.writeString(id.namespace());
        out.writeString(id.name());
        out.writeByte(id.dimensions().size());
        for (MetricId.Dimension d : id.dimensions()) {
            out.writeString(d.name());
            out.writeString(d.value());
        }
    }

    private static MetricId readId(String namespace, RecordInput in) throws IOException {
        String name = in.readString();
        int n = in.readByte();
        List<MetricId.Dimension> dims = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dims.add(new MetricId.Dimension(in.readString(), in.readString()));
        }
        return new MetricId(namespace, name, dims);
    }

    private static void writeDatum(MetricDatum d, RecordOutput out) throws IOException {
        out.writeString(d.id().name());
        out.writeByte(d.id().dimensions().size());
        for (MetricId.Dimension dim : d.id().dimensions()) {
            out.writeString(dim.name());
            out.writeString(dim.value());
        }
        out.writeInstant(d.timestamp());
        out.writeByte(d.unit().ordinal());
        out.writeByte(d.storageResolution());
        if (d.statistics() != null) {
            out.writeBoolean(true);
            out.writeDouble(d.statistics().sampleCount());
            out.writeDouble(d.statistics().sum());
            out.writeDouble(d.statistics().minimum());
            out.writeDouble(d.statistics().maximum());
        } else {
            out.writeBoolean(false);
            out.writeShort(d.values().length);
            for (int i = 0; i < d.values().length; i++) {
                out.writeDouble(d.values()[i]);
                out.writeDouble(d.counts()[i]);
            }
        }
    }

    private static MetricDatum readDatum(String namespace, RecordInput in) throws IOException {
        MetricId id = readId(namespace, in);
        Instant timestamp = in.readInstant();
        Unit unit = Unit.values()[in.readByte()];
        int resolution = in.readByte();
        if (in.readBoolean()) {
            return new MetricDatum(id, timestamp, unit, resolution, null, null, new MetricDatum.StatisticSet(
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
        }
        int n = in.readShort();
        double[] values = new double[n];
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
            counts[i] = in.readDouble();
        }
        return new MetricDatum(id, timestamp, unit, resolution, values, counts, null);
    }

    private static void writeBucket(Bucket b, RecordOutput out) throws IOException {
        out.writeDouble(b.sum());
        out.writeDouble(b.count());
        out.writeDouble(b.min());
        out.writeDouble(b.max());
        out.writeBoolean(b.percentilesAvailable());
        Sketch s = b.sketch();
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeDouble(s.zeros());
            out.writeShort(s.size());
            for (int i = 0; i < s.size(); i++) {
                out.writeInt(s.key(i));
                out.writeDouble(s.weight(i));
            }
            double[] exact = s.exactValues();
            double[] exactWeights = s.exactWeights();
            out.writeShort(exact == null ? -1 : exact.length);
            for (int i = 0; exact != null && i < exact.length; i++) {
                out.writeDouble(exact[i]);
                out.writeDouble(exactWeights[i]);
            }
        }
    }

    private static Bucket readBucket(RecordInput in) throws IOException {
        double sum = in.readDouble();
        double count = in.readDouble();
        double min = in.readDouble();
        double max = in.readDouble();
        boolean percentiles = in.readBoolean();
        Sketch sketch = null;
        if (in.readBoolean()) {
            double zeros = in.readDouble();
            int n = in.readShort();
            int[] keys = new int[n];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                keys[i] = in.readInt();
                weights[i] = in.readDouble();
            }
            int exactCount = in.readShort();
            double[] exact = exactCount < 0 ? null : new double[exactCount];
            double[] exactWeights = exactCount < 0 ? null : new double[exactCount];
            for (int i = 0; i < exactCount; i++) {
                exact[i] = in.readDouble();
                exactWeights[i] = in.readDouble();
            }
            sketch = Sketch.of(zeros, keys, weights, exact, exactWeights);
        }
        return new Bucket(sum, count, min, max, sketch, percentiles);
    }
}
