package dev.gureum.monitoring.alarms;

import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.InstanceActions;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.core.spi.ScalingPolicies;
import dev.gureum.core.spi.TopicPublisher;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alarms kept, evaluated on the clock, their transitions recorded and their actions run. */
class AlarmsTest {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";

    record Published(Caller caller, String topic, String message, String subject) {
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T11:59:30Z"));
    final ManualTimers timers = new ManualTimers(clock);
    final List<Published> published = new ArrayList<>();
    final List<String> instanceActions = new ArrayList<>();
    final AlarmEvaluationTest.FakeMetrics metrics = new AlarmEvaluationTest.FakeMetrics();
    Alarms alarms;
    AlarmScheduler scheduler;

    @BeforeEach
    void setUp() {
        CrossService services = new CrossService();
        services.bind(TopicPublisher.class, () -> (Caller publisher, String topicArn, String message, String subject,
                                                   Map<String, MessageAttribute> attributes) -> {
            if (topicArn.endsWith(":missing")) {
                throw new IllegalStateException("Topic does not exist");
            }
            published.add(new Published(publisher, topicArn, message, subject));
            return "id";
        });
        services.bind(InstanceActions.class, () -> (account, region, instanceId, action) ->
                instanceActions.add(account + " " + region + " " + instanceId + " " + action));
        alarms = new Alarms(timers, new AlarmActionRunner(services));
        alarms.metrics(metrics);
        scheduler = new AlarmScheduler(alarms, timers);
    }

    static AlarmInputs.MetricAlarmInput depthAlarm(String name, List<String> alarmActions) {
        return depthAlarm(name, alarmActions, null);
    }

    static AlarmInputs.MetricAlarmInput depthAlarm(String name, List<String> alarmActions, String treatMissingData) {
        return new AlarmInputs.MetricAlarmInput(name, "Too many messages", null, List.of(), alarmActions, List.of(),
                "ApproximateNumberOfMessagesVisible", "AWS/SQS", "Average", null,
                List.of(new MetricStat.Dimension("QueueName", "work")), 60, null, 2, null, 100.0,
                "GreaterThanThreshold", treatMissingData, null, List.of(), Map.of("team", "ops"), null);
    }

    private Alarm get(String name) {
        return alarms.describe(ACCOUNT, REGION, new AlarmFilter(List.of(name), null,
                Set.of("MetricAlarm", "CompositeAlarm"), null, null, null, null)).get(0);
    }

    @Test
    void anAlarmFiresAfterItsPeriodsAsTheClockMovesAndNotifiesItsTopic() {
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("depth", List.of(TOPIC)));
        assertThat(get("depth").status().reason()).isEqualTo("Unchecked: Initial alarm creation");
        // the queue is deep from 12:00 on
        metrics.at(0, 500).at(1, 500).at(2, 500);
        timers.advance(Duration.ofSeconds(31)); // 12:00:01: evaluated at 12:00, no data yet
        assertThat(get("depth").status().value()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        timers.advance(Duration.ofMinutes(2)); // 12:02:01: the periods 12:00 and 12:01 are whole
        Alarm alarm = get("depth");
        assertThat(alarm.status().value()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.status().reason()).isEqualTo("Threshold Crossed: 2 out of the last 2 datapoints "
                + "[500.0 (07/12/26 12:01:00), 500.0 (07/12/26 12:00:00)] were greater than the threshold (100.0) "
                + "(minimum 2 datapoints for OK -> ALARM transition).");
        assertThat(alarm.status().updated()).isEqualTo(Instant.parse("2026-12-07T12:02:00Z"));

        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(TOPIC);
            assertThat(p.subject()).isEqualTo("ALARM: \"depth\" in US East (N. Virginia)");
            assertThat(p.caller().sourceArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:depth");
            assertThat(p.message()).startsWith("{\"AlarmName\":\"depth\",\"AlarmDescription\":\"Too many messages\","
                    + "\"AWSAccountId\":\"123456789012\",\"AlarmConfigurationUpdatedTimestamp\":\"2026-12-07T11:59:30.000+0000\","
                    + "\"NewStateValue\":\"ALARM\",\"NewStateReason\":\"Threshold Crossed: 2 out of the last 2");
            assertThat(p.message()).contains("\"StateChangeTime\":\"2026-12-07T12:02:00.000+0000\","
                    + "\"Region\":\"US East (N. Virginia)\",\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:depth\","
                    + "\"OldStateValue\":\"OK\",\"OKActions\":[],\"AlarmActions\":[\"" + TOPIC + "\"],"
                    + "\"InsufficientDataActions\":[],\"Trigger\":{\"MetricName\":\"ApproximateNumberOfMessagesVisible\","
                    + "\"Namespace\":\"AWS/SQS\",\"StatisticType\":\"Statistic\",\"Statistic\":\"AVERAGE\",\"Unit\":null,"
                    + "\"Dimensions\":[{\"value\":\"work\",\"name\":\"QueueName\"}],\"Period\":60,\"EvaluationPeriods\":2,"
                    + "\"DatapointsToAlarm\":2,\"ComparisonOperator\":\"GreaterThanThreshold\",\"Threshold\":100.0,"
                    + "\"TreatMissingData\":\"\",\"EvaluateLowSampleCountPercentile\":\"\"}}");
        });

