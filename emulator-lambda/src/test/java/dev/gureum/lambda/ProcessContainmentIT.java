package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every process a function starts ends with its execution environment, daemons that left the
 * runtime's process tree included; with PID namespaces and without (processes found by their marker).
 */
class ProcessContainmentIT {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Starts a daemon (fork, new session, fork) that writes its process id to $PID_DIR/<name> and sleeps. */
    static final String DAEMON = """
            import os, time

            def handler(event, context):
                path = os.path.join(os.environ["PID_DIR"], event["name"])
                if os.fork() == 0:
                    try:
                        os.setsid()
                        if os.fork() == 0:
                            # the id the test can see: /proc is the server's even inside a PID namespace
                            pid = os.readlink("/proc/self")
                            with open(path + ".tmp", "w") as f:
                                f.write(pid)
                            os.rename(path + ".tmp", path)
                            os.execvp("sleep", ["sleep", "1000"])
                    finally:
                        os._exit(0)
                os.wait()
                time.sleep(event.get("sleep", 0))
                return "started"
            """;

    static final String HOG = """
            import time

            def handler(event, context):
                hog = "x" * (event["mb"] << 20)
                time.sleep(event.get("hold", 0))
                return len(hog)
            """;

    @TempDir
    Path pids;

    @BeforeAll
    static void python() {
        LambdaTestSupport.assumeRuns("python3", "--version");
    }

    static LambdaTestSupport server(boolean pidNamespaces) {
        return new LambdaTestSupport(Map.of("lambda.pid-namespaces", String.valueOf(pidNamespaces)));
    }

    static void createDaemonFunction(LambdaClient lambda, String name, Path pidDir, int timeout) {
        lambda.createFunction(r -> r.functionName(name).runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).timeout(timeout)
                .environment(e -> e.variables(Map.of("PID_DIR", pidDir.toString())))
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", DAEMON)))));
    }

    /** The daemon's process id, once it has written it, after making sure it runs. */
    static long daemonPid(Path pidDir, String name) {
        Path file = pidDir.resolve(name);
        Await.until(Duration.ofSeconds(10), () -> Files.exists(file), "the daemon's pid file");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(running(pid)).as("the daemon runs").isTrue();
        return pid;
    }

    /** Whether the process exists and is not a zombie waiting to be reaped. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitGone(long pid, String when) {
        Await.until(Duration.ofSeconds(10), () -> !running(pid), "the daemon to end " + when);
    }

    @ParameterizedTest(name = "PID namespaces: {0}")
    @ValueSource(booleans = {true, false})
    void aSetsidDaemonEndsWithDeleteFunction(boolean pidNamespaces) {
        try (LambdaTestSupport t = server(pidNamespaces)) {
            createDaemonFunction(t.lambda, "daemon", pids, 10);
            assertThat(t.invoke("daemon", "{\"name\":\"deleted\"}").payload().asUtf8String()).isEqualTo("\"started\"");
            long pid = daemonPid(pids, "deleted");
            t.lambda.deleteFunction(r -> r.functionName("daemon"));
            awaitGone(pid, "after DeleteFunction");
        }
    }

    @ParameterizedTest(name = "PID namespaces: {0}")
    @ValueSource(booleans = {true, false})
    void aSetsidDaemonEndsWhenItsInvocationTimesOut(boolean pidNamespaces) {
        try (LambdaTestSupport t = server(pidNamespaces)) {
            createDaemonFunction(t.lambda, "sleepy", pids, 3);
            CompletableFuture<InvokeResponse> invocation = CompletableFuture.supplyAsync(
                    () -> t.invoke("sleepy", "{\"name\":\"timed-out\",\"sleep\":30}"));
            long pid = daemonPid(pids, "timed-out");
            InvokeResponse response = invocation.join();
            assertThat(response.functionError()).isEqualTo("Unhandled");
            assertThat(response.payload().asUtf8String()).contains("Sandbox.Timedout");
            awaitGone(pid, "after the timeout");
        }
    }

    @Test
    void aSetsidDaemonEndsWhenTheServerStops() {
        LambdaTestSupport t = server(true);
        long pid;
        try {
            createDaemonFunction(t.lambda, "daemon", pids, 10);
            t.invoke("daemon", "{\"name\":\"stopped\"}");
            pid = daemonPid(pids, "stopped");
        } finally {
            t.close();
        }
        awaitGone(pid, "after the server stopped");
    }

    @Test
    void aFunctionUsingMoreThanItsMemorySizeIsKilled() throws Exception {
        try (LambdaTestSupport t = server(true)) {
            t.lambda.createFunction(r -> r.functionName("hog").runtime("python3.12").handler("app.handler")
                    .role(LambdaTestSupport.ROLE).timeout(30).memorySize(128)
                    .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", HOG)))));
            long start = System.nanoTime();
            InvokeResponse response = t.lambda.invoke(r -> r.functionName("hog").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"mb\":256,\"hold\":20}")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(response.functionError()).isEqualTo("Unhandled");
            JsonNode error = JSON.readTree(response.payload().asByteArray());
            assertThat(error.path("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
            assertThat(error.path("errorMessage").asText()).matches(
                    "RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed");
            String tail = LambdaTestSupport.tail(response);
            assertThat(tail).contains("Runtime.OutOfMemory").contains("Status: error\tError Type: Runtime.OutOfMemory");
            // a function within its memory size runs as before
            assertThat(t.lambda.invoke(r -> r.functionName("hog").payload(SdkBytes.fromUtf8String("{\"mb\":1}")))
                    .functionError()).isNull();
        }
    }
}
