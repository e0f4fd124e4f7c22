package dev.gureum.server;

import dev.gureum.core.testing.Await;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With IAM enforced, S3 and SNS deliver to a queue or topic of their own account only where its policy allows
 * their service principal, as on AWS ({@code sns.amazonaws.com}, {@code s3.amazonaws.com}, with
 * {@code aws:SourceArn}).
 */
class ServicePrincipalsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    static final String ACCOUNT = "111111111111";
    static SqsClient sqs;
    static SnsClient sns;
    static S3Client s3;

    @BeforeAll
    static void clients() {
        sqs = gureum.configure(SqsClient.builder(), ACCOUNT).build();
        sns = gureum.configure(SnsClient.builder(), ACCOUNT).build();
        s3 = gureum.configure(S3Client.builder(), ACCOUNT).build();
    }

    @AfterAll
    static void close() {
        sqs.close();
        sns.close();
        s3.close();
    }

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private record Queue(String url, String arn) {
    }

    private static Queue queue(String name) {
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    private static void allow(Queue q, String service, String sourceArn) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + q.arn() + "\",\"Condition\":"
                + "{\"ArnEquals\":{\"aws:SourceArn\":\"" + sourceArn + "\"}}}]}";
        sqs.setQueueAttributes(r -> r.queueUrl(q.url()).attributes(Map.of(QueueAttributeName.POLICY, policy)));
    }

    private static List<Message> drain(Queue q) {
        return sqs.receiveMessage(r -> r.queueUrl(q.url()).maxNumberOfMessages(10)).messages();
    }

    private static void assertUnableToValidate(Runnable call) {
        S3Exception e = catchThrowableOfType(call::run, S3Exception.class);
        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Unable to validate the following destination configurations");
    }

    @Test
    void snsDeliversOnlyToQueuesWhosePolicyAllowsTheTopic() {
        String topic = sns.createTopic(r -> r.name("orders")).topicArn();
        String otherTopic = sns.createTopic(r -> r.name("other")).topicArn();
        Queue allowed = queue("allowed");
        Queue noPolicy = queue("no-policy");
        Queue otherSource = queue("other-source");
        allow(allowed, "sns.amazonaws.com", topic);
        allow(otherSource, "sns.amazonaws.com", otherTopic);
        for (Queue q : List.of(noPolicy, otherSource, allowed)) {
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(q.arn()).attributes(
                    Map.of("RawMessageDelivery", "true")));
        }
        sns.publish(r -> r.topicArn(topic).message("first"));
        List<Message> received = new ArrayList<>();
        Await.until(Duration.ofSeconds(30), () -> received.addAll(drain(allowed)) && !received.isEmpty(),
                "the message in the queue whose policy allows the topic");
        assertThat(received).extracting(Message::body).containsExactly("first");
        assertThat(drain(noPolicy)).isEmpty();
        assertThat(drain(otherSource)).isEmpty();
    }

    @Test
    void s3ValidatesAndNotifiesQueuesWhosePolicyAllowsTheBucket() {
        s3.createBucket(r -> r.bucket("uploads"));
        Queue q = queue("uploads-events");
        Runnable configure = () -> s3.putBucketNotificationConfiguration(r -> r.bucket("uploads")
                .notificationConfiguration(n -> n.queueConfigurations(c -> c.queueArn(q.arn())
                        .events(Event.S3_OBJECT_CREATED))));
        assertUnableToValidate(configure);
        allow(q, "s3.amazonaws.com", "arn:aws:s3:::another-bucket");
        assertUnableToValidate(configure);
        allow(q, "s3.amazonaws.com", "arn:aws:s3:::uploads");
        configure.run();
        s3.putObject(r -> r.bucket("uploads").key("a.txt"), RequestBody.fromString("a"));
        List<String> bodies = new ArrayList<>();
        Await.until(Duration.ofSeconds(30), () -> {
            drain(q).forEach(m -> bodies.add(m.body()));
            return bodies.stream().anyMatch(b -> b.contains("ObjectCreated:Put"));
        }, "the ObjectCreated event");
        assertThat(bodies.get(0)).contains("s3:TestEvent");
    }

    @Test
    void s3ValidatesTopicsByTheirPolicy() {
        s3.createBucket(r -> r.bucket("reports"));
        String topic = sns.createTopic(r -> r.name("report-events")).topicArn();
        Runnable configure = () -> s3.putBucketNotificationConfiguration(r -> r.bucket("reports")
                .notificationConfiguration(n -> n.topicConfigurations(c -> c.topicArn(topic)
                        .events(Event.S3_OBJECT_CREATED))));
        assertUnableToValidate(configure);
        assertUnableToValidate(() -> s3.putBucketNotificationConfiguration(r -> r.bucket("reports")
                .notificationConfiguration(n -> n.topicConfigurations(c -> c.topicArn(topic + "-missing")
                        .events(Event.S3_OBJECT_CREATED)))));
        sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("Policy").attributeValue(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"s3.amazonaws.com\"},\"Action\":\"SNS:Publish\",\"Resource\":\"" + topic + "\",\"Condition\":"
                        + "{\"StringEquals\":{\"aws:SourceAccount\":\"" + ACCOUNT + "\"}}}]}"));
        configure.run();
        assertThat(s3.getBucketNotificationConfiguration(r -> r.bucket("reports")).topicConfigurations()).hasSize(1);
    }
}
