package dev.gureum.autoscaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGroupIT {

    private final AutoScalingHarness h = new AutoScalingHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private String targetGroup(String name) {
        String vpc = h.defaultSubnets().get(0).vpcId();
        return h.elb.createTargetGroup(b -> b.name(name).targetType(TargetTypeEnum.INSTANCE).protocol(ProtocolEnum.HTTP)
                .port(80).vpcId(vpc)).targetGroups().get(0).targetGroupArn();
    }

    private List<String> targets(String tg) {
        return h.elb.describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .map(TargetHealthDescription::target).map(TargetDescription::id).sorted().toList();
    }

    @Test
    void instancesInServiceAreRegisteredAndLeavingOnesDeregistered() {
        String tg = targetGroup("web");
        String lt = h.template("web", "t3.micro");
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).maxSize(4).desiredCapacity(2)
                .launchTemplate(t -> t.launchTemplateId(lt)).vpcZoneIdentifier(h.subnets(2)).targetGroupARNs(tg));
        assertThat(targets(tg)).isEmpty();
        h.advance(Duration.ofSeconds(10));
        List<String> ids = h.describe("web").instances().stream().map(i -> i.instanceId()).sorted().toList();
        assertThat(targets(tg)).containsExactlyElementsOf(ids);
        assertThat(h.asg.describeLoadBalancerTargetGroups(r -> r.autoScalingGroupName("web")).loadBalancerTargetGroups())
                .singleElement().satisfies(s -> assertThat(s.loadBalancerTargetGroupARN()).isEqualTo(tg));
        assertThat(h.asg.describeTrafficSources(r -> r.autoScalingGroupName("web")).trafficSources())
                .singleElement().satisfies(s -> assertThat(s.type()).isEqualTo("elbv2"));

        h.asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
        // a target group no load balancer uses has nothing to drain: the leaving instance is gone at once
        assertThat(targets(tg)).hasSize(1);

        String other = targetGroup("other");
        h.asg.attachTrafficSources(r -> r.autoScalingGroupName("web").trafficSources(s -> s.identifier(other)
                .type("elbv2")));
        assertThat(targets(other)).hasSize(1);
        h.asg.detachLoadBalancerTargetGroups(r -> r.autoScalingGroupName("web").targetGroupARNs(other));
        assertThat(h.describe("web").targetGroupARNs()).containsExactly(tg);
        assertThatThrownBy(() -> h.asg.attachLoadBalancerTargetGroups(r -> r.autoScalingGroupName("web")
                .targetGroupARNs("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/nope/0123456789abcdef")))
                .isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void withElbHealthChecksAnInstanceItsTargetGroupFindsUnhealthyIsReplaced() {
        String tg = targetGroup("web");
        List<String> subnets = h.defaultSubnets().stream().limit(2).map(s -> s.subnetId()).toList();
        String lb = h.elb.createLoadBalancer(b -> b.name("web").subnets(subnets)).loadBalancers().get(0)
                .loadBalancerArn();
        h.elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80).defaultActions(a -> a
                .type("forward").targetGroupArn(tg)));
        String lt = h.template("web", "t3.micro");
        h.asg.createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(1).maxSize(2).desiredCapacity(1)
                .launchTemplate(t -> t.launchTemplateId(lt)).vpcZoneIdentifier(h.subnets(2)).targetGroupARNs(tg)
                .healthCheckType("ELB").healthCheckGracePeriod(30));
        String first = h.describe("web").instances().get(0).instanceId();
        // an instance without a workload fails its health checks: unhealthy, then replaced
        for (int i = 0; i < 18; i++) {
            h.advance(Duration.ofSeconds(10));
        }
        assertThat(h.asg.describeScalingActivities(r -> r.autoScalingGroupName("web")).activities())
                .anySatisfy(a -> {
                    assertThat(a.description()).isEqualTo("Terminating EC2 instance: " + first);
                    assertThat(a.cause()).endsWith("an instance was taken out of service in response to an ELB "
                            + "system health check failure.");
                });
    }
}
