package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Python functions run by Gureum's bootstrap on the local python3. */
class PythonRuntimeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static LambdaTestSupport t;

    static final String APP = """
            import json, os, time
            calls = 0

            def handler(event, context):
                global calls
                calls += 1
                print("event", json.dumps(event))
                if event.get("fail"):
                    raise ValueError("bad input: " + event["fail"])
                if event.get("sleep"):
                    time.sleep(event["sleep"])
                return {
                    "event": event,
                    "calls": calls,
                    "pid": int(os.readlink("/proc/self")),
                    "requestId": context.aws_request_id,
                    "functionName": context.function_name,
                    "version": context.function_version,
                    "memory": context.memory_limit_in_mb,
                    "arn": context.invoked_function_arn,
                    "remaining": context.get_remaining_time_in_millis(),
                    "logGroup": context.log_group_name,
                    "custom": context.client_context.custom if context.client_context else None,
                    "env": {k: os.environ.get(k) for k in ["AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
                        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_REGION", "AWS_DEFAULT_REGION", "_HANDLER",
                        "LAMBDA_TASK_ROOT", "AWS_LAMBDA_RUNTIME_API", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_ENDPOINT_URL",
                        "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "GREETING", "_X_AMZN_TRACE_ID"]},
                    "cwd": os.getcwd(),
                }
            """;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        t.lambda.createFunction(r -> r.functionName("py").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).timeout(5).memorySize(256)
                .environment(e -> e.variables(Map.of("GREETING", "annyeong")))
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP)))));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static JsonNode json(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asByteArray());
    }

    @Test
    void handlerSeesTheEventTheContextAndLambdasEnvironment() throws Exception {
        InvokeResponse response = t.invoke("py", "{\"hello\":\"world\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode out = json(response);
        assertThat(out.path("event").path("hello").asText()).isEqualTo("world");
        assertThat(out.path("functionName").asText()).isEqualTo("py");
        assertThat(out.path("version").asText()).isEqualTo("$LATEST");
        assertThat(out.path("memory").asText()).isEqualTo("256");
        assertThat(out.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:py");
        assertThat(out.path("remaining").asLong()).isBetween(1L, 5000L);
        assertThat(out.path("requestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(out.path("logGroup").asText()).isEqualTo("/aws/lambda/py");
        JsonNode env = out.path("env");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("py");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.path("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.path("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.path("_HANDLER").asText()).isEqualTo("app.handler");
        assertThat(env.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(out.path("cwd").asText());
        assertThat(env.path("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/py");
        assertThat(env.path("AWS_ENDPOINT_URL").asText()).isEqualTo("http://127.0.0.1:" + t.server.port());
        assertThat(env.path("AWS_LAMBDA_RUNTIME_API").asText()).startsWith("127.0.0.1:" + t.server.port() + "/");
        assertThat(env.path("AWS_ACCESS_KEY_ID").asText()).startsWith("ASIA");
        assertThat(env.path("AWS_SESSION_TOKEN").asText()).isNotEmpty();
        assertThat(env.path("GREETING").asText()).isEqualTo("annyeong");
        assertThat(env.path("_X_AMZN_TRACE_ID").asText()).startsWith("Root=1-");
    }

    @Test
    void warmEnvironmentIsReused() throws Exception {
        JsonNode first = json(t.invoke("py", "{}"));
        JsonNode second = json(t.invoke("py", "{}"));
        assertThat(second.path("pid").asLong()).isEqualTo(first.path("pid").asLong());
        assertThat(second.path("calls").asInt()).isEqualTo(first.path("calls").asInt() + 1);
    }

    @Test
    void concurrentInvocationsGetAnEnvironmentEach() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<JsonNode>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return json(t.invoke("py", "{\"sleep\": 1}"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, clients));
            }
            Set<Long> pids = new HashSet<>();
            for (CompletableFuture<JsonNode> r : running) {
                pids.add(r.get().path("pid").asLong());
            }
            assertThat(pids).hasSize(3);
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void handlerExceptionIsAnUnhandledFunctionErrorWithTheStackTrace() throws Exception {
        InvokeResponse response = t.invoke("py", "{\"fail\":\"nope\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.path("errorType").asText()).isEqualTo("ValueError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("bad input: nope");
        assertThat(error.path("stackTrace").get(0).asText()).contains("app.py").contains("in handler");
        // the environment survives a handled exception
        assertThat(t.invoke("py", "{}").functionError()).isNull();
    }

    @Test
    void tailReturnsTheInvocationsLog() {
        InvokeResponse response = t.invokeWithTail("py", "{\"marker\":\"tail-me\"}");
        String log = LambdaTestSupport.tail(response);
        assertThat(log).contains("START RequestId: ").contains("Version: $LATEST").contains("tail-me")
                .contains("END RequestId: ").contains("REPORT RequestId: ").contains("Duration: ")
                .contains("Memory Size: 256 MB");
    }

    @Test
    void clientContextReachesTheHandler() throws Exception {
        String context = Base64.getEncoder().encodeToString("{\"custom\":{\"user\":\"kim\"}}"
                .getBytes(StandardCharsets.UTF_8));
        InvokeResponse response = t.lambda.invoke(r -> r.functionName("py").clientContext(context)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(json(response).path("custom").path("user").asText()).isEqualTo("kim");
    }

    @Test
    void eventInvocationsAnswer202AndRunInTheBackground() {
        InvokeResponse response = t.lambda.invoke(r -> r.functionName("py").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"async\":\"marker-async-1\"}")));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        Await.until(Duration.ofSeconds(10), () -> LogsIT.messages(t, "/aws/lambda/py").stream()
                .anyMatch(m -> m.contains("marker-async-1")), "the asynchronous invocation's log");
    }

    @Test
    void dryRunAnswers204WithoutRunning() {
        InvokeResponse response = t.lambda.invoke(r -> r.functionName("py").invocationType(InvocationType.DRY_RUN));
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void handlerPastItsTimeoutIsCutOffOnTime() throws Exception {
        t.lambda.createFunction(r -> r.functionName("py-slow").runtime("python3.11").handler("app.handler")
                .role(LambdaTestSupport.ROLE).timeout(1)
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP)))));
        t.invoke("py-slow", "{}");
        long start = System.nanoTime();
        InvokeResponse response = t.invokeWithTail("py-slow", "{\"sleep\": 30}");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(1000L, 2500L);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.path("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
        assertThat(LambdaTestSupport.tail(response)).contains("Task timed out after 1.00 seconds")
                .contains("Status: timeout");
        // the next invocation gets a fresh environment
        assertThat(json(t.invoke("py-slow", "{}")).path("calls").asInt()).isEqualTo(1);
    }

    @Test
    void importErrorsAreReportedAsAwsDoes() throws Exception {
        t.create("py-broken", "python3.11", "missing.handler", Map.of("app.py", APP));
        InvokeResponse response = t.invoke("py-broken", "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("Unable to import module 'missing': No module named "
                + "'missing'");

        t.create("py-nohandler", "python3.11", "app.nothing", Map.of("app.py", APP));
        JsonNode missing = json(t.invoke("py-nohandler", "{}"));
        assertThat(missing.path("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(missing.path("errorMessage").asText()).isEqualTo("Handler 'nothing' missing on module 'app'");

        t.create("py-syntax", "python3.11", "app.handler", Map.of("app.py", "def handler(:\n"));
        assertThat(json(t.invoke("py-syntax", "{}")).path("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
    }

    @Test
    void updatedCodeRunsInANewEnvironment() throws Exception {
        t.create("py-update", "python3.11", "app.handler", Map.of("app.py", "def handler(e, c):\n    return 'v1'\n"));
        assertThat(t.invoke("py-update", "{}").payload().asUtf8String()).isEqualTo("\"v1\"");
        t.lambda.updateFunctionCode(r -> r.functionName("py-update").zipFile(LambdaTestSupport.zip(
                Map.of("app.py", "def handler(e, c):\n    return 'v2'\n"))));
        assertThat(t.invoke("py-update", "{}").payload().asUtf8String()).isEqualTo("\"v2\"");
        t.lambda.updateFunctionConfiguration(r -> r.functionName("py-update")
                .environment(e -> e.variables(Map.of("MODE", "1"))));
        assertThat(t.invoke("py-update", "{}").payload().asUtf8String()).isEqualTo("\"v2\"");
    }

    @Test
    void packagesInSubdirectoriesAndLayersAreImportable() throws Exception {
        String layerArn = t.lambda.publishLayerVersion(r -> r.layerName("py-lib").compatibleRuntimesWithStrings("python3.11")
                .content(c -> c.zipFile(LambdaTestSupport.zip(Map.of("python/greeting.py", "WORD = 'from a layer'\n")))))
                .layerVersionArn();
        t.lambda.createFunction(r -> r.functionName("py-layered").runtime("python3.11").handler("pkg/mod.handler")
                .role(LambdaTestSupport.ROLE).layers(layerArn)
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("pkg/__init__.py", "",
                        "pkg/mod.py", "import greeting\ndef handler(e, c):\n    return greeting.WORD\n")))));
        assertThat(t.invoke("py-layered", "{}").payload().asUtf8String()).isEqualTo("\"from a layer\"");
    }
}
