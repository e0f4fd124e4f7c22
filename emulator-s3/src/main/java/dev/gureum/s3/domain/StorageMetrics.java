package dev.gureum.s3.domain;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.time.Timers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily {@code AWS/S3} storage metrics of every bucket, put at each midnight (UTC) of the server
 * clock: {@code BucketSizeBytes} per {@code StorageType} ({@code StandardStorage}...) and
 * {@code NumberOfObjects} ({@code StorageType=AllStorageTypes}). As S3 counts them, they include every
 * version, current or not, and the parts of unfinished multipart uploads; delete markers count as
 * objects of no size. A bucket with nothing in it puts nothing.
 */
public final class StorageMetrics {

    public static final String NAMESPACE = "AWS/S3";

    /** The storage class of an object as the {@code StorageType} of its bytes. */
    private static final Map<String, String> STORAGE_TYPES = Map.ofEntries(
            Map.entry("STANDARD", "StandardStorage"),
            Map.entry("REDUCED_REDUNDANCY", "ReducedRedundancyStorage"),
            Map.entry("STANDARD_IA", "StandardIAStorage"),
            Map.entry("ONEZONE_IA", "OneZoneIAStorage"),
            Map.entry("INTELLIGENT_TIERING", "IntelligentTieringFAStorage"),
            Map.entry("GLACIER", "GlacierStorage"),
            Map.entry("GLACIER_IR", "GlacierInstantRetrievalStorage"),
            Map.entry("DEEP_ARCHIVE", "DeepArchiveStorage"),
            Map.entry("EXPRESS_ONEZONE", "ExpressOneZone"));

    private final MetricSink sink;
    private final Timers timers;
    private final BucketStore buckets;
    private volatile Timers.Timer days;

    private StorageMetrics(MetricSink sink, Timers timers, BucketStore buckets) {
        this.sink = sink;
        this.timers = timers;
        this.buckets = buckets;
    }

    /** Starts the daily metrics, unless there is no sink to put them to. */
    public static StorageMetrics start(MetricSink sink, Timers timers, BucketStore buckets) {
        StorageMetrics metrics = new StorageMetrics(sink, timers, buckets);
        if (sink != null) {
            metrics.scheduleNext();
        }
        return metrics;
    }

    public void stop() {
        Timers.Timer t = days;
        if (t != null) {
            t.cancel();
        }
    }

    private void scheduleNext() {
        days = timers.every(Duration.ofDays(1), this::publish);
    }

    /** Every bucket's storage as it is now, stamped {@code day}. */
    void publish(Instant day) {
        for (Bucket bucket : buckets.all()) {
            Map<String, Long> bytes = new TreeMap<>();
            long objects = 0;
            for (S3Object o : bucket.allVersions()) {
                objects++;
                if (!o.deleteMarker()) {
                    bytes.merge(storageType(o.storageClass()), o.size(), Long::sum);
                }
            }
            for (MultipartUpload upload : bucket.uploads().values()) {
                for (MultipartUpload.Part part : upload.parts().values()) {
                    objects++;
                    bytes.merge(storageType(upload.storageClass()), part.size(), Long::sum);
                }
            }
            if (objects == 0) {
                continue;
            }
            Dimension name = new Dimension("BucketName", bucket.name());
            bytes.forEach((type, size) -> put(bucket, "BucketSizeBytes", List.of(name, new Dimension("StorageType", type)),
                    size, "Bytes", day));
            put(bucket, "NumberOfObjects", List.of(name, new Dimension("StorageType", "AllStorageTypes")), objects,
                    "Count", day);
        }
    }

    private void put(Bucket bucket, String metric, List<Dimension> dimensions, double value, String unit, Instant day) {
        sink.put(new MetricDatum(bucket.ownerAccount(), bucket.region(), NAMESPACE, metric, dimensions, value, unit, day));
    }

    static String storageType(String storageClass) {
        return STORAGE_TYPES.getOrDefault(storageClass == null ? "STANDARD" : storageClass, "StandardStorage");
    }
}
