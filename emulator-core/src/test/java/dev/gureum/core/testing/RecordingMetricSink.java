package dev.gureum.core.testing;

import dev.gureum.core.spi.MetricSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metric sink that keeps what services put, for tests of the metrics they publish; the gauges they
 * register are read when the test calls {@link #sampleNow()}, as CloudWatch reads them each minute.
 */
public final class RecordingMetricSink implements MetricSink {

    private final List<MetricDatum> data = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Runnable> samplers = new CopyOnWriteArrayList<>();

    @Override
    public void put(MetricDatum datum) {
        data.add(datum);
    }

    @Override
    public void sampleEveryMinute(Runnable sampler) {
        samplers.add(sampler);
    }

    /** Reads every registered gauge once, as a minute's tick does. */
    public void sampleNow() {
        samplers.forEach(Runnable::run);
    }

    public List<MetricDatum> all() {
        synchronized (data) {
            return List.copyOf(data);
        }
    }

    public void clear() {
        data.clear();
    }

    /** The values of a metric with exactly these dimensions (name, value, name, value...), in order. */
    public List<MetricDatum> data(String namespace, String name, String... dimensions) {
        List<Dimension> wanted = dimensions(dimensions);
        List<MetricDatum> out = new ArrayList<>();
        for (MetricDatum d : all()) {
            if (d.namespace().equals(namespace) && d.name().equals(name) && d.dimensions().equals(wanted)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The sum of a metric's values with exactly these dimensions. */
    public double sum(String namespace, String name, String... dimensions) {
        return data(namespace, name, dimensions).stream().mapToDouble(MetricDatum::value).sum();
    }

    /** The last value of a metric with exactly these dimensions, or {@code null}. */
    public MetricDatum last(String namespace, String name, String... dimensions) {
        List<MetricDatum> found = data(namespace, name, dimensions);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static List<Dimension> dimensions(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("Dimensions are name, value pairs: " + Arrays.toString(pairs));
        }
        List<Dimension> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(new Dimension(pairs[i], pairs[i + 1]));
        }
        return out;
    }
}
