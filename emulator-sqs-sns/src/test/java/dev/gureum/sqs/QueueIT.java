package dev.gureum.sqs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueIT {

    static SqsTestSupport sqs;
    static SqsClient client;

    @BeforeAll
    static void start() {
        sqs = new SqsTestSupport();
        client = sqs.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        sqs.close();
    }

    @Test
    void createIsIdempotentAndUrlsUseTheClientsHost() {
        String url = client.createQueue(r -> r.queueName("orders")).queueUrl();
        assertThat(url).isEqualTo(sqs.server.endpoint() + "/000000000000/orders");
        assertThat(client.createQueue(r -> r.queueName("orders")).queueUrl()).isEqualTo(url);
        assertThat(client.getQueueUrl(r -> r.queueName("orders")).queueUrl()).isEqualTo(url);
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("orders")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"))))
                .isInstanceOfSatisfying(QueueNameExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("VisibilityTimeout");
                });
    }

    @Test
    void namesFollowTheRules() {
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("bad name")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("x".repeat(81))))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("plain.fifo")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains(".fifo"));
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("nofifosuffix")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))))
                .isInstanceOf(SqsException.class);
        assertThat(client.createQueue(r -> r.queueName("jobs.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl()).endsWith("/jobs.fifo");
    }

    @Test
    void attributesHaveDefaultsAndValidation() {
        String url = client.createQueue(r -> r.queueName("attrs").attributes(Map.of(
                QueueAttributeName.DELAY_SECONDS, "5", QueueAttributeName.MESSAGE_RETENTION_PERIOD, "600"))).queueUrl();
        Map<QueueAttributeName, String> all = client.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(all).containsEntry(QueueAttributeName.DELAY_SECONDS, "5")
                .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "600")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30")
                .containsEntry(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "262144")
                .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:us-east-1:000000000000:attrs")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsKeys(QueueAttributeName.CREATED_TIMESTAMP, QueueAttributeName.LAST_MODIFIED_TIMESTAMP);
        client.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "90")));
        assertThat(client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes()).containsExactly(Map.entry(QueueAttributeName.VISIBILITY_TIMEOUT, "90"));
        assertThatThrownBy(() -> client.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue"));
        assertThatThrownBy(() -> client.setQueueAttributes(r -> r.queueUrl(url)
                .attributesWithStrings(Map.of("NoSuchAttribute", "1"))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeName"));
    }

    @Test
    void listQueuesFiltersAndPages() {
        for (String n : new String[] {"page-a", "page-b", "page-c"}) {
            client.createQueue(r -> r.queueName(n));
        }
        var first = client.listQueues(r -> r.queueNamePrefix("page-").maxResults(2));
        assertThat(first.queueUrls()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        var second = client.listQueues(r -> r.queueNamePrefix("page-").maxResults(2).nextToken(first.nextToken()));
        assertThat(second.queueUrls()).singleElement().asString().endsWith("/page-c");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void deletedQueueIsGoneAndItsNameRestsForAMinute() {
        String url = client.createQueue(r -> r.queueName("short-lived")).queueUrl();
        client.deleteQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> client.getQueueUrl(r -> r.queueName("short-lived")))
                .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
                });
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("short-lived")))
                .isInstanceOf(QueueDeletedRecentlyException.class);
        sqs.clock.advance(Duration.ofSeconds(61));
        assertThat(client.createQueue(r -> r.queueName("short-lived")).queueUrl()).isEqualTo(url);
    }

    @Test
    void tagsAndPermissions() {
        String url = client.createQueue(r -> r.queueName("tagged").tags(Map.of("team", "a"))).queueUrl();
        client.tagQueue(r -> r.queueUrl(url).tags(Map.of("env", "test")));
        assertThat(client.listQueueTags(r -> r.queueUrl(url)).tags()).containsOnly(Map.entry("team", "a"),
                Map.entry("env", "test"));
        client.untagQueue(r -> r.queueUrl(url).tagKeys("team"));
        assertThat(client.listQueueTags(r -> r.queueUrl(url)).tags()).containsOnlyKeys("env");

        client.addPermission(r -> r.queueUrl(url).label("partner").awsAccountIds("111122223333").actions("SendMessage"));
        assertThat(client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                .attributes().get(QueueAttributeName.POLICY)).contains("arn:aws:iam::111122223333:root")
                .contains("SQS:SendMessage");
        try (SqsClient partner = sqs.client("111122223333")) {
            partner.sendMessage(r -> r.queueUrl(url).messageBody("from a partner"));
        }
        try (SqsClient stranger = sqs.client("444455556666")) {
            assertThatThrownBy(() -> stranger.sendMessage(r -> r.queueUrl(url).messageBody("x")))
                    .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        client.removePermission(r -> r.queueUrl(url).label("partner"));
        assertThatThrownBy(() -> client.removePermission(r -> r.queueUrl(url).label("partner")))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void accountsAndRegionsAreIsolated() {
        client.createQueue(r -> r.queueName("mine"));
        try (SqsClient other = sqs.client("222233334444")) {
            assertThat(other.listQueues().queueUrls()).noneMatch(u -> u.endsWith("/mine"));
            assertThat(other.createQueue(r -> r.queueName("mine")).queueUrl()).endsWith("/222233334444/mine");
        }
    }

    @Test
    void purgeEmptiesOncePerMinute() {
        String url = client.createQueue(r -> r.queueName("purged")).queueUrl();
        client.sendMessage(r -> r.queueUrl(url).messageBody("a"));
        client.purgeQueue(r -> r.queueUrl(url));
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThatThrownBy(() -> client.purgeQueue(r -> r.queueUrl(url)))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("AWS.SimpleQueueService.PurgeQueueInProgress"));
        sqs.clock.advance(Duration.ofSeconds(61));
        client.purgeQueue(r -> r.queueUrl(url));
    }
}
