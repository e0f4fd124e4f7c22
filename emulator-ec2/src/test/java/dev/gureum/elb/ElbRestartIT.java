package dev.gureum.elb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ElbRestartIT {

    @TempDir
    Path dir;

    @Test
    void loadBalancersListenersRulesGroupsTargetsAndTagsSurviveARestart() throws Exception {
        LoadBalancer lb;
        Listener listener;
        TargetGroup tg;
        List<Rule> rules;
        try (EchoTarget a = new EchoTarget("a")) {
            try (ElbHarness h = new ElbHarness(dir)) {
                lb = h.alb("web");
                tg = h.targetGroup("tg", TargetTypeEnum.IP, a.port());
                h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("127.0.0.1")));
                h.elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn()).attributes(
                        TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("30").build()));
                listener = h.forward(lb, tg, 80);
                h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(3)
                        .conditions(ListenerRuleIT.path("/fixed")).actions(ListenerRuleIT.fixed("200", "kept"))
                        .tags(Tag.builder().key("rule").value("yes").build()));
                h.elb.addTags(b -> b.resourceArns(lb.loadBalancerArn()).tags(Tag.builder().key("env").value("dev").build()));
                rules = h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules();
            }
            assertThat(Files.isDirectory(dir.resolve("elb").resolve("journal"))).isTrue();
            try (ElbHarness h = new ElbHarness(dir)) {
                // the same moment of the clock as before: still provisioning
                assertThat(h.elb.describeLoadBalancers().loadBalancers()).containsExactly(lb);
                assertThat(h.elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners())
                        .containsExactly(listener);
                assertThat(h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules()).isEqualTo(rules);
                assertThat(h.elb.describeTargetGroups().targetGroups().get(0).loadBalancerArns())
                        .containsExactly(lb.loadBalancerArn());
                assertThat(h.elb.describeTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())).attributes())
                        .contains(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("30").build());
                List<TargetHealthDescription> targets = h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()))
                        .targetHealthDescriptions();
                assertThat(targets).extracting(d -> d.target().id() + ":" + d.target().port())
                        .containsExactly("127.0.0.1:" + a.port());
                assertThat(h.elb.describeTags(b -> b.resourceArns(lb.loadBalancerArn(), rules.get(0).ruleArn()))
                        .tagDescriptions()).extracting(d -> d.tags().get(0).key()).containsExactly("env", "rule");
                // the data plane serves the replayed load balancer
                assertThat(h.get(lb, "/fixed").body()).isEqualTo("kept");
                assertThat(h.get(lb, "/").body()).contains("target=a");
            }
        }
    }
}
