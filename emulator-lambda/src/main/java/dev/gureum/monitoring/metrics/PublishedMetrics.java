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
 * waiting for it. While a snapshot copies the store, values wait in a queue instead, added with the next
 * value or at the next minute: a service's request never waits for CloudWatch. Gauges are sampled at
 * each minute of the server clock, on its timers.
 */
public final class PublishedMetrics implements MetricSink {

    private final MetricStore store;
    private final Timers timers;
    private final Consumer<MetricsPut> journal;
    private final List<Runnable> samplers = new CopyOnWriteArrayList<>();
    private final java.util.Queue<MetricSink.MetricDatum> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
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
        if (!add(datum)) {
            waiting.add(datum);
            return;
        }
        drain();
    }

    private boolean add(MetricSink.MetricDatum datum) {
        List<MetricId.Dimension> dims = new ArrayList<>(datum.dimensions().size());
        for (MetricSink.Dimension d : datum.dimensions()) {
            dims.add(new MetricId.Dimension(d.name(), d.value()));
        }
        Unit unit = Unit.of(datum.unit());
        MetricsPut put = store.tryPut(datum.account(), datum.region(), List.of(
                dev.gureum.monitoring.metrics.MetricDatum.of(
                new MetricId(datum.namespace(), datum.name(), dims), datum.timestamp(),
                unit == null ? Unit.NONE : unit, datum.value())));
        if (put == null) {
            return false;
        }
        journal.accept(put);
        return true;
    }

    /** Adds the values that waited for a snapshot, while none is being taken; one thread at a time. */
    private void drain() {
        if (waiting.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            for (MetricSink.MetricDatum d = waiting.peek(); d != null; d = waiting.peek()) {
                if (!add(d)) {
                    return;
                }
                waiting.poll();
            }
        } finally {
            draining.set(false);
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
        drain();
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
