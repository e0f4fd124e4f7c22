package dev.gureum.ec2;

import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** With --ec2-run-user-data, a running instance's user data script runs here, on its own port. */
class UserDataWorkloadIT {

    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "us-east-1";
    /** A web server that says which instance it is, from the instance's metadata service. */
    private static final String SCRIPT = """
            #!/bin/sh
            echo "user data on port $PORT"
            ID=$(python3 -c 'import os, urllib.request; print(urllib.request.urlopen(
                os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] + "latest/meta-data/instance-id").read().decode())')
            echo "metadata says $ID"
            exec python3 -c '
            import http.server, sys
            class Hello(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("hello from " + sys.argv[1] + "\\n").encode()
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(sys.argv[2])), Hello).serve_forever()
            ' "$ID" "$PORT"
            """;

    private Ec2Harness harness;

    @AfterEach
    void close() {
        harness.close();
    }

    private Ec2Client start(boolean runUserData) {
        harness = new Ec2Harness(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)),
                runUserData ? Map.of("ec2.run-user-data", "true") : Map.of());
        return harness.ec2(ACCOUNT, REGION);
    }

    private String launch(Ec2Client ec2, String userData) {
        return ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType("t3.micro").minCount(1).maxCount(1)
                .userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8))))
                .instances().get(0).instanceId();
    }

    private Optional<InetSocketAddress> address(String id) {
        return harness.service().address(ACCOUNT, REGION, id, 80);
    }

    /** Waits up to 20 seconds of real time for a condition. */
    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String fetch(InetSocketAddress a) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + a.getPort() + "/index.html")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String console(Ec2Client ec2, String id) {
        String output = ec2.getConsoleOutput(r -> r.instanceId(id)).output();
        return output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
    }

    @Test
    void theScriptRunsWhileTheInstanceRuns() throws Exception {
        Ec2Client ec2 = start(true);
        String id = launch(ec2, SCRIPT);
        assertThat(address(id)).isEmpty();

        // the boot ends on the clock, with no call: the script starts
        harness.clock.advanceSeconds(5);
        waitFor("the workload to answer", () -> address(id).map(UserDataWorkloadIT::fetch).orElse(null) != null);
        assertThat(fetch(address(id).orElseThrow())).isEqualTo("hello from " + id + "\n");
        assertThat(harness.service().address(ACCOUNT, REGION, id, 8080)).isEqualTo(address(id));
        assertThat(harness.service().address("222222222222", REGION, id, 80)).isEmpty();
        waitFor("the console output", () -> console(ec2, id).contains("metadata says " + id));
        assertThat(console(ec2, id)).contains("user data on port " + address(id).orElseThrow().getPort());

        InetSocketAddress first = address(id).orElseThrow();
        ec2.stopInstances(r -> r.instanceIds(id));
        harness.clock.advanceSeconds(5);
        waitFor("the workload to stop", () -> address(id).isEmpty() && fetch(first) == null);

        ec2.startInstances(r -> r.instanceIds(id));
        harness.clock.advanceSeconds(5);
        waitFor("the workload to run again", () -> address(id).map(UserDataWorkloadIT::fetch).orElse(null) != null);

        InetSocketAddress second = address(id).orElseThrow();
        ec2.terminateInstances(r -> r.instanceIds(id));
        waitFor("the workload to end", () -> address(id).isEmpty() && fetch(second) == null);
    }

    @Test
    void aServerWithoutTheOptionRunsNoScript() {
        Ec2Client ec2 = start(false);
        String id = launch(ec2, SCRIPT);
        harness.clock.advanceSeconds(5);
        ec2.describeInstances(r -> r.instanceIds(id));
        assertThat(address(id)).isEmpty();
    }

    @Test
    void userDataThatIsNoScriptRunsNothing() {
        Ec2Client ec2 = start(true);
        String cloudConfig = launch(ec2, "#cloud-config\npackages: [nginx]\n");
        harness.clock.advanceSeconds(5);
        ec2.describeInstances(r -> r.instanceIds(cloudConfig));
        assertThat(address(cloudConfig)).isEmpty();
    }
}
