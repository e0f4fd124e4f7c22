package dev.gureum.sqs;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS state kept in a data directory: stop the server, start another on the directory, find everything. */
class SqsRestartIT {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private EmbeddedFrontEnd server;
    private SqsClient client;

    private void start() {
        server = EmbeddedFrontEnd.persistent(dir, clock, new SqsModule());
        client = SdkClients.configure(SqsClient.builder(), server.endpoint(), "test").build();
    }

    private void restart() {
        stop();
        start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            server.close();
            client = null;
        }
    }

    private List<Message> receive(String url, int max, Integer visibility) {
        return client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max).visibilityTimeout(visibility)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    private Map<String, String> attributes(String url) {
        return client.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("All")).attributesAsStrings();
    }

    @Test
    void queuesKeepAttributesTagsPermissionsAndRedrive() {
        start();
        String dlq = client.createQueue(r -> r.queueName("orders-dlq")).queueUrl();
        String dlqArn = attributes(dlq).get("QueueArn");
        String url = client.createQueue(r -> r.queueName("orders").tags(Map.of("team", "shop", "env", "dev"))
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45",
                        QueueAttributeName.MESSAGE_RETENTION_PERIOD, "7200",
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}"))).queueUrl();
        client.addPermission(r -> r.queueUrl(url).label("partner").awsAccountIds("111122223333").actions("SendMessage"));
        client.untagQueue(r -> r.queueUrl(url).tagKeys("env"));
        client.tagQueue(r -> r.queueUrl(url).tags(Map.of("cost", "42")));
        clock.advanceSeconds(5);
        client.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("DelaySeconds", "2")));
        String fifo = client.createQueue(r -> r.queueName("jobs.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE,
                "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String gone = client.createQueue(r -> r.queueName("gone")).queueUrl();
        client.deleteQueue(r -> r.queueUrl(gone));
        Map<String, String> before = attributes(url);
        Map<String, String> fifoBefore = attributes(fifo);
        Map<String, String> dlqBefore = attributes(dlq);

        restart();

        // the port is another one now, so the URLs differ: the names are the same
        assertThat(client.listQueues().queueUrls()).extracting(u -> u.substring(u.lastIndexOf('/') + 1))
                .containsExactly("jobs.fifo", "orders", "orders-dlq");
        assertThat(attributes(url)).isEqualTo(before);
        assertThat(before).containsEntry("VisibilityTimeout", "45").containsEntry("DelaySeconds", "2")
                .containsKey("Policy").containsKey("RedrivePolicy");
        assertThat(attributes(fifo)).isEqualTo(fifoBefore);
        assertThat(attributes(dlq)).isEqualTo(dlqBefore);
        assertThat(client.listQueueTags(r -> r.queueUrl(url)).tags()).isEqualTo(Map.of("team", "shop", "cost", "42"));
        assertThat(client.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls()).singleElement()
                .satisfies(u -> assertThat(u).endsWith("/000000000000/orders"));
        // the permission is still there under its label, and the deleted name still taken for its minute
        assertThatThrownBy(() -> client.addPermission(r -> r.queueUrl(url).label("partner")
                .awsAccountIds("111122223333").actions("SendMessage"))).isInstanceOf(SqsException.class);
        client.removePermission(r -> r.queueUrl(url).label("partner"));
        assertThat(attributes(url)).doesNotContainKey("Policy");
        assertThatThrownBy(() -> client.createQueue(r -> r.queueName("gone")))
                .isInstanceOfSatisfying(SqsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.QueueDeletedRecently"));
        clock.advanceSeconds(61);
        client.createQueue(r -> r.queueName("gone"));
    }

    @Test
    void messagesKeepContentAndDeliveryState() {
        start();
        String url = client.createQueue(r -> r.queueName("work")).queueUrl();
        SendMessageResponse sent = client.sendMessage(r -> r.queueUrl(url).messageBody("first")
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("a").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary.gz")
                                .binaryValue(SdkBytes.fromByteArray(new byte[]{1, 2, 3})).build(),
                        "n", MessageAttributeValue.builder().dataType("Number").stringValue("12.5").build()))
                .messageSystemAttributesWithStrings(Map.of("AWSTraceHeader", MessageSystemAttributeValue.builder()
                        .dataType("String").stringValue("Root=1-abc").build())));
        client.sendMessage(r -> r.queueUrl(url).messageBody("delayed").delaySeconds(60));
        client.sendMessage(r -> r.queueUrl(url).messageBody("deleted"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("held"));
        List<Message> firstReceive = receive(url, 1, 30);
        assertThat(firstReceive).extracting(Message::body).containsExactly("first");
        Message first = firstReceive.get(0);
        Message deleted = receive(url, 1, 30).get(0);
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(deleted.receiptHandle()));
        Message held = receive(url, 1, 30).get(0);
        client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(held.receiptHandle()).visibilityTimeout(600));
        Map<String, String> counts = attributes(url);
        assertThat(counts).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "2")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "1");

        restart();
        assertThat(attributes(url)).isEqualTo(counts);
        // the old receipt handle still names the message in flight
        client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(held.receiptHandle()).visibilityTimeout(300));
        stop();
        clock.advanceSeconds(61); // the first receive's 30 s and the delay ran out while the server was down
        start();

        List<Message> again = receive(url, 10, 30);
        assertThat(again).extracting(Message::body).containsExactlyInAnyOrder("first", "delayed");
        Message firstAgain = again.stream().filter(m -> m.body().equals("first")).findFirst().orElseThrow();
        assertThat(firstAgain.messageId()).isEqualTo(sent.messageId());
        assertThat(firstAgain.md5OfBody()).isEqualTo(first.md5OfBody());
        assertThat(firstAgain.md5OfMessageAttributes()).isEqualTo(first.md5OfMessageAttributes());
        assertThat(firstAgain.messageAttributes()).isEqualTo(first.messageAttributes());
        assertThat(firstAgain.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP))
                .isEqualTo(first.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
        assertThat(firstAgain.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP))
                .isEqualTo(first.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));
        assertThat(firstAgain.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2")
                .containsEntry(MessageSystemAttributeName.AWS_TRACE_HEADER, "Root=1-abc")
                .containsEntry(MessageSystemAttributeName.SENDER_ID, first.attributes().get(MessageSystemAttributeName.SENDER_ID));
        // "held" is still in flight for the rest of its 300 s; its handle deletes it
        assertThat(receive(url, 10, 30)).isEmpty();
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(held.receiptHandle()));
        for (Message m : again) {
            client.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        }
        restart();
        assertThat(attributes(url)).containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
                .containsEntry("ApproximateNumberOfMessagesDelayed", "0");
    }

    @Test
    void fifoQueuesKeepOrderSequenceAndDeduplication() {
        start();
        String url = client.createQueue(r -> r.queueName("jobs.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE,
                "true"))).queueUrl();
        SendMessageResponse one = client.sendMessage(r -> r.queueUrl(url).messageBody("g1-1").messageGroupId("g1")
                .messageDeduplicationId("d1"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("g1-2").messageGroupId("g1").messageDeduplicationId("d2"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("g2-1").messageGroupId("g2").messageDeduplicationId("d3"));
        Message inFlight = receive(url, 1, 60).get(0);
        assertThat(inFlight.body()).isEqualTo("g1-1");

        restart();
        // the deduplication window survived: the same id answers the first send's ids
        SendMessageResponse duplicate = client.sendMessage(r -> r.queueUrl(url).messageBody("g1-1")
                .messageGroupId("g1").messageDeduplicationId("d1"));
        assertThat(duplicate.messageId()).isEqualTo(one.messageId());
        assertThat(duplicate.sequenceNumber()).isEqualTo(one.sequenceNumber());
        SendMessageResponse next = client.sendMessage(r -> r.queueUrl(url).messageBody("g2-2").messageGroupId("g2")
                .messageDeduplicationId("d4"));
        assertThat(new java.math.BigInteger(next.sequenceNumber())).isGreaterThan(new java.math.BigInteger(one.sequenceNumber()));
        // g1 is blocked while g1-1 is in flight; g2 goes out in order
        assertThat(receive(url, 10, 60)).extracting(Message::body).containsExactly("g2-1", "g2-2");
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(inFlight.receiptHandle()));
        assertThat(receive(url, 10, 60)).extracting(Message::body).containsExactly("g1-2");
        stop();
        clock.advanceSeconds(301); // the window closed while stopped
        start();
        SendMessageResponse afterWindow = client.sendMessage(r -> r.queueUrl(url).messageBody("g1-1")
                .messageGroupId("g1").messageDeduplicationId("d1"));
        assertThat(afterWindow.messageId()).isNotEqualTo(one.messageId());
    }

    @Test
    void deadLetterMovesPurgesAndMoveTasksAreKept() {
        start();
        String dlq = client.createQueue(r -> r.queueName("dead")).queueUrl();
        String dlqArn = attributes(dlq).get("QueueArn");
        String url = client.createQueue(r -> r.queueName("live").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
        String sourceArn = attributes(url).get("QueueArn");
        client.sendMessage(r -> r.queueUrl(url).messageBody("poison"));
        assertThat(receive(url, 1, 0)).hasSize(1);
        assertThat(receive(url, 1, 0)).isEmpty(); // moved to the dead-letter queue
        String purged = client.createQueue(r -> r.queueName("purged")).queueUrl();
        client.sendMessage(r -> r.queueUrl(purged).messageBody("x"));
        client.purgeQueue(r -> r.queueUrl(purged));

        restart();
        List<Message> dead = receive(dlq, 1, 0);
        assertThat(dead).extracting(Message::body).containsExactly("poison");
        assertThat(dead.get(0).attributes()).containsEntry(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN,
                sourceArn);
        assertThat(receive(url, 10, 0)).isEmpty();
        assertThat(receive(purged, 10, 0)).isEmpty();
        assertThatThrownBy(() -> client.purgeQueue(r -> r.queueUrl(purged))).isInstanceOf(SqsException.class);

        client.startMessageMoveTask(r -> r.sourceArn(dlqArn));
        restart();
        assertThat(receive(url, 1, 0)).extracting(Message::body).containsExactly("poison");
        assertThat(receive(dlq, 1, 0)).isEmpty();
        assertThat(client.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("COMPLETED");
            assertThat(t.approximateNumberOfMessagesMoved()).isEqualTo(1L);
            assertThat(t.sourceArn()).isEqualTo(dlqArn);
        });
    }

    @Test
    void resetEmptiesTheDirectoryToo() {
        start();
        client.createQueue(r -> r.queueName("kept"));
        server.registry().get("sqs").reset();
        restart();
        assertThat(client.listQueues().queueUrls()).isEmpty();
    }
}
