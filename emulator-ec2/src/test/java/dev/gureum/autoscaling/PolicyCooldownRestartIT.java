package dev.gureum.autoscaling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cooldown a simple scaling policy of its own Cooldown starts is kept across a restart with a data directory. */
class PolicyCooldownRestartIT {

    @TempDir
    Path dir;

    @Test
    void aSimpleScalingPolicysCooldownSurvivesARestart() {
        try (AutoScalingHarness h = new AutoScalingHarness(dir)) {
            h.group("web", h.template("web", "t3.micro"), 1, 10, 1, 2);
            h.asg.putScalingPolicy(r -> r.autoScalingGroupName("web").policyName("up")
                    .adjustmentType("ChangeInCapacity").scalingAdjustment(1).cooldown(600));
            h.advance(Duration.ofSeconds(10));
            // at 09:00:10: the group's cooldown (300 s) ends at 09:05:10, the policy's (600 s) at 09:10:10
            h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("up").honorCooldown(true));
            assertThat(h.describe("web").desiredCapacity()).isEqualTo(2);
        }
        // the restarted server's clock starts at 09:00:00 again
        try (AutoScalingHarness h = new AutoScalingHarness(dir)) {
            h.advance(Duration.ofSeconds(400));
            assertThatThrownBy(() -> h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("up")
                    .honorCooldown(true))).isInstanceOfSatisfying(AutoScalingException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ScalingActivityInProgress");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Scaling activity is in progress or "
                                + "the group is in its cooldown period; it cannot be scaled now.");
                    });
            assertThat(h.describe("web").desiredCapacity()).isEqualTo(2);
            h.advance(Duration.ofSeconds(210));
            h.asg.executePolicy(r -> r.autoScalingGroupName("web").policyName("up").honorCooldown(true));
            assertThat(h.describe("web").desiredCapacity()).isEqualTo(3);
            // deleting the group deletes its cooldown with it
            h.asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("web").forceDelete(true));
        }
    }
}
