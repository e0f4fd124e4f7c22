package dev.gureum.server.cloudwatch;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What services publish through {@link MetricSink} is CloudWatch data, in the AWS/ namespaces clients may not write. */
class CloudWatchMetricSinkIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    @Test
    void publishedValuesAreReadLikeAnyMetric() {
        MetricSink sink = gureum.server().services().context().crossService().find(MetricSink.class).orElseThrow();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 3; i++) {
            sink.put(new MetricSink.MetricDatum("000000000000", "us-east-1", "AWS/SQS", "NumberOfMessagesSent",
                    List.of(new MetricSink.Dimension("QueueName", "orders")), i, "Count", minute.plusSeconds(i)));
        }
        // another account's data is its own
        sink.put(new MetricSink.MetricDatum("111111111111", "us-east-1", "AWS/SQS", "NumberOfMessagesSent",
                List.of(new MetricSink.Dimension("QueueName", "orders")), 100, "Count", minute));
        try (CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            List<Datapoint> points = cw.getMetricStatistics(r -> r.namespace("AWS/SQS").metricName("NumberOfMessagesSent")
                    .dimensions(Dimension.builder().name("QueueName").value("orders").build())
                    .startTime(minute).endTime(minute.plusSeconds(60)).period(60).statistics(Statistic.SUM))
                    .datapoints();
            assertThat(points).singleElement().satisfies(d -> {
                assertThat(d.sum()).isEqualTo(6.0);
                assertThat(d.unit()).isEqualTo(StandardUnit.COUNT);
            });
            assertThat(cw.listMetrics(r -> r.namespace("AWS/SQS")).metrics()).hasSize(1);
        }
    }
}
