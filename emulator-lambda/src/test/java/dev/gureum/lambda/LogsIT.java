package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CloudWatch Logs API: function logs as Lambda writes them, and logs written by hand. */
class LogsIT {

    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** Every message of a group, in order, or none when the group does not exist yet. */
    static List<String> messages(LambdaTestSupport t, String group) {
        try {
            return t.logs.filterLogEventsPaginator(r -> r.logGroupName(group)).events().stream()
                    .map(FilteredLogEvent::message).toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    @Test
    void functionOutputGoesToItsLogGroupWithStartEndAndReport() {
        t.create("logged", "python3.11", "app.handler",
                Map.of("app.py", "def handler(e, c):\n    print('line one')\n    print('line two')\n    return 1\n"));
        t.invoke("logged", "{}");
        t.invoke("logged", "{}");
        assertThat(t.logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/logged")).logGroups())
                .extracting(g -> g.logGroupName()).containsExactly("/aws/lambda/logged");
        List<LogStream> streams = t.logs.describeLogStreams(r -> r.logGroupName("/aws/lambda/logged")).logStreams();
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).logStreamName()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        GetLogEventsResponse events = t.logs.getLogEvents(r -> r.logGroupName("/aws/lambda/logged")
                .logStreamName(streams.get(0).logStreamName()).startFromHead(true));
        List<String> lines = events.events().stream().map(OutputLogEvent::message).toList();
        assertThat(lines.get(0)).startsWith("INIT_START Runtime Version: python3.11");
        assertThat(lines).filteredOn(l -> l.startsWith("START RequestId:")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.equals("line one")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("REPORT RequestId:")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains("Init Duration:")).hasSize(1);
        // forward tokens come back unchanged once the stream is read to its end
        GetLogEventsResponse more = t.logs.getLogEvents(r -> r.logGroupName("/aws/lambda/logged")
                .logStreamName(streams.get(0).logStreamName()).nextToken(events.nextForwardToken()));
        assertThat(more.events()).isEmpty();
        assertThat(more.nextForwardToken()).isEqualTo(events.nextForwardToken());
    }

    @Test
    void filterLogEventsMatchesTermsAndPhrases() {
        t.create("filtered", "python3.11", "app.handler",
                Map.of("app.py", "def handler(e, c):\n    print('ERROR disk full')\n    print('INFO all good')\n"));
        t.invoke("filtered", "{}");
        FilterLogEventsResponse errors = t.logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/filtered")
                .filterPattern("ERROR"));
        assertThat(errors.events()).extracting(FilteredLogEvent::message).containsExactly("ERROR disk full");
        assertThat(t.logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/filtered")
                .filterPattern("\"all good\"")).events()).extracting(FilteredLogEvent::message)
                .containsExactly("INFO all good");
        assertThat(t.logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/filtered")
                .filterPattern("?disk ?good")).events()).hasSize(2);
    }

    @Test
    void logsWrittenByHand() {
        t.logs.createLogGroup(r -> r.logGroupName("/app/manual"));
        assertThatThrownBy(() -> t.logs.createLogGroup(r -> r.logGroupName("/app/manual")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        t.logs.createLogStream(r -> r.logGroupName("/app/manual").logStreamName("s1"));
        long now = System.currentTimeMillis();
        t.logs.putLogEvents(r -> r.logGroupName("/app/manual").logStreamName("s1").logEvents(
                InputLogEvent.builder().timestamp(now).message("first").build(),
                InputLogEvent.builder().timestamp(now + 1).message("second").build()));
        GetLogEventsResponse latest = t.logs.getLogEvents(r -> r.logGroupName("/app/manual").logStreamName("s1")
                .limit(1));
        assertThat(latest.events()).extracting(OutputLogEvent::message).containsExactly("second");
        GetLogEventsResponse earlier = t.logs.getLogEvents(r -> r.logGroupName("/app/manual").logStreamName("s1")
                .nextToken(latest.nextBackwardToken()));
        assertThat(earlier.events()).extracting(OutputLogEvent::message).containsExactly("first");
        assertThat(t.logs.filterLogEvents(r -> r.logGroupName("/app/manual").startTime(now + 1)).events())
                .extracting(FilteredLogEvent::message).containsExactly("second");
        t.logs.putRetentionPolicy(r -> r.logGroupName("/app/manual").retentionInDays(7));
        assertThat(t.logs.describeLogGroups(r -> r.logGroupNamePrefix("/app/")).logGroups().get(0).retentionInDays())
                .isEqualTo(7);
        t.logs.deleteLogGroup(r -> r.logGroupName("/app/manual"));
        assertThatThrownBy(() -> t.logs.getLogEvents(r -> r.logGroupName("/app/manual").logStreamName("s1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log group does not exist.");
        assertThatThrownBy(() -> t.logs.putLogEvents(r -> r.logGroupName("/aws/lambda/none").logStreamName("x")
                .logEvents(InputLogEvent.builder().timestamp(now).message("m").build())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void filterPagesThroughLargeGroups() {
        t.logs.createLogGroup(r -> r.logGroupName("/app/paged"));
        t.logs.createLogStream(r -> r.logGroupName("/app/paged").logStreamName("s"));
        long now = System.currentTimeMillis();
        InputLogEvent[] events = new InputLogEvent[25];
        for (int i = 0; i < events.length; i++) {
            events[i] = InputLogEvent.builder().timestamp(now + i).message("m" + i).build();
        }
        t.logs.putLogEvents(r -> r.logGroupName("/app/paged").logStreamName("s").logEvents(events));
        List<String> all = t.logs.filterLogEventsPaginator(r -> r.logGroupName("/app/paged").limit(10)).events()
                .stream().map(FilteredLogEvent::message).toList();
        assertThat(all).hasSize(25).startsWith("m0", "m1").endsWith("m24");
    }

    @Test
    void anOperationOfTheApiThatGureumDoesNotServeIsNotImplemented() {
        assertThatThrownBy(() -> t.logs.putMetricFilter(r -> r.logGroupName("/app/metrics").filterName("f")
                .filterPattern("ERROR").metricTransformations(m -> m.metricName("Errors").metricNamespace("App")
                        .metricValue("1"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The operation PutMetricFilter is not supported by Gureum's CloudWatch Logs.");
                });
    }

    @Test
    void aNameOutsideTheApiIsStillAnUnknownOperation() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(t.server.endpoint())
                        .header("X-Amz-Target", "Logs_20140328.MakeCoffee")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("UnknownOperationException");
    }
}
