package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a data directory, Lambda's functions (versions, aliases, policies, concurrency, URL configurations,
 * tags, code), layers with their permissions, and CloudWatch Logs' groups, streams and events are all there
 * after a restart, field by field; the functions run again.
 */
class LambdaRestartIT {

    @TempDir
    Path dir;

    static final String APP_V1 = """
            import os
            def handler(event, context):
                print("handled", event.get("n"))
                return {"version": "one", "greeting": os.environ.get("GREETING"), "fn": context.function_version}
            """;
    static final String APP_V2 = APP_V1.replace("\"one\"", "\"two\"");

    @BeforeAll
    static void python() {
        LambdaTestSupport.assumeRuns("python3", "--version");
    }

    /** A server on the data directory, with its clients. */
    private final class Server implements AutoCloseable {
        final EmbeddedFrontEnd server;
        final LambdaClient lambda;
        final CloudWatchLogsClient logs;

        Server(MutableClock clock) {
            LambdaModule module = new LambdaModule();
            server = EmbeddedFrontEnd.persistent(dir, clock, module, module.logs());
            lambda = SdkClients.configure(LambdaClient.builder(), server.endpoint()).build();
            logs = SdkClients.configure(CloudWatchLogsClient.builder(), server.endpoint()).build();
        }

        String invoke(String name) {
            return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("{\"n\": 1}")))
                    .payload().asUtf8String();
        }

        @Override
        public void close() {
            lambda.close();
            logs.close();
            server.close();
        }
    }

    /** What a client sees of everything made before the restart. */
    private record Seen(FunctionConfiguration latest, List<FunctionConfiguration> versions, Object aliases,
                        Object functionPolicy, Object aliasPolicy, Integer concurrency, Object url, Map<String, String> tags,
                        Object layerVersion, Object layerPolicy, Object layerVersions, Object groups, Object streams,
                        List<OutputLogEvent> events, Object accountUsage) {
    }

    private static Seen see(Server s) {
        GetLayerVersionResponse layer = s.lambda.getLayerVersion(r -> r.layerName("deps").versionNumber(1L));
        GetLogEventsResponse events = s.logs.getLogEvents(r -> r.logGroupName("/app/web").logStreamName("web-1")
                .startFromHead(true));
        return new Seen(s.lambda.getFunction(r -> r.functionName("greeter")).configuration(),
                s.lambda.listVersionsByFunction(r -> r.functionName("greeter")).versions(),
                s.lambda.listAliases(r -> r.functionName("greeter")).aliases(),
                s.lambda.getPolicy(r -> r.functionName("greeter")).policy(),
                s.lambda.getPolicy(r -> r.functionName("greeter").qualifier("live")).policy(),
                s.lambda.getFunctionConcurrency(r -> r.functionName("greeter")).reservedConcurrentExecutions(),
                // responses compare by their fields in toString (equals also compares the HTTP response)
                s.lambda.getFunctionUrlConfig(r -> r.functionName("greeter")).toString(),
                s.lambda.listTags(r -> r.resource(s.lambda.getFunction(g -> g.functionName("greeter"))
                        .configuration().functionArn())).tags(),
                // the content's location is a fresh presigned URL each time; everything else must match
                layer.toBuilder().content(layer.content().toBuilder().location(null).build()).build().toString(),
                s.lambda.getLayerVersionPolicy(r -> r.layerName("deps").versionNumber(1L)).policy(),
                s.lambda.listLayerVersions(r -> r.layerName("deps")).layerVersions(),
                s.logs.describeLogGroups(r -> r.logGroupNamePrefix("/app")).logGroups(),
                s.logs.describeLogStreams(r -> r.logGroupName("/app/web")).logStreams(),
                events.events(),
                s.lambda.getAccountSettings(r -> { }).accountUsage());
    }

    @Test
    void everythingIsThereAfterARestartAndFunctionsRunAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        Seen before;
        String logStreamOfInvocation;
        try (Server s = new Server(clock)) {
            String layerArn = s.lambda.publishLayerVersion(r -> r.layerName("deps").description("shared code")
                    .licenseInfo("MIT").compatibleRuntimes(Runtime.PYTHON3_12)
                    .content(c -> c.zipFile(LambdaTestSupport.zip(Map.of("python/dep.py", "X = 1\n")))))
                    .layerVersionArn();
            s.lambda.addLayerVersionPermission(r -> r.layerName("deps").versionNumber(1L).statementId("everyone")
                    .action("lambda:GetLayerVersion").principal("*"));
            s.lambda.createFunction(r -> r.functionName("greeter").runtime(Runtime.PYTHON3_12).handler("app.handler")
                    .role(LambdaTestSupport.ROLE).description("says hello").timeout(9).memorySize(256)
                    .environment(e -> e.variables(Map.of("GREETING", "hello")))
                    .layers(layerArn).tags(Map.of("team", "web", "cost", "7"))
                    .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V1)))));
            s.lambda.publishVersion(r -> r.functionName("greeter").description("first"));
            s.lambda.updateFunctionCode(r -> r.functionName("greeter")
                    .zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V2))));
            s.lambda.publishVersion(r -> r.functionName("greeter").description("second"));
            s.lambda.createAlias(r -> r.functionName("greeter").name("live").functionVersion("1").description("prod")
                    .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.25))));
            s.lambda.addPermission(r -> r.functionName("greeter").statementId("from-s3")
                    .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::uploads"));
            s.lambda.addPermission(r -> r.functionName("greeter").qualifier("live").statementId("from-account")
                    .action("lambda:InvokeFunction").principal("111122223333"));
            s.lambda.putFunctionConcurrency(r -> r.functionName("greeter").reservedConcurrentExecutions(7));
            s.lambda.createFunctionUrlConfig(r -> r.functionName("greeter").authType(FunctionUrlAuthType.NONE)
                    .cors(c -> c.allowOrigins("https://example.com").allowMethods("GET").maxAge(60)));
            // deleted before the restart: stays deleted
            s.lambda.createFunction(r -> r.functionName("gone").runtime(Runtime.PYTHON3_12).handler("app.handler")
                    .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V1)))));
            s.lambda.deleteFunction(r -> r.functionName("gone"));

            s.logs.createLogGroup(r -> r.logGroupName("/app/web").tags(Map.of("team", "web")));
            s.logs.putRetentionPolicy(r -> r.logGroupName("/app/web").retentionInDays(14));
            s.logs.createLogStream(r -> r.logGroupName("/app/web").logStreamName("web-1"));
            s.logs.createLogStream(r -> r.logGroupName("/app/web").logStreamName("web-2"));
            s.logs.putLogEvents(r -> r.logGroupName("/app/web").logStreamName("web-1").logEvents(
                    InputLogEvent.builder().timestamp(1_000L).message("GET /").build(),
                    InputLogEvent.builder().timestamp(2_000L).message("GET /favicon.ico").build()));
            s.logs.putLogEvents(r -> r.logGroupName("/app/web").logStreamName("web-1").logEvents(
                    InputLogEvent.builder().timestamp(3_000L).message("POST /login").build()));

            assertThat(s.invoke("greeter")).contains("\"two\"", "hello", "$LATEST");
            java.util.concurrent.atomic.AtomicReference<String> stream = new java.util.concurrent.atomic.AtomicReference<>();
            Await.until(Duration.ofSeconds(10), () -> {
                try {
                    var streams = s.logs.describeLogStreams(r -> r.logGroupName("/aws/lambda/greeter")).logStreams();
                    streams.stream().findFirst().ifPresent(st -> stream.set(st.logStreamName()));
                } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
                    // not written yet
                }
                return stream.get() != null && s.logs.getLogEvents(r -> r.logGroupName("/aws/lambda/greeter")
                        .logStreamName(stream.get()).startFromHead(true)).events().stream()
                        .anyMatch(e -> e.message().contains("handled 1"));
            }, "the invocation's log");
            logStreamOfInvocation = stream.get();
            before = see(s);
        }

        clock.advance(Duration.ofHours(3));
        try (Server s = new Server(clock)) {
            Seen after = see(s);
            assertThat(after.latest()).isEqualTo(before.latest());
            assertThat(after.versions()).isEqualTo(before.versions());
            assertThat(after.aliases()).isEqualTo(before.aliases());
            assertThat(after.functionPolicy()).isEqualTo(before.functionPolicy());
            assertThat(after.aliasPolicy()).isEqualTo(before.aliasPolicy());
            assertThat(after.concurrency()).isEqualTo(7);
            assertThat(after.url()).isEqualTo(before.url());
            assertThat(after.tags()).isEqualTo(Map.of("team", "web", "cost", "7"));
            assertThat(after.layerVersion()).isEqualTo(before.layerVersion());
            assertThat(after.layerPolicy()).isEqualTo(before.layerPolicy());
            assertThat(after.layerVersions()).isEqualTo(before.layerVersions());
            assertThat(after.groups()).isEqualTo(before.groups());
            assertThat(after.streams()).isEqualTo(before.streams());
            assertThat(after.events()).extracting(OutputLogEvent::message)
                    .containsExactly("GET /", "GET /favicon.ico", "POST /login");
            assertThat(after.events()).isEqualTo(before.events());
            assertThat(after.accountUsage()).isEqualTo(before.accountUsage());
            assertThat(after).isEqualTo(before);
            assertThat(after.latest().lastModified()).isEqualTo(before.latest().lastModified());
            assertThat(s.logs.getLogEvents(r -> r.logGroupName("/aws/lambda/greeter")
                    .logStreamName(logStreamOfInvocation).startFromHead(true)).events())
                    .extracting(OutputLogEvent::message).anyMatch(m -> m.contains("handled 1"));
            assertThatThrownBy(() -> s.lambda.getFunction(r -> r.functionName("gone")))
                    .isInstanceOf(ResourceNotFoundException.class);

            // the code persisted records name is kept (the clean-up of an earlier run's leftovers spares it) and runs
            assertThat(s.invoke("greeter")).contains("\"two\"", "hello", "$LATEST");
            assertThat(s.invoke("greeter:1")).contains("\"one\"", "\"fn\": \"1\"");
            assertThat(s.invoke("greeter:2")).contains("\"two\"", "\"fn\": \"2\"");

            // numbering goes on where it stopped
            s.lambda.updateFunctionCode(r -> r.functionName("greeter")
                    .zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V1.replace("one", "three")))));
            assertThat(s.lambda.publishVersion(r -> r.functionName("greeter")).version()).isEqualTo("3");
            assertThat(s.lambda.publishLayerVersion(r -> r.layerName("deps")
                    .content(c -> c.zipFile(LambdaTestSupport.zip(Map.of("python/dep.py", "X = 2\n")))))
                    .version()).isEqualTo(2L);
            s.logs.putLogEvents(r -> r.logGroupName("/app/web").logStreamName("web-1").logEvents(
                    InputLogEvent.builder().timestamp(4_000L).message("GET /again").build()));
        }

        // a second restart reads what the first run's snapshot and the second run's changes left
        try (Server s = new Server(clock)) {
            assertThat(s.lambda.listVersionsByFunction(r -> r.functionName("greeter")).versions())
                    .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2", "3");
            assertThat(s.invoke("greeter:3")).contains("\"three\"");
            assertThat(s.logs.getLogEvents(r -> r.logGroupName("/app/web").logStreamName("web-1").startFromHead(true))
                    .events()).extracting(OutputLogEvent::message)
                    .containsExactly("GET /", "GET /favicon.ico", "POST /login", "GET /again");
            assertThat(s.lambda.listLayerVersions(r -> r.layerName("deps")).layerVersions()).hasSize(2);
        }
    }

    @Test
    void packagesNoRecordNamesAreRemovedAtStartAndThoseRecordsNameAreKept() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (Server s = new Server(clock)) {
            s.lambda.createFunction(r -> r.functionName("kept").runtime(Runtime.PYTHON3_12).handler("app.handler")
                    .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V1)))));
        }
        Path zips = dir.resolve("lambda").resolve("zips");
        List<Path> kept = new ArrayList<>();
        try (var files = Files.list(zips)) {
            files.forEach(kept::add);
        }
        assertThat(kept).hasSize(1);
        String orphan = "ab".repeat(32);
        Path orphanZip = Files.writeString(zips.resolve(orphan + ".zip"), "no record names this");
        try (Server s = new Server(clock)) {
            // Lambda starts (and cleans up) at its first request
            assertThat(s.lambda.getFunction(r -> r.functionName("kept")).configuration().functionName())
                    .isEqualTo("kept");
            Await.until(Duration.ofSeconds(10), () -> !Files.exists(orphanZip), "the orphan package to be removed");
            assertThat(kept.get(0)).exists();
            assertThat(s.invoke("kept")).contains("\"one\"");
        }
    }

    @Test
    void whatWasAcknowledgedBeforeAKillIsReplayedFromTheJournal() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBin, "-cp", classPath, ChildServer.class.getName(), "true", dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        FunctionConfiguration latest;
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:" + out.readLine().split(" ", 2)[0]);
            try (LambdaClient lambda = SdkClients.configure(LambdaClient.builder(), endpoint).build();
                 CloudWatchLogsClient logs = SdkClients.configure(CloudWatchLogsClient.builder(), endpoint).build()) {
                lambda.createFunction(r -> r.functionName("survivor").runtime(Runtime.PYTHON3_12).handler("app.handler")
                        .role(LambdaTestSupport.ROLE).environment(e -> e.variables(Map.of("GREETING", "still here")))
                        .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V1)))).publish(true));
                lambda.createAlias(r -> r.functionName("survivor").name("live").functionVersion("1"));
                lambda.tagResource(r -> r.resource(lambda.getFunction(g -> g.functionName("survivor"))
                        .configuration().functionArn()).tags(Map.of("kept", "yes")));
                lambda.createFunction(r -> r.functionName("removed").runtime(Runtime.PYTHON3_12).handler("app.handler")
                        .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP_V1)))));
                lambda.deleteFunction(r -> r.functionName("removed"));
                logs.createLogGroup(r -> r.logGroupName("/crash"));
                logs.createLogStream(r -> r.logGroupName("/crash").logStreamName("s"));
                logs.putLogEvents(r -> r.logGroupName("/crash").logStreamName("s").logEvents(
                        InputLogEvent.builder().timestamp(1L).message("before the kill").build()));
                latest = lambda.getFunction(r -> r.functionName("survivor")).configuration();
            }
            child.destroyForcibly();
            assertThat(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        try (Server s = new Server(new MutableClock(Instant.now()))) {
            assertThat(s.lambda.getFunction(r -> r.functionName("survivor")).configuration()).isEqualTo(latest);
            assertThat(s.lambda.getAlias(r -> r.functionName("survivor").name("live")).functionVersion()).isEqualTo("1");
            assertThat(s.lambda.listTags(r -> r.resource(latest.functionArn())).tags()).containsEntry("kept", "yes");
            assertThatThrownBy(() -> s.lambda.getFunction(r -> r.functionName("removed")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(s.logs.getLogEvents(r -> r.logGroupName("/crash").logStreamName("s").startFromHead(true)).events())
                    .extracting(OutputLogEvent::message).containsExactly("before the kill");
            assertThat(s.invoke("survivor:live")).contains("still here");
        }
    }
}
