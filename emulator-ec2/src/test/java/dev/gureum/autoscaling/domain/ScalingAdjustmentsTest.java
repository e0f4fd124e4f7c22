package dev.gureum.autoscaling.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScalingAdjustmentsTest {

    @Test
    void adjustmentTypesAndAwsRoundingOfPercentages() {
        assertThat(ScalingAdjustments.apply("ChangeInCapacity", 3, 2, null)).isEqualTo(5);
        assertThat(ScalingAdjustments.apply("ChangeInCapacity", -1, 2, null)).isEqualTo(1);
        assertThat(ScalingAdjustments.apply("ExactCapacity", 7, 2, null)).isEqualTo(7);
        // 10% of 4 is 0.4: one instance
        assertThat(ScalingAdjustments.apply("PercentChangeInCapacity", 10, 4, null)).isEqualTo(5);
        assertThat(ScalingAdjustments.apply("PercentChangeInCapacity", -10, 4, null)).isEqualTo(3);
        // 12.7 is 12, -6.67 is -6
        assertThat(ScalingAdjustments.apply("PercentChangeInCapacity", 127, 10, null)).isEqualTo(22);
        assertThat(ScalingAdjustments.apply("PercentChangeInCapacity", -33, 20, null)).isEqualTo(14);
        // at least the magnitude
        assertThat(ScalingAdjustments.apply("PercentChangeInCapacity", 25, 4, 2)).isEqualTo(6);
        assertThat(ScalingAdjustments.apply("PercentChangeInCapacity", -25, 8, 3)).isEqualTo(5);
    }

    private static final List<ScalingPolicy.Step> STEPS = List.of(
            new ScalingPolicy.Step(0.0, 10.0, 1),
            new ScalingPolicy.Step(10.0, 20.0, 2),
            new ScalingPolicy.Step(20.0, null, 3));

    @Test
    void aStepIsChosenByTheBreachAboveTheThreshold() {
        assertThat(ScalingAdjustments.step(STEPS, 50, 50).scalingAdjustment()).isEqualTo(1);
        assertThat(ScalingAdjustments.step(STEPS, 59.9, 50).scalingAdjustment()).isEqualTo(1);
        assertThat(ScalingAdjustments.step(STEPS, 60, 50).scalingAdjustment()).isEqualTo(2);
        assertThat(ScalingAdjustments.step(STEPS, 95, 50).scalingAdjustment()).isEqualTo(3);
        assertThat(ScalingAdjustments.step(STEPS, 40, 50)).isNull();
        List<ScalingPolicy.Step> in = List.of(new ScalingPolicy.Step(null, -10.0, -2),
                new ScalingPolicy.Step(-10.0, 0.0, -1));
        // below the threshold the upper bound is inclusive
        assertThat(ScalingAdjustments.step(in, 40, 50).scalingAdjustment()).isEqualTo(-2);
        assertThat(ScalingAdjustments.step(in, 45, 50).scalingAdjustment()).isEqualTo(-1);
    }

    @Test
    void stepIntervalsMayNeitherOverlapNorLeaveGaps() {
        assertThat(ScalingAdjustments.checkSteps(STEPS)).isNull();
        assertThat(ScalingAdjustments.checkSteps(List.of())).contains("required");
        assertThat(ScalingAdjustments.checkSteps(List.of(new ScalingPolicy.Step(0.0, 10.0, 1),
                new ScalingPolicy.Step(5.0, null, 2)))).contains("overlapping");
        assertThat(ScalingAdjustments.checkSteps(List.of(new ScalingPolicy.Step(0.0, 10.0, 1),
                new ScalingPolicy.Step(15.0, null, 2)))).contains("gap");
        assertThat(ScalingAdjustments.checkSteps(List.of(new ScalingPolicy.Step(null, null, 1)))).isNull();
    }

    @Test
    void targetTrackingSizesTheGroupInProportionToTheMetric() {
        assertThat(ScalingAdjustments.targetTracking(2, 90, 50)).isEqualTo(4);
        assertThat(ScalingAdjustments.targetTracking(4, 50, 50)).isEqualTo(4);
        assertThat(ScalingAdjustments.targetTracking(6, 10, 50)).isEqualTo(2);
        assertThat(ScalingAdjustments.targetTracking(0, 90, 50)).isEqualTo(1);
    }
}
