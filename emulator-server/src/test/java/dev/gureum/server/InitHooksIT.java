package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Init scripts of {@code --init-dir}: run at their stage with this server as their AWS endpoint, reported by
 * {@code /_gureum/init} and LocalStack's {@code /_localstack/init}; a failing one leaves the server serving.
 */
class InitHooksIT {

    /** Creates a bucket with an unsigned path-style PUT, as far as the standard library goes. */
    private static final String MAKE_BUCKET = """
            python3 - "$1" <<'EOF'
            import os, sys, urllib.request
            url = os.environ["AWS_ENDPOINT_URL"] + "/" + sys.argv[1]
            urllib.request.urlopen(urllib.request.Request(url, method="PUT"))
            EOF
            """;

    @TempDir
    Path init;

    @AfterEach
    void clearHook() {
        GureumCommand.onStarted = null;
    }

    private Path script(String stage, String name, String text) throws IOException {
        Path dir = Files.createDirectories(init.resolve(stage));
        return Files.writeString(dir.resolve(name), text);
    }

    private GureumServer start() {
        return GureumServer.builder().port(0).services(Set.of("s3", "sqs", "sts")).initDirs(List.of(init)).build()
                .start();
    }

    private static S3Client s3(GureumServer server) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Test
    void readyScriptsRunInNameOrderAgainstTheServerBeforeStartReturns() throws Exception {
        Path seen = init.resolve("seen.txt");
        script("ready.d", "02-env.sh", "echo \"$AWS_ENDPOINT_URL $AWS_DEFAULT_REGION $AWS_REGION "
                + "$AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY\" >> '" + seen + "'\necho env noted\n");
        script("ready.d", "01-bucket.sh", "set -e\nmake_bucket() {\n" + MAKE_BUCKET + "}\nmake_bucket fixtures\n"
                + "echo 01 >> '" + seen + "'\n");
        script("ready.d", "03-queue.py", """
                import os, urllib.parse, urllib.request
                form = urllib.parse.urlencode({"Action": "CreateQueue", "QueueName": "jobs"}).encode()
                urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL"] + "/", data=form)
                print("queue made")
                """);
        script("ready.d", "notes.txt", "not a script");
        try (GureumServer server = start(); S3Client s3 = s3(server);
             SqsClient sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .build()) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("fixtures");
            assertThat(sqs.getQueueUrl(b -> b.queueName("jobs")).queueUrl()).endsWith("/000000000000/jobs");
            assertThat(Files.readAllLines(seen)).containsExactly("01",
                    server.endpoint() + " us-east-1 us-east-1 test test");

            for (String path : new String[] {"/_gureum/init", "/_localstack/init"}) {
                JsonNode report = Json.mapper().readTree(RawHttp.get(server.endpoint(), path).body());
                assertThat(report.path("completed").path("BOOT").asBoolean()).isTrue();
                assertThat(report.path("completed").path("READY").asBoolean()).isTrue();
                assertThat(report.path("completed").path("SHUTDOWN").asBoolean()).isFalse();
                assertThat(report.path("scripts")).hasSize(3);
                assertThat(report.path("scripts").get(0).toString())
                        .isEqualTo("{\"stage\":\"READY\",\"name\":\"01-bucket.sh\",\"state\":\"SUCCESSFUL\"}");
                assertThat(report.path("scripts").get(2).path("name").asText()).isEqualTo("03-queue.py");
                assertThat(report.path("scripts").get(2).path("state").asText()).isEqualTo("SUCCESSFUL");
            }
            JsonNode ready = Json.mapper().readTree(RawHttp.get(server.endpoint(), "/_localstack/init/ready").body());
            assertThat(ready.path("completed").asBoolean()).isTrue();
            assertThat(ready.path("scripts")).hasSize(3);
        }
    }

    @Test
    void aFailingScriptIsReportedAndTheServerKeepsServing() throws Exception {
        script("ready.d", "01-fails.sh", "echo about to fail\nexit 3\n");
        script("ready.d", "02-after.py", "raise SystemExit(0)\n");
        script("ready.d", "03-broken.py", "this is not python\n");
        try (GureumServer server = start()) {
            JsonNode report = Json.mapper().readTree(RawHttp.get(server.endpoint(), "/_gureum/init").body());
            assertThat(report.path("scripts")).extracting(s -> s.path("name").asText() + "=" + s.path("state").asText())
                    .containsExactly("01-fails.sh=ERROR", "02-after.py=SUCCESSFUL", "03-broken.py=ERROR");
            assertThat(RawHttp.get(server.endpoint(), "/_gureum/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bootRunsBeforeServingAndShutdownWhileStillServing() throws Exception {
        Path log = init.resolve("stages.txt");
        script("boot.d", "boot.sh", "echo boot >> '" + log + "'\n");
        script("start.d", "start.sh", "echo start >> '" + log + "'\n");
        script("shutdown.d", "bye.sh", "set -e\nmake_bucket() {\n" + MAKE_BUCKET + "}\nmake_bucket last-words\n"
                + "echo shutdown >> '" + log + "'\n");
        GureumServer server = start();
        try {
            assertThat(Files.readAllLines(log)).containsExactly("boot", "start");
            JsonNode report = Json.mapper().readTree(RawHttp.get(server.endpoint(), "/_gureum/init").body());
            assertThat(report.path("scripts")).extracting(s -> s.path("stage").asText() + "=" + s.path("state").asText())
                    .containsExactly("BOOT=SUCCESSFUL", "START=SUCCESSFUL", "SHUTDOWN=UNKNOWN");
        } finally {
            server.close();
        }
        // the shutdown script's request was answered: the server closed its port only afterwards
        assertThat(Files.readAllLines(log)).containsExactly("boot", "start", "shutdown");
        assertThat(server.initHooks().scripts().get(2).state).isEqualTo(InitHooks.State.SUCCESSFUL);
    }

    @Test
    void theCommandSaysReadyAfterTheReadyScripts() throws Exception {
        script("ready.d", "bucket.sh", "set -e\nmake_bucket() {\n" + MAKE_BUCKET + "}\nmake_bucket from-cli\n");
        StringWriter out = new StringWriter();
        CommandLine cli = GureumCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        AtomicReference<GureumServer> started = new AtomicReference<>();
        GureumCommand.onStarted = started::set;
        assertThat(cli.execute("serve", "--port", "0", "--services", "s3", "--init-dir", init.toString())).isZero();
        try (GureumServer server = started.get(); S3Client s3 = s3(server)) {
            assertThat(out.toString()).contains("Ready.");
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("from-cli");
        }
    }

    @Test
    void anInitDirThatIsNoDirectoryIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = GureumCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("serve", "--port", "0", "--init-dir", init.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--init-dir'").contains("is not a directory");
    }
}
