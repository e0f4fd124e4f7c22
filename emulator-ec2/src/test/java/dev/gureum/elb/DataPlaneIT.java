package dev.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class DataPlaneIT {

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

    private void register(TargetGroup tg, EchoTarget... echo) {
        for (EchoTarget t : echo) {
            h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1").port(t.port())));
        }
    }

    private TargetHealth health(TargetGroup tg, int port) {
        return h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())
                .targets(TargetDescription.builder().id("127.0.0.1").port(port).build()))
                .targetHealthDescriptions().get(0).targetHealth();
    }

    @Test
    void forwardsThroughGureumsPortByHostNameWithForwardedHeaders() throws IOException {
        EchoTarget a = target("a");
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, a.port());
        register(tg, a);
        h.forward(lb, tg, 80);
        ElbHarness.Answer answer = h.get(lb, "/hello?x=1", "X-Forwarded-For: 203.0.113.9");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Target")).isEqualTo("a");
        assertThat(answer.body()).contains("target=a").contains("line=GET /hello?x=1")
                .contains("host: " + ElbHarness.host(lb) + ":" + h.frontEnd.port())
                .contains("x-forwarded-for: 203.0.113.9,127.0.0.1")
                .contains("x-forwarded-proto: http")
                .contains("x-forwarded-port: " + h.frontEnd.port())
                .containsPattern("x-amzn-trace-id: Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(answer.header("x-amz-request-id")).isNull();
    }

    @Test
    void streamsLargeBodiesToTheTarget() throws IOException {
        EchoTarget a = target("a");
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, a.port());
        register(tg, a);
        h.forward(lb, tg, 80);
        int size = 8 * 1024 * 1024;
        String head = "POST /upload HTTP/1.1\r\nHost: " + ElbHarness.host(lb) + "\r\nContent-Length: " + size
                + "\r\nConnection: close\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", h.frontEnd.port())) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                socket.getOutputStream().write(chunk);
            }
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 200").contains("bytes=" + size);
        }
    }

    @Test
    void eachListenerHasALocalPortOfItsOwn() throws IOException {
        EchoTarget a = target("a");
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, a.port());
        register(tg, a);
        Listener listener = h.forward(lb, tg, 8080);
        JsonNode view = Json.mapper().readTree(ElbHarness.raw(h.frontEnd.port(), "GET /_gureum/elb HTTP/1.1\r\nHost: 127.0.0.1:"
                + h.frontEnd.port() + "\r\nConnection: close\r\n\r\n").body());
        JsonNode node = view.get("loadBalancers").get(0);
        assertThat(node.get("dnsName").asText()).isEqualTo(lb.dnsName());
        assertThat(node.get("url").asText()).isEqualTo("http://" + ElbHarness.host(lb) + ":" + h.frontEnd.port() + "/");
        JsonNode l = node.get("listeners").get(0);
        assertThat(l.get("arn").asText()).isEqualTo(listener.listenerArn());
        int local = l.get("localPort").asInt();
        assertThat(local).isPositive();
        ElbHarness.Answer answer = ElbHarness.raw(local, "GET /direct HTTP/1.1\r\nHost: 127.0.0.1:" + local
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.body()).contains("target=a").contains("line=GET /direct").contains("x-forwarded-port: 8080");
        h.elb.deleteListener(b -> b.listenerArn(listener.listenerArn()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ElbHarness.raw(local, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rulesMatchByPriorityWithAwsWildcards() throws IOException {
        LoadBalancer lb = h.alb("web");
        Listener listener = h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(80)
                .defaultActions(ListenerRuleIT.fixed("404", "default"))).listeners().get(0);
        rule(listener, 1, ListenerRuleIT.path("/img/*.png"), "png");
        rule(listener, 2, ListenerRuleIT.path("/v?/*"), "versioned");
        rule(listener, 3, RuleCondition.builder().field("http-header").httpHeaderConfig(c -> c.httpHeaderName("X-Beta")
                .values("YES*")).build(), "beta");
        rule(listener, 4, RuleCondition.builder().field("query-string").queryStringConfig(c -> c.values(
                v -> v.key("mode").value("dark"))).build(), "dark");
        rule(listener, 5, RuleCondition.builder().field("http-request-method").httpRequestMethodConfig(c -> c.values("DELETE"))
                .build(), "delete");
        rule(listener, 6, RuleCondition.builder().field("source-ip").sourceIpConfig(c -> c.values("10.0.0.0/8")).build(), "ten");
        rule(listener, 7, RuleCondition.builder().field("host-header").hostHeaderConfig(c -> c.values("*.elb.localhost.localstack.cloud"))
                .build(), "host");
        assertThat(h.get(lb, "/img/a/b.png").body()).isEqualTo("png");
        assertThat(h.get(lb, "/img/a/b.PNG").body()).isEqualTo("host");
        assertThat(h.get(lb, "/v2/users").body()).isEqualTo("versioned");
        assertThat(h.get(lb, "/v10/users").body()).isEqualTo("host");
        assertThat(h.get(lb, "/x", "X-Beta: yes-please").body()).isEqualTo("beta");
        assertThat(h.get(lb, "/x?mode=DARK").body()).isEqualTo("dark");
        ElbHarness.Answer fixed = h.get(lb, "/x");
        assertThat(fixed.body()).isEqualTo("host");
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.header("Content-Type")).startsWith("text/plain");
        assertThat(fixed.header("Server")).isEqualTo("awselb/2.0");
        ElbHarness.Answer delete = ElbHarness.raw(h.frontEnd.port(), "DELETE /x HTTP/1.1\r\nHost: " + ElbHarness.host(lb)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(delete.body()).isEqualTo("delete");
        ElbHarness.Answer other = ElbHarness.raw(h.frontEnd.port(), "GET /x HTTP/1.1\r\nHost: MY-HOST.example\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(other.status()).isNotEqualTo(200);
        String dimension = lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("app/"));
        assertThat(h.metrics.sum("AWS/ApplicationELB", "HTTP_Fixed_Response_Count", "LoadBalancer", dimension)).isEqualTo(8);
        assertThat(h.metrics.data("AWS/ApplicationELB", "HTTPCode_ELB_2XX_Count", "LoadBalancer", dimension)).isEmpty();
    }

    private void rule(Listener listener, int priority, RuleCondition condition, String body) {
        h.elb.createRule(b -> b.listenerArn(listener.listenerArn()).priority(priority).conditions(condition)
                .actions(ListenerRuleIT.fixed("200", body)));
    }

    @Test
    void redirectsFillInTheirPlaceholders() throws IOException {
        LoadBalancer lb = h.alb("web");
        h.elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(80).defaultActions(Action.builder()
                .type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r.protocol("HTTPS").port("443").path("/new/#{path}")
                        .query("from=#{host}&#{query}").statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build()));
        ElbHarness.Answer answer = h.get(lb, "/old/page?a=1");
        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.header("Location")).isEqualTo("https://" + ElbHarness.host(lb) + "/new/old/page?from="
                + ElbHarness.host(lb) + "&a=1");
        String dimension = lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("app/"));
        assertThat(h.metrics.sum("AWS/ApplicationELB", "HTTP_Redirect_Count", "LoadBalancer", dimension)).isEqualTo(1);
        assertThat(h.metrics.sum("AWS/ApplicationELB", "HTTPCode_ELB_3XX_Count", "LoadBalancer", dimension)).isEqualTo(1);
        assertThat(h.metrics.sum("AWS/ApplicationELB", "RequestCount", "LoadBalancer", dimension)).isEqualTo(1);
    }

    @Test
    void noTargetsIs503AndAnUnreachableTargetIs502AsOnAws() throws IOException {
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, 80);
        h.forward(lb, tg, 80);
        ElbHarness.Answer none = h.get(lb, "/");
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.body()).contains("<center><h1>503 Service Temporarily Unavailable</h1></center>");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1").port(closed)));
        ElbHarness.Answer refused = h.get(lb, "/");
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.body()).contains("<center><h1>502 Bad Gateway</h1></center>");
        ElbHarness.Answer unknown = ElbHarness.raw(h.frontEnd.port(), "GET / HTTP/1.1\r\nHost: nobody-1.us-east-1"
                + ".elb.localhost.localstack.cloud\r\nConnection: close\r\n\r\n");
        assertThat(unknown.status()).isEqualTo(404);
        Await.until(() -> h.metrics.sum("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer",
                lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("app/"))) == 2, "two 5XX answers counted");
    }

    @Test
    void healthChecksOnTheClockDecideWhichTargetsGetTraffic() throws IOException {
        EchoTarget a = target("a");
        EchoTarget b = target("b");
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, 80);
        register(tg, a, b);
        h.forward(lb, tg, 80);
        h.advance(Duration.ofSeconds(10));
        Await.until(() -> health(tg, a.port()).state() == TargetHealthStateEnum.HEALTHY
                && health(tg, b.port()).state() == TargetHealthStateEnum.HEALTHY, "both targets healthy");
        assertThat(a.healthChecks.get()).isPositive();
        // round robin
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(h.get(lb, "/").header("X-Target"));
        }
        assertThat(served).containsOnly("a", "b").filteredOn("a"::equals).hasSize(2);
        b.healthStatus = 500;
        h.advance(Duration.ofSeconds(10));
        Await.until(() -> b.healthChecks.get() >= 2, "a check of b");
        h.advance(Duration.ofSeconds(10));
        Await.until(() -> health(tg, b.port()).state() == TargetHealthStateEnum.UNHEALTHY, "b unhealthy");
        TargetHealth unhealthy = health(tg, b.port());
        assertThat(unhealthy.reason()).isEqualTo(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH);
        assertThat(unhealthy.description()).isEqualTo("Health checks failed with these codes: [500]");
        for (int i = 0; i < 4; i++) {
            assertThat(h.get(lb, "/").header("X-Target")).isEqualTo("a");
        }
        a.healthStatus = 404;
        h.advance(Duration.ofSeconds(10));
        h.advance(Duration.ofSeconds(10));
        Await.until(() -> health(tg, a.port()).state() == TargetHealthStateEnum.UNHEALTHY, "a unhealthy");
        // no healthy target: the load balancer fails open, to every target
        int before = b.requests.get();
        for (int i = 0; i < 4; i++) {
            h.get(lb, "/");
        }
        assertThat(b.requests.get() - before).isEqualTo(2);
        h.metrics.sampleNow();
        String lbDimension = lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("app/"));
        String tgDimension = tg.targetGroupArn().substring(tg.targetGroupArn().indexOf("targetgroup/"));
        assertThat(h.metrics.last("AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", tgDimension,
                "LoadBalancer", lbDimension).value()).isEqualTo(2);
        // a request is counted once the load balancer is done with it, which may be just after its client is
        Await.until(() -> h.metrics.sum("AWS/ApplicationELB", "RequestCount", "LoadBalancer", lbDimension) == 12,
                "12 requests counted");
        assertThat(h.metrics.sum("AWS/ApplicationELB", "HTTPCode_Target_2XX_Count", "TargetGroup", tgDimension,
                "LoadBalancer", lbDimension)).isEqualTo(12);
        assertThat(h.metrics.data("AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", lbDimension)).hasSize(12);
        assertThat(h.metrics.sum("AWS/ApplicationELB", "RequestCountPerTarget", "TargetGroup", tgDimension,
                "LoadBalancer", lbDimension)).isGreaterThan(4);
    }

    @Test
    void leastOutstandingRequestsAvoidsABusyTarget() throws Exception {
        EchoTarget a = target("a");
        EchoTarget b = target("b");
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.IP, 80);
        h.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(TargetGroupAttribute.builder()
                .key("load_balancing.algorithm.type").value("least_outstanding_requests").build()));
        register(tg, a, b);
        h.forward(lb, tg, 80);
        CompletableFuture<ElbHarness.Answer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return h.get(lb, "/slow");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Await.until(() -> a.slowArrived.get() + b.slowArrived.get() == 1, "the slow request at a target");
        EchoTarget busy = a.slowArrived.get() == 1 ? a : b;
        EchoTarget idle = busy == a ? b : a;
        for (int i = 0; i < 3; i++) {
            assertThat(h.get(lb, "/").header("X-Target")).isEqualTo(idle.name);
        }
        busy.release.countDown();
        assertThat(slow.get().header("X-Target")).isEqualTo(busy.name);
    }

    @Test
    void instanceTargetsWithoutAWorkloadAreUnreachable() throws IOException {
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("tg", TargetTypeEnum.INSTANCE, 80);
        h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("i-0123456789abcdef0")));
        h.forward(lb, tg, 80);
        assertThat(h.get(lb, "/").status()).isEqualTo(502);
        h.advance(Duration.ofSeconds(10));
        h.advance(Duration.ofSeconds(10));
        Await.until(() -> h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions()
                .get(0).targetHealth().state() == TargetHealthStateEnum.UNHEALTHY, "the instance unhealthy");
        assertThat(h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions()
                .get(0).targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS);
    }
}
