package dev.gureum.sqs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIT {

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

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return client.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    @Test
    void sendReceiveDeleteWithAttributesAndDigests() {
        String url = queue("basic", Map.of());
        Map<String, MessageAttributeValue> attributes = Map.of(
                "text", MessageAttributeValue.builder().dataType("String").stringValue("구름 ☁").build(),
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary.gzip")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})).build());
        // the SDK checks MD5OfMessageBody and MD5OfMessageAttributes and fails on a mismatch
        var sent = client.sendMessage(r -> r.queueUrl(url).messageBody("hello\r\nworld 🌧").messageAttributes(attributes));
        assertThat(sent.md5OfMessageBody()).isEqualTo(dev.gureum.sqs.domain.MessageMd5.ofBody("hello\r\nworld 🌧"));
        assertThat(sent.messageId()).matches("[0-9a-f-]{36}");
        List<Message> got = client.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("hello\r\nworld 🌧");
            assertThat(m.messageId()).isEqualTo(sent.messageId());
            assertThat(m.messageAttributes()).isEqualTo(attributes);
            assertThat(m.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                    .containsEntry(MessageSystemAttributeName.SENDER_ID, "000000000000")
                    .containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP,
                            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP);
        });
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));
        sqs.clock.advance(Duration.ofSeconds(31));
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void messageAttributeNamesSelectByNameAndPrefix() {
        String url = queue("selected", Map.of());
        client.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "app.id", MessageAttributeValue.builder().dataType("String").stringValue("1").build(),
                "app.kind", MessageAttributeValue.builder().dataType("String").stringValue("2").build(),
                "other", MessageAttributeValue.builder().dataType("String").stringValue("3").build())));
        Message m = client.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("app.*")).messages().get(0);
        assertThat(m.messageAttributes()).containsOnlyKeys("app.id", "app.kind");
    }

    @Test
    void visibilityTimeoutHidesAndReturnsMessages() {
        String url = queue("visibility", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("once"));
        Message first = client.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        sqs.clock.advance(Duration.ofSeconds(29));
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        sqs.clock.advance(Duration.ofSeconds(2));
        Message second = client.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(second.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        // a standard queue still deletes with the stale handle
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));
        sqs.clock.advance(Duration.ofSeconds(10));
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void aReceiveWithoutVisibilityTimeoutReturnsEachMessageOnce() {
        String url = queue("zero-visibility", Map.of());
        client.sendMessage(r -> r.queueUrl(url).messageBody("only"));
        List<Message> got = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages();
        assertThat(got).extracting(Message::body).containsExactly("only");
        // and it is visible again at once
        assertThat(client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                .extracting(Message::body).containsExactly("only");
    }

    @Test
    void changeVisibilityReleasesOrExtends() {
        String url = queue("change", Map.of());
        client.sendMessage(r -> r.queueUrl(url).messageBody("m"));
        Message m = client.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        Message again = client.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(300));
        sqs.clock.advance(Duration.ofSeconds(100));
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()));
        assertThatThrownBy(() -> client.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle())
                .visibilityTimeout(10))).isInstanceOfSatisfying(SqsException.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight"));
        assertThatThrownBy(() -> client.deleteMessage(r -> r.queueUrl(url).receiptHandle("garbage")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid"));
    }

    @Test
    void delaysHoldMessagesBack() {
        String url = queue("delayed", Map.of(QueueAttributeName.DELAY_SECONDS, "10"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("queue delay"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("no delay").delaySeconds(0));
        client.sendMessage(r -> r.queueUrl(url).messageBody("long delay").delaySeconds(60));
        assertThat(receiveAndDelete(url)).containsExactly("no delay");
        assertThat(client.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "2");
        sqs.clock.advance(Duration.ofSeconds(11));
        assertThat(receiveAndDelete(url)).containsExactly("queue delay");
        sqs.clock.advance(Duration.ofSeconds(50));
        assertThat(receiveAndDelete(url)).containsExactly("long delay");
    }

    private static List<String> receiveAndDelete(String url) {
        List<Message> got = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        got.forEach(m -> client.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
        return got.stream().map(Message::body).toList();
    }

    @Test
    void retentionPeriodExpiresMessages() {
        String url = queue("retention", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"));
        client.sendMessage(r -> r.queueUrl(url).messageBody("old"));
        sqs.clock.advance(Duration.ofSeconds(61));
        assertThat(client.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void validationErrors() {
        String url = queue("validation", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x".repeat(1025))))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Message must be shorter than 1024 bytes"));
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("bad \u0000 char")))
                .isInstanceOf(InvalidMessageContentsException.class);
        assertThatThrownBy(() -> client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("MaxNumberOfMessages");
                });
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x").delaySeconds(901)))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x").messageAttributes(Map.of(
                "n", MessageAttributeValue.builder().dataType("Number").stringValue("not a number").build()))))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void batchesReportEachEntry() {
        String url = queue("batch", Map.of());
        SendMessageBatchResponse sent = client.sendMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("a").messageBody("one"), e -> e.id("b").messageBody("two"),
                e -> e.id("c").messageBody("bad \u0001")));
        assertThat(sent.successful()).extracting(s -> s.id()).containsExactly("a", "b");
        assertThat(sent.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("c");
            assertThat(f.senderFault()).isTrue();
            assertThat(f.code()).isEqualTo("InvalidMessageContents");
        });
        List<Message> got = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(got).hasSize(2);
        var deleted = client.deleteMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("x").receiptHandle(got.get(0).receiptHandle()), e -> e.id("y").receiptHandle("nonsense")));
        assertThat(deleted.successful()).extracting(s -> s.id()).containsExactly("x");
        assertThat(deleted.failed()).extracting(f -> f.code()).containsExactly("ReceiptHandleIsInvalid");
        assertThatThrownBy(() -> client.sendMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("same").messageBody("1"), e -> e.id("same").messageBody("2"))))
                .isInstanceOf(BatchEntryIdsNotDistinctException.class);
        assertThatThrownBy(() -> client.sendMessageBatch(r -> r.queueUrl(url).entries(IntStream.range(0, 11)
                .mapToObj(i -> software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
                        .id("e" + i).messageBody("m").build()).toList())))
                .isInstanceOf(TooManyEntriesInBatchRequestException.class);
        assertThatThrownBy(() -> client.deleteMessageBatch(r -> r.queueUrl(url).entries(List.of())))
                .isInstanceOf(EmptyBatchRequestException.class);
    }
}
