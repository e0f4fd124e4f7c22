package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.lambda.protocol.LambdaService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Execution environments come and go: kept warm for a while, ended on update, delete, reset; packages collected. */
class EnvironmentLifecycleIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static LambdaTestSupport t;
    /** Returns the runtime's process id as the server sees it (inside a PID namespace, getpid() is the namespace's). */
    static final String CODE = "import os\ndef handler(e, c):\n    return int(os.readlink('/proc/self'))\n";

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport(Map.of("lambda.keep-alive-seconds", "1"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static List<JsonNode> environments(String functionName) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(t.server.endpoint() + "/_gureum/lambda/environments")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode env : JSON.readTree(response.body()).path("environments")) {
                if (env.path("functionArn").asText().contains(":function:" + functionName + ":")) {
                    matching.add(env);
                }
            }
            return matching;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static long pid(String function) {
        return Long.parseLong(t.invoke(function, "{}").payload().asUtf8String());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void idleEnvironmentsEndAfterTheKeepAlive() {
        t.create("short-lived", "python3.12", "app.handler", Map.of("app.py", CODE));
        long pid = pid("short-lived");
        List<JsonNode> envs = environments("short-lived");
        assertThat(envs).singleElement().satisfies(env -> {
            assertThat(env.path("pid").asLong()).isEqualTo(pid);
            assertThat(env.path("runtime").asText()).isEqualTo("python3.12");
            assertThat(env.path("logStream").asText()).contains("[$LATEST]");
        });
        Await.until(Duration.ofSeconds(10), () -> environments("short-lived").isEmpty(),
                "the idle environment to end");
        Await.until(Duration.ofSeconds(5), () -> !alive(pid), "its process to end");
        assertThat(pid("short-lived")).isNotEqualTo(pid);
    }

    @Test
    void updatesAndDeletesEndTheEnvironments() {
        t.create("changing", "python3.12", "app.handler", Map.of("app.py", CODE));
        long first = pid("changing");
        t.lambda.updateFunctionConfiguration(r -> r.functionName("changing").timeout(5));
        Await.until(Duration.ofSeconds(5), () -> !alive(first), "the stale environment to end");
        long second = pid("changing");
        assertThat(second).isNotEqualTo(first);
        t.lambda.deleteFunction(r -> r.functionName("changing"));
        Await.until(Duration.ofSeconds(5), () -> !alive(second), "the deleted function's environment");
        assertThatThrownBy(() -> t.invoke("changing", "{}")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void unusedPackagesAreDeleted() throws Exception {
        t.create("repackaged", "python3.12", "app.handler", Map.of("app.py", CODE + "# one\n"));
        LambdaService service = (LambdaService) t.server.registry().get("lambda");
        Path oldZip = service.codeArchive("arn:aws:lambda:us-east-1:000000000000:function:repackaged");
        t.lambda.updateFunctionCode(r -> r.functionName("repackaged")
                .zipFile(LambdaTestSupport.zip(Map.of("app.py", CODE + "# two\n"))));
        Path newZip = service.codeArchive("arn:aws:lambda:us-east-1:000000000000:function:repackaged");
        assertThat(service.collectGarbage(Duration.ZERO)).isPositive();
        assertThat(oldZip).doesNotExist();
        assertThat(newZip).exists();
        assertThat(Files.isDirectory(newZip.getParent().getParent().resolve("code")
                .resolve(newZip.getFileName().toString().replace(".zip", "")))).isTrue();
    }
}
