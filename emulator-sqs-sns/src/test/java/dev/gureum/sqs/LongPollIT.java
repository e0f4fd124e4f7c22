package dev.gureum.sqs;

import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LongPollIT {

    static SqsTestSupport sqs;
    static SqsClient client;
    static SqsAsyncClient async;

    @BeforeAll
    static void start() {
        sqs = new SqsTestSupport();
        client = sqs.client();
        async = sqs.asyncClient();
    }

    @AfterAll
    static void stop() {
        async.close();
        client.close();
        sqs.close();
    }

    @Test
    void waitingReceiverGetsAMessageAsSoonAsItIsSent() throws Exception {
        String url = client.createQueue(r -> r.queueName("poll")).queueUrl();
        CompletableFuture<ReceiveMessageResponse> waiting = async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
        awaitWaiters("poll", 1);
        assertThat(waiting).isNotDone();
        client.sendMessage(r -> r.queueUrl(url).messageBody("wake up"));
        // well before the 20 s wait ends
        assertThat(waiting.get(5, TimeUnit.SECONDS).messages()).extracting(Message::body).containsExactly("wake up");
    }

    @Test
    void queueWaitTimeAppliesWhenTheRequestNamesNone() throws Exception {
        String url = client.createQueue(r -> r.queueName("queue-wait").attributes(Map.of(
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20"))).queueUrl();
        CompletableFuture<ReceiveMessageResponse> waiting = async.receiveMessage(r -> r.queueUrl(url));
        awaitWaiters("queue-wait", 1);
        client.sendMessage(r -> r.queueUrl(url).messageBody("m"));
        assertThat(waiting.get(5, TimeUnit.SECONDS).messages()).hasSize(1);
    }

    @Test
    void manyReceiversWaitAndEachMessageGoesToOne() throws Exception {
        String url = client.createQueue(r -> r.queueName("crowd")).queueUrl();
        List<CompletableFuture<ReceiveMessageResponse>> receivers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            receivers.add(async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)));
        }
        awaitWaiters("crowd", 40);
        for (int i = 0; i < 40; i++) {
            int n = i;
            client.sendMessage(r -> r.queueUrl(url).messageBody("m" + n));
        }
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<ReceiveMessageResponse> f : receivers) {
            f.get(10, TimeUnit.SECONDS).messages().forEach(m -> bodies.add(m.body()));
        }
        assertThat(bodies).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void waitEndsEmptyAfterWaitTimeSeconds() throws Exception {
        String url = client.createQueue(r -> r.queueName("quiet")).queueUrl();
        long start = System.nanoTime();
        assertThat(client.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900);
    }

    /** Waits until the server holds {@code n} parked receivers on the queue. */
    private static void awaitWaiters(String queue, int n) {
        var service = (dev.gureum.sqs.protocol.SqsService) sqs.server.registry().get("sqs");
        Await.until(() -> service.waitingReceivers("000000000000", "us-east-1", queue) >= n, "receivers to start waiting");
    }
}
