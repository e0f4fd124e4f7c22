package dev.gureum.server.monitoring;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.server.GureumServer;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarm actions on EC2 instances and on Auto Scaling policies, and alarms kept across a restart. */
class CloudWatchAlarmActionsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    @Test
    void anEc2ActionTerminatesTheInstanceOfTheAlarm() {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build();
             CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            String instance = ec2.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType(InstanceType.T3_MICRO)
                    .minCount(1).maxCount(1)).instances().get(0).instanceId();
            cw.putMetricAlarm(r -> r.alarmName("cpu").namespace("AWS/EC2").metricName("CPUUtilization")
                    .dimensions(d -> d.name("InstanceId").value(instance)).statistic(Statistic.AVERAGE).period(300)
                    .evaluationPeriods(1).threshold(90.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .alarmActions("arn:aws:automate:us-east-1:ec2:terminate"));
            cw.setAlarmState(r -> r.alarmName("cpu").stateValue(StateValue.ALARM).stateReason("too hot"));
            InstanceStateName state = ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0)
                    .instances().get(0).state().name();
            assertThat(state).isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
            assertThat(cw.describeAlarmHistory(r -> r.alarmName("cpu").historyItemType(HistoryItemType.ACTION))
                    .alarmHistoryItems()).singleElement().satisfies(h -> {
                        assertThat(h.historySummary())
                                .isEqualTo("Successfully executed action arn:aws:automate:us-east-1:ec2:terminate");
                        assertThat(h.historyData()).contains("\"actionState\":\"Succeeded\"");
                    });
        }
    }

    @Test
    void aScalingPolicyActionIsRecordedAsFailedUntilAutoScalingExists() {
        try (CloudWatchClient cw = gureum.configure(CloudWatchClient.builder()).build()) {
            String policy = "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:0a1b2c3d-4e5f-6789-abcd-ef0123456789"
                    + ":autoScalingGroupName/web:policyName/scale-out";
            cw.putMetricAlarm(r -> r.alarmName("scale").namespace("AWS/EC2").metricName("CPUUtilization")
                    .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(70.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(policy));
            cw.setAlarmState(r -> r.alarmName("scale").stateValue(StateValue.ALARM).stateReason("busy"));
            List<AlarmHistoryItem> actions = cw.describeAlarmHistory(r -> r.alarmName("scale")
                    .historyItemType(HistoryItemType.ACTION)).alarmHistoryItems();
            assertThat(actions).singleElement().satisfies(h -> {
                assertThat(h.historySummary()).isEqualTo("Failed to execute action " + policy);
                assertThat(h.historyData()).contains("\"actionState\":\"Failed\"").contains("was not found");
            });
        }
    }

    @Test
    void alarmsTheirStateAndHistorySurviveARestart(@TempDir Path dataDir) {
        try (GureumServer first = GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("cloudwatch"))
                .build().start();
             CloudWatchClient cw = SdkClients.configure(CloudWatchClient.builder(), first.endpoint()).build()) {
            cw.putMetricAlarm(r -> r.alarmName("kept").namespace("App").metricName("Errors").statistic(Statistic.SUM)
                    .period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("ignore")
                    .tags(t -> t.key("team").value("ops")));
            cw.putCompositeAlarm(r -> r.alarmName("any").alarmRule("ALARM(kept)"));
            cw.setAlarmState(r -> r.alarmName("kept").stateValue(StateValue.ALARM).stateReason("kept across"));
        }
        try (GureumServer second = GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("cloudwatch"))
                .build().start();
             CloudWatchClient cw = SdkClients.configure(CloudWatchClient.builder(), second.endpoint()).build()) {
            MetricAlarm kept = cw.describeAlarms(r -> r.alarmNames("kept")).metricAlarms().get(0);
            assertThat(kept.stateValue()).isEqualTo(StateValue.ALARM);
            assertThat(kept.stateReason()).isEqualTo("kept across");
            assertThat(kept.threshold()).isEqualTo(1.0);
            assertThat(cw.listTagsForResource(r -> r.resourceARN(kept.alarmArn())).tags()).hasSize(1);
            assertThat(cw.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms())
                    .singleElement().satisfies(c -> assertThat(c.stateValue()).isEqualTo(StateValue.ALARM));
            assertThat(cw.describeAlarmHistory(r -> r.alarmName("kept")).alarmHistoryItems())
                    .extracting(AlarmHistoryItem::historySummary)
                    .containsExactly("Alarm updated from INSUFFICIENT_DATA to ALARM", "Alarm \"kept\" created");
        }
    }
}
