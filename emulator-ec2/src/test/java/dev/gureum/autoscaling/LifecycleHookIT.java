package dev.gureum.autoscaling;

import dev.gureum.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleHookIT {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:hooks";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:events";

    private final AutoScalingHarness h = new AutoScalingHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String state(String id) {
        return h.describe("web").instances().stream().filter(i -> i.instanceId().equals(id)).findFirst()
                .map(i -> i.lifecycleStateAsString()).orElse("gone");
    }

    @Test
    void aLaunchingHookHoldsInstancesInPendingWaitUntilCompleted() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 3, 0, 1);
        h.asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("boot")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").notificationTargetARN(QUEUE)
                .notificationMetadata("hello").heartbeatTimeout(60));
        LifecycleHook hook = h.asg.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks().get(0);
        assertThat(hook.defaultResult()).isEqualTo("ABANDON");
        assertThat(hook.globalTimeout()).isEqualTo(6000);
        assertThat(json(h.messages.get(0).body()).path("Event").asText()).isEqualTo("autoscaling:TEST_NOTIFICATION");

        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        String id = h.describe("web").instances().get(0).instanceId();
        assertThat(state(id)).isEqualTo("Pending:Wait");
        assertThat(h.activities("web").get(0).statusCodeAsString()).isEqualTo("MidLifecycleAction");
        JsonNode m = json(h.messages.get(1).body());
        assertThat(h.messages.get(1).target()).isEqualTo(QUEUE);
        assertThat(m.path("Origin").asText()).isEqualTo("EC2");
        assertThat(m.path("Destination").asText()).isEqualTo("AutoScalingGroup");
        assertThat(m.path("LifecycleTransition").asText()).isEqualTo("autoscaling:EC2_INSTANCE_LAUNCHING");
        assertThat(m.path("EC2InstanceId").asText()).isEqualTo(id);
        assertThat(m.path("LifecycleHookName").asText()).isEqualTo("boot");
        assertThat(m.path("NotificationMetadata").asText()).isEqualTo("hello");
        String token = m.path("LifecycleActionToken").asText();

        // heartbeats keep it waiting past its timeout
        h.advance(Duration.ofSeconds(40));
        h.asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("web").lifecycleHookName("boot")
                .lifecycleActionToken(token));
        h.advance(Duration.ofSeconds(40));
        assertThat(state(id)).isEqualTo("Pending:Wait");
        h.asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("boot").instanceId(id)
                .lifecycleActionResult("CONTINUE"));
        h.advance(Duration.ofSeconds(10));
        assertThat(state(id)).isEqualTo("InService");
        assertThat(h.activities("web").get(0).statusCodeAsString()).isEqualTo("Successful");
    }

    @Test
    void anUnansweredLaunchHookTimesOutToItsDefaultResultAbandon() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 3, 0, 1);
        h.asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("boot")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(30));
        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        String id = h.describe("web").instances().get(0).instanceId();
        h.advance(Duration.ofSeconds(40));
        assertThat(h.asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities())
                .anySatisfy(a -> {
                    assertThat(a.description()).isEqualTo("Launching a new EC2 instance: " + id);
                    assertThat(a.statusCodeAsString()).isEqualTo("Cancelled");
                    assertThat(a.statusMessage()).contains("Lifecycle Action Completed with ABANDON Result");
                });
        // and a replacement is launched, which waits in turn
        h.advance(Duration.ofSeconds(10));
        assertThat(h.describe("web").instances()).anySatisfy(i -> {
            assertThat(i.instanceId()).isNotEqualTo(id);
            assertThat(i.lifecycleStateAsString()).isEqualTo("Pending:Wait");
        });
    }

    @Test
    void aTerminatingHookHoldsInstancesAndNotificationsTellTheTopic() {
        String lt = h.template("web", "t3.micro");
        h.group("web", lt, 0, 3, 1, 1);
        h.advance(Duration.ofSeconds(10));
        String id = h.describe("web").instances().get(0).instanceId();
        h.asg.putNotificationConfiguration(r -> r.autoScalingGroupName("web").topicARN(TOPIC)
                .notificationTypes("autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_TERMINATE"));
        assertThat(h.asg.describeNotificationConfigurations().notificationConfigurations()).hasSize(2);
        assertThat(h.messages.get(0).subject()).isEqualTo("Auto Scaling: test notification for group \"web\"");
        h.asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("drain")
                .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").defaultResult("CONTINUE"));
        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(0));
        assertThat(state(id)).isEqualTo("Terminating:Wait");
        assertThat(h.instance(id).state().nameAsString()).isEqualTo("running");
        h.asg.completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("drain").instanceId(id)
                .lifecycleActionResult("CONTINUE"));
        h.advance(Duration.ofSeconds(70));
        assertThat(state(id)).isEqualTo("gone");
        List<AutoScalingHarness.Sent> toTopic = h.messages.stream().filter(s -> s.target().equals(TOPIC)).toList();
        AutoScalingHarness.Sent terminated = toTopic.get(toTopic.size() - 1);
        assertThat(terminated.subject()).isEqualTo("Auto Scaling: termination for group \"web\"");
        JsonNode m = json(terminated.body());
        assertThat(m.path("Event").asText()).isEqualTo("autoscaling:EC2_INSTANCE_TERMINATE");
        assertThat(m.path("EC2InstanceId").asText()).isEqualTo(id);
        assertThat(m.path("Service").asText()).isEqualTo("AWS Auto Scaling");
        assertThat(m.path("AutoScalingGroupName").asText()).isEqualTo("web");
        assertThat(m.path("Description").asText()).isEqualTo("Terminating EC2 instance: " + id);
        assertThat(m.path("Details").path("Availability Zone").asText()).startsWith("us-east-1");
    }
}
