package dev.gureum.sns;

import dev.gureum.sns.SnsTestSupport.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many concurrent publishes to a topic with three queues: every queue gets every message, once. */
class PublishVolumeIT {

    static final int MESSAGES = 10_000;
    static SnsTestSupport support;
    static SnsClient sns;
    static SnsAsyncClient snsAsync;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        support = new SnsTestSupport();
        sns = support.sns();
        snsAsync = support.snsAsync();
        sqs = support.sqs();
    }

    @AfterAll
    static void stop() {
        sns.close();
        snsAsync.close();
        sqs.close();
        support.close();
    }

    @Test
    void tenThousandPublishesLoseNothing() throws Exception {
        String topic = sns.createTopic(r -> r.name("volume")).topicArn();
        List<Queue> queues = List.of(SnsTestSupport.queue(sqs, "volume-1"), SnsTestSupport.queue(sqs, "volume-2"),
                SnsTestSupport.queue(sqs, "volume-3"));
        for (Queue q : queues) {
            // raw delivery: the test is about delivery, not about the cost of signing 10,000 envelopes
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(q.arn())
                    .attributes(Map.of("RawMessageDelivery", "true")));
        }
        Semaphore inFlight = new Semaphore(32);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CompletableFuture<?>[] all = new CompletableFuture<?>[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            inFlight.acquire();
            String body = "message-" + i;
            all[i] = snsAsync.publish(r -> r.topicArn(topic).message(body)).whenComplete((response, error) -> {
                inFlight.release();
                if (error != null) {
                    failures.add(error);
                }
            });
        }
        CompletableFuture.allOf(all).exceptionally(e -> null).get(120, TimeUnit.SECONDS);
        assertThat(failures).isEmpty();

        for (Queue q : queues) {
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(q.url())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes())
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, String.valueOf(MESSAGES));
        }
        // and they are the 10,000 messages, each once
        Set<String> bodies = new HashSet<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queues.get(0).url()).maxNumberOfMessages(10)
                    .visibilityTimeout(3600)).messages();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> assertThat(bodies.add(m.body())).as("duplicate " + m.body()).isTrue());
        }
        assertThat(bodies).hasSize(MESSAGES).contains("message-0", "message-" + (MESSAGES - 1));
    }
}
