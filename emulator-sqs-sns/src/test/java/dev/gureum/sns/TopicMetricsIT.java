package dev.gureum.sns;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS/SNS metrics publishes and deliveries publish, as CloudWatch receives them. */
class TopicMetricsIT {

    private static final String NS = "AWS/SNS";

    RecordingMetricSink sink = new RecordingMetricSink();
    EmbeddedFrontEnd server;
    SnsClient sns;
    SqsClient sqs;

    @BeforeEach
    void start() {
        server = new EmbeddedFrontEnd(new MutableClock(), new SqsModule(), new SnsModule(), new RecordingFunctions())
                .bind(MetricSink.class, () -> sink);
        sns = SdkClients.configure(SnsClient.builder(), server.endpoint()).build();
        sqs = SdkClients.configure(SqsClient.builder(), server.endpoint()).build();
    }

    @AfterEach
    void stop() {
        sns.close();
        sqs.close();
        server.close();
    }

    @Test
    void publishesDeliveriesAndFailuresPerTopicName() {
        String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
        SnsTestSupport.Queue queue = SnsTestSupport.queue(sqs, "alert-inbox");
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queue.arn()));
        // a queue that does not exist: every delivery to it fails
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:missing"));

        sns.publish(r -> r.topicArn(topic).message("disk full").messageAttributes(Map.of("level",
                MessageAttributeValue.builder().dataType("String").stringValue("high").build())));
        sns.publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("1").message("one").build(),
                PublishBatchRequestEntry.builder().id("2").message("twenty").build()));

        assertThat(sink.sum(NS, "NumberOfMessagesPublished", "TopicName", "alerts")).isEqualTo(3);
        // the message and each attribute's name, type and value
        assertThat(sink.data(NS, "PublishSize", "TopicName", "alerts")).extracting(MetricDatum::value)
                .containsExactly(9.0 + 5 + 6 + 4, 3.0, 6.0);
        assertThat(sink.last(NS, "PublishSize", "TopicName", "alerts").unit()).isEqualTo("Bytes");
        assertThat(sink.sum(NS, "NumberOfNotificationsDelivered", "TopicName", "alerts")).isEqualTo(3);
        assertThat(sink.sum(NS, "NumberOfNotificationsFailed", "TopicName", "alerts")).isEqualTo(3);
        MetricDatum delivered = sink.last(NS, "NumberOfNotificationsDelivered", "TopicName", "alerts");
        assertThat(delivered.unit()).isEqualTo("Count");
        assertThat(delivered.account()).isEqualTo("000000000000");
        assertThat(delivered.region()).isEqualTo("us-east-1");
        // what SNS delivered is what the queue was sent
        sink.sampleNow();
        assertThat(sink.sum("AWS/SQS", "NumberOfMessagesSent", "QueueName", "alert-inbox")).isEqualTo(3);
    }

    @Test
    void lambdaDeliveriesAndFifoDuplicates() {
        String topic = sns.createTopic(r -> r.name("to-function")).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("lambda")
                .endpoint("arn:aws:lambda:us-east-1:000000000000:function:handler"));
        sns.publish(r -> r.topicArn(topic).message("run"));
        assertThat(sink.sum(NS, "NumberOfNotificationsDelivered", "TopicName", "to-function")).isEqualTo(1);

        String fifo = sns.createTopic(r -> r.name("orders.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        for (int i = 0; i < 2; i++) {
            sns.publish(r -> r.topicArn(fifo).message("once").messageGroupId("g").messageDeduplicationId("d-1"));
        }
        assertThat(sink.sum(NS, "NumberOfMessagesPublished", "TopicName", "orders.fifo")).isEqualTo(1);
    }

    @Test
    void pushNotificationsCountPerApplicationAndPlatform() {
        String app = sns.createPlatformApplication(r -> r.name("shop").platform("GCM")
                .attributes(Map.of("PlatformCredential", "key"))).platformApplicationArn();
        String device = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("t-1")).endpointArn();
        sns.publish(r -> r.targetArn(device).message("sale"));
        sns.publish(r -> r.targetArn(device).message("sale again"));

        assertThat(sink.sum(NS, "NumberOfNotificationsDelivered", "Application", "shop", "Platform", "GCM"))
                .isEqualTo(2);
        assertThat(sink.sum(NS, "NumberOfNotificationsDelivered", "Application", "shop")).isEqualTo(2);
        assertThat(sink.sum(NS, "NumberOfNotificationsDelivered", "Platform", "GCM")).isEqualTo(2);
    }
}
