package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3 event notifications delivered to SQS, directly or through an SNS topic, by the cross-service interfaces. */
class S3NotificationsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static final ObjectMapper JSON = Json.mapper();

    private static List<JsonNode> drain(SqsClient sqs, String url) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            for (Message m : messages) {
                events.add(JSON.readTree(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return events;
    }

    @Test
    void objectEventsReachTheQueueWithFilters() throws Exception {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build();
             SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
            String url = sqs.createQueue(r -> r.queueName("s3-events")).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            s3.createBucket(r -> r.bucket("uploads"));
            s3.putBucketNotificationConfiguration(r -> r.bucket("uploads").notificationConfiguration(n -> n
                    .queueConfigurations(q -> q.id("images").queueArn(arn)
                            .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED)
                            .filter(f -> f.key(k -> k.filterRules(
                                    rule -> rule.name(FilterRuleName.PREFIX).value("images/"),
                                    rule -> rule.name(FilterRuleName.SUFFIX).value(".jpg")))))));
            List<JsonNode> test = drain(sqs, url);
            assertThat(test).singleElement().satisfies(e -> {
                assertThat(e.path("Event").asText()).isEqualTo("s3:TestEvent");
                assertThat(e.path("Bucket").asText()).isEqualTo("uploads");
            });
            assertThat(s3.getBucketNotificationConfiguration(r -> r.bucket("uploads")).queueConfigurations())
                    .singleElement().satisfies(q -> assertThat(q.queueArn()).isEqualTo(arn));

            s3.putObject(r -> r.bucket("uploads").key("images/cat one.jpg"), RequestBody.fromString("meow"));
            s3.putObject(r -> r.bucket("uploads").key("docs/readme.txt"), RequestBody.fromString("skip"));
            s3.deleteObject(r -> r.bucket("uploads").key("images/cat one.jpg"));
            List<JsonNode> events = drain(sqs, url);
            assertThat(events).hasSize(2);
            JsonNode created = events.get(0).path("Records").get(0);
            assertThat(created.path("eventSource").asText()).isEqualTo("aws:s3");
            assertThat(created.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(created.path("awsRegion").asText()).isEqualTo("us-east-1");
            assertThat(created.path("s3").path("configurationId").asText()).isEqualTo("images");
            assertThat(created.path("s3").path("bucket").path("name").asText()).isEqualTo("uploads");
            assertThat(created.path("s3").path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::uploads");
            assertThat(created.path("s3").path("object").path("key").asText()).isEqualTo("images/cat+one.jpg");
            assertThat(created.path("s3").path("object").path("size").asLong()).isEqualTo(4);
            assertThat(created.path("s3").path("object").path("eTag").asText())
                    .isEqualTo("4a4be40c96ac6314e91d93f38043a634");
            assertThat(created.path("s3").path("object").path("sequencer").asText()).isNotBlank();
            assertThat(events.get(1).path("Records").get(0).path("eventName").asText()).isEqualTo("ObjectRemoved:Delete");
        }
    }

    @Test
    void objectEventsReachQueuesThroughATopic() throws Exception {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build();
             SnsClient sns = gureum.configure(SnsClient.builder()).build();
             SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
            String url = sqs.createQueue(r -> r.queueName("s3-via-sns")).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String topicArn = sns.createTopic(r -> r.name("s3-events")).topicArn();
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            s3.createBucket(r -> r.bucket("published"));
            s3.putBucketNotificationConfiguration(r -> r.bucket("published").notificationConfiguration(n -> n
                    .topicConfigurations(t -> t.id("all").topicArn(topicArn).events(Event.S3_OBJECT_CREATED))));
            s3.putObject(r -> r.bucket("published").key("report.csv"), RequestBody.fromString("a,b"));

            List<JsonNode> notifications = drain(sqs, url);
            assertThat(notifications).singleElement().satisfies(n -> {
                assertThat(n.path("Type").asText()).isEqualTo("Notification");
                assertThat(n.path("TopicArn").asText()).isEqualTo(topicArn);
                assertThat(n.path("Subject").asText()).isEqualTo("Amazon S3 Notification");
                JsonNode record = readJson(n.path("Message").asText()).path("Records").get(0);
                assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
                assertThat(record.at("/s3/object/key").asText()).isEqualTo("report.csv");
            });
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void aMissingQueueIsRefused() {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build()) {
            s3.createBucket(r -> r.bucket("no-target"));
            assertThatThrownBy(() -> s3.putBucketNotificationConfiguration(r -> r.bucket("no-target")
                    .notificationConfiguration(n -> n.queueConfigurations(q -> q
                            .queueArn("arn:aws:sqs:us-east-1:000000000000:absent").events(Event.S3_OBJECT_CREATED)))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    });
        }
    }
}