        List<AlarmHistoryItem> history = alarms.history(ACCOUNT, REGION, "depth", Set.of(), null, null, null, true);
        assertThat(history).extracting(AlarmHistoryItem::itemType)
                .containsExactly("ConfigurationUpdate", "StateUpdate", "StateUpdate", "Action");
        assertThat(history).extracting(AlarmHistoryItem::summary).containsExactly("Alarm \"depth\" created",
                "Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM",
                "Successfully executed action " + TOPIC);
        assertThat(history.get(2).data()).startsWith("{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"OK\","
                + "\"stateReason\":\"Threshold Crossed: 1 out of the last 2 datapoints").contains(
                "\"newState\":{\"stateValue\":\"ALARM\",\"stateReason\":\"Threshold Crossed: 2 out of the last 2",
                "\"stateReasonData\":{\"version\":\"1.0\",\"queryDate\":\"2026-12-07T12:02:00.000+0000\"");
        assertThat(history.get(3).data()).startsWith("{\"actionState\":\"Succeeded\",\"stateUpdateTimestamp\":"
                + Instant.parse("2026-12-07T12:02:00Z").toEpochMilli() + ",\"notificationResource\":\"" + TOPIC + "\"");
    }

    @Test
    void setAlarmStateRunsTheTransitionsActionsAndFailedActionsAreRecorded() {
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("manual", List.of(TOPIC,
                "arn:aws:sns:us-east-1:123456789012:missing")));
        alarms.setState(ACCOUNT, REGION, "manual", AlarmState.ALARM, "testing", "{\"a\":1}");
        assertThat(published).hasSize(1);
        assertThat(get("manual").status().reasonData()).isEqualTo("{\"a\":1}");
        List<AlarmHistoryItem> actions = alarms.history(ACCOUNT, REGION, "manual", Set.of(), "Action", null, null, true);
        assertThat(actions).extracting(AlarmHistoryItem::summary).containsExactly(
                "Successfully executed action " + TOPIC,
                "Failed to execute action arn:aws:sns:us-east-1:123456789012:missing");
        assertThat(actions.get(1).data()).contains("\"actionState\":\"Failed\"").contains("Topic does not exist");

