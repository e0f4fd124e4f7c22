package dev.gureum.server;

import dev.gureum.core.http.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class GureumCommandTest {

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
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--host", "--services", "--data-dir", "--default-region",
                "--default-account", "verify-signatures", "--log-level", "GUREUM_PORT", "serve", "--ec2-boot-seconds",
                "GUREUM_EC2_HOSTS_PER_FAMILY", "--persistence-sync", "GUREUM_PERSISTENCE_SYNC", "--load-state");
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("gureum ");
    }

    @Test
    void serveStartsAndSaysReady() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("serve", "--port", "0", "--default-region", "ap-northeast-2", "--default-account", "123412341234",
                "--services", "sts,s3")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(out.toString()).contains("Ready.").contains(server.endpoint().toString());
            assertThat(server.config().defaultRegion()).isEqualTo("ap-northeast-2");
            assertThat(server.config().defaultAccount()).isEqualTo("123412341234");
            assertThat(server.config().enabledServices()).containsExactlyInAnyOrder("sts", "s3");
        }
    }

    @Test
    void serveIsTheDefaultCommand() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.port()).isPositive();
            assertThat(server.config().enabledServices()).contains("s3", "sqs", "sns", "lambda", "ec2", "sts");
        }
    }

    @Test
    void s3LegacyDefaultsReachTheConfiguration() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("s3.legacy-defaults")).isEqualTo("false");
        }
        assertThat(run("--port", "0", "--s3-legacy-defaults")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("s3.legacy-defaults")).isEqualTo("true");
        }
    }

    @Test
    void theConsoleIsOnUnlessSwitchedOff() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("console")).isEqualTo("true");
        }
        assertThat(run("--port", "0", "--console=false")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("console")).isEqualTo("false");
        }
        assertThat(run("--port", "0", "--no-console")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("console")).isEqualTo("false");
        }
    }

    @Test
    void ec2SettingsReachTheConfiguration() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0", "--ec2-boot-seconds", "2.5", "--ec2-hosts-per-family", "3")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("ec2.boot-seconds")).isEqualTo("2.5");
            assertThat(server.config().setting("ec2.hosts-per-family")).isEqualTo("3");
            assertThat(server.config().setting("ec2.run-user-data")).isEqualTo("false");
        }
        assertThat(run("--port", "0", "--ec2-run-user-data")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().setting("ec2.run-user-data")).isEqualTo("true");
        }
        assertThat(run("--ec2-hosts-per-family", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--ec2-hosts-per-family").doesNotContain("Exception");
        assertThat(run("--ec2-boot-seconds", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--ec2-boot-seconds");
    }

    @Test
    void internalEndpointOptionsReachTheConfiguration() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0", "--allowed-hosts", "gureum,*.corp.example", "--allowed-hosts", "ci.local",
                "--admin-token", "t0ken")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.config().allowedHosts()).containsExactly("gureum", "*.corp.example", "ci.local");
            assertThat(server.config().adminToken()).isEqualTo("t0ken");
            assertThat(server.config().toString()).doesNotContain("t0ken");
        }
        assertThat(run("--allowed-hosts", "http://evil.example/")).isEqualTo(2);
        assertThat(err.toString()).contains("--allowed-hosts").doesNotContain("Exception");
        assertThat(run("--allowed-hosts", "a*.example")).isEqualTo(2);
    }

    @Test
    void timeoutsAndConnectionLimitsReachTheConfiguration() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(run("--port", "0", "--request-timeout", "2.5", "--header-timeout", "7", "--max-connections", "300"))
                .isZero();
        try (GureumServer server = started.get()) {
            HttpLimits limits = HttpLimits.from(server.config());
            assertThat(limits.requestTimeoutMillis()).isEqualTo(2500);
            assertThat(limits.headerTimeoutMillis()).isEqualTo(7000);
            assertThat(limits.idleConnectionMillis()).isEqualTo(7000);
            assertThat(limits.maxConnections()).isEqualTo(300);
        }
        assertThat(run("--request-timeout", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--request-timeout").doesNotContain("Exception");
        assertThat(run("--header-timeout", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--header-timeout");
        assertThat(run("--max-connections", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-connections");
    }

    @Test
    void theDefaultLimitsFollowTheOpenFileLimit() {
        HttpLimits limits;
        try (GureumServer server = GureumServer.builder().port(0).build()) {
            limits = HttpLimits.from(server.config());
        }
        assertThat(limits.requestTimeoutMillis()).isEqualTo(20_000);
        assertThat(limits.headerTimeoutMillis()).isEqualTo(60_000);
        long files = HttpLimits.fileDescriptorLimit();
        assertThat(limits.maxConnections()).isBetween(64, 4096);
        if (files > 0) {
            assertThat(2L * limits.maxConnections()).isLessThanOrEqualTo(Math.max(128, files - 512));
        }
    }

    @Test
    void portInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(run("--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
        }
        assertThat(err.toString().strip()).doesNotContain("\n").contains("already in use").doesNotContain("Exception");
        assertThat(out.toString()).doesNotContain("Ready.");
    }

    @Test
    void aPlainServeStartsWithoutPicocliAndMistakesStillGetItsMessage() {
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(ServeArguments.parse(new String[] {"--port", "0", "--services", "sts"}, System::getenv)).isNotNull();
        assertThat(GureumCommand.execute("--port", "0", "--services", "sts")).isZero();
        try (GureumServer server = started.get()) {
            assertThat(server.port()).isPositive();
            assertThat(server.config().enabledServices()).containsExactly("sts");
        }

        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            // read without picocli, refused by the server's own checks: picocli reports it, with the usage
            assertThat(GureumCommand.execute("--services", "s3,dynamodb")).isEqualTo(2);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("unknown service 'dynamodb'", "Usage:").doesNotContain("Exception");
    }

    @Test
    void userMistakesAreUsageErrors() {
        assertThat(run("--services", "s3,dynamodb")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown service 'dynamodb'").doesNotContain("Exception");
        assertThat(run("--log-level", "loud")).isEqualTo(2);
        assertThat(err.toString()).contains("--log-level");
        assertThat(run("--port", "eighty")).isEqualTo(2);
        assertThat(run("--default-account", "12")).isEqualTo(2);
        assertThat(err.toString()).contains("12 digits");
        assertThat(run("--no-such-option")).isEqualTo(2);
    }
}
