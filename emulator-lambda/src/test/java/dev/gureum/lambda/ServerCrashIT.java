package dev.gureum.lambda;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.lambda.storage.CodeStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A server killed with SIGKILL takes its functions' processes with it, daemons that left the process tree included. */
class ServerCrashIT {

    @TempDir
    Path pids;

    @BeforeAll
    static void python() {
        LambdaTestSupport.assumeRuns("python3", "--version");
    }

    @ParameterizedTest(name = "PID namespaces: {0}")
    @ValueSource(booleans = {true, false})
    void aKilledServerLeavesNoFunctionProcessBehind(boolean pidNamespaces) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process server = new ProcessBuilder(java, "-cp", classPath, ChildServer.class.getName(),
                String.valueOf(pidNamespaces)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path dataDir = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String[] ready = out.readLine().split(" ", 2);
            dataDir = Path.of(ready[1]);
            try (LambdaClient lambda = SdkClients.configure(LambdaClient.builder(),
                    URI.create("http://127.0.0.1:" + ready[0])).build()) {
                ProcessContainmentIT.createDaemonFunction(lambda, "daemon", pids, 10);
                lambda.invoke(r -> r.functionName("daemon")
                        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"name\":\"crash\"}")));
            }
            long pid = ProcessContainmentIT.daemonPid(pids, "crash");
            server.destroyForcibly();
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
            ProcessContainmentIT.awaitGone(pid, "after the server was killed");
        } finally {
            server.destroyForcibly();
            CodeStore.deleteTree(dataDir);
        }
    }
}