        alarms.actionsEnabled(ACCOUNT, REGION, List.of("manual", "unknown"), false);
        alarms.setState(ACCOUNT, REGION, "manual", AlarmState.OK, "back", null);
        alarms.setState(ACCOUNT, REGION, "manual", AlarmState.ALARM, "again", null);
        assertThat(published).hasSize(1);
        assertThatThrownBy(() -> alarms.setState(ACCOUNT, REGION, "nope", AlarmState.OK, "x", null))
                .isInstanceOf(AlarmRefusal.class).hasMessage("Alarm nope not found");
    }

    @Test
    void ec2ActionsActOnTheInstanceOfTheAlarm() {
        AlarmInputs.MetricAlarmInput cpu = new AlarmInputs.MetricAlarmInput("cpu", null, null, List.of(),
                List.of("arn:aws:automate:us-east-1:ec2:stop"), List.of(), "CPUUtilization", "AWS/EC2", "Average",
                null, List.of(new MetricStat.Dimension("InstanceId", "i-0123456789abcdef0")), 300, "Percent", 1, null,
                90.0, "GreaterThanOrEqualToThreshold", null, null, List.of(), Map.of(), null);
        alarms.putMetricAlarm(ACCOUNT, REGION, cpu);
        alarms.setState(ACCOUNT, REGION, "cpu", AlarmState.ALARM, "hot", null);
        assertThat(instanceActions).containsExactly("123456789012 us-east-1 i-0123456789abcdef0 STOP");
    }

    @Test
    void scalingPolicyActionsRunAgainEachMinuteWhileTheAlarmStaysInAlarmAndOtherActionsDoNot() {
        String policy = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1a2b:autoScalingGroupName/web:policyName/up";
        List<String> executed = new ArrayList<>();
        CrossService services = new CrossService();
        services.bind(TopicPublisher.class, () -> (Caller publisher, String topicArn, String message, String subject,
                                                   Map<String, MessageAttribute> attributes) -> {
            published.add(new Published(publisher, topicArn, message, subject));
            return "id";
        });
        services.bind(ScalingPolicies.class, () -> (policyArn, alarmArn) -> executed.add(policyArn));
        alarms = new Alarms(timers, new AlarmActionRunner(services));
        alarms.metrics(metrics);
        scheduler = new AlarmScheduler(alarms, timers);
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("scale", List.of(policy, TOPIC)));
        for (int minute = 0; minute < 8; minute++) {
            metrics.at(minute, 500);
        }
        timers.advance(Duration.ofSeconds(31 + 120)); // 12:02:01: into ALARM
        assertThat(get("scale").status().value()).isEqualTo(AlarmState.ALARM);
        assertThat(executed).hasSize(1);
        assertThat(published).hasSize(1);
        timers.advance(Duration.ofMinutes(3)); // 12:05:01: still in ALARM, evaluated at 12:03, 12:04 and 12:05
        assertThat(executed).hasSize(4).containsOnly(policy);
        assertThat(published).hasSize(1);
        assertThat(get("scale").status().updated()).isEqualTo(Instant.parse("2026-12-07T12:02:00Z"));

        alarms.actionsEnabled(ACCOUNT, REGION, List.of("scale"), false);
        timers.advance(Duration.ofMinutes(1));
        assertThat(executed).hasSize(4);
    }

    @Test
    void scalingPolicyActionsFailUntilAutoScalingExists() {
        AlarmInputs.MetricAlarmInput in = depthAlarm("scale", List.of(
                "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1a2b:autoScalingGroupName/web:policyName/up"));
        alarms.putMetricAlarm(ACCOUNT, REGION, in);
        alarms.setState(ACCOUNT, REGION, "scale", AlarmState.ALARM, "busy", null);
        assertThat(alarms.history(ACCOUNT, REGION, "scale", Set.of(), "Action", null, null, true))
                .singleElement().satisfies(h -> assertThat(h.data()).contains("was not found"));
    }

    @Test
    void invalidAlarmsAreRefusedAsAwsRefusesThem() {
        AlarmInputs.MetricAlarmInput good = depthAlarm("x", List.of());
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("x", null,
                null, List.of(), List.of(), List.of(), "M", "N", "Average", "p99", List.of(), 60, null, 1, null, 1.0,
                "GreaterThanThreshold", null, null, List.of(), Map.of(), null)))
                .hasMessage("Exactly one element of the Statistic and ExtendedStatistic parameters must be specified.")
                .extracting(e -> ((AlarmRefusal) e).reason()).isEqualTo(AlarmRefusal.Reason.INVALID_PARAMETER_COMBINATION);
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("x", null,
                null, List.of(), List.of(), List.of(), "M", "N", "Average", null, List.of(), 0, null, 0, null, 1.0,
                "Bigger", null, null, List.of(), Map.of(), null)))
                .hasMessage("3 validation errors detected: Value '0' at 'period' failed to satisfy constraint: Member "
                        + "must have value greater than or equal to 1; Value '0' at 'evaluationPeriods' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 1; Value 'Bigger' at "
                        + "'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, "
                        + "LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, "
                        + "GreaterThanUpperThreshold]");
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("x", null,
                null, List.of(), List.of(), List.of(), "M", "N", "Average", null, List.of(), 45, null, 1, null, 1.0,
                "GreaterThanThreshold", null, null, List.of(), Map.of(), null)))
                .hasMessage("The parameter Period must be 10, 30 or a multiple of 60.");
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("x", null,
                null, List.of(), List.of(), List.of(), "M", "N", "Average", null, List.of(), 60, null, 2, 3, 1.0,
                "GreaterThanThreshold", "sometimes", null, List.of(), Map.of(), null)))
                .hasMessageContaining("DatapointsToAlarm (3) must be less than or equal to EvaluationPeriods (2)");
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("x", null,
                null, List.of(), List.of("arn:aws:automate:eu-west-1:ec2:stop"), List.of(), "M", "N", "Average", null,
                List.of(), 60, null, 1, null, 1.0, "GreaterThanThreshold", null, null, List.of(), Map.of(), null)))
                .hasMessage("Invalid region eu-west-1 specified. Only us-east-1 is supported.");
        MetricStat stat = new MetricStat("AWS/SQS", "NumberOfMessagesSent", List.of(), 60, "Sum", null);
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("x", null,
                null, List.of(), List.of(), List.of(), null, null, null, null, List.of(), null, null, 1, null, 1.0,
                "GreaterThanThreshold", null, null, List.of(new AlarmQuery("m1", stat, null, null, true, null, null),
                new AlarmQuery("e1", null, "m1 * 2", null, true, null, null)), Map.of(), null)))
                .hasMessageContaining("exactly one element of the Metrics list must return data");
        assertThat(alarms.describe(ACCOUNT, REGION, new AlarmFilter(List.of(), null, Set.of(), null, null, null, null)))
                .isEmpty();
        alarms.putMetricAlarm(ACCOUNT, REGION, good);
        assertThat(alarms.describe(ACCOUNT, REGION, new AlarmFilter(List.of(), null, Set.of(), null, null, null, null)))
                .hasSize(1);
    }

    @Test
    void anUpdateKeepsStateAndTags() {
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("u", List.of()));
        alarms.setState(ACCOUNT, REGION, "u", AlarmState.ALARM, "set", null);
        AlarmInputs.MetricAlarmInput changed = new AlarmInputs.MetricAlarmInput("u", "changed", null, List.of(),
                List.of(), List.of(), "ApproximateNumberOfMessagesVisible", "AWS/SQS", "Maximum", null, List.of(), 60,
                null, 3, null, 5.0, "GreaterThanThreshold", null, null, List.of(), Map.of("other", "x"), null);
        alarms.putMetricAlarm(ACCOUNT, REGION, changed);
        MetricAlarm alarm = (MetricAlarm) get("u");
        assertThat(alarm.status().value()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.tags()).containsExactly(Map.entry("team", "ops"));
        assertThat(alarm.statistic()).isEqualTo("Maximum");
        assertThat(alarms.history(ACCOUNT, REGION, "u", Set.of(), "ConfigurationUpdate", null, null, false).get(0)
                .summary()).isEqualTo("Alarm \"u\" updated");
    }

    private void composite(String name, String rule, List<String> actions, String suppressor, Integer wait) {
        alarms.putCompositeAlarm(ACCOUNT, REGION, new AlarmInputs.CompositeAlarmInput(name, null, null, List.of(),
                actions, List.of(), rule, suppressor, wait, suppressor == null ? null : 0, Map.of()));
    }

    @Test
    void compositeAlarmsFollowTheirChildren() {
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("a", List.of()));
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("b", List.of()));
        composite("both", "ALARM(\"a\") AND ALARM(b)", List.of(TOPIC), null, null);
        assertThat(get("both").status().value()).isEqualTo(AlarmState.OK);
        alarms.setState(ACCOUNT, REGION, "a", AlarmState.ALARM, "x", null);
        assertThat(get("both").status().value()).isEqualTo(AlarmState.OK);
        clock.advance(Duration.ofSeconds(5));
        alarms.setState(ACCOUNT, REGION, "b", AlarmState.ALARM, "x", null);
        Alarm both = get("both");
        assertThat(both.status().value()).isEqualTo(AlarmState.ALARM);
        assertThat(both.status().reason()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:b transitioned to "
                + "ALARM at Monday 07 December, 2026 11:59:35 UTC");
        assertThat(both.status().reasonData()).isEqualTo("{\"triggeringAlarms\":[{\"arn\":"
                + "\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:b\",\"state\":{\"value\":\"ALARM\","
                + "\"timestamp\":\"2026-12-07T11:59:35.000+0000\"}}]}");
        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("ALARM: \"both\" in US East (N. Virginia)");
            assertThat(p.message()).contains("\"AlarmRule\":\"ALARM(\\\"a\\\") AND ALARM(b)\"",
                    "\"TriggeringChildren\":[{\"Arn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:b\","
                            + "\"State\":{\"Value\":\"ALARM\",\"Timestamp\":\"2026-12-07T11:59:35.000+0000\"}}]");
        });
        assertThat(alarms.describe(ACCOUNT, REGION, new AlarmFilter(List.of(), null, Set.of(), "both", null, null,
                null))).extracting(Alarm::name).containsExactly("a", "b");
        assertThat(alarms.describe(ACCOUNT, REGION, new AlarmFilter(List.of(), null, Set.of(), null, "a", null,
                null))).extracting(Alarm::name).containsExactly("both");

        assertThatThrownBy(() -> composite("bad", "ALARM(\"nope\") OR ALARM(a)", List.of(), null, null))
                .hasMessage("Could not save the composite alarm as alarms [nope] in the alarm rule do not exist");
        assertThatThrownBy(() -> composite("self", "ALARM(self)", List.of(), null, null))
                .hasMessageContaining("cannot refer to the alarm itself");
    }

    @Test
    void aSuppressorInAlarmHoldsBackTheCompositeActionsAndAWaitPeriodDelaysThem() {
        // without data, "ignore" keeps the states set here through the evaluations while the clock moves
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("child", List.of(), "ignore"));
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("maintenance", List.of(), "ignore"));
        String suppressor = Alarms.arn(ACCOUNT, REGION, "maintenance");
        composite("quiet", "ALARM(child)", List.of(TOPIC), suppressor, 120);
        alarms.setState(ACCOUNT, REGION, "maintenance", AlarmState.ALARM, "window", null);
        alarms.setState(ACCOUNT, REGION, "child", AlarmState.ALARM, "x", null);
        CompositeAlarm quiet = (CompositeAlarm) get("quiet");
        assertThat(quiet.status().value()).isEqualTo(AlarmState.ALARM);
        assertThat(quiet.actionsSuppressedBy()).isEqualTo("Alarm");
        assertThat(published).isEmpty();

        alarms.setState(ACCOUNT, REGION, "child", AlarmState.OK, "x", null);
        alarms.setState(ACCOUNT, REGION, "maintenance", AlarmState.OK, "over", null);
        alarms.setState(ACCOUNT, REGION, "child", AlarmState.ALARM, "x", null);
        assertThat(((CompositeAlarm) get("quiet")).actionsSuppressedBy()).isEqualTo("WaitPeriod");
        assertThat(published).isEmpty();
        timers.advance(Duration.ofSeconds(121));
        assertThat(((CompositeAlarm) get("quiet")).actionsSuppressedBy()).isNull();
        assertThat(published).singleElement().satisfies(p -> assertThat(p.subject()).startsWith("ALARM: \"quiet\""));
    }

    @Test
    void deletingIsAllOrNothingAndKeepsTheHistory() {
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("d1", List.of()));
        assertThatThrownBy(() -> alarms.delete(ACCOUNT, REGION, List.of("d1", "d2")))
                .hasMessage("Alarm d2 not found");
        assertThat(get("d1")).isNotNull();
        alarms.delete(ACCOUNT, REGION, List.of("d1"));
        assertThat(alarms.describe(ACCOUNT, REGION, new AlarmFilter(List.of(), null, Set.of(), null, null, null, null)))
                .isEmpty();
        assertThat(alarms.history(ACCOUNT, REGION, "d1", Set.of(), null, null, null, false).get(0).summary())
                .isEqualTo("Alarm \"d1\" deleted");
    }

    @Test
    void tagsAreReadAndChangedByArn() {
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("t", List.of()));
        String arn = Alarms.arn(ACCOUNT, REGION, "t");
        alarms.tag(ACCOUNT, REGION, arn, Map.of("env", "test"));
        alarms.untag(ACCOUNT, REGION, arn, List.of("team"));
        assertThat(alarms.tags(ACCOUNT, REGION, arn)).containsExactly(Map.entry("env", "test"));
        assertThatThrownBy(() -> alarms.tags(ACCOUNT, REGION, Alarms.arn(ACCOUNT, REGION, "none")))
                .extracting(e -> ((AlarmRefusal) e).reason()).isEqualTo(AlarmRefusal.Reason.RESOURCE_NOT_FOUND);
    }

    @Test
    void anAccountHasAtMostTenThousandAlarmsInARegion() {
        for (int i = 0; i < Alarms.MAX_ALARMS; i++) {
            alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("a" + i, List.of()));
        }
        assertThatThrownBy(() -> alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("one-more", List.of())))
                .hasMessage("The maximum number of alarms (10000) for this account has been reached.")
                .extracting(e -> ((AlarmRefusal) e).reason()).isEqualTo(AlarmRefusal.Reason.LIMIT_EXCEEDED);
        // an update is not a new alarm, and another region has room
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("a0", List.of()));
        alarms.putMetricAlarm(ACCOUNT, "eu-west-1", depthAlarm("one-more", List.of()));
    }

    @Test
    void anAlarmWhoseDataCannotBeReadDoesNotStopTheOthers() {
        alarms.metrics(new AlarmMetrics() {
            @Override
            public List<Datapoint> statistic(String account, String region, MetricStat stat, Instant start, Instant end) {
                if (stat.metricName().equals("Broken")) {
                    throw new IllegalStateException("the store failed");
                }
                return List.of(new Datapoint(start, 500, 1), new Datapoint(start.plusSeconds(60), 500, 1));
            }

            @Override
            public List<Datapoint> query(String account, String region, List<AlarmQuery> queries, int period,
                                         Instant start, Instant end) {
                return List.of();
            }
        });
        alarms.putMetricAlarm(ACCOUNT, REGION, new AlarmInputs.MetricAlarmInput("a-broken", null, null, List.of(),
                List.of(), List.of(), "Broken", "App", "Sum", null, List.of(), 60, null, 1, null, 1.0,
                "GreaterThanThreshold", null, null, List.of(), Map.of(), null));
        alarms.putMetricAlarm(ACCOUNT, REGION, depthAlarm("b-fine", List.of()));
        timers.advance(Duration.ofSeconds(31));
        assertThat(get("a-broken").status().reason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(get("b-fine").status().value()).isEqualTo(AlarmState.ALARM);
    }

    @Test
    void highResolutionAlarmsAreEvaluatedEveryPeriod() {
        AlarmInputs.MetricAlarmInput fast = new AlarmInputs.MetricAlarmInput("fast", null, null, List.of(), List.of(),
                List.of(), "Latency", "App", "Maximum", null, List.of(), 10, null, 1, null, 1.0,
                "GreaterThanThreshold", null, null, List.of(), Map.of(), null);
        alarms.putMetricAlarm(ACCOUNT, REGION, fast);
        metrics.points.add(new AlarmMetrics.Datapoint(Instant.parse("2026-12-07T11:59:40Z"), 5, 1));
        timers.advance(Duration.ofSeconds(21)); // 11:59:51: evaluated at 11:59:40 and 11:59:50
        assertThat(get("fast").status().value()).isEqualTo(AlarmState.ALARM);
        assertThat(get("fast").status().updated()).isEqualTo(Instant.parse("2026-12-07T11:59:50Z"));
    }
}
