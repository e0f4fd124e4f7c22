package dev.gureum.sns.delivery;

import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code AWS/SNS} metrics: per {@code TopicName}, each publish ({@code NumberOfMessagesPublished},
 * {@code PublishSize}) and each delivery to a subscription, made or given up on
 * ({@code NumberOfNotificationsDelivered}, {@code NumberOfNotificationsFailed}); deliveries to mobile push
 * endpoints also per {@code Application}, {@code Platform} and both together, as SNS reports them.
 */
public final class TopicMetrics {

    public static final String NAMESPACE = "AWS/SNS";

    /** Where one resource's values go: its account, region and the dimensions that name it. */
    private record Series(String account, String region, List<List<Dimension>> dimensions) {
    }

    private final MetricSink sink;
    private final Clock clock;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /** Metrics published to {@code sink}; none when it is {@code null}. */
    public TopicMetrics(MetricSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** A message published to a topic, of {@code size} bytes (its message and attributes). */
    public void published(String topicArn, int size) {
        if (sink != null) {
            put(topic(topicArn), "NumberOfMessagesPublished", 1, "Count");
            put(topic(topicArn), "PublishSize", size, "Bytes");
        }
    }

    /** A notification a topic's subscription accepted. */
    public void delivered(String topicArn) {
        if (sink != null) {
            put(topic(topicArn), "NumberOfNotificationsDelivered", 1, "Count");
        }
    }

    /** A notification given up on, after the retries its delivery policy allows. */
    public void failed(String topicArn) {
        if (sink != null) {
            put(topic(topicArn), "NumberOfNotificationsFailed", 1, "Count");
        }
    }

    /** A notification handed to a mobile push endpoint ({@code ...:endpoint/GCM/app/id}). */
    public void pushDelivered(String endpointArn) {
        if (sink != null) {
            Series s = series.computeIfAbsent(endpointArn, TopicMetrics::endpointSeries);
            if (s != null) {
                put(s, "NumberOfNotificationsDelivered", 1, "Count");
            }
        }
    }

    private Series topic(String topicArn) {
        Series s = series.get(topicArn);
        return s != null ? s : series.computeIfAbsent(topicArn, arn -> {
            Arn parsed = Arn.parse(arn);
            return new Series(parsed.accountId(), parsed.region(),
                    List.of(List.of(new Dimension("TopicName", parsed.resource()))));
        });
    }

    private static Series endpointSeries(String endpointArn) {
        Arn parsed = Arn.parse(endpointArn);
        String[] parts = parsed.resource().split("/");
        if (parts.length < 3 || !parts[0].equals("endpoint")) {
            return null;
        }
        Dimension application = new Dimension("Application", parts[2]);
        Dimension platform = new Dimension("Platform", parts[1]);
        return new Series(parsed.accountId(), parsed.region(),
                List.of(List.of(application), List.of(platform), List.of(application, platform)));
    }

    private void put(Series s, String name, double value, String unit) {
        java.time.Instant now = clock.instant();
        for (List<Dimension> dimensions : s.dimensions()) {
            sink.put(new MetricDatum(s.account(), s.region(), NAMESPACE, name, dimensions, value, unit, now));
        }
    }
}
