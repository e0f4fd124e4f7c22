package dev.gureum.sqs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing lost, nothing delivered twice, with many producers and consumers at once. */
class ConcurrencyIT {

    static SqsTestSupport sqs;

    @BeforeAll
    static void start() {
        sqs = new SqsTestSupport();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void everyMessageIsReceivedAndDeletedExactlyOnce() throws Exception {
        int producers = 6;
        int perProducer = 500;
        int total = producers * perProducer;
        String url;
        try (SqsClient admin = sqs.client()) {
            url = admin.createQueue(r -> r.queueName("busy").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "600"))).queueUrl();
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(producers * 2);
        List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            tasks.add(pool.submit(() -> {
                try (SqsClient client = sqs.client()) {
                    for (int i = 0; i < perProducer; i += 10) {
                        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                        for (int j = i; j < i + 10; j++) {
                            batch.add(SendMessageBatchRequestEntry.builder().id("e" + j)
                                    .messageBody(producer + "-" + j).build());
                        }
                        assertThat(client.sendMessageBatch(r -> r.queueUrl(url).entries(batch)).failed()).isEmpty();
                    }
                }
                return null;
            }));
        }
        for (int c = 0; c < producers; c++) {
            tasks.add(pool.submit(() -> {
                try (SqsClient client = sqs.client()) {
                    while (deleted.get() < total) {
                        List<Message> messages = client.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                                .waitTimeSeconds(1)).messages();
                        for (Message m : messages) {
                            if (!received.add(m.body())) {
                                duplicates.incrementAndGet();
                            }
                        }
                        if (!messages.isEmpty()) {
                            var result = client.deleteMessageBatch(r -> r.queueUrl(url).entries(messages.stream()
                                    .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry
                                            .builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                                    .toList()));
                            assertThat(result.failed()).isEmpty();
                            deleted.addAndGet(result.successful().size());
                        }
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : tasks) {
            f.get();
        }
        assertThat(duplicates).hasValue(0);
        assertThat(received).hasSize(total);
        assertThat(deleted).hasValue(total);
        try (SqsClient admin = sqs.client()) {
            assertThat(admin.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
        }
    }
}
