package dev.gureum.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.json.Json;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.core.spi.QueueConsumer;
import dev.gureum.lambda.domain.EventSourceMapping;
import dev.gureum.lambda.domain.FilterCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Polls an SQS queue for an event source mapping, as Lambda's pollers do: long polls gather a batch
 * (up to {@code BatchSize}, within {@code MaximumBatchingWindowInSeconds} of the first message), the
 * function is invoked with the SQS event, and the batch is deleted when it succeeds. On failure the
 * messages stay and come back when their visibility timeout ends, so the queue's redrive policy
 * applies; with {@code ReportBatchItemFailures} only the reported ones stay. Messages that match no
 * filter are deleted unseen. Nothing here holds a thread: each step continues from the previous
 * one's completion.
 */
public final class SqsPoller {

    /** Invokes the mapped function synchronously. */
    public interface Invoker {
        CompletionStage<FunctionInvoker.Result> invoke(String functionArn, byte[] payload);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration LONG_POLL = Duration.ofSeconds(20);
    /** How long to pause after a problem (a deleted queue, a throttled function) before polling again. */
    private static final long PAUSE_MILLIS = 1000;

    private final EventSourceMapping mapping;
    private final QueueConsumer sqs;
    private final Principal consumer;
    private final Invoker invoker;
    private final BiConsumer<Runnable, Long> scheduler;
    private final Clock clock;
    private final int loops;
    private volatile boolean stopped;

    /**
     * @param consumer  who reads the queue: the function's execution role, in the function's account
     * @param scheduler runs a task after a delay in milliseconds of the server clock
     * @param clock     the server clock, which the batching window is measured on
     */
    public SqsPoller(EventSourceMapping mapping, QueueConsumer sqs, Principal consumer, Invoker invoker,
                     BiConsumer<Runnable, Long> scheduler, Clock clock, boolean fifo) {
        this.clock = clock;
        this.mapping = mapping;
        this.sqs = sqs;
        this.consumer = consumer;
        this.invoker = invoker;
        this.scheduler = scheduler;
        // FIFO queues hand out one batch per message group at a time anyway; standard queues get
        // concurrent pollers, two unless ScalingConfig asks for more
        Integer max = mapping.maximumConcurrency();
        this.loops = fifo ? 1 : Math.min(20, max == null ? 2 : max);
    }

    public void start() {
        for (int i = 0; i < loops; i++) {
            poll();
        }
    }

    public void stop() {
        stopped = true;
    }

    private boolean running() {
        return !stopped && mapping.enabled();
    }

    private void poll() {
        if (!running()) {
            return;
        }
        List<QueueConsumer.ReceivedMessage> batch = new ArrayList<>();
        receive(batch, 0);
    }

    private void receive(List<QueueConsumer.ReceivedMessage> batch, long windowEnd) {
        int want = Math.min(10, mapping.batchSize() - batch.size());
        Duration wait = batch.isEmpty() ? LONG_POLL
                : Duration.ofMillis(Math.max(0, Math.min(LONG_POLL.toMillis(), windowEnd - clock.millis())));
        CompletionStage<List<QueueConsumer.ReceivedMessage>> received;
        try {
            received = sqs.receive(consumer, mapping.eventSourceArn(), want, wait, null);
        } catch (RuntimeException e) {
            problem("PROBLEM: Error occurred while ReceiveMessage: " + e.getMessage(), batch);
            return;
        }
        received.whenComplete((messages, failure) -> {
            if (failure != null) {
                problem("PROBLEM: Error occurred while ReceiveMessage: " + failure.getMessage(), batch);
                return;
            }
            if (!running()) {
                release(batch);
                release(messages);
                return;
            }
            boolean first = batch.isEmpty() && !messages.isEmpty();
            batch.addAll(messages);
            if (batch.isEmpty()) {
                poll();
                return;
            }
            long end = first ? clock.millis() + mapping.maximumBatchingWindowInSeconds() * 1000L : windowEnd;
            boolean full = batch.size() >= mapping.batchSize();
            boolean windowOver = mapping.maximumBatchingWindowInSeconds() == 0 || clock.millis() >= end
                    || !first && messages.isEmpty();
            if (full || windowOver) {
                process(batch);
            } else {
                receive(batch, end);
            }
        });
    }

