package dev.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets AWS's errors, and a load balancer sent to itself does not take the server down. */
class BadInputIT {

    private final ElbHarness h = new ElbHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void subnetsOfOneZoneAreRefused() {
        List<Subnet> subnets = h.defaultSubnets();
        Subnet second = h.ec2.createSubnet(b -> b.vpcId(subnets.get(0).vpcId()).cidrBlock("172.31.250.0/24")
                .availabilityZone(subnets.get(0).availabilityZone())).subnet();
        refused(() -> h.elb.createLoadBalancer(b -> b.name("one-zone").subnets(subnets.get(0).subnetId(), second.subnetId())),
                "InvalidConfigurationRequest", "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
        refused(() -> h.elb.createLoadBalancer(b -> b.name("one").subnets(second.subnetId())),
                "ValidationError", "At least two subnets in two different Availability Zones must be specified");
    }

    @Test
    void targetsOfTheWrongTypeAreRefused() {
        TargetGroup ip = h.targetGroup("ip", TargetTypeEnum.IP, 80);
        TargetGroup instance = h.targetGroup("instance", TargetTypeEnum.INSTANCE, 80);
        refused(() -> h.elb.registerTargets(b -> b.targetGroupArn(ip.targetGroupArn()).targets(t -> t.id("i-0123456789abcdef0"))),
                "InvalidTarget", "The following targets are not valid ip targets: 'i-0123456789abcdef0'");
        refused(() -> h.elb.registerTargets(b -> b.targetGroupArn(instance.targetGroupArn()).targets(t -> t.id("10.0.0.1"))),
                "InvalidTarget", "The following targets are not valid instance targets: '10.0.0.1'");
    }

    @Test
    void rulesOverTheLimitsAndPrioritiesGivenTwiceAreRefused() {
        LoadBalancer lb = h.alb("web");
        Listener listener = h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(80)
                .defaultActions(ListenerRuleIT.fixed("404", "none"))).listeners().get(0);
        refused(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(ListenerRuleIT.path("/a")).actions(ListenerRuleIT.fixed("200", "a"),
                        ListenerRuleIT.fixed("200", "b").toBuilder().order(2).build())),
                "TooManyActions", "A rule or listener can have only one forward, redirect or fixed-response action");
        for (int i = 1; i <= 100; i++) {
            int priority = i;
            h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(priority)
                    .conditions(ListenerRuleIT.path("/" + priority)).actions(ListenerRuleIT.fixed("200", "r")));
        }
        refused(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(101)
                .conditions(ListenerRuleIT.path("/101")).actions(ListenerRuleIT.fixed("200", "r"))),
                "TooManyRules", "The maximum number of rules has been reached");
        List<Rule> rules = h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules();
        Rule first = rules.get(0);
        Rule second = rules.get(1);
        refused(() -> h.elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(first.ruleArn()).priority(500),
                p -> p.ruleArn(second.ruleArn()).priority(500))), "PriorityInUse", "Priority '500' was provided multiple times");
        refused(() -> h.elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(first.ruleArn()).priority(3))),
                "PriorityInUse", "Priority '3' is currently in use");
        // two rules exchanging their priorities in one call is no conflict
        h.elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(first.ruleArn()).priority(2),
                p -> p.ruleArn(second.ruleArn()).priority(1)));
        assertThat(h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules().subList(0, 2))
                .extracting(Rule::ruleArn).containsExactly(second.ruleArn(), first.ruleArn());
    }

    @Test
    void aLoadBalancerThatIsItsOwnTargetAnswers463() throws IOException {
        LoadBalancer lb = h.alb("loop");
        TargetGroup tg = h.targetGroup("self", TargetTypeEnum.IP, 80);
        Listener listener = h.forward(lb, tg, 80);
        JsonNode view = Json.mapper().readTree(ElbHarness.raw(h.frontEnd.port(), "GET /_gureum/elb HTTP/1.1\r\nHost: 127.0.0.1:"
                + h.frontEnd.port() + "\r\nConnection: close\r\n\r\n").body());
        int local = view.get("loadBalancers").get(0).get("listeners").get(0).get("localPort").asInt();
        h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("127.0.0.1").port(local)));
        ElbHarness.Answer answer = ElbHarness.raw(local, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(463);
        assertThat(answer.header("Server")).isEqualTo("awselb/2.0");
        h.elb.modifyListener(b -> b.listenerArn(listener.listenerArn()).defaultActions(ListenerRuleIT.fixed("200", "still up")));
        assertThat(h.get(lb, "/").body()).isEqualTo("still up");
    }
}
