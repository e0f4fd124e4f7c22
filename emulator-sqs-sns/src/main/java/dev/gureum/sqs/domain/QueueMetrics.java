package dev.gureum.sqs.domain;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code AWS/SQS} metrics, per {@code QueueName}. Sends, receives and deletes are counted on each
 * queue without a lock and published once a minute with the gauges (messages visible, in flight,
 * delayed, the age of the oldest); {@code SentMessageSize} is one value per message, so that its
 * average, minimum and maximum are exact. Like SQS, a queue's metrics stop six hours after it was last
 * active (holding messages, or sent to, received from or deleted from).
 */
public final class QueueMetrics {

    public static final String NAMESPACE = "AWS/SQS";
    private static final Duration INACTIVE_AFTER = Duration.ofHours(6);

    /** What one queue did since the last minute's sample. */
    private static final class Activity {
        final List<Dimension> dimensions;
        final MetricSink.Series sentMessageSize;
        final LongAdder sent = new LongAdder();
        final LongAdder received = new LongAdder();
        final LongAdder deleted = new LongAdder();
        final LongAdder emptyReceives = new LongAdder();
        Instant lastActive;

        Activity(SqsQueue queue, Instant now, MetricSink sink) {
            this.dimensions = List.of(new Dimension("QueueName", queue.name()));
            this.sentMessageSize = sink.series(queue.accountId(), queue.region(), NAMESPACE, "SentMessageSize",
                    dimensions, "Bytes");
            this.lastActive = now;
        }
    }

    private final MetricSink sink;
    private final Clock clock;
    private final QueueStore store;
    private final Map<SqsQueue, Activity> activity = new ConcurrentHashMap<>();

    private QueueMetrics(MetricSink sink, Clock clock, QueueStore store) {
        this.sink = sink;
        this.clock = clock;
        this.store = store;
    }

    /** Metrics published to {@code sink} (none when it is {@code null}), gauges sampled each minute. */
    public static QueueMetrics publishedTo(MetricSink sink, Clock clock, QueueStore store) {
        QueueMetrics metrics = new QueueMetrics(sink, clock, store);
        if (sink != null) {
            sink.sampleEveryMinute(metrics::sample);
        }
        return metrics;
    }

    private Activity activity(SqsQueue queue) {
        Activity a = activity.get(queue);
        return a != null ? a : activity.computeIfAbsent(queue, q -> new Activity(q, clock.instant(), sink));
    }

    /** A message added to the queue by a send (a client's or another service's, not a dead-letter move). */
    public void sent(SqsQueue queue, OutgoingMessage message) {
        if (sink == null) {
            return;
        }
        Activity a = activity(queue);
        a.sent.increment();
        int size = message.size() > 0 ? message.size() : MessageRules.size(message.body(), message.attributes());
        a.sentMessageSize.put(size, clock.instant());
    }

    /** A ReceiveMessage call's answer: {@code count} messages, none being an empty receive. */
    public void received(SqsQueue queue, int count) {
        if (sink == null) {
            return;
        }
        Activity a = activity(queue);
        if (count == 0) {
            a.emptyReceives.increment();
        } else {
            a.received.add(count);
        }
    }

    /** A successful deletion with a valid receipt handle (SQS counts a repeated one again). */
    public void deleted(SqsQueue queue) {
        if (sink != null) {
            activity(queue).deleted.increment();
        }
    }

    /** One minute's values of every active queue. */
    void sample() {
        Instant now = clock.instant();
        store.forEach(queue -> sample(queue, activity(queue), now));
        // a deleted queue's counters go with it
        activity.keySet().removeIf(q -> store.get(q.accountId(), q.region(), q.name()) != q);
    }

    private void sample(SqsQueue queue, Activity a, Instant now) {
        MessageStore.Counts counts;
        Instant oldest;
        synchronized (queue) {
            long retention = queue.settings.intAttribute(QueueAttributes.MESSAGE_RETENTION_PERIOD);
            counts = queue.store.counts(now, retention);
            oldest = queue.store.oldestSent(now, retention);
        }
        long sent = a.sent.sumThenReset();
        long received = a.received.sumThenReset();
        long deleted = a.deleted.sumThenReset();
        long empty = a.emptyReceives.sumThenReset();
        if (oldest != null || sent + received + deleted + empty > 0) {
            a.lastActive = now;
        } else if (a.lastActive.plus(INACTIVE_AFTER).isBefore(now)) {
            return;
        }
        put(queue, a, "NumberOfMessagesSent", sent, "Count", now);
        put(queue, a, "NumberOfMessagesReceived", received, "Count", now);
        put(queue, a, "NumberOfMessagesDeleted", deleted, "Count", now);
        put(queue, a, "NumberOfEmptyReceives", empty, "Count", now);
        put(queue, a, "ApproximateNumberOfMessagesVisible", counts.visible(), "Count", now);
        put(queue, a, "ApproximateNumberOfMessagesNotVisible", counts.notVisible(), "Count", now);
        put(queue, a, "ApproximateNumberOfMessagesDelayed", counts.delayed(), "Count", now);
        put(queue, a, "ApproximateAgeOfOldestMessage",
                oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()), "Seconds", now);
    }

    private void put(SqsQueue queue, Activity a, String name, double value, String unit, Instant now) {
        sink.put(new MetricDatum(queue.accountId(), queue.region(), NAMESPACE, name, a.dimensions, value, unit, now));
    }
}
