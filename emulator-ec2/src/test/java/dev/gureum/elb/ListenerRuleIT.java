package dev.gureum.elb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerRuleIT {

    private final ElbHarness h = new ElbHarness();

    @AfterEach
    void close() {
        h.close();
    }

    static Action fixed(String status, String body) {
        return Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(FixedResponseActionConfig.builder()
                .statusCode(status).contentType("text/plain").messageBody(body).build()).build();
    }

    static RuleCondition path(String... patterns) {
        return RuleCondition.builder().field("path-pattern").pathPatternConfig(c -> c.values(patterns)).build();
    }

    @Test
    void listenersForwardAndKeepHttpsCertificates() {
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, 8080);
        Listener http = h.forward(lb, tg, 80);
        assertThat(http.listenerArn()).startsWith(lb.loadBalancerArn().replace(":loadbalancer/", ":listener/") + "/");
        assertThat(http.defaultActions().get(0).forwardConfig().targetGroups().get(0).targetGroupArn())
                .isEqualTo(tg.targetGroupArn());
        assertThatThrownBy(() -> h.forward(lb, tg, 80)).isInstanceOf(DuplicateListenerException.class);
        assertThatThrownBy(() -> h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS)
                .port(443).defaultActions(fixed("200", "x")))).isInstanceOf(CertificateNotFoundException.class);
        String cert = "arn:aws:acm:us-east-1:000000000000:certificate/0c6a8f4e-1111-2222-3333-444455556666";
        Listener https = h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS)
                .port(443).certificates(c -> c.certificateArn(cert)).defaultActions(fixed("200", "x"))).listeners().get(0);
        assertThat(https.certificates()).extracting(c -> c.certificateArn()).containsExactly(cert);
        assertThat(https.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
        assertThat(h.elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners())
                .extracting(Listener::port).containsExactly(80, 443);
        assertThat(h.elb.describeTargetGroups(b -> b.targetGroupArns(tg.targetGroupArn())).targetGroups().get(0)
                .loadBalancerArns()).containsExactly(lb.loadBalancerArn());
        assertThatThrownBy(() -> h.elb.deleteTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn())))
                .isInstanceOf(ResourceInUseException.class);
        h.elb.modifyListener(b -> b.listenerArn(http.listenerArn()).port(8080));
        h.elb.deleteListener(b -> b.listenerArn(https.listenerArn()));
        assertThat(h.elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners())
                .extracting(Listener::port).containsExactly(8080);
        assertThatThrownBy(() -> h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(81)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn() + "0").build())))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void rulesHavePrioritiesConditionsAndTheDefaultRuleLast() {
        LoadBalancer lb = h.alb("web");
        Listener listener = h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(80)
                .defaultActions(fixed("404", "none"))).listeners().get(0);
        Rule api = h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(10).conditions(path("/api/*"))
                .actions(fixed("200", "api"))).rules().get(0);
        Rule redirect = h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(5).conditions(
                RuleCondition.builder().field("host-header").hostHeaderConfig(c -> c.values("old.example.com")).build())
                .actions(Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r.host("new.example.com")
                        .statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build())).rules().get(0);
        assertThat(redirect.actions().get(0).redirectConfig().path()).isEqualTo("/#{path}");
        assertThat(redirect.actions().get(0).redirectConfig().protocol()).isEqualTo("#{protocol}");
        List<Rule> rules = h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules();
        assertThat(rules).extracting(Rule::priority).containsExactly("5", "10", "default");
        assertThat(rules.get(2).isDefault()).isTrue();
        assertThat(rules.get(1).conditions().get(0).pathPatternConfig().values()).containsExactly("/api/*");
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(10)
                .conditions(path("/x")).actions(fixed("200", "x")))).isInstanceOf(PriorityInUseException.class);
        h.elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(api.ruleArn()).priority(1)));
        assertThat(h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules()).extracting(Rule::ruleArn)
                .containsExactly(api.ruleArn(), redirect.ruleArn(), rules.get(2).ruleArn());
        h.elb.modifyRule(b -> b.ruleArn(api.ruleArn()).conditions(path("/v2/*")));
        assertThat(h.elb.describeRules(b -> b.ruleArns(api.ruleArn())).rules().get(0).conditions().get(0).values())
                .containsExactly("/v2/*");
        assertThatThrownBy(() -> h.elb.deleteRule(b -> b.ruleArn(rules.get(2).ruleArn())))
                .isInstanceOf(OperationNotPermittedException.class);
        h.elb.deleteRule(b -> b.ruleArn(redirect.ruleArn()));
        assertThat(h.elb.describeRules(b -> b.listenerArn(listener.listenerArn())).rules()).hasSize(2);
    }

    @Test
    void conditionsAndActionsAreCheckedWithAwsLimits() {
        LoadBalancer lb = h.alb("web");
        Listener listener = h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(80)
                .defaultActions(fixed("404", "none"))).listeners().get(0);
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(path("/a", "/b", "/c"), RuleCondition.builder().field("http-header")
                        .httpHeaderConfig(c -> c.httpHeaderName("X-A").values("1", "2", "3")).build())
                .actions(fixed("200", "x"))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("A rule can only have '5' condition values");
                });
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(RuleCondition.builder().field("colour").values("red").build()).actions(fixed("200", "x"))))
                .hasMessageContaining("Condition field 'colour' must be one of");
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(RuleCondition.builder().field("source-ip").sourceIpConfig(c -> c.values("10.0.0.0/33")).build())
                .actions(fixed("200", "x")))).hasMessageContaining("not a valid CIDR block");
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(RuleCondition.builder().field("http-request-method")
                        .httpRequestMethodConfig(c -> c.values("get")).build())
                .actions(fixed("200", "x")))).hasMessageContaining("The HTTP request method 'get' is not valid");
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(50001)
                .conditions(path("/x")).actions(fixed("200", "x")))).hasMessageContaining("between 1 and 50000");
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(path("/x")).actions(fixed("302", "x")))).hasMessageContaining("2XX, 4XX or 5XX");
        TargetGroup tcp = h.elb.createTargetGroup(b -> b.name("tcp").protocol(ProtocolEnum.TCP).port(80)
                .vpcId(lb.vpcId())).targetGroups().get(0);
        assertThatThrownBy(() -> h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(1)
                .conditions(path("/x")).actions(Action.builder().type(ActionTypeEnum.FORWARD)
                        .targetGroupArn(tcp.targetGroupArn()).build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncompatibleProtocols"));
    }
}
