package dev.gureum.monitoring.metrics;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.time.Timers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:30Z"));

    /** Timers that run nothing by themselves: the test runs what is due. */
    private final class ManualTimers implements Timers {
        final List<Instant> due = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public Timer at(Instant when, Runnable task) {
            due.add(when);
            tasks.add(task);
            return () -> tasks.remove(task);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        void runNext() {
            Instant when = due.remove(0);
            clock.set(when);
            tasks.remove(0).run();
        }
    }

    @Test
    void putsGoToTheStoreAndTheJournalAndSamplersRunEachClockMinute() {
        MetricStore store = new MetricStore(clock);
        ManualTimers timers = new ManualTimers();
        List<MetricsPut> journal = new ArrayList<>();
        PublishedMetrics sink = new PublishedMetrics(store, timers, journal::add);

        sink.put(new MetricSink.MetricDatum("a", "r", "AWS/SQS", "NumberOfMessagesSent",
                List.of(new MetricSink.Dimension("QueueName", "q")), 2, "Count", clock.instant()));
        sink.put(new MetricSink.MetricDatum("a", "r", "AWS/SQS", "NumberOfMessagesSent",
                List.of(new MetricSink.Dimension("QueueName", "q")), 5, "Count", clock.instant()));
        // gathered, not yet put: a read puts them first, as one statistic set in one journal record
        assertThat(journal).isEmpty();
        assertThat(store.metrics("a", "r")).singleElement()
                .satisfies(l -> assertThat(l.id().namespace()).isEqualTo("AWS/SQS"));
        assertThat(journal).singleElement().satisfies(put -> assertThat(put.data()).singleElement()
                .satisfies(d -> assertThat(d.statistics())
                        .isEqualTo(new dev.gureum.monitoring.metrics.MetricDatum.StatisticSet(2, 7, 2, 5))));

        AtomicInteger runs = new AtomicInteger();
        sink.sampleEveryMinute(runs::incrementAndGet);
        sink.sampleEveryMinute(() -> {
            throw new IllegalStateException("a failing gauge");
        });
        assertThat(timers.due).containsExactly(Instant.parse("2026-03-01T12:01:00Z"));
        timers.runNext();
        timers.runNext();
        assertThat(runs.get()).isEqualTo(2);
        assertThat(timers.due).containsExactly(Instant.parse("2026-03-01T12:03:00Z"));
        sink.close();
        assertThat(timers.tasks).isEmpty();
    }

    @Test
    void valuesOfANamedSeriesAddUpWithThePutsOfTheSameMetric() {
        MetricStore store = new MetricStore(clock);
        List<MetricsPut> journal = new ArrayList<>();
        PublishedMetrics sink = new PublishedMetrics(store, new ManualTimers(), journal::add);
        List<MetricSink.Dimension> queue = List.of(new MetricSink.Dimension("QueueName", "q"));

        MetricSink.Series sizes = sink.series("a", "r", "AWS/SQS", "SentMessageSize", queue, "Bytes");
        sizes.put(100, clock.instant());
        sizes.put(40, clock.instant());
        sink.put(new MetricSink.MetricDatum("a", "r", "AWS/SQS", "SentMessageSize", queue, 70, "Bytes", clock.instant()));
        sink.series("b", "r", "AWS/SQS", "SentMessageSize", queue, "Bytes").put(5, clock.instant());

        assertThat(store.metrics("a", "r")).singleElement().satisfies(l -> {
            assertThat(l.id().name()).isEqualTo("SentMessageSize");
            assertThat(l.id().dimensions()).containsExactly(new MetricId.Dimension("QueueName", "q"));
        });
        assertThat(store.metrics("b", "r")).hasSize(1);
        // one second of one metric: what the series and the put gave, in one statistic set
        assertThat(journal).flatExtracting(MetricsPut::data)
                .filteredOn(d -> d.statistics().sum() > 5).singleElement()
                .satisfies(d -> {
                    assertThat(d.statistics()).isEqualTo(new MetricDatum.StatisticSet(3, 210, 40, 100));
                    assertThat(d.unit()).isEqualTo(Unit.BYTES);
                });
    }

    @Test
    void aSeriesIsNamedAsADatumIs() {
        PublishedMetrics sink = new PublishedMetrics(new MetricStore(clock), new ManualTimers(), put -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> sink.series("a", null, "AWS/SQS", "SentMessageSize", List.of(), "Bytes"))
                .isInstanceOf(NullPointerException.class);
    }
}
