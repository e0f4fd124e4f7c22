package dev.gureum.server.cloudwatch;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudWatch through boto3 and the AWS CLI, as Python users reach it (skipped where they are not installed). */
class CloudWatchBoto3IT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void boto3PutsReadsListsAndGetsCloudWatchsErrorCodes() throws Exception {
        Assumptions.assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 must run for this test");
        Path script = Files.createTempFile("boto3_metrics", ".py");
        try (InputStream in = getClass().getResourceAsStream("/cloudwatch/boto3_metrics.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> lines = run(List.of("python3", script.toString(), gureum.endpoint().toString()))
                    .lines().toList();
            // w0 received 0, 5, 10, ... 495: 100 values
            assertThat(lines).contains("statistics Work 100.0 24750.0 Count");
            assertThat(lines).contains("data w1 9 56.0 Complete True");
            assertThat(lines).contains("metrics 5");
            assertThat(lines).contains("dashboard py ['py']");
            assertThat(lines).containsSubsequence("error InvalidParameterValue 400",
                    "error InvalidParameterCombination 400", "error InvalidParameterCombination 400",
                    "error ResourceNotFound 404", "error ResourceNotFound 404");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void boto3GetsMetricMathResultsAndItsErrors() throws Exception {
        Assumptions.assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 must run for this test");
        Path script = Files.createTempFile("boto3_metric_math", ".py");
        try (InputStream in = getClass().getResourceAsStream("/cloudwatch/boto3_metric_math.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> lines = run(List.of("python3", script.toString(), gureum.endpoint().toString()))
                    .lines().toList();
            assertThat(lines).containsExactly(
                    "result rate Error rate [10.0, 0.0, 10.0, 0.0, 0.0] []",
                    "result ok ok [0.0, 1.0, 0.0, 1.0, 1.0] []",
                    "result all Requests [10.0, 20.0, 30.0, 40.0, 50.0] []",
                    "result all Errors [1.0, 0.0, 3.0, 0.0, 0.0] []",
                    "result broken broken [] ['ArithmeticError']",
                    "error ValidationError 400 True");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void theCliPutsAndReadsStatistics() throws Exception {
        Assumptions.assumeTrue(runs("aws", "--version"), "the AWS CLI must run for this test");
        String endpoint = gureum.endpoint().toString();
        List<String> aws = List.of("env", "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
                "AWS_DEFAULT_REGION=us-east-1", "aws", "--endpoint-url", endpoint, "--output", "text", "cloudwatch");
        java.util.ArrayList<String> put = new java.util.ArrayList<>(aws);
        put.addAll(List.of("put-metric-data", "--namespace", "Cli", "--metric-name", "Jobs", "--value", "7",
                "--unit", "Count"));
        run(put);
        java.time.Instant now = java.time.Instant.now();
        java.util.ArrayList<String> get = new java.util.ArrayList<>(aws);
        get.addAll(List.of("get-metric-statistics", "--namespace", "Cli", "--metric-name", "Jobs", "--start-time",
                now.minusSeconds(600).toString(), "--end-time", now.plusSeconds(60).toString(), "--period", "3600",
                "--statistics", "Sum", "--query", "Datapoints[0].[Sum,Unit]"));
        assertThat(run(get).strip()).isEqualTo("7.0\tCount");
    }
}
