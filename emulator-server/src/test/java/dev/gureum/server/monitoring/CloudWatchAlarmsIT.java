package dev.gureum.server.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CloudWatch alarms through the AWS SDK for Java v2: every alarm operation, its errors, and SNS notifications. */
class CloudWatchAlarmsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static final String ACCOUNT = "000000000000";
    private CloudWatchClient cw;

    @BeforeEach
    void client() {
        gureum.reset();
        cw = gureum.configure(CloudWatchClient.builder()).build();
    }

    @AfterEach
    void close() {
        cw.close();
    }

    private static Consumer<PutMetricAlarmRequest.Builder> depth(String name) {
        return r -> r.alarmName(name).alarmDescription("Queue too deep")
                .namespace("AWS/SQS").metricName("ApproximateNumberOfMessagesVisible")
                .dimensions(d -> d.name("QueueName").value("work"))
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).threshold(100.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                // the server evaluates alarms each minute: without data, "ignore" keeps the states tests set
                .treatMissingData("ignore");
    }

    private static String arn(String name) {
        return "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + name;
    }

    private static void assertError(Runnable call, String code, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudWatchException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    @Test
    void aMetricAlarmIsDescribedAsItWasPut() {
        cw.putMetricAlarm(depth("depth").andThen(r -> r.alarmActions("arn:aws:sns:us-east-1:000000000000:alerts")
                .datapointsToAlarm(1).treatMissingData("breaching").unit(StandardUnit.COUNT)
                .tags(t -> t.key("team").value("ops"))));
        MetricAlarm a = cw.describeAlarms(r -> r.alarmNames("depth")).metricAlarms().get(0);
        assertThat(a.alarmName()).isEqualTo("depth");
        assertThat(a.alarmArn()).isEqualTo(arn("depth"));
        assertThat(a.alarmDescription()).isEqualTo("Queue too deep");
        assertThat(a.actionsEnabled()).isTrue();
        assertThat(a.alarmActions()).containsExactly("arn:aws:sns:us-east-1:000000000000:alerts");
        assertThat(a.okActions()).isEmpty();
        // a minute boundary may have passed since the put: with "breaching", no data is ALARM
        assertThat(a.stateValue()).isIn(StateValue.INSUFFICIENT_DATA, StateValue.ALARM);
        assertThat(a.stateReason()).isIn("Unchecked: Initial alarm creation", "Threshold Crossed: no datapoints were "
                + "received for 2 periods and 2 missing datapoints were treated as [Breaching].");
        assertThat(a.namespace()).isEqualTo("AWS/SQS");
        assertThat(a.metricName()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(a.dimensions()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("QueueName");
            assertThat(d.value()).isEqualTo("work");
        });
        assertThat(a.statistic()).isEqualTo(Statistic.AVERAGE);
        assertThat(a.period()).isEqualTo(60);
        assertThat(a.unit()).isEqualTo(StandardUnit.COUNT);
        assertThat(a.evaluationPeriods()).isEqualTo(2);
        assertThat(a.datapointsToAlarm()).isEqualTo(1);
        assertThat(a.threshold()).isEqualTo(100.0);
        assertThat(a.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(a.treatMissingData()).isEqualTo("breaching");
        assertThat(a.alarmConfigurationUpdatedTimestamp()).isNotNull();
        assertThat(a.stateUpdatedTimestamp()).isNotNull();
        assertThat(a.stateTransitionedTimestamp()).isNotNull();
        assertThat(cw.listTagsForResource(r -> r.resourceARN(arn("depth"))).tags())
                .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=ops"));
    }

    @Test
    void aMetricMathAlarmKeepsItsQueries() {
        cw.putMetricAlarm(r -> r.alarmName("math").evaluationPeriods(1).threshold(10.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .metrics(q -> q.id("m1").returnData(false).metricStat(s -> s.period(60).stat("Sum")
                                .metric(m -> m.namespace("AWS/SQS").metricName("NumberOfMessagesSent")
                                        .dimensions(d -> d.name("QueueName").value("work")))),
                        q -> q.id("e1").expression("m1 * 2").label("doubled").returnData(true)));
        MetricAlarm a = cw.describeAlarms(r -> r.alarmNames("math")).metricAlarms().get(0);
        assertThat(a.metricName()).isNull();
        assertThat(a.metrics()).hasSize(2);
        assertThat(a.metrics().get(0).metricStat().metric().metricName()).isEqualTo("NumberOfMessagesSent");
        assertThat(a.metrics().get(0).metricStat().stat()).isEqualTo("Sum");
        assertThat(a.metrics().get(0).returnData()).isFalse();
        assertThat(a.metrics().get(1).expression()).isEqualTo("m1 * 2");
        assertThat(a.metrics().get(1).label()).isEqualTo("doubled");

        assertError(() -> cw.putMetricAlarm(r -> r.alarmName("math2").evaluationPeriods(1).threshold(10.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).metricName("X").namespace("Y")
                        .metrics(q -> q.id("e1").expression("1").returnData(true))),
                "InvalidParameterCombination", 400, "Metrics cannot be specified together with MetricName");
    }

    @Test
    void badAlarmsGetAwsErrorsAndTheServerStaysUp() {
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.extendedStatistic("p99"))),
                "InvalidParameterCombination", 400,
                "Exactly one element of the Statistic and ExtendedStatistic parameters must be specified.");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.evaluationPeriods(0))),
                "ValidationError", 400, "1 validation error detected: Value '0' at 'evaluationPeriods' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 1");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.period(45))),
                "InvalidParameterValue", 400, "The parameter Period must be 10, 30 or a multiple of 60.");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.treatMissingData("sometimes"))),
                "InvalidParameterValue", 400, "The value sometimes for parameter TreatMissingData is not supported.");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.datapointsToAlarm(3))),
                "InvalidParameterValue", 400, "DatapointsToAlarm (3) must be less than or equal to EvaluationPeriods (2)");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.threshold(null))),
                "MissingParameter", 400, "The parameter Threshold is required.");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.alarmActions("not-an-arn"))),
                "ValidationError", 400, "Invalid arn syntax: not-an-arn");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.alarmActions("arn:aws:automate:eu-west-1:ec2:stop"))),
                "ValidationError", 400, "Invalid region eu-west-1 specified. Only us-east-1 is supported.");
        assertError(() -> cw.putMetricAlarm(depth("x").andThen(r -> r.comparisonOperator(
                        ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD))), "InvalidParameterCombination", 400,
                "ComparisonOperators for ranges require ThresholdMetricId to be set.");
        assertThat(cw.describeAlarms().metricAlarms()).isEmpty();
        cw.putMetricAlarm(depth("x"));
        assertThat(cw.describeAlarms().metricAlarms()).hasSize(1);
    }

    @Test
    void describeAlarmsFiltersAndPages() {
        for (String name : List.of("web-1", "web-2", "web-3", "db-1")) {
            cw.putMetricAlarm(depth(name).andThen(r -> r.okActions("arn:aws:sns:us-east-1:000000000000:" + name)));
        }
        cw.putCompositeAlarm(r -> r.alarmName("web-any").alarmRule("ALARM(\"web-1\") OR ALARM(\"web-2\")"));
        assertThat(cw.describeAlarms().metricAlarms()).extracting(MetricAlarm::alarmName)
                .containsExactly("db-1", "web-1", "web-2", "web-3");
        assertThat(cw.describeAlarms().compositeAlarms()).isEmpty();
        assertThat(cw.describeAlarms(r -> r.alarmNamePrefix("web-")).metricAlarms()).hasSize(3);
        assertThat(cw.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms())
                .extracting(CompositeAlarm::alarmName).containsExactly("web-any");
        assertThat(cw.describeAlarms(r -> r.actionPrefix("arn:aws:sns:us-east-1:000000000000:db")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("db-1");
        cw.setAlarmState(r -> r.alarmName("web-2").stateValue(StateValue.ALARM).stateReason("test"));
        assertThat(cw.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("web-2");
        assertThat(cw.describeAlarms(r -> r.stateValue(StateValue.ALARM)
                .alarmTypes(AlarmType.COMPOSITE_ALARM, AlarmType.METRIC_ALARM)).compositeAlarms())
                .extracting(CompositeAlarm::alarmName).containsExactly("web-any");
        DescribeAlarmsResponse children = cw.describeAlarms(r -> r.childrenOfAlarmName("web-any"));
        assertThat(children.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("web-1", "web-2");
        assertThat(cw.describeAlarms(r -> r.parentsOfAlarmName("web-1")).compositeAlarms())
                .extracting(CompositeAlarm::alarmName).containsExactly("web-any");

        DescribeAlarmsResponse first = cw.describeAlarms(r -> r.maxRecords(3));
        assertThat(first.metricAlarms()).hasSize(3);
        DescribeAlarmsResponse second = cw.describeAlarms(r -> r.maxRecords(3).nextToken(first.nextToken()));
        assertThat(second.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("web-3");
        assertThat(second.nextToken()).isNull();

        assertError(() -> cw.describeAlarms(r -> r.nextToken("bogus!")), "InvalidNextToken", 400, "NextToken");
        assertError(() -> cw.describeAlarms(r -> r.alarmNames("a").alarmNamePrefix("b")),
                "InvalidParameterCombination", 400, "AlarmNamePrefix and AlarmNames cannot be specified together.");
        assertError(() -> cw.describeAlarms(r -> r.childrenOfAlarmName("web-any").stateValue(StateValue.OK)),
                "InvalidParameterCombination", 400, "If ChildrenOfAlarmName is specified");
        assertError(() -> cw.describeAlarms(r -> r.maxRecords(101)), "ValidationError", 400,
                "Value '101' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100");
    }

    @Test
    void describeAlarmsForMetricFindsTheMetricsAlarms() {
        cw.putMetricAlarm(depth("avg"));
        cw.putMetricAlarm(depth("max").andThen(r -> r.statistic(Statistic.MAXIMUM)));
        cw.putMetricAlarm(depth("other").andThen(r -> r.dimensions(d -> d.name("QueueName").value("other"))));
        assertThat(cw.describeAlarmsForMetric(r -> r.namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible")).metricAlarms()).hasSize(3);
        assertThat(cw.describeAlarmsForMetric(r -> r.namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible").statistic(Statistic.MAXIMUM)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("max");
        assertThat(cw.describeAlarmsForMetric(r -> r.namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible").dimensions(d -> d.name("QueueName").value("other")))
                .metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("other");
        assertThat(cw.describeAlarmsForMetric(r -> r.namespace("AWS/SQS").metricName("Nothing")).metricAlarms()).isEmpty();
    }

    @Test
    void compositeAlarmsFollowTheirRules() {
        cw.putMetricAlarm(depth("a"));
        cw.putMetricAlarm(depth("b"));
        cw.putCompositeAlarm(r -> r.alarmName("both").alarmRule("ALARM(a) AND ALARM(\"b\")")
                .actionsSuppressor(arn("a")).actionsSuppressorWaitPeriod(30).actionsSuppressorExtensionPeriod(60));
        CompositeAlarm c = cw.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0);
        assertThat(c.alarmRule()).isEqualTo("ALARM(a) AND ALARM(\"b\")");
        assertThat(c.stateValue()).isEqualTo(StateValue.OK);
        assertThat(c.actionsSuppressor()).isEqualTo(arn("a"));
        assertThat(c.actionsSuppressorWaitPeriod()).isEqualTo(30);
        assertThat(c.actionsSuppressorExtensionPeriod()).isEqualTo(60);
        cw.setAlarmState(r -> r.alarmName("a").stateValue(StateValue.ALARM).stateReason("x"));
        cw.setAlarmState(r -> r.alarmName("b").stateValue(StateValue.ALARM).stateReason("x"));
        c = cw.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0);
        assertThat(c.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(c.stateReason()).startsWith(arn("b") + " transitioned to ALARM at ");
        assertThat(c.stateReasonData()).startsWith("{\"triggeringAlarms\":[{\"arn\":\"" + arn("b") + "\"");
        assertThat(c.actionsSuppressedByAsString()).isEqualTo("Alarm");

        assertError(() -> cw.putCompositeAlarm(r -> r.alarmName("bad").alarmRule("ALARM(a) AND")),
                "InvalidParameterValue", 400, "Error in alarm rule at position 13");
        assertError(() -> cw.putCompositeAlarm(r -> r.alarmName("bad").alarmRule("ALARM(nope)")),
                "InvalidParameterValue", 400, "Could not save the composite alarm as alarms [nope] in the alarm rule do not exist");
        assertError(() -> cw.putCompositeAlarm(r -> r.alarmName("a").alarmRule("TRUE")),
                "InvalidParameterValue", 400, "already exists as a metric alarm");
    }

    @Test
    void setAlarmStateAndTheHistory() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        cw.putMetricAlarm(depth("h"));
        cw.setAlarmState(r -> r.alarmName("h").stateValue(StateValue.ALARM).stateReason("by hand")
                .stateReasonData("{\"why\":\"test\"}"));
        MetricAlarm a = cw.describeAlarms(r -> r.alarmNames("h")).metricAlarms().get(0);
        assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(a.stateReason()).isEqualTo("by hand");
        assertThat(a.stateReasonData()).isEqualTo("{\"why\":\"test\"}");
        cw.setAlarmState(r -> r.alarmName("h").stateValue(StateValue.OK).stateReason("fine"));

        List<AlarmHistoryItem> items = cw.describeAlarmHistory(r -> r.alarmName("h")).alarmHistoryItems();
        assertThat(items).extracting(AlarmHistoryItem::historySummary).containsExactly(
                "Alarm updated from ALARM to OK", "Alarm updated from INSUFFICIENT_DATA to ALARM", "Alarm \"h\" created");
        assertThat(items.get(0).alarmType()).isEqualTo(AlarmType.METRIC_ALARM);
        assertThat(items.get(0).historyItemType()).isEqualTo(HistoryItemType.STATE_UPDATE);
        JsonNode data = Json.mapper().readTree(items.get(1).historyData());
        assertThat(data.path("oldState").path("stateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(data.path("oldState").path("stateReason").asText()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(data.path("newState").path("stateValue").asText()).isEqualTo("ALARM");
        assertThat(data.path("newState").path("stateReasonData").path("why").asText()).isEqualTo("test");
        JsonNode created = Json.mapper().readTree(items.get(2).historyData());
        assertThat(created.path("type").asText()).isEqualTo("Create");
        assertThat(created.path("createdAlarm").path("alarmName").asText()).isEqualTo("h");
        assertThat(created.path("createdAlarm").path("threshold").asDouble()).isEqualTo(100.0);

        assertThat(cw.describeAlarmHistory(r -> r.alarmName("h").scanBy(ScanBy.TIMESTAMP_ASCENDING))
                .alarmHistoryItems().get(0).historySummary()).isEqualTo("Alarm \"h\" created");
        assertThat(cw.describeAlarmHistory(r -> r.alarmName("h").historyItemType(HistoryItemType.CONFIGURATION_UPDATE))
                .alarmHistoryItems()).hasSize(1);
        assertThat(cw.describeAlarmHistory(r -> r.startDate(before).endDate(Instant.now().plusSeconds(60)))
                .alarmHistoryItems()).hasSize(3);
        assertThat(cw.describeAlarmHistory(r -> r.endDate(before)).alarmHistoryItems()).isEmpty();
        assertThat(cw.describeAlarmHistory(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).alarmHistoryItems()).isEmpty();
        var page = cw.describeAlarmHistory(r -> r.maxRecords(2));
        assertThat(page.alarmHistoryItems()).hasSize(2);
        assertThat(cw.describeAlarmHistory(r -> r.maxRecords(2).nextToken(page.nextToken())).alarmHistoryItems())
                .hasSize(1);

        assertError(() -> cw.setAlarmState(r -> r.alarmName("none").stateValue(StateValue.OK).stateReason("x")),
                "ResourceNotFound", 404, "Alarm none not found");
        assertError(() -> cw.setAlarmState(r -> r.alarmName("h").stateValue(StateValue.OK).stateReason("x")
                .stateReasonData("{not json")), "InvalidFormat", 400, "StateReasonData is not valid JSON.");
    }

    @Test
    void actionsAreEnabledDisabledAndAlarmsDeleted() {
        cw.putMetricAlarm(depth("e"));
        cw.disableAlarmActions(r -> r.alarmNames("e", "unknown"));
        assertThat(cw.describeAlarms(r -> r.alarmNames("e")).metricAlarms().get(0).actionsEnabled()).isFalse();
        cw.enableAlarmActions(r -> r.alarmNames("e"));
        assertThat(cw.describeAlarms(r -> r.alarmNames("e")).metricAlarms().get(0).actionsEnabled()).isTrue();

        assertError(() -> cw.deleteAlarms(r -> r.alarmNames("e", "unknown")), "ResourceNotFound", 404,
                "Alarm unknown not found");
        assertThat(cw.describeAlarms().metricAlarms()).hasSize(1);
        cw.deleteAlarms(r -> r.alarmNames("e"));
        assertThat(cw.describeAlarms().metricAlarms()).isEmpty();
        assertThat(cw.describeAlarmHistory(r -> r.alarmName("e")).alarmHistoryItems().get(0).historySummary())
                .isEqualTo("Alarm \"e\" deleted");
    }

    @Test
    void alarmsAreTaggedByArn() {
        cw.putMetricAlarm(depth("t"));
        cw.tagResource(r -> r.resourceARN(arn("t")).tags(t -> t.key("env").value("test"), t -> t.key("k").value("v")));
        cw.untagResource(r -> r.resourceARN(arn("t")).tagKeys("k"));
        assertThat(cw.listTagsForResource(r -> r.resourceARN(arn("t"))).tags())
                .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("env=test"));
        assertError(() -> cw.listTagsForResource(r -> r.resourceARN(arn("none"))), "ResourceNotFoundException", 404,
                "not found");
        assertError(() -> cw.tagResource(r -> r.resourceARN(arn("none")).tags(t -> t.key("a").value("b"))),
                "ResourceNotFoundException", 404, "not found");
    }

    private static HttpResponse<String> json(String operation, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gureum.endpoint())
                .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJsonProtocolServesAlarmsToo() throws Exception {
        assertThat(json("PutMetricAlarm", "{\"AlarmName\":\"j\",\"Namespace\":\"App\",\"MetricName\":\"Errors\","
                + "\"Statistic\":\"Sum\",\"Period\":60,\"EvaluationPeriods\":1,\"Threshold\":1,"
                + "\"ComparisonOperator\":\"GreaterThanThreshold\",\"TreatMissingData\":\"ignore\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> described = json("DescribeAlarms", "{\"AlarmNames\":[\"j\"]}");
        assertThat(described.statusCode()).isEqualTo(200);
        JsonNode alarm = Json.mapper().readTree(described.body()).path("MetricAlarms").get(0);
        assertThat(alarm.path("AlarmName").asText()).isEqualTo("j");
        assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
        assertThat(alarm.path("StateUpdatedTimestamp").isNumber()).isTrue();
        HttpResponse<String> missing = json("SetAlarmState",
                "{\"AlarmName\":\"none\",\"StateValue\":\"OK\",\"StateReason\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(missing.body()).path("__type").asText()).endsWith("ResourceNotFound");
    }

    @Test
    void anAlarmGoingIntoAlarmNotifiesItsTopicsSubscribers() throws Exception {
        try (SnsClient sns = gureum.configure(SnsClient.builder()).build();
             SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
            String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
            String url = sqs.createQueue(r -> r.queueName("alert-inbox")).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn)
                    .attributes(java.util.Map.of("RawMessageDelivery", "false")));
            cw.putMetricAlarm(depth("deep").andThen(r -> r.alarmActions(topic)));
            cw.setAlarmState(r -> r.alarmName("deep").stateValue(StateValue.ALARM).stateReason("Testing the alarm"));

            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages();
            assertThat(messages).hasSize(1);
            JsonNode envelope = Json.mapper().readTree(messages.get(0).body());
            assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
            assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
            assertThat(envelope.path("Subject").asText()).isEqualTo("ALARM: \"deep\" in US East (N. Virginia)");
            JsonNode n = Json.mapper().readTree(envelope.path("Message").asText());
            assertThat(n.path("AlarmName").asText()).isEqualTo("deep");
            assertThat(n.path("AlarmDescription").asText()).isEqualTo("Queue too deep");
            assertThat(n.path("AWSAccountId").asText()).isEqualTo(ACCOUNT);
            assertThat(n.path("AlarmConfigurationUpdatedTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
            assertThat(n.path("NewStateValue").asText()).isEqualTo("ALARM");
            assertThat(n.path("NewStateReason").asText()).isEqualTo("Testing the alarm");
            assertThat(n.path("StateChangeTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
            assertThat(n.path("Region").asText()).isEqualTo("US East (N. Virginia)");
            assertThat(n.path("AlarmArn").asText()).isEqualTo(arn("deep"));
            assertThat(n.path("OldStateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
            assertThat(n.path("OKActions").isArray()).isTrue();
            assertThat(n.path("AlarmActions").get(0).asText()).isEqualTo(topic);
            assertThat(n.path("InsufficientDataActions").size()).isZero();
            JsonNode trigger = n.path("Trigger");
            assertThat(trigger.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(trigger.path("Namespace").asText()).isEqualTo("AWS/SQS");
            assertThat(trigger.path("StatisticType").asText()).isEqualTo("Statistic");
            assertThat(trigger.path("Statistic").asText()).isEqualTo("AVERAGE");
            assertThat(trigger.path("Dimensions").get(0).path("name").asText()).isEqualTo("QueueName");
            assertThat(trigger.path("Dimensions").get(0).path("value").asText()).isEqualTo("work");
            assertThat(trigger.path("Period").asInt()).isEqualTo(60);
            assertThat(trigger.path("EvaluationPeriods").asInt()).isEqualTo(2);
            assertThat(trigger.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(trigger.path("Threshold").asDouble()).isEqualTo(100.0);

            assertThat(cw.describeAlarmHistory(r -> r.alarmName("deep").historyItemType(HistoryItemType.ACTION))
                    .alarmHistoryItems()).singleElement().satisfies(h ->
                    assertThat(h.historySummary()).isEqualTo("Successfully executed action " + topic));
        }
    }
}
