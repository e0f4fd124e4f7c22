package dev.gureum.sqs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FifoIT {

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

    private static String fifo(String name, boolean contentBased) {
        return client.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, String.valueOf(contentBased)))).queueUrl();
    }

    private static List<Message> receive(String url, int max) {
        return client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void ordersWithinAGroupAndBlocksTheGroupWhileInFlight() {
        String url = fifo("orders.fifo", true);
        for (int i = 1; i <= 3; i++) {
            int n = i;
            client.sendMessage(r -> r.queueUrl(url).messageGroupId("g1").messageBody("g1-" + n));
        }
        client.sendMessage(r -> r.queueUrl(url).messageGroupId("g2").messageBody("g2-1"));
        List<Message> first = receive(url, 2);
        assertThat(first).extracting(Message::body).containsExactly("g1-1", "g1-2");
        // g1 is blocked while its messages are in flight; g2 is not
        assertThat(receive(url, 10)).extracting(Message::body).containsExactly("g2-1");
        assertThat(receive(url, 10)).isEmpty();
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
        assertThat(receive(url, 10)).isEmpty();
        client.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.get(1).receiptHandle()));
        assertThat(receive(url, 10)).extracting(Message::body).containsExactly("g1-3");
    }

    @Test
    void sequenceNumbersIncreaseAndAttributesAreReported() {
        String url = fifo("seq.fifo", false);
        var a = client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageDeduplicationId("d1").messageBody("a"));
        var b = client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageDeduplicationId("d2").messageBody("b"));
        assertThat(a.sequenceNumber()).hasSize(20);
        assertThat(b.sequenceNumber()).isGreaterThan(a.sequenceNumber());
        Message m = receive(url, 1).get(0);
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "g")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "d1")
                .containsEntry(MessageSystemAttributeName.SEQUENCE_NUMBER, a.sequenceNumber());
    }

    @Test
    void deduplicatesForFiveMinutes() {
        String url = fifo("dedup.fifo", true);
        var first = client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same"));
        var again = client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same"));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        var explicit = client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same")
                .messageDeduplicationId("other"));
        assertThat(explicit.messageId()).isNotEqualTo(first.messageId());
        sqs.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        var later = client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("same"));
        assertThat(later.messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void rejectsWhatFifoQueuesDoNotTake() {
        String url = fifo("strict.fifo", false);
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x").messageDeduplicationId("d")))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("g")))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("ContentBasedDeduplication"));
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("g")
                .messageDeduplicationId("d").delaySeconds(5)))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("DelaySeconds"));
        String standard = client.createQueue(r -> r.queueName("standard")).queueUrl();
        assertThatThrownBy(() -> client.sendMessage(r -> r.queueUrl(standard).messageBody("x").messageDeduplicationId("d")))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void expiredReceiptHandlesDoNotDelete() {
        String url = fifo("receipts.fifo", true);
        client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("x"));
        Message m = receive(url, 1).get(0);
        sqs.clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> client.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())))
                .isInstanceOfSatisfying(SqsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("receipt handle has expired"));
    }

    @Test
    void receiveRequestAttemptIdRepeatsTheSameAnswer() {
        String url = fifo("attempts.fifo", true);
        client.sendMessage(r -> r.queueUrl(url).messageGroupId("g").messageBody("a"));
        client.sendMessage(r -> r.queueUrl(url).messageGroupId("h").messageBody("b"));
        List<Message> first = client.receiveMessage(r -> r.queueUrl(url).receiveRequestAttemptId("try-1")).messages();
        List<Message> retry = client.receiveMessage(r -> r.queueUrl(url).receiveRequestAttemptId("try-1")).messages();
        assertThat(retry).extracting(Message::messageId).isEqualTo(first.stream().map(Message::messageId).toList());
        assertThat(retry.get(0).receiptHandle()).isEqualTo(first.get(0).receiptHandle());
    }
}
