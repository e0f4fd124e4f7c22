package dev.gureum.elb;

import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weights, stickiness, timeouts, HTTPS and network load balancers on the data plane. */
class DataPlaneOptionsIT {

    private final ElbHarness h = new ElbHarness();
    private final List<EchoTarget> targets = new ArrayList<>();

    @AfterEach
    void close() {
        targets.forEach(EchoTarget::close);
        h.close();
    }

    private EchoTarget target(String name) throws IOException {
        EchoTarget t = new EchoTarget(name);
        targets.add(t);
        return t;
    }

    private TargetGroup group(String name, EchoTarget... echo) {
        TargetGroup tg = h.targetGroup(name, TargetTypeEnum.IP, 80);
        for (EchoTarget t : echo) {
            h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1").port(t.port())));
        }
        return tg;
    }

    private static TargetGroupTuple weighted(TargetGroup tg, int weight) {
        return TargetGroupTuple.builder().targetGroupArn(tg.targetGroupArn()).weight(weight).build();
    }

    @Test
    void weightsChooseTheGroupAndGroupStickinessKeepsAClientOnIt() throws IOException {
        EchoTarget a = target("a");
        EchoTarget b = target("b");
        TargetGroup ga = group("ga", a);
        TargetGroup gb = group("gb", b);
        LoadBalancer lb = h.alb("web");
        String listener = h.elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).port(80).defaultActions(Action
                .builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder()
                        .targetGroups(weighted(ga, 0), weighted(gb, 5)).build()).build())).listeners().get(0).listenerArn();
        for (int i = 0; i < 5; i++) {
            assertThat(h.get(lb, "/").header("X-Target")).isEqualTo("b");
        }
        h.elb.modifyListener(r -> r.listenerArn(listener).defaultActions(Action.builder().type(ActionTypeEnum.FORWARD)
                .forwardConfig(ForwardActionConfig.builder().targetGroups(weighted(ga, 1), weighted(gb, 1))
                        .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(600)).build()).build()));
        ElbHarness.Answer first = h.get(lb, "/");
        assertThat(first.header("Set-Cookie")).contains("AWSALBTG=").contains("AWSALBTGCORS=");
        String cookie = first.header("Set-Cookie").replaceAll("^.*?(AWSALBTG=[^;]+).*$", "$1");
        for (int i = 0; i < 6; i++) {
            assertThat(h.get(lb, "/", "Cookie: " + cookie).header("X-Target")).isEqualTo(first.header("X-Target"));
        }
    }

    @Test
    void lbCookieStickinessKeepsAClientOnItsTarget() throws IOException {
        EchoTarget a = target("a");
        EchoTarget b = target("b");
        TargetGroup tg = group("tg", a, b);
        h.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(
                TargetGroupAttribute.builder().key("stickiness.enabled").value("true").build()));
        LoadBalancer lb = h.alb("web");
        h.forward(lb, tg, 80);
        ElbHarness.Answer first = h.get(lb, "/");
        String cookie = first.header("Set-Cookie").replaceAll("^.*?(AWSALB=[^;]+).*$", "$1");
        assertThat(cookie).startsWith("AWSALB=");
        for (int i = 0; i < 6; i++) {
            assertThat(h.get(lb, "/", "Cookie: " + cookie).header("X-Target")).isEqualTo(first.header("X-Target"));
        }
    }

    @Test
    void aTargetSlowerThanTheIdleTimeoutIs504() throws IOException {
        EchoTarget a = target("a");
        TargetGroup tg = group("tg", a);
        LoadBalancer lb = h.alb("web");
        h.forward(lb, tg, 80);
        h.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(
                LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("1").build()));
        ElbHarness.Answer slow = h.get(lb, "/slow");
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.body()).contains("504 Gateway Time-out");
    }

    @Test
    void anHttpsListenerIsServedAsHttpAndSaysHttpsToTargets() throws IOException {
        EchoTarget a = target("a");
        TargetGroup tg = group("tg", a);
        LoadBalancer lb = h.alb("web");
        h.elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(443)
                .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/abc"))
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()));
        assertThat(h.get(lb, "/").body()).contains("x-forwarded-proto: https");
    }

    @Test
    void internalLoadBalancersAreReachedByTheirInternalHostName() throws IOException {
        List<Subnet> subnets = h.defaultSubnets();
        LoadBalancer lb = h.elb.createLoadBalancer(b -> b.name("inside").scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnets.get(0).subnetId(), subnets.get(1).subnetId())).loadBalancers().get(0);
        h.elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).port(80)
                .defaultActions(ListenerRuleIT.fixed("200", "inside")));
        assertThat(ElbHarness.host(lb)).startsWith("internal-inside-");
        assertThat(h.get(lb, "/").body()).isEqualTo("inside");
    }

    @Test
    void networkLoadBalancersProxyAndCheckTargetsOverTcp() throws IOException {
        EchoTarget a = target("a");
        List<Subnet> subnets = h.defaultSubnets();
        LoadBalancer nlb = h.elb.createLoadBalancer(b -> b.name("tcp").type(LoadBalancerTypeEnum.NETWORK)
                .subnets(subnets.get(0).subnetId())).loadBalancers().get(0);
        TargetGroup tg = h.elb.createTargetGroup(b -> b.name("tcp").protocol(ProtocolEnum.TCP).port(a.port())
                .vpcId(nlb.vpcId()).targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(15)).targetGroups().get(0);
        assertThat(tg.healthCheckProtocol()).isEqualTo(ProtocolEnum.TCP);
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(10);
        h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1")));
        h.elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()));
        String host = nlb.dnsName().substring(0, nlb.dnsName().indexOf('.')) + ".elb.localhost.localstack.cloud";
        ElbHarness.Answer answer = ElbHarness.raw(h.frontEnd.port(), "GET /n HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.body()).contains("target=a").contains("line=GET /n");
        h.advance(Duration.ofSeconds(10));
        Await.until(() -> h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions()
                .get(0).targetHealth().state() == TargetHealthStateEnum.HEALTHY, "the target healthy over TCP");
        assertThat(a.healthChecks.get()).isZero();
        h.metrics.sampleNow();
        assertThat(h.metrics.last("AWS/NetworkELB", "HealthyHostCount", "TargetGroup",
                tg.targetGroupArn().substring(tg.targetGroupArn().indexOf("targetgroup/")), "LoadBalancer",
                nlb.loadBalancerArn().substring(nlb.loadBalancerArn().indexOf("net/"))).value()).isEqualTo(1);
        assertThatThrownBy(() -> h.elb.createLoadBalancer(b -> b.name("gw").type(LoadBalancerTypeEnum.GATEWAY)
                .subnets(subnets.get(0).subnetId())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidConfigurationRequest"));
    }
}
