package dev.gureum.server.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end alarm: a queue's depth, published by SQS as {@code AWS/SQS ApproximateNumberOfMessagesVisible}
 * each minute, crosses an alarm's threshold for two periods while the server clock is moved forward, and the
 * alarm's SNS topic delivers AWS's notification to a second queue. The same with a metric-math alarm, and
 * with a composite alarm over a metric-math alarm.
 */
class AlarmOnQueueDepthIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static void advanceClock(URI endpoint, String duration) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        endpoint.resolve("/_gureum/clock")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advance\": \"" + duration + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /**
     * Moves the clock to the first second of the next minute, so that the messages sent next are all in the
     * queue when SQS samples its depth at the minute after (sending them takes less than 59 seconds).
     */
    private static void startOfAMinute(URI endpoint) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                endpoint.resolve("/_gureum/clock")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Instant now = Instant.parse(Json.mapper().readTree(response.body()).path("time").asText());
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(61);
        advanceClock(endpoint, Duration.between(now, next).toString());
    }

    @Test
    void anAlarmOnQueueDepthFiresAfterTwoPeriodsAndNotifiesAnotherQueue() throws Exception {
        try (SqsClient sqs = gureum.configure(SqsClient.builder()).build();
             SnsClient sns = gureum.configure(SnsClient.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            gureum.reset();
            String work = sqs.createQueue(r -> r.queueName("work")).queueUrl();
            String inbox = sqs.createQueue(r -> r.queueName("alarm-inbox")).queueUrl();
            String inboxArn = sqs.getQueueAttributes(r -> r.queueUrl(inbox).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String topic = sns.createTopic(r -> r.name("depth-alerts")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(inboxArn));
            cw.putMetricAlarm(r -> r.alarmName("work-depth").namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible").dimensions(d -> d.name("QueueName").value("work"))
                    .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).threshold(100.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(topic));
            startOfAMinute(gureum.endpoint());
            for (int batch = 0; batch < 50; batch++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("job " + i).build());
                }
                sqs.sendMessageBatch(r -> r.queueUrl(work).entries(entries));
            }

            advanceClock(gureum.endpoint(), "PT3M");

            MetricAlarm alarm = cw.describeAlarms(r -> r.alarmNames("work-depth")).metricAlarms().get(0);
            assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(alarm.stateReason()).matches("Threshold Crossed: 2 out of the last 2 datapoints \\[500\\.0 \\(.*\\), "
                    + "500\\.0 \\(.*\\)\\] were greater than the threshold \\(100\\.0\\) \\(minimum 2 datapoints for "
                    + "(OK|INSUFFICIENT_DATA) -> ALARM transition\\)\\.");
            JsonNode data = Json.mapper().readTree(alarm.stateReasonData());
            assertThat(data.path("statistic").asText()).isEqualTo("Average");
            assertThat(data.path("period").asInt()).isEqualTo(60);
            assertThat(data.path("threshold").asDouble()).isEqualTo(100.0);
            assertThat(data.path("evaluatedDatapoints")).hasSize(2);
            assertThat(cw.describeAlarmHistory(r -> r.alarmName("work-depth").historyItemType(HistoryItemType.STATE_UPDATE))
                    .alarmHistoryItems().get(0).historySummary()).endsWith("to ALARM");

            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(inbox).waitTimeSeconds(5)).messages();
            assertThat(messages).hasSize(1);
            JsonNode envelope = Json.mapper().readTree(messages.get(0).body());
            assertThat(envelope.path("Subject").asText()).isEqualTo("ALARM: \"work-depth\" in US East (N. Virginia)");
            JsonNode n = Json.mapper().readTree(envelope.path("Message").asText());
            assertThat(n.path("NewStateValue").asText()).isEqualTo("ALARM");
            assertThat(n.path("Trigger").path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        }
    }

    /** The queue "work" with 500 messages, and the topic "depth-alerts" delivering to the queue "alarm-inbox". */
    private record Setup(String inbox, String topic) {
        static Setup of(SqsClient sqs, SnsClient sns) {
            String work = sqs.createQueue(r -> r.queueName("work")).queueUrl();
            String inbox = sqs.createQueue(r -> r.queueName("alarm-inbox")).queueUrl();
            String inboxArn = sqs.getQueueAttributes(r -> r.queueUrl(inbox).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String topic = sns.createTopic(r -> r.name("depth-alerts")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(inboxArn));
            for (int batch = 0; batch < 50; batch++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("job " + i).build());
                }
                sqs.sendMessageBatch(r -> r.queueUrl(work).entries(entries));
            }
            return new Setup(inbox, topic);
        }
    }

    private static MetricDataQuery depthQuery() {
        return MetricDataQuery.builder().id("m1").returnData(false).metricStat(s -> s.period(60).stat("Average")
                .metric(m -> m.namespace("AWS/SQS").metricName("ApproximateNumberOfMessagesVisible")
                        .dimensions(d -> d.name("QueueName").value("work")))).build();
    }

    @Test
    void aMetricMathAlarmOnQueueDepthFiresAndNotifies() throws Exception {
        try (SqsClient sqs = gureum.configure(SqsClient.builder()).build();
             SnsClient sns = gureum.configure(SnsClient.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            gureum.reset();
            // five consumers share the queue: the alarm watches the messages waiting for each of them
            cw.putMetricAlarm(r -> r.alarmName("depth-per-consumer").evaluationPeriods(2).threshold(20.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).metrics(depthQuery(),
                            MetricDataQuery.builder().id("e1").expression("m1 / 5").label("Messages per consumer")
                                    .returnData(true).build())
                    .alarmActions(sns.createTopic(t -> t.name("depth-alerts")).topicArn()));
            startOfAMinute(gureum.endpoint());
            Setup setup = Setup.of(sqs, sns);

            advanceClock(gureum.endpoint(), "PT3M");

            MetricAlarm alarm = cw.describeAlarms(r -> r.alarmNames("depth-per-consumer")).metricAlarms().get(0);
            assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(alarm.stateReason()).matches("Threshold Crossed: 2 out of the last 2 datapoints \\[100\\.0 \\(.*\\), "
                    + "100\\.0 \\(.*\\)\\] were greater than the threshold \\(20\\.0\\) \\(minimum 2 datapoints for "
                    + "(OK|INSUFFICIENT_DATA) -> ALARM transition\\)\\.");
            JsonNode data = Json.mapper().readTree(alarm.stateReasonData());
            assertThat(data.path("period").asInt()).isEqualTo(60);
            assertThat(data.path("evaluatedDatapoints")).hasSize(2);
            assertThat(data.has("statistic")).isFalse();
            assertThat(cw.describeAlarmHistory(r -> r.alarmName("depth-per-consumer")
                    .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems().get(0).historySummary())
                    .endsWith("to ALARM");

            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(setup.inbox()).waitTimeSeconds(5)).messages();
            assertThat(messages).hasSize(1);
            JsonNode envelope = Json.mapper().readTree(messages.get(0).body());
            assertThat(envelope.path("Subject").asText()).isEqualTo("ALARM: \"depth-per-consumer\" in US East (N. Virginia)");
            JsonNode n = Json.mapper().readTree(envelope.path("Message").asText());
            assertThat(n.path("NewStateValue").asText()).isEqualTo("ALARM");
            assertThat(n.path("Trigger").has("MetricName")).isFalse();
            assertThat(n.path("Trigger").path("Metrics")).hasSize(2);
            assertThat(n.path("Trigger").path("Metrics").get(1).path("Expression").asText()).isEqualTo("m1 / 5");
        }
    }

    @Test
    void aCompositeAlarmOverTheDepthAlarmFiresAndNotifies() throws Exception {
        try (SqsClient sqs = gureum.configure(SqsClient.builder()).build();
             SnsClient sns = gureum.configure(SnsClient.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            gureum.reset();
            cw.putMetricAlarm(r -> r.alarmName("work-depth").evaluationPeriods(2).threshold(100.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).metrics(depthQuery(),
                            MetricDataQuery.builder().id("e1").expression("FILL(m1, 0)").returnData(true).build()));
            cw.putMetricAlarm(r -> r.alarmName("inbox-depth").namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible")
                    .dimensions(d -> d.name("QueueName").value("alarm-inbox")).statistic(Statistic.MAXIMUM).period(60)
                    .evaluationPeriods(1).threshold(1000.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .treatMissingData("notBreaching"));
            String topic = sns.createTopic(t -> t.name("depth-alerts")).topicArn();
            cw.putCompositeAlarm(r -> r.alarmName("backlog").alarmActions(topic)
                    .alarmRule("ALARM(\"work-depth\") AND NOT ALARM(\"inbox-depth\")"));
            startOfAMinute(gureum.endpoint());
            Setup setup = Setup.of(sqs, sns);

            advanceClock(gureum.endpoint(), "PT3M");

            CompositeAlarm backlog = cw.describeAlarms(r -> r.alarmNames("backlog")
                    .alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0);
            assertThat(backlog.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(backlog.stateReason()).matches("arn:aws:cloudwatch:us-east-1:\\d{12}:alarm:work-depth "
                    + "transitioned to ALARM at .*");
            assertThat(Json.mapper().readTree(backlog.stateReasonData()).path("triggeringAlarms").get(0)
                    .path("arn").asText()).endsWith(":alarm:work-depth");
            assertThat(cw.describeAlarmHistory(r -> r.alarmName("backlog")
                            .alarmTypes(AlarmType.COMPOSITE_ALARM).historyItemType(HistoryItemType.STATE_UPDATE))
                    .alarmHistoryItems().get(0).historySummary()).endsWith("to ALARM");

            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(setup.inbox()).waitTimeSeconds(5)).messages();
            assertThat(messages).hasSize(1);
            JsonNode envelope = Json.mapper().readTree(messages.get(0).body());
            assertThat(envelope.path("Subject").asText()).isEqualTo("ALARM: \"backlog\" in US East (N. Virginia)");
            JsonNode n = Json.mapper().readTree(envelope.path("Message").asText());
            assertThat(n.path("NewStateValue").asText()).isEqualTo("ALARM");
            assertThat(n.path("AlarmRule").asText()).isEqualTo("ALARM(\"work-depth\") AND NOT ALARM(\"inbox-depth\")");
            assertThat(n.path("TriggeringChildren").get(0).path("Arn").asText()).endsWith(":alarm:work-depth");
        }
    }
}
