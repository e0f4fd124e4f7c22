package dev.gureum.autoscaling;

import dev.gureum.core.spi.MetricAlarms;
import dev.gureum.core.spi.ScalingPolicies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.autoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.autoscaling.model.StepAdjustment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalingPolicyIT {

    /** CloudWatch's side: the alarms Auto Scaling puts and deletes. */
    static final class RecordedAlarms implements MetricAlarms {
        final Map<String, Alarm> alarms = new ConcurrentHashMap<>();
        final List<String> deleted = new ArrayList<>();

        @Override
        public void put(Alarm alarm) {
            alarms.put(alarm.name(), alarm);
        }

        @Override
        public synchronized void delete(String account, String region, Collection<String> names) {
            names.forEach(alarms::remove);
            deleted.addAll(names);
        }
    }

    private final AutoScalingHarness h = new AutoScalingHarness();
    private final RecordedAlarms cloudWatch = new RecordedAlarms();

    ScalingPolicyIT() {
        h.frontEnd.bind(MetricAlarms.class, () -> cloudWatch);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static void refused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AutoScalingException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private ScalingPolicies alarmSide() {
        return (ScalingPolicies) h.frontEnd.registry().get("autoscaling");
    }

    @Test
    void aSimplePolicyChangesTheCapacityWhenExecutedAndHonoursItsCooldown() {
        h.group("web", h.template("web", "t3.micro"), 1, 6, 2, 2);
        PutScalingPolicyResponse put = h.asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("up")
                .adjustmentType("ChangeInCapacity").scalingAdjustment(2).cooldown(120));
        assertThat(put.policyARN()).matches("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:[0-9a-f-]{36}"
                + ":autoScalingGroupName/web:policyName/up");
        assertThat(put.alarms()).isEmpty();
        ScalingPolicy p = h.asg.describePolicies(r -> r.autoScalingGroupName("web")).scalingPolicies().get(0);
        assertThat(p.policyType()).isEqualTo("SimpleScaling");
        assertThat(p.adjustmentType()).isEqualTo("ChangeInCapacity");
        assertThat(p.scalingAdjustment()).isEqualTo(2);
        assertThat(p.cooldown()).isEqualTo(120);
        assertThat(p.enabled()).isTrue();
        assertThat(p.policyARN()).isEqualTo(put.policyARN());

        h.advance(Duration.ofMinutes(10));
        h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("up").honorCooldown(true));
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(4);
        assertThat(h.activities("web").get(0).cause()).startsWith("At 2026-03-01T09:10:00Z a user request executed "
                + "policy up changing the desired capacity from 2 to 4.");
        refused(() -> h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("up").honorCooldown(true)),
                "ScalingActivityInProgress",
                "Scaling activity is in progress or the group is in its cooldown period; it cannot be scaled now.");
        // after the policy's own cooldown of two minutes, and by ARN; the maximum holds
        h.advance(Duration.ofMinutes(2));
        h.asg.executePolicy(r -> r.policyName(put.policyARN()).honorCooldown(true));
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(6);

        h.asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("half")
                .adjustmentType("PercentChangeInCapacity").scalingAdjustment(-50).minAdjustmentMagnitude(1));
        h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("half"));
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(3);

        h.asg.deletePolicy(r -> r.autoScalingGroupName("web").policyName("up"));
        assertThat(h.asg.describePolicies(r -> r.autoScalingGroupName("web")).scalingPolicies())
                .extracting(ScalingPolicy::policyName).containsExactly("half");
        refused(() -> h.asg.deletePolicy(r -> r.autoScalingGroupName("web").policyName("up")), "ValidationError",
                "Policy up not found");
    }

    @Test
    void aStepPolicyAddsTheStepOfTheBreach() {
        h.group("web", h.template("web", "t3.micro"), 1, 10, 2, 2);
        refused(() -> h.asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("steps")
                        .policyType("StepScaling").adjustmentType("ChangeInCapacity").stepAdjustments(
                                StepAdjustment.builder().metricIntervalLowerBound(0.0).metricIntervalUpperBound(10.0)
                                        .scalingAdjustment(1).build(),
                                StepAdjustment.builder().metricIntervalLowerBound(20.0).scalingAdjustment(3).build())),
                "ValidationError", "Step adjustments have a gap between intervals.");
        refused(() -> h.asg.putScalingPolicy(r -> r.autoScalingGroupName("nope").policyName("x")
                        .adjustmentType("ChangeInCapacity").scalingAdjustment(1)), "ValidationError",
                "AutoScalingGroup name not found - AutoScalingGroup nope not found");
        refused(() -> h.asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("x")
                        .adjustmentType("ChangeAlot").scalingAdjustment(1)), "ValidationError",
                "Invalid adjustment type: ChangeAlot. Valid values are ChangeInCapacity, ExactCapacity, "
                        + "PercentChangeInCapacity.");
        h.asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("steps").policyType("StepScaling")
                .adjustmentType("ChangeInCapacity").estimatedInstanceWarmup(60).stepAdjustments(
                        StepAdjustment.builder().metricIntervalLowerBound(0.0).metricIntervalUpperBound(20.0)
                                .scalingAdjustment(1).build(),
                        StepAdjustment.builder().metricIntervalLowerBound(20.0).scalingAdjustment(3).build()));
        ScalingPolicy p = h.asg.describePolicies(r -> r.policyTypes("StepScaling")).scalingPolicies().get(0);
        assertThat(p.stepAdjustments()).hasSize(2);
        assertThat(p.metricAggregationType()).isEqualTo("Average");
        assertThat(p.estimatedInstanceWarmup()).isEqualTo(60);
        refused(() -> h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("steps")), "ValidationError",
                "MetricValue and BreachThreshold are required for a step scaling policy.");
        h.advance(Duration.ofMinutes(2));
        h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("steps").metricValue(75.0)
                .breachThreshold(50.0));
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(5);
        // the three new instances are warming up: a smaller breach adds nothing more
        h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("steps").metricValue(55.0)
                .breachThreshold(50.0));
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(5);
        h.advance(Duration.ofMinutes(2));
        h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("steps").metricValue(55.0)
                .breachThreshold(50.0));
        assertThat(h.describe("web").desiredCapacity()).isEqualTo(6);
    }

    @Test
    void targetTrackingCreatesAwsAlarmsAndScalesWhenTheyFire() {
        h.group("gym", h.template("gym", "t3.micro"), 2, 10, 2, 3);
        PutScalingPolicyResponse put = h.asg.putScalingPolicy(r -> r.autoScalingGroupName("gym").policyName("cpu50")
                .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(50.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))));
        assertThat(put.alarms()).hasSize(2);
        assertThat(put.alarms().get(0).alarmName()).matches("TargetTracking-gym-AlarmHigh-[0-9a-f-]{36}");
        assertThat(put.alarms().get(1).alarmName()).matches("TargetTracking-gym-AlarmLow-[0-9a-f-]{36}");
        assertThat(put.alarms().get(0).alarmARN()).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:"
                + put.alarms().get(0).alarmName());
        MetricAlarms.Alarm high = cloudWatch.alarms.get(put.alarms().get(0).alarmName());
        assertThat(high.namespace()).isEqualTo("AWS/EC2");
        assertThat(high.metricName()).isEqualTo("CPUUtilization");
        assertThat(high.statistic()).isEqualTo("Average");
        assertThat(high.dimensions()).extracting(d -> d.name() + "=" + d.value()).containsExactly("AutoScalingGroupName=gym");
        assertThat(high.period()).isEqualTo(60);
        assertThat(high.evaluationPeriods()).isEqualTo(3);
        assertThat(high.datapointsToAlarm()).isEqualTo(3);
        assertThat(high.threshold()).isEqualTo(50.0);
        assertThat(high.comparisonOperator()).isEqualTo("GreaterThanThreshold");
        assertThat(high.alarmActions()).containsExactly(put.policyARN());
        MetricAlarms.Alarm low = cloudWatch.alarms.get(put.alarms().get(1).alarmName());
        assertThat(low.evaluationPeriods()).isEqualTo(15);
        assertThat(low.datapointsToAlarm()).isEqualTo(15);
        assertThat(low.threshold()).isEqualTo(45.0);
        assertThat(low.comparisonOperator()).isEqualTo("LessThanThreshold");
        ScalingPolicy p = h.asg.describePolicies(r -> r.autoScalingGroupName("gym")).scalingPolicies().get(0);
        assertThat(p.alarms()).isEqualTo(put.alarms());
        assertThat(p.targetTrackingConfiguration().targetValue()).isEqualTo(50.0);
        assertThat(p.targetTrackingConfiguration().disableScaleIn()).isFalse();
        refused(() -> h.asg.executePolicy(r -> r.autoScalingGroupName("gym").policyName("cpu50")), "ValidationError",
                "ExecutePolicy is not supported for a target tracking scaling policy.");

        // the high alarm fires at 90% CPU: 2 instances become 4
        h.advance(Duration.ofMinutes(5));
        assertThat(alarmSide().execute(put.policyARN(), put.alarms().get(0).alarmARN(), 90.0, 50.0)).isTrue();
        assertThat(h.describe("gym").desiredCapacity()).isEqualTo(4);
        assertThat(h.activities("gym").get(0).cause()).startsWith("At 2026-03-01T09:05:00Z a monitor alarm "
                + put.alarms().get(0).alarmName() + " in state ALARM triggered policy cpu50 changing the desired "
                + "capacity from 2 to 4.");
        // the low alarm at 10%: back to the minimum, once the new instances have warmed up
        h.advance(Duration.ofMinutes(10));
        alarmSide().execute(put.policyARN(), put.alarms().get(1).alarmARN(), 10.0, 45.0);
        assertThat(h.describe("gym").desiredCapacity()).isEqualTo(2);
        assertThat(alarmSide().execute(put.policyARN().replace("cpu50", "other"), "x", 1, 1)).isFalse();

        h.asg.deletePolicy(r -> r.autoScalingGroupName("gym").policyName("cpu50"));
        assertThat(cloudWatch.deleted).containsExactlyInAnyOrder(put.alarms().get(0).alarmName(),
                put.alarms().get(1).alarmName());
        assertThat(cloudWatch.alarms).isEmpty();
    }

    @Test
    void requestCountPerTargetAndCustomizedMetricsWithMetricMath() {
        h.group("api", h.template("api", "t3.micro"), 1, 10, 1, 1);
        refused(() -> h.asg.putScalingPolicy(r -> r.autoScalingGroupName("api").policyName("req")
                        .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(100.0)
                                .predefinedMetricSpecification(m -> m.predefinedMetricType("ALBRequestCountPerTarget")))),
                "ValidationError", "The resource label null is not valid for ALBRequestCountPerTarget: it must be "
                        + "app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>.");
        String label = "app/gym-alb/50dc6c495c0c9188/targetgroup/gym-tg/943f017f100becff";
        PutScalingPolicyResponse req = h.asg.putScalingPolicy(r -> r.autoScalingGroupName("api").policyName("req")
                .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(100.0)
                        .disableScaleIn(true).predefinedMetricSpecification(m -> m
                                .predefinedMetricType("ALBRequestCountPerTarget").resourceLabel(label))));
        // scale-in disabled: only the high alarm
        assertThat(req.alarms()).hasSize(1);
        MetricAlarms.Alarm high = cloudWatch.alarms.get(req.alarms().get(0).alarmName());
        assertThat(high.namespace()).isEqualTo("AWS/ApplicationELB");
        assertThat(high.metricName()).isEqualTo("RequestCountPerTarget");
        assertThat(high.statistic()).isEqualTo("Sum");
        assertThat(high.dimensions()).extracting(d -> d.name() + "=" + d.value()).containsExactly(
                "TargetGroup=targetgroup/gym-tg/943f017f100becff", "LoadBalancer=app/gym-alb/50dc6c495c0c9188");

        // SQS backlog per instance: messages visible divided by the group's in-service instances
        PutScalingPolicyResponse backlog = h.asg.putScalingPolicy(r -> r.autoScalingGroupName("api")
                .policyName("backlog").policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t
                        .targetValue(10.0).customizedMetricSpecification(c -> c.metrics(
                                q -> q.id("m1").returnData(false).metricStat(s -> s.stat("Sum").metric(m -> m
                                        .namespace("AWS/SQS").metricName("ApproximateNumberOfMessagesVisible")
                                        .dimensions(d -> d.name("QueueName").value("jobs")))),
                                q -> q.id("m2").returnData(false).metricStat(s -> s.stat("Average").metric(m -> m
                                        .namespace("AWS/AutoScaling").metricName("GroupInServiceInstances")
                                        .dimensions(d -> d.name("AutoScalingGroupName").value("api")))),
                                q -> q.id("e1").expression("m1 / m2").label("Backlog per instance")
                                        .returnData(true)))));
        MetricAlarms.Alarm math = cloudWatch.alarms.get(backlog.alarms().get(0).alarmName());
        assertThat(math.metricName()).isNull();
        assertThat(math.metrics()).extracting(MetricAlarms.Query::id).containsExactly("m1", "m2", "e1");
        assertThat(math.metrics().get(2).expression()).isEqualTo("m1 / m2");
        ScalingPolicy p = h.asg.describePolicies(r -> r.policyNames("backlog")).scalingPolicies().get(0);
        assertThat(p.targetTrackingConfiguration().customizedMetricSpecification().metrics()).hasSize(3);
        assertThat(p.targetTrackingConfiguration().customizedMetricSpecification().metrics().get(0).metricStat()
                .metric().metricName()).isEqualTo("ApproximateNumberOfMessagesVisible");
        // deleting the group deletes its policies and their alarms
        h.asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("api").forceDelete(true));
        h.advance(Duration.ofMinutes(1));
        assertThat(h.asg.describePolicies().scalingPolicies()).isEmpty();
        assertThat(cloudWatch.alarms).isEmpty();
    }
}
