package dev.gureum.server.console;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console with 1,000 instances in five accounts, 200 queues and 100 functions: how long the data
 * center and functions views take to first show them, and how long after an SDK call returns the data
 * center, messaging and functions views show its effect (the functions view while other functions are
 * invoked all along). A benchmark, run with {@code -Dgureum.console.bench=true}; it prints its
 * measurements and asserts the goals (first paint under 1 s, updates under 200 ms at the median).
 */
class ConsoleResponsivenessIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(Set.of("ec2", "sqs", "lambda", "logs", "cloudwatch"))
            .setting("ec2.hosts-per-family", "40"));

    private static final String AMI = "ami-0c02fb55956c7d316";
    private static final int ROUNDS = 10;

    @Test
    void staysResponsiveWithAThousandInstances() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("gureum.console.bench"),
                "a benchmark: run with -Dgureum.console.bench=true");
        InstanceType[] types = {InstanceType.T3_MICRO, InstanceType.M5_LARGE, InstanceType.C5_LARGE, InstanceType.R5_LARGE};
        for (int a = 0; a < 5; a++) {
            try (Ec2Client ec2 = gureum.configure(Ec2Client.builder(), "10000000000" + a).build()) {
                for (int batch = 0; batch < 4; batch++) {
                    InstanceType type = types[(a + batch) % types.length];
                    ec2.runInstances(r -> r.imageId(AMI).instanceType(type).minCount(50).maxCount(50));
                }
            }
        }
        try (SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                sqs.createQueue(r -> r.queueName("queue-" + n));
            }
        }
        SdkBytes code = zip();
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder()).build()) {
            for (int i = 0; i < 100; i++) {
                int n = i;
                lambda.createFunction(r -> r.functionName("function-" + n).runtime("python3.12").handler("app.handler")
                        .role("arn:aws:iam::000000000000:role/lambda-role").code(c -> c.zipFile(code)));
            }
            for (int i = 0; i < 100; i++) {
                int n = i;
                lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("function-" + n));
            }
        }
        try (Browser browser = Browser.open(1600, 1000)) {
            List<Long> firstPaint = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                browser.go("about:blank");
                browser.go(gureum.endpoint().resolve("/_gureum/console#datacenter").toString());
                browser.waitFor(d -> browser.script("return document.body.dataset.firstDrawn") != null);
                firstPaint.add(Long.parseLong((String) browser.script("return document.body.dataset.firstDrawn")));
            }
            assertThat(((Number) browser.script("return document.querySelectorAll('.vm').length")).intValue())
                    .isEqualTo(1000);

            List<Long> instanceUpdates = new ArrayList<>();
            try (Ec2Client ec2 = gureum.configure(Ec2Client.builder(), "100000000009").build()) {
                for (int i = 0; i < ROUNDS; i++) {
                    String id = ec2.runInstances(r -> r.imageId(AMI).instanceType(InstanceType.T3_NANO)
                            .minCount(1).maxCount(1)).instances().get(0).instanceId();
                    long answered = System.currentTimeMillis();
                    browser.find(".vm[data-instance='" + id + "']");
                    instanceUpdates.add(drawn(browser) - answered);
                }
            }

            browser.go("about:blank");
            browser.go(gureum.endpoint().resolve("/_gureum/console#messaging").toString());
            browser.find("tr[data-queue='queue-199']");
            List<Long> messageUpdates = new ArrayList<>();
            try (SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
                String url = sqs.getQueueUrl(r -> r.queueName("queue-7")).queueUrl();
                for (int i = 1; i <= ROUNDS; i++) {
                    sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"));
                    long answered = System.currentTimeMillis();
                    browser.waitForText("tr[data-queue='queue-7'] td[data-count='visible']", String.valueOf(i));
                    messageUpdates.add(drawn(browser) - answered);
                }
            }
            FunctionFigures functions = functions(browser);
            System.out.println("console: first paint of 1,000 instances (ms): " + firstPaint);
            System.out.println("console: instance shown after RunInstances returned (ms): " + instanceUpdates);
            System.out.println("console: message count shown after SendMessage returned (ms): " + messageUpdates);
            System.out.println("console: first paint of 100 functions (ms): " + functions.firstPaint);
            System.out.println("console: environment shown warm after Invoke returned (ms): " + functions.warm);
            System.out.println("console: invocation count shown after Invoke returned (ms): " + functions.counts);
            System.out.println("console: server time of one /api/functions (ms): " + functions.endpoint);
            assertThat(median(firstPaint)).isLessThan(1000);
            assertThat(median(functions.firstPaint)).isLessThan(1000);
            assertThat(median(functions.warm)).isLessThan(200);
            assertThat(median(functions.counts)).isLessThan(200);
            assertThat(median(instanceUpdates)).isLessThan(200);
            assertThat(median(messageUpdates)).isLessThan(200);
        }
    }

    private record FunctionFigures(List<Long> firstPaint, List<Long> warm, List<Long> counts, List<Long> endpoint) {
    }

    /**
     * The functions view while functions 0 to 9 are invoked all along: five first paints, the time from a first
     * Invoke of a function answering to its environment shown warm, and from an Invoke answering to the
     * function's new invocation count shown.
     */
    private static FunctionFigures functions(Browser browser) throws Exception {
        Assumptions.assumeTrue(python(), "python3 must run for the functions' invocations");
        java.util.concurrent.atomic.AtomicBoolean invoking = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread background = new Thread(() -> {
            try (LambdaClient lambda = gureum.configure(LambdaClient.builder()).build()) {
                for (int i = 0; invoking.get(); i = (i + 1) % 10) {
                    int n = i;
                    lambda.invoke(r -> r.functionName("function-" + n));
                }
            }
        }, "background-invocations");
        background.start();
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder()).build()) {
            List<Long> firstPaint = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                browser.go("about:blank");
                browser.go(gureum.endpoint().resolve("/_gureum/console#functions").toString());
                browser.waitFor(d -> browser.script("return document.body.dataset.firstDrawn") != null);
                firstPaint.add(Long.parseLong((String) browser.script("return document.body.dataset.firstDrawn")));
            }
            browser.find("[data-function='function-99']");
            assertThat(((Number) browser.script("return document.querySelectorAll('[data-function]').length")).intValue())
                    .isEqualTo(100);
            browser.waitForText("#live", "live");

            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                String name = "function-" + (20 + i);
                lambda.invoke(r -> r.functionName(name));
                long answered = System.currentTimeMillis();
                browser.find("[data-function='" + name + "'] .env[data-state='idle']");
                warm.add(drawn(browser) - answered);
            }
            List<Long> counts = new ArrayList<>();
            for (int i = 1; i <= ROUNDS; i++) {
                lambda.invoke(r -> r.functionName("function-50"));
                long answered = System.currentTimeMillis();
                browser.waitForText("[data-function='function-50'] [data-metric='invocations']", String.valueOf(i));
                counts.add(drawn(browser) - answered);
            }
            List<Long> endpoint = new ArrayList<>();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                var answer = http.send(java.net.http.HttpRequest.newBuilder(
                        gureum.endpoint().resolve("/_gureum/console/api/functions")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                endpoint.add((System.nanoTime() - start) / 1_000_000);
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            return new FunctionFigures(firstPaint, warm, counts, endpoint);
        } finally {
            invoking.set(false);
            background.join();
        }
    }

    private static boolean python() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** When the page last finished drawing, in this machine's wall-clock milliseconds. */
    private static long drawn(Browser browser) {
        return Long.parseLong((String) browser.script("return document.body.dataset.drawn"));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static SdkBytes zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write("def handler(event, context):\n    return 'ok'\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }
}
