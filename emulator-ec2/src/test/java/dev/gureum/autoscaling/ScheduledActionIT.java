package dev.gureum.autoscaling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.BatchPutScheduledUpdateGroupActionResponse;
import software.amazon.awssdk.services.autoscaling.model.FailedScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupAction;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupActionRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduledActionIT {

    private static void refused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AutoScalingException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static List<ScheduledUpdateGroupAction> actions(AutoScalingHarness h, String group) {
        return h.asg.describeScheduledActions(r -> r.autoScalingGroupName(group)).scheduledUpdateGroupActions();
    }

    @Test
    void oneTimeAndRecurringActionsRunOnTheServerClockWithAwsCauses() {
        try (AutoScalingHarness h = new AutoScalingHarness()) {
            h.group("gym", h.template("gym", "t3.micro"), 1, 6, 2, 2);
            h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym").scheduledActionName("new-year")
                    .startTime(Instant.parse("2026-03-01T09:30:00Z")).desiredCapacity(4));
            // 20:00 in Seoul is 11:00 UTC
            h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym").scheduledActionName("evening")
                    .recurrence("0 20 * * *").timeZone("Asia/Seoul").minSize(0).maxSize(3).desiredCapacity(1));
            List<ScheduledUpdateGroupAction> listed = actions(h, "gym");
            assertThat(listed).extracting(ScheduledUpdateGroupAction::scheduledActionName)
                    .containsExactly("new-year", "evening");
            assertThat(listed.get(0).startTime()).isEqualTo("2026-03-01T09:30:00Z");
            assertThat(listed.get(0).time()).isEqualTo("2026-03-01T09:30:00Z");
            assertThat(listed.get(0).desiredCapacity()).isEqualTo(4);
            assertThat(listed.get(0).scheduledActionARN()).matches("arn:aws:autoscaling:us-east-1:000000000000:"
                    + "scheduledUpdateGroupAction:[0-9a-f-]{36}:autoScalingGroupName/gym:scheduledActionName/new-year");
            assertThat(listed.get(1).startTime()).isEqualTo("2026-03-01T11:00:00Z");
            assertThat(listed.get(1).recurrence()).isEqualTo("0 20 * * *");
            assertThat(listed.get(1).timeZone()).isEqualTo("Asia/Seoul");

            h.advance(Duration.ofMinutes(30));
            assertThat(h.describe("gym").desiredCapacity()).isEqualTo(4);
            assertThat(h.activities("gym").get(0).cause()).startsWith("At 2026-03-01T09:30:00Z a scheduled action "
                    + "update of AutoScalingGroup constraints to min: 1, max: 6, desired: 4 changing the desired "
                    + "capacity from 2 to 4.");
            // a one-time action is gone once it has run
            assertThat(actions(h, "gym")).extracting(ScheduledUpdateGroupAction::scheduledActionName)
                    .containsExactly("evening");

            h.advance(Duration.ofMinutes(90));
            assertThat(h.describe("gym").minSize()).isZero();
            assertThat(h.describe("gym").maxSize()).isEqualTo(3);
            assertThat(h.describe("gym").desiredCapacity()).isEqualTo(1);
            assertThat(h.activities("gym").get(0).cause()).startsWith("At 2026-03-01T11:00:00Z a scheduled action "
                    + "update of AutoScalingGroup constraints to min: 0, max: 3, desired: 1 changing the desired "
                    + "capacity from 4 to 1.");
            // it waits for the next evening
            assertThat(actions(h, "gym").get(0).startTime()).isEqualTo("2026-03-02T11:00:00Z");

            h.asg.deleteScheduledAction(r -> r.autoScalingGroupName("gym").scheduledActionName("evening"));
            assertThat(actions(h, "gym")).isEmpty();
        }
    }

    @Test
    void badSchedulesAreRefusedAndBatchesAnswerPerAction() {
        try (AutoScalingHarness h = new AutoScalingHarness()) {
            h.group("gym", h.template("gym", "t3.micro"), 1, 6, 2, 1);
            refused(() -> h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym")
                    .scheduledActionName("late").startTime(Instant.parse("2026-03-01T08:00:00Z")).desiredCapacity(3)),
                    "ValidationError", "Given start time is in the past");
            refused(() -> h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym")
                    .scheduledActionName("odd").recurrence("every day").desiredCapacity(3)),
                    "ValidationError", "Given recurrence string is invalid: every day");
            refused(() -> h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym")
                    .scheduledActionName("empty").recurrence("0 9 * * *")),
                    "ValidationError", "At least one of MinSize, MaxSize or DesiredCapacity must be specified.");
            refused(() -> h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym")
                    .scheduledActionName("tz").recurrence("0 9 * * *").timeZone("Mars/Olympus").desiredCapacity(1)),
                    "ValidationError", "Invalid time zone: Mars/Olympus");

            BatchPutScheduledUpdateGroupActionResponse put = h.asg.batchPutScheduledUpdateGroupAction(r -> r
                    .autoScalingGroupName("gym").scheduledUpdateGroupActions(
                            ScheduledUpdateGroupActionRequest.builder().scheduledActionName("morning")
                                    .recurrence("0 7 * * MON-FRI").desiredCapacity(4).build(),
                            ScheduledUpdateGroupActionRequest.builder().scheduledActionName("broken")
                                    .recurrence("0 25 * * *").desiredCapacity(4).build(),
                            ScheduledUpdateGroupActionRequest.builder().scheduledActionName("night")
                                    .recurrence("0 22 * * *").desiredCapacity(1).build()));
            assertThat(put.failedScheduledUpdateGroupActions()).singleElement().satisfies(f -> {
                assertThat(f.scheduledActionName()).isEqualTo("broken");
                assertThat(f.errorCode()).isEqualTo("ValidationError");
                assertThat(f.errorMessage()).isEqualTo("Given recurrence string is invalid: 0 25 * * *");
            });
            assertThat(actions(h, "gym")).extracting(ScheduledUpdateGroupAction::scheduledActionName)
                    .containsExactlyInAnyOrder("morning", "night");
            // 2026-03-01 is a Sunday: the next weekday morning is Monday's
            assertThat(h.asg.describeScheduledActions(r -> r.scheduledActionNames("morning"))
                    .scheduledUpdateGroupActions().get(0).startTime()).isEqualTo("2026-03-02T07:00:00Z");
            assertThat(h.asg.batchDeleteScheduledAction(r -> r.autoScalingGroupName("gym")
                    .scheduledActionNames("morning", "nothing")).failedScheduledActions())
                    .extracting(FailedScheduledUpdateGroupActionRequest::scheduledActionName).containsExactly("nothing");
            assertThat(actions(h, "gym")).extracting(ScheduledUpdateGroupAction::scheduledActionName)
                    .containsExactly("night");
        }
    }

    @Test
    void policiesAndSchedulesSurviveARestartAndStillRun(@TempDir Path dir) {
        String policyArn;
        try (AutoScalingHarness h = new AutoScalingHarness(dir)) {
            h.group("gym", h.template("gym", "t3.micro"), 1, 6, 2, 2);
            policyArn = h.asg.putScalingPolicy(r -> r.autoScalingGroupName("gym").policyName("steps")
                    .policyType("StepScaling").adjustmentType("PercentChangeInCapacity").minAdjustmentMagnitude(2)
                    .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(50))).policyARN();
            h.asg.putScalingPolicy(r -> r.autoScalingGroupName("gym").policyName("cpu")
                    .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(40.0)
                            .customizedMetricSpecification(c -> c.namespace("Gym").metricName("Load").statistic("Average")
                                    .dimensions(d -> d.name("Hall").value("A")))));
            h.asg.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("gym").scheduledActionName("rush")
                    .startTime(Instant.parse("2026-03-01T10:00:00Z")).desiredCapacity(5));
        }
        try (AutoScalingHarness h = new AutoScalingHarness(dir)) {
            var policies = h.asg.describePolicies(r -> r.autoScalingGroupName("gym")).scalingPolicies();
            assertThat(policies).hasSize(2);
            assertThat(policies.get(1).policyARN()).isEqualTo(policyArn);
            assertThat(policies.get(1).minAdjustmentMagnitude()).isEqualTo(2);
            assertThat(policies.get(1).stepAdjustments().get(0).metricIntervalLowerBound()).isEqualTo(0.0);
            assertThat(policies.get(1).stepAdjustments().get(0).metricIntervalUpperBound()).isNull();
            assertThat(policies.get(0).alarms()).hasSize(2);
            assertThat(policies.get(0).targetTrackingConfiguration().customizedMetricSpecification().dimensions()
                    .get(0).value()).isEqualTo("A");
            assertThat(actions(h, "gym")).singleElement().satisfies(a ->
                    assertThat(a.startTime()).isEqualTo("2026-03-01T10:00:00Z"));
            h.advance(Duration.ofHours(1));
            assertThat(h.describe("gym").desiredCapacity()).isEqualTo(5);
            assertThat(actions(h, "gym")).isEmpty();
        }
    }
}
