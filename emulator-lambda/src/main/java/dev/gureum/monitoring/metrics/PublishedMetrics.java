package dev.gureum.monitoring.metrics;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.time.Timers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The metrics services publish ({@code AWS/SQS}...) through {@link MetricSink}: each value goes into the
 * store at once (a few map look-ups under the metric's own lock) and its record to the journal without
 * waiting for it. Gauges are sampled at each minute of the server clock, on its timers.
 */
public final class PublishedMetrics implements MetricSink {

    private final MetricStore store;
    private final Timers timers;
    private final Consumer<MetricsPut> journal;
    private final List<Runnable> samplers = new CopyOnWriteArrayList<>();
    private Timers.Timer next;
    private boolean closed;

    /** @param journal where each put's record goes (appended, not waited for) */
    public PublishedMetrics(MetricStore store, Timers timers, Consumer<MetricsPut> journal) {
        this.store = store;
        this.timers = timers;
        this.journal = journal;
    }

    @Override
    public void put(MetricSink.MetricDatum datum) {
        List<MetricId.Dimension> dims = new ArrayList<>(datum.dimensions().size());
        for (MetricSink.Dimension d : datum.dimensions()) {
            dims.add(new MetricId.Dimension(d.name(), d.value()));
        }
        Unit unit = Unit.of(datum.unit());
        dev.gureum.monitoring.metrics.MetricDatum d = dev.gureum.monitoring.metrics.MetricDatum.of(
                new MetricId(datum.namespace(), datum.name(), dims), datum.timestamp(),
                unit == null ? Unit.NONE : unit, datum.value());
        journal.accept(store.put(datum.account(), datum.region(), List.of(d)));
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
        synchronized (this) {
            if (!closed) {
                scheduleNextMinute();
            }
        }
    }

    /** Stops sampling. */
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel();
        }
    }
}
