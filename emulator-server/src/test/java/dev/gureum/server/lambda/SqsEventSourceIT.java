package dev.gureum.server.lambda;

import dev.gureum.core.json.Json;
import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS queues mapped to functions: batches, deletion on success, retries through visibility, filters, FIFO order. */
class SqsEventSourceIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static final ObjectMapper JSON = Json.mapper();
    static LambdaClient lambda;
    static SqsClient sqs;
    static CloudWatchLogsClient logs;

    /** Logs each record as one JSON line; fails records whose body is "bad"; raises on "explode". */
    static final String CONSUMER = """
            import json
            def handler(event, context):
                failures = []
                for r in event["Records"]:
                    print(json.dumps({"seen": r["body"], "source": r["eventSource"], "arn": r["eventSourceARN"],
                                      "group": r["attributes"].get("MessageGroupId"),
                                      "count": r["attributes"]["ApproximateReceiveCount"],
                                      "attr": r["messageAttributes"].get("color", {}).get("stringValue"),
                                      "batch": len(event["Records"])}))
                    if r["body"] == "explode":
                        raise RuntimeError("exploded")
                    if r["body"] == "bad":
                        failures.append({"itemIdentifier": r["messageId"]})
                return {"batchItemFailures": failures}
            """;

    @BeforeAll
    static void clients() {
        Packages.assumeRuns("python3", "--version");
        lambda = gureum.configure(LambdaClient.builder()).build();
        sqs = gureum.configure(SqsClient.builder()).build();
        logs = gureum.configure(CloudWatchLogsClient.builder()).build();
    }

    @AfterAll
    static void close() {
        lambda.close();
        sqs.close();
        logs.close();
    }

    static String function(String name, int timeout) {
        return lambda.createFunction(r -> r.functionName(name).runtime("python3.12").handler("app.handler")
                .role(Packages.ROLE).timeout(timeout).code(c -> c.zipFile(Packages.zip(Map.of("app.py", CONSUMER)))))
                .functionArn();
    }

    /**
     * Starts an execution environment for the function, which the mapping's first batch then finds warm:
     * a cold start under load can outlast a short visibility timeout, and a batch that comes back while
     * it is still being processed would be received twice.
     */
    static void warm(String function) {
        var response = lambda.invoke(r -> r.functionName(function)
                .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"Records\": []}")));
        assertThat(response.functionError()).isNull();
    }

    record Queue(String url, String arn) {
    }

    static Queue queue(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    static List<JsonNode> seen(String function) {
        List<JsonNode> seen = new ArrayList<>();
        try {
            for (FilteredLogEvent e : logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/" + function)
                    .filterPattern("seen")).events()) {
                seen.add(JSON.readTree(e.message()));
            }
        } catch (ResourceNotFoundException e) {
            return seen;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return seen;
    }

    static int messagesLeft(Queue q) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(q.url()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void batchesReachTheFunctionAndAreDeleted() {
        function("sqs-basic", 3);
        Queue q = queue("basic", Map.of());
        var m = lambda.createEventSourceMapping(r -> r.functionName("sqs-basic")
                .eventSourceArn(q.arn()).batchSize(10));
        assertThat(m.state()).isEqualTo("Creating");
        assertThat(m.batchSize()).isEqualTo(10);
        assertThat(lambda.getEventSourceMapping(r -> r.uuid(m.uuid())).state()).isEqualTo("Enabled");
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("message-" + n).messageAttributes(Map.of("color",
                    MessageAttributeValue.builder().dataType("String").stringValue("blue").build())));
        }
        Await.until(Duration.ofSeconds(30), () -> seen("sqs-basic").size() == 3, "three records");
        Await.until(Duration.ofSeconds(15), () -> messagesLeft(q) == 0, "the messages to be deleted");
        JsonNode record = seen("sqs-basic").get(0);
        assertThat(record.path("source").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("arn").asText()).isEqualTo(q.arn());
        assertThat(record.path("count").asText()).isEqualTo("1");
        assertThat(record.path("attr").asText()).isEqualTo("blue");
        assertThat(lambda.listEventSourceMappings(r -> r.functionName("sqs-basic")).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid).containsExactly(m.uuid());
        lambda.deleteEventSourceMapping(r -> r.uuid(m.uuid()));
    }

    @Test
    void batchingWindowGathersMessagesThatTrickleIn() {
        function("sqs-window", 3);
        Queue q = queue("window", Map.of());
        lambda.createEventSourceMapping(r -> r.functionName("sqs-window").eventSourceArn(q.arn()).batchSize(20)
                .maximumBatchingWindowInSeconds(2));
        // one, then three at once: two arrivals, however slowly a loaded machine sends them
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("trickle-0"));
        sqs.sendMessageBatch(r -> r.queueUrl(q.url()).entries(
                e -> e.id("1").messageBody("trickle-1"), e -> e.id("2").messageBody("trickle-2"),
                e -> e.id("3").messageBody("trickle-3")));
        Await.until(Duration.ofSeconds(30), () -> seen("sqs-window").size() == 4, "four records");
        // each of the mapping's two pollers waits out its window, so the four come in one or two batches
        double batches = seen("sqs-window").stream().mapToDouble(j -> 1.0 / j.path("batch").asInt()).sum();
        assertThat(Math.round(batches)).isBetween(1L, 2L);
    }

    @Test
    void failedBatchesComeBackAndEndInTheDeadLetterQueue() {
        // the visibility timeout outlasts a batch's processing even on a loaded machine, so the two
        // receives never overlap
        function("sqs-fails", 3);
        warm("sqs-fails");
        Queue dlq = queue("fails-dlq", Map.of());
        Queue q = queue("fails", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"2\"}"));
        lambda.createEventSourceMapping(r -> r.functionName("sqs-fails").eventSourceArn(q.arn()));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("explode"));
        Await.until(Duration.ofSeconds(30), () -> messagesLeft(dlq) == 1, "the message in the dead-letter queue");
        assertThat(seen("sqs-fails")).extracting(j -> j.path("count").asText()).containsExactly("1", "2");
        assertThat(messagesLeft(q)).isZero();
    }

    @Test
    void reportedItemFailuresAloneAreRetried() {
        // the visibility timeout outlasts the batch's processing even on a loaded machine: only the
        // reported failure comes back, never the whole batch
        function("sqs-partial", 3);
        warm("sqs-partial");
        Queue dlq = queue("partial-dlq", Map.of());
        Queue q = queue("partial", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"1\"}"));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("good-1"));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("bad"));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("good-2"));
        // the three are waiting, so they come in one batch
        lambda.createEventSourceMapping(r -> r.functionName("sqs-partial").eventSourceArn(q.arn()).batchSize(10)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
        Await.until(Duration.ofSeconds(30), () -> messagesLeft(dlq) == 1, "the failed item in the dead-letter queue");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq.url())).messages()).singleElement()
                .satisfies(msg -> assertThat(msg.body()).isEqualTo("bad"));
        assertThat(messagesLeft(q)).isZero();
        assertThat(seen("sqs-partial")).extracting(j -> j.path("seen").asText()).containsOnly("good-1", "bad", "good-2");
        assertThat(seen("sqs-partial").get(0).path("batch").asInt()).isEqualTo(3);
    }

    @Test
    void filteredOutMessagesAreDeletedUnseen() {
        function("sqs-filtered", 3);
        Queue q = queue("filtered", Map.of());
        lambda.createEventSourceMapping(r -> r.functionName("sqs-filtered").eventSourceArn(q.arn())
                .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"keep\"]}}"))));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("{\"kind\":\"drop\",\"n\":1}"));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("{\"kind\":\"keep\",\"n\":2}"));
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("plain text"));
        Await.until(Duration.ofSeconds(30), () -> messagesLeft(q) == 0, "all messages to be consumed");
        assertThat(seen("sqs-filtered")).extracting(j -> j.path("seen").asText())
                .containsExactly("{\"kind\":\"keep\",\"n\":2}");
    }

    @Test
    void disabledMappingsLeaveTheQueueAlone() {
        function("sqs-disabled", 3);
        Queue q = queue("disabled", Map.of());
        var m = lambda.createEventSourceMapping(r -> r.functionName("sqs-disabled")
                .eventSourceArn(q.arn()).enabled(false));
        assertThat(lambda.getEventSourceMapping(r -> r.uuid(m.uuid())).state()).isEqualTo("Disabled");
        sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("waiting"));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(q.url()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("1");
        assertThat(lambda.updateEventSourceMapping(r -> r.uuid(m.uuid()).enabled(true)).state()).isEqualTo("Enabling");
        Await.until(Duration.ofSeconds(30), () -> messagesLeft(q) == 0, "the message to be consumed once enabled");
        assertThat(seen("sqs-disabled")).extracting(j -> j.path("seen").asText()).containsExactly("waiting");
    }

    @Test
    void fifoQueuesAreConsumedInGroupOrder() {
        function("sqs-fifo", 3);
        Queue q = queue("ordered.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
        for (int i = 1; i <= 6; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(q.url()).messageBody("m" + n).messageGroupId(n % 2 == 0 ? "even" : "odd"));
        }
        lambda.createEventSourceMapping(r -> r.functionName("sqs-fifo").eventSourceArn(q.arn()).batchSize(1));
        Await.until(Duration.ofSeconds(30), () -> seen("sqs-fifo").size() == 6, "six records");
        List<String> odd = seen("sqs-fifo").stream().filter(j -> j.path("group").asText().equals("odd"))
                .map(j -> j.path("seen").asText()).toList();
        List<String> even = seen("sqs-fifo").stream().filter(j -> j.path("group").asText().equals("even"))
                .map(j -> j.path("seen").asText()).toList();
        assertThat(odd).containsExactly("m1", "m3", "m5");
        assertThat(even).containsExactly("m2", "m4", "m6");
    }

    @Test
    void mappingsAreValidatedAsAws() {
        function("sqs-checks", 60);
        Queue q = queue("short-visibility", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.functionName("sqs-checks").eventSourceArn(q.arn())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.functionName("sqs-checks")
                .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:nope")))
                .isInstanceOf(InvalidParameterValueException.class);
        Queue ok = queue("long-visibility", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "120"));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.functionName("sqs-checks")
                .eventSourceArn(ok.arn()).batchSize(100)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("batch window");
    }
}
