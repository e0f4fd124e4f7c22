package dev.gureum.monitoring.metrics;

import java.util.List;

/**
 * One {@code PutMetricData} call (or one value a service published), as the journal keeps it. Its
 * sequence number orders it against snapshots: a snapshot names the last sequence number it contains, and
 * replay skips the puts it already holds (see {@link MetricStore#records()}).
 */
public record MetricsPut(String account, String region, long sequence, long receivedMillis, List<MetricDatum> data) {

    public MetricsPut {
        data = List.copyOf(data);
    }
}
