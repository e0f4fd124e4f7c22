package dev.gureum.elb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGroupIT {

    private final ElbHarness h = new ElbHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void healthCheckDefaultsDependOnTheTargetType() {
        TargetGroup http = h.elb.createTargetGroup(b -> b.name("http").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(h.defaultVpc())).targetGroups().get(0);
        assertThat(http.targetGroupArn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/http/[0-9a-f]{16}");
        assertThat(http.targetType()).isEqualTo(TargetTypeEnum.INSTANCE);
        assertThat(http.healthCheckEnabled()).isTrue();
        assertThat(http.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(http.healthCheckPath()).isEqualTo("/");
        assertThat(http.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(http.healthCheckTimeoutSeconds()).isEqualTo(5);
        assertThat(http.healthyThresholdCount()).isEqualTo(5);
        assertThat(http.unhealthyThresholdCount()).isEqualTo(2);
        assertThat(http.matcher().httpCode()).isEqualTo("200");
        assertThat(http.protocolVersion()).isEqualTo("HTTP1");
        TargetGroup lambda = h.elb.createTargetGroup(b -> b.name("fn").targetType(TargetTypeEnum.LAMBDA)).targetGroups().get(0);
        assertThat(lambda.healthCheckEnabled()).isFalse();
        assertThat(lambda.healthCheckIntervalSeconds()).isEqualTo(35);
        assertThat(lambda.healthCheckTimeoutSeconds()).isEqualTo(30);
        assertThat(lambda.protocol()).isNull();
        assertThat(attributes(lambda)).containsExactly(Map.entry("lambda.multi_value_headers.enabled", "false"));
        assertThat(attributes(http)).containsEntry("deregistration_delay.timeout_seconds", "300")
                .containsEntry("load_balancing.algorithm.type", "round_robin")
                .containsEntry("stickiness.type", "lb_cookie");
        assertThatThrownBy(() -> h.elb.createTargetGroup(b -> b.name("http").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(h.defaultVpc()))).isInstanceOf(DuplicateTargetGroupNameException.class);
        assertThatThrownBy(() -> h.elb.createTargetGroup(b -> b.name("nohc").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(h.defaultVpc()).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(6)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> h.elb.createTargetGroup(b -> b.name("noport").protocol(ProtocolEnum.HTTP)
                .vpcId(h.defaultVpc()))).hasMessageContaining("A protocol, port and VPC ID must be specified");
    }

    @Test
    void modifyChangesHealthChecksAndAttributes() {
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, 80);
        TargetGroup modified = h.elb.modifyTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn()).healthCheckPath("/ping")
                .matcher(m -> m.httpCode("200-299"))).targetGroups().get(0);
        assertThat(modified.healthCheckPath()).isEqualTo("/ping");
        assertThat(modified.matcher().httpCode()).isEqualTo("200-299");
        h.elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn()).attributes(
                TargetGroupAttribute.builder().key("load_balancing.algorithm.type").value("least_outstanding_requests").build()));
        assertThat(attributes(tg)).containsEntry("load_balancing.algorithm.type", "least_outstanding_requests");
        assertThatThrownBy(() -> h.elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn()).attributes(
                TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("3601").build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void targetsAreUnusedUntilALoadBalancerUsesThemAndDrainOnTheClock() {
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, 8080);
        h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.0.5"),
                t -> t.id("10.0.0.6").port(9090)));
        List<TargetHealthDescription> health = health(tg);
        assertThat(health).extracting(d -> d.target().id() + ":" + d.target().port())
                .containsExactlyInAnyOrder("10.0.0.5:8080", "10.0.0.6:9090");
        assertThat(health).allSatisfy(d -> {
            assertThat(d.targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNUSED);
            assertThat(d.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_IN_USE);
        });
        h.forward(h.alb("web"), tg, 80);
        assertThat(health(tg)).allSatisfy(d -> {
            assertThat(d.targetHealth().state()).isEqualTo(TargetHealthStateEnum.INITIAL);
            assertThat(d.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS);
        });
        h.elb.deregisterTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.0.5")));
        TargetHealthDescription draining = h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())
                .targets(TargetDescription.builder().id("10.0.0.5").build())).targetHealthDescriptions().get(0);
        assertThat(draining.targetHealth().state()).isEqualTo(TargetHealthStateEnum.DRAINING);
        assertThat(draining.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS);
        h.advance(Duration.ofSeconds(305));
        TargetHealthDescription gone = h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())
                .targets(TargetDescription.builder().id("10.0.0.5").build())).targetHealthDescriptions().get(0);
        assertThat(gone.targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(gone.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_REGISTERED);
        assertThat(health(tg)).extracting(d -> d.target().id()).containsExactly("10.0.0.6");
        assertThatThrownBy(() -> h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("i-0123456789abcdef0"))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidTarget"));
    }

    private List<TargetHealthDescription> health(TargetGroup tg) {
        return h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions();
    }

    private Map<String, String> attributes(TargetGroup tg) {
        return h.elb.describeTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())).attributes().stream()
                .collect(Collectors.toMap(TargetGroupAttribute::key, TargetGroupAttribute::value));
    }
}
