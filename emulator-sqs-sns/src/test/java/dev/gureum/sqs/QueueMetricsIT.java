package dev.gureum.sqs;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS/SQS metrics a queue's traffic publishes, as CloudWatch receives them. */
class QueueMetricsIT {

    private static final String NS = "AWS/SQS";

    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    RecordingMetricSink sink = new RecordingMetricSink();
    EmbeddedFrontEnd server;
    SqsClient client;

    @BeforeEach
    void start() {
        server = new EmbeddedFrontEnd(clock, new SqsModule()).bind(MetricSink.class, () -> sink);
        client = SdkClients.configure(SqsClient.builder(), server.endpoint()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void countsSizesAndGaugesPerQueueName() {
        String url = client.createQueue(r -> r.queueName("orders")).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("hello"));
        // the size SQS counts: the body and each attribute's name, type and value
        client.sendMessage(r -> r.queueUrl(url).messageBody("0123456789").messageAttributes(Map.of("k",
                MessageAttributeValue.builder().dataType("String").stringValue("vv").build())));
        client.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("a").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("b").delaySeconds(600).build()));
        clock.advance(Duration.ofSeconds(90));
        var received = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(2)).messages();
        assertThat(received).hasSize(2);
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
        client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10));
        client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10));

        assertThat(sink.data(NS, "SentMessageSize", "QueueName", "orders"))
                .extracting(MetricDatum::value).containsExactly(5.0, 10.0 + 1 + 6 + 2, 1.0, 1.0);
        assertThat(sink.last(NS, "SentMessageSize", "QueueName", "orders").unit()).isEqualTo("Bytes");
        assertThat(sink.last(NS, "SentMessageSize", "QueueName", "orders").account()).isEqualTo("000000000000");
        assertThat(sink.last(NS, "SentMessageSize", "QueueName", "orders").region()).isEqualTo("us-east-1");

        sink.sampleNow();
        assertThat(value("orders", "NumberOfMessagesSent")).isEqualTo(4);
        assertThat(value("orders", "NumberOfMessagesReceived")).isEqualTo(3);
        assertThat(value("orders", "NumberOfMessagesDeleted")).isEqualTo(1);
        assertThat(value("orders", "NumberOfEmptyReceives")).isEqualTo(1);
        assertThat(value("orders", "ApproximateNumberOfMessagesVisible")).isEqualTo(0);
        assertThat(value("orders", "ApproximateNumberOfMessagesNotVisible")).isEqualTo(2);
        assertThat(value("orders", "ApproximateNumberOfMessagesDelayed")).isEqualTo(1);
        assertThat(value("orders", "ApproximateAgeOfOldestMessage")).isEqualTo(90);
        assertThat(sink.last(NS, "ApproximateAgeOfOldestMessage", "QueueName", "orders").unit()).isEqualTo("Seconds");
        assertThat(sink.last(NS, "NumberOfMessagesSent", "QueueName", "orders").unit()).isEqualTo("Count");
        assertThat(sink.last(NS, "NumberOfMessagesSent", "QueueName", "orders").timestamp()).isEqualTo(clock.instant());

        // each minute's counts start from zero; the gauges say what the queue holds now
        clock.advance(Duration.ofMinutes(1));
        sink.clear();
        sink.sampleNow();
        assertThat(value("orders", "NumberOfMessagesSent")).isZero();
        assertThat(value("orders", "NumberOfMessagesReceived")).isZero();
        // the received messages' 30-second visibility timeouts have ended
        assertThat(value("orders", "ApproximateNumberOfMessagesVisible")).isEqualTo(2);
        assertThat(value("orders", "ApproximateNumberOfMessagesNotVisible")).isZero();
        assertThat(value("orders", "ApproximateNumberOfMessagesDelayed")).isEqualTo(1);
        assertThat(value("orders", "ApproximateAgeOfOldestMessage")).isEqualTo(150);
    }

    @Test
    void visibleMessagesAndLongPollsThatEndEmpty() {
        String url = client.createQueue(r -> r.queueName("jobs")).queueUrl();
        for (int i = 0; i < 12; i++) {
            int n = i;
            client.sendMessage(r -> r.queueUrl(url).messageBody("job " + n));
        }
        String empty = client.createQueue(r -> r.queueName("idle")).queueUrl();
        client.receiveMessage(r -> r.queueUrl(empty).waitTimeSeconds(1));
        sink.sampleNow();
        assertThat(value("jobs", "ApproximateNumberOfMessagesVisible")).isEqualTo(12);
        assertThat(sink.sum(NS, "NumberOfEmptyReceives", "QueueName", "idle")).isEqualTo(1);
        assertThat(sink.sum(NS, "ApproximateNumberOfMessagesVisible", "QueueName", "idle")).isZero();
        assertThat(sink.sum(NS, "ApproximateAgeOfOldestMessage", "QueueName", "idle")).isZero();
    }

    @Test
    void messagesMovedToADeadLetterQueueAreNotSentToIt() {
        String dlq = client.createQueue(r -> r.queueName("dead")).queueUrl();
        String dlqArn = client.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = client.createQueue(r -> r.queueName("work").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("poison"));
        assertThat(client.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages()).hasSize(1);
        // received once already: the next receive moves it
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        sink.sampleNow();
        assertThat(value("dead", "ApproximateNumberOfMessagesVisible")).isEqualTo(1);
        assertThat(value("dead", "NumberOfMessagesSent")).isZero();
        assertThat(value("work", "NumberOfMessagesSent")).isEqualTo(1);
    }

    @Test
    void aQueueStopsPublishingSixHoursAfterItsLastActivityAndADeletedOneAtOnce() {
        String url = client.createQueue(r -> r.queueName("quiet")).queueUrl();
        String gone = client.createQueue(r -> r.queueName("gone")).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("m"));
        var m = client.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        sink.sampleNow();
        clock.advance(Duration.ofHours(5));
        sink.clear();
        sink.sampleNow();
        assertThat(sink.data(NS, "ApproximateNumberOfMessagesVisible", "QueueName", "quiet")).hasSize(1);
        client.deleteQueue(r -> r.queueUrl(gone));
        clock.advance(Duration.ofHours(2));
        sink.clear();
        sink.sampleNow();
        assertThat(sink.all()).isEmpty();
        // activity again: published again
        client.sendMessage(r -> r.queueUrl(url).messageBody("again"));
        sink.sampleNow();
        assertThat(sink.sum(NS, "NumberOfMessagesSent", "QueueName", "quiet")).isEqualTo(1);
    }

    @Test
    void withoutASinkNothingIsPublishedAndQueuesWorkAsBefore() {
        try (EmbeddedFrontEnd plain = new EmbeddedFrontEnd(clock, new SqsModule());
             SqsClient c = SdkClients.configure(SqsClient.builder(), plain.endpoint()).build()) {
            String url = c.createQueue(r -> r.queueName("plain").attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "0")))
                    .queueUrl();
            c.sendMessage(r -> r.queueUrl(url).messageBody("x"));
            assertThat(c.receiveMessage(r -> r.queueUrl(url)).messages()).hasSize(1);
        }
        assertThat(sink.all()).isEmpty();
    }

    /** The last value published for the queue. */
    private double value(String queue, String metric) {
        List<MetricDatum> data = sink.data(NS, metric, "QueueName", queue);
        assertThat(data).as(metric).isNotEmpty();
        return data.get(data.size() - 1).value();
    }
}
