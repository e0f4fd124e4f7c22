package dev.gureum.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code --lambda-*} options reach Lambda's settings. */
class LambdaOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GureumCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @AfterEach
    void clearHook() {
        GureumCommand.onStarted = null;
    }

    @Test
    void optionsBecomeSettings() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0", "--lambda-runtime", "python3.12=/usr/bin/python3.12,nodejs=/opt/node/bin/node",
                "--lambda-runtime", "java=/opt/jdk21/bin/java", "--lambda-keep-alive", "30", "--no-lambda-pid-namespaces"))
                .isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("lambda.runtime.python3.12")).isEqualTo("/usr/bin/python3.12");
            assertThat(server.config().setting("lambda.runtime.nodejs")).isEqualTo("/opt/node/bin/node");
            assertThat(server.config().setting("lambda.runtime.java")).isEqualTo("/opt/jdk21/bin/java");
            assertThat(server.config().setting("lambda.keep-alive-seconds")).isEqualTo("30.0");
            assertThat(server.config().setting("lambda.pid-namespaces")).isEqualTo("false");
            assertThat(server.config().setting("lambda.enforce-memory")).isEqualTo("true");
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--lambda-runtime", "--lambda-keep-alive", "GUREUM_LAMBDA_KEEP_ALIVE",
                "--[no-]lambda-pid-namespaces", "--[no-]lambda-enforce-memory");
    }

    @Test
    void malformedValuesAreUsageErrors() {
        assertThat(run("--lambda-runtime", "python3.12")).isEqualTo(2);
        assertThat(err.toString()).contains("--lambda-runtime").contains("RUNTIME=PATH");
        assertThat(run("--lambda-keep-alive", "-1")).isEqualTo(2);
    }
}
