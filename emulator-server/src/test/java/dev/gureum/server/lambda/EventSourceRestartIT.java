package dev.gureum.server.lambda;

import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.lambda.LambdaModule;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event source mappings are kept with their settings and state; one enabled before a restart polls its
 * queue again after it (its pollers and the function's environments start afresh), a disabled one does not.
 */
class EventSourceRestartIT {

    @TempDir
    Path dir;

    static final String CONSUMER = """
            def handler(event, context):
                for r in event["Records"]:
                    print("seen " + r["body"])
                return {}
            """;

    @BeforeAll
    static void python() {
        Packages.assumeRuns("python3", "--version");
    }

    /** A server with SQS, Lambda and CloudWatch Logs on the data directory, with its clients. */
    private final class Server implements AutoCloseable {
        final EmbeddedFrontEnd server;
        final LambdaClient lambda;
        final SqsClient sqs;
        final CloudWatchLogsClient logs;

        Server(MutableClock clock) {
            LambdaModule module = new LambdaModule();
            server = EmbeddedFrontEnd.persistent(dir, clock, new SqsModule(), module, module.logs());
            lambda = SdkClients.configure(LambdaClient.builder(), server.endpoint()).build();
            sqs = SdkClients.configure(SqsClient.builder(), server.endpoint()).build();
            logs = SdkClients.configure(CloudWatchLogsClient.builder(), server.endpoint()).build();
        }

        /** The queue's ARN; creating a queue that is there already (same attributes) is a no-op. */
        String queue(String name) {
            String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        }

        void send(String queue, String body) {
            String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
        }

        List<String> seen(String function) {
            List<String> seen = new ArrayList<>();
            try {
                for (FilteredLogEvent e : logs.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/" + function)
                        .filterPattern("seen")).events()) {
                    seen.add(e.message().trim());
                }
            } catch (ResourceNotFoundException e) {
                return seen;
            }
            return seen;
        }

        List<EventSourceMappingConfiguration> mappings() {
            List<EventSourceMappingConfiguration> all = new ArrayList<>(lambda.listEventSourceMappings(r -> { })
                    .eventSourceMappings());
            all.sort(Comparator.comparing(EventSourceMappingConfiguration::eventSourceArn));
            return all;
        }

        @Override
        public void close() {
            lambda.close();
            sqs.close();
            logs.close();
            server.close();
        }
    }

    @Test
    void anEnabledMappingPollsAgainAfterARestart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        List<EventSourceMappingConfiguration> before;
        Map<String, String> tags;
        try (Server s = new Server(clock)) {
            String functionArn = s.lambda.createFunction(r -> r.functionName("consumer").runtime(Runtime.PYTHON3_12)
                    .handler("app.handler").role(Packages.ROLE).timeout(5)
                    .code(c -> c.zipFile(Packages.zip(Map.of("app.py", CONSUMER))))).functionArn();
            String active = s.queue("active");
            String paused = s.queue("paused");
            String uuid = s.lambda.createEventSourceMapping(r -> r.functionName("consumer").eventSourceArn(active)
                    .batchSize(20).maximumBatchingWindowInSeconds(1)
                    .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\": [{\"prefix\": \"keep\"}]}")))
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                    .scalingConfig(c -> c.maximumConcurrency(3)).tags(Map.of("pipeline", "orders"))).uuid();
            s.lambda.createEventSourceMapping(r -> r.functionName(functionArn).eventSourceArn(paused).enabled(false));
            s.send("active", "keep-1");
            Await.until(Duration.ofSeconds(30), () -> s.seen("consumer").contains("seen keep-1"), "the first message");
            before = s.mappings();
            tags = s.lambda.listTags(r -> r.resource(before.get(0).eventSourceMappingArn())).tags();
            assertThat(before.get(0).uuid()).isEqualTo(uuid);
        }

        clock.advance(Duration.ofMinutes(5));
        try (Server s = new Server(clock)) {
            List<EventSourceMappingConfiguration> after = s.mappings();
            assertThat(after).hasSize(2);
            // the last result may differ once records were processed; everything else is as it was
            assertThat(after.get(0).toBuilder().lastProcessingResult(null).build())
                    .isEqualTo(before.get(0).toBuilder().lastProcessingResult(null).build());
            assertThat(after.get(1)).isEqualTo(before.get(1));
            assertThat(after.get(0).state()).isEqualTo("Enabled");
            assertThat(after.get(0).filterCriteria().filters().get(0).pattern())
                    .isEqualTo("{\"body\": [{\"prefix\": \"keep\"}]}");
            assertThat(after.get(0).scalingConfig().maximumConcurrency()).isEqualTo(3);
            assertThat(after.get(1).state()).isEqualTo("Disabled");
            assertThat(s.lambda.listTags(r -> r.resource(after.get(0).eventSourceMappingArn())).tags()).isEqualTo(tags);

            // the queues come back (kept by SQS, or made again with the same name and ARN)
            s.queue("active");
            s.queue("paused");
            s.send("active", "drop-me");
            s.send("active", "keep-2");
            s.send("paused", "keep-waiting");
            Await.until(Duration.ofSeconds(30), () -> s.seen("consumer").contains("seen keep-2"),
                    "the message sent after the restart");
            assertThat(s.seen("consumer")).doesNotContain("seen drop-me", "seen keep-waiting");
        }
    }
}
