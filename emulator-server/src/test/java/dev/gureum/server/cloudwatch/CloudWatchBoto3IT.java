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
    void boto3RunsEveryAlarmOperation() throws Exception {
        Assumptions.assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 must run for this test");
        Path script = Files.createTempFile("boto3_alarms", ".py");
        try (InputStream in = getClass().getResourceAsStream("/cloudwatch/boto3_alarms.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> lines = run(List.of("python3", script.toString(), gureum.endpoint().toString()))
                    .lines().toList();
            assertThat(lines).containsExactly(
                    "metric ['py-cpu', 'py-ratio']",
                    "composite ['py-both'] ALARM(\"py-cpu\") AND ALARM(py-ratio)",
                    "state INSUFFICIENT_DATA",
                    "for-metric ['py-cpu']",
                    "set ALARM testing the action",
                    "notification py-cpu ALARM INSUFFICIENT_DATA testing the action US East (N. Virginia) CPU",
                    "history Alarm updated from INSUFFICIENT_DATA to ALARM",
                    "tags [{'Key': 'tier', 'Value': 'web'}]",
                    "actions False",
                    "error InvalidParameterValue 400",
                    "error ValidationError 400",
                    "error InvalidParameterValue 400",
                    "left 0");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void theCliPutsAndReadsStatisticsAndAlarms() throws Exception {
        Assumptions.assumeTrue(runs("aws", "--version"), "the AWS CLI must run for this test");
        String endpoint = gureum.endpoint().toString();
        List<String> aws = List.of("env", "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
                "AWS_DEFAULT_REGION=us-east-1", "aws", "--endpoint-url", endpoint, "--output", "text", "cloudwatch");
        java.util.ArrayList<String> put = new java.util.ArrayList<>(aws);
        put.addAll(List.of("put-metric-data", "--namespace", "Cli", "--metric-name", "Jobs", "--value", "7",
                "--unit", "Count"));
        // At the first second of a minute, the alarm created below is not evaluated before the clock moves on
        java.time.Instant now = startOfAMinute();
        run(put);
        java.util.ArrayList<String> get = new java.util.ArrayList<>(aws);
        get.addAll(List.of("get-metric-statistics", "--namespace", "Cli", "--metric-name", "Jobs", "--start-time",
                now.minusSeconds(600).toString(), "--end-time", now.plusSeconds(60).toString(), "--period", "3600",
                "--statistics", "Sum", "--query", "Datapoints[0].[Sum,Unit]"));
        assertThat(run(get).strip()).isEqualTo("7.0\tCount");

        java.util.ArrayList<String> alarm = new java.util.ArrayList<>(aws);
        alarm.addAll(List.of("put-metric-alarm", "--alarm-name", "cli-jobs", "--namespace", "Cli", "--metric-name",
                "Jobs", "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1", "--threshold", "5",
                "--comparison-operator", "GreaterThanThreshold"));
        run(alarm);
        java.util.ArrayList<String> describe = new java.util.ArrayList<>(aws);
        describe.addAll(List.of("describe-alarms", "--alarm-names", "cli-jobs", "--query",
                "MetricAlarms[0].[AlarmName,MetricName,Threshold,StateValue]"));
        assertThat(run(describe).strip()).isEqualTo("cli-jobs\tJobs\t5.0\tINSUFFICIENT_DATA");

        // At the next minute the alarm evaluates the minute that holds the 7 and goes to ALARM
        advanceClock("PT1M");
        String state = run(describe).strip();
        for (int i = 0; i < 50 && !state.endsWith("ALARM"); i++) {
            Thread.sleep(100);
            state = run(describe).strip();
        }
        assertThat(state).isEqualTo("cli-jobs\tJobs\t5.0\tALARM");
    }

    private static java.time.Instant startOfAMinute() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(gureum.endpoint().resolve("/_gureum/clock")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.time.Instant now = java.time.Instant.parse(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("time").asText());
        java.time.Instant next = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(61);
        advanceClock(java.time.Duration.between(now, next).toString());
        return next;
    }

    private static void advanceClock(String duration) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(gureum.endpoint().resolve("/_gureum/clock"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"advance\": \"" + duration + "\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