    private void process(List<QueueConsumer.ReceivedMessage> batch) {
        List<QueueConsumer.ReceivedMessage> selected = new ArrayList<>();
        List<ObjectNode> records = new ArrayList<>();
        List<EventPattern> filters = filters();
        for (QueueConsumer.ReceivedMessage m : batch) {
            ObjectNode record = record(m);
            if (filters.isEmpty() || matchesAny(filters, record)) {
                selected.add(m);
                records.add(record);
            } else {
                // Lambda deletes the messages its filters drop
                delete(m);
            }
        }
        if (selected.isEmpty()) {
            poll();
            return;
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        ArrayNode list = event.putArray("Records");
        records.forEach(list::add);
        CompletionStage<FunctionInvoker.Result> invocation;
        try {
            invocation = invoker.invoke(mapping.functionArn(), event.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            problem("PROBLEM: Function call failed: " + e.getMessage(), List.of());
            return;
        }
        invocation.whenComplete((result, failure) -> {
            if (failure != null) {
                // throttled or gone: the messages come back after their visibility timeout
                problem("PROBLEM: Function call failed", List.of());
                return;
            }
            if (result.functionError() != null) {
                mapping.lastProcessingResult("PROBLEM: Function call failed");
                poll();
                return;
            }
            Set<String> failed = failedItems(result.payload(), selected);
            for (QueueConsumer.ReceivedMessage m : selected) {
                if (!failed.contains(m.messageId())) {
                    delete(m);
                }
            }
            mapping.lastProcessingResult("OK");
            poll();
        });
    }

    /**
     * With {@code ReportBatchItemFailures}, the ids the function reported; all of them when the answer
     * is malformed (Lambda then treats the whole batch as failed).
     */
    private Set<String> failedItems(byte[] payload, List<QueueConsumer.ReceivedMessage> batch) {
        Set<String> failed = new HashSet<>();
        if (!mapping.functionResponseTypes().contains("ReportBatchItemFailures") || payload == null
                || payload.length == 0) {
            return failed;
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (IOException e) {
            return failed;
        }
        if (response == null || !response.isObject() || !response.has("batchItemFailures")
                || response.get("batchItemFailures").isNull()) {
            return failed;
        }
        JsonNode items = response.get("batchItemFailures");
        if (!items.isArray()) {
            return ids;
        }
        for (JsonNode item : items) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !ids.contains(id.asText())) {
                return ids;
            }
            failed.add(id.asText());
        }
        return failed;
    }

    private List<EventPattern> filters() {
        List<EventPattern> patterns = new ArrayList<>();
        FilterCriteria criteria = mapping.filterCriteria();
        if (criteria != null) {
            criteria.patterns().forEach(pattern -> patterns.add(EventPattern.parse(pattern)));
        }
        return patterns;
    }

    private static boolean matchesAny(List<EventPattern> filters, ObjectNode record) {
        ObjectNode subject = record.deepCopy();
        // a JSON body is matched field by field; any other body as the string it is
        try {
            JsonNode body = JSON.readTree(record.get("body").asText());
            if (body != null && body.isObject()) {
                subject.set("body", body);
            }
        } catch (IOException e) {
            // not JSON
        }
        for (EventPattern p : filters) {
            if (p.matches(subject)) {
                return true;
            }
        }
        return false;
    }

    /** A message as the SQS event's record. */
    private ObjectNode record(QueueConsumer.ReceivedMessage m) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("messageId", m.messageId());
        r.put("receiptHandle", m.receiptHandle());
        r.put("body", m.body());
        ObjectNode attributes = r.putObject("attributes");
        for (Map.Entry<String, String> a : m.attributes().entrySet()) {
            attributes.put(a.getKey(), a.getValue());
        }
        ObjectNode messageAttributes = r.putObject("messageAttributes");
        for (Map.Entry<String, MessageAttribute> a : m.messageAttributes().entrySet()) {
            ObjectNode value = messageAttributes.putObject(a.getKey());
            if (a.getValue().binaryValue() != null) {
                value.put("binaryValue", Base64.getEncoder().encodeToString(a.getValue().binaryValue()));
            } else {
                value.put("stringValue", a.getValue().stringValue());
            }
            value.putArray("stringListValues");
            value.putArray("binaryListValues");
            value.put("dataType", a.getValue().dataType());
        }
        r.put("md5OfBody", m.md5OfBody());
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", mapping.eventSourceArn());
        r.put("awsRegion", mapping.region());
        return r;
    }

    private void delete(QueueConsumer.ReceivedMessage m) {
        try {
            sqs.delete(consumer, mapping.eventSourceArn(), m.receiptHandle());
        } catch (RuntimeException e) {
            LOG.debug("Deleting SQS message {} failed: {}", m.messageId(), e.getMessage());
        }
    }

    /** Hands messages back at once (the mapping was disabled or deleted while they were received). */
    private void release(List<QueueConsumer.ReceivedMessage> messages) {
        for (QueueConsumer.ReceivedMessage m : messages) {
            try {
                sqs.changeVisibility(consumer, mapping.eventSourceArn(), m.receiptHandle(), 0);
            } catch (RuntimeException e) {
                // it is visible again already
            }
        }
    }

    private void problem(String result, List<QueueConsumer.ReceivedMessage> held) {
        mapping.lastProcessingResult(result);
        release(held);
        if (running()) {
            scheduler.accept(this::poll, PAUSE_MILLIS);
        }
    }
}
