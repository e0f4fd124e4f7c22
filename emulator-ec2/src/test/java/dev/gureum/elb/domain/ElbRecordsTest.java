package dev.gureum.elb.domain;

import dev.gureum.core.testing.RecordsReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElbRecordsTest {

    @TempDir
    Path dir;

    static List<Object> everyKind() {
        String lbArn = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/0123456789abcdef";
        String listenerArn = lbArn.replace(":loadbalancer/", ":listener/") + "/1111111111111111";
        String tgArn = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/tg/2222222222222222";
        LoadBalancer lb = new LoadBalancer(lbArn, "000000000000", "us-east-1", "web", "application", "internal", "ipv4",
                "vpc-1", List.of(new LoadBalancer.SubnetMapping("subnet-1", "us-east-1a"),
                new LoadBalancer.SubnetMapping("subnet-2", "us-east-1b")), List.of("sg-1"),
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T09:00:03Z"), "1234567890",
                Attributes.loadBalancerDefaults("application"), Map.of("env", "dev"));
        Listener listener = new Listener(listenerArn, lbArn, "000000000000", "us-east-1", 443, "HTTPS",
                List.of("arn:aws:acm:us-east-1:000000000000:certificate/x"), "ELBSecurityPolicy-2016-08",
                List.of(new RuleAction("forward", 1, List.of(new RuleAction.WeightedTargetGroup(tgArn, 3)), 60, null, null)),
                Map.of());
        ListenerRule rule = new ListenerRule(listenerArn.replace(":listener/", ":listener-rule/") + "/3333", listenerArn,
                "000000000000", "us-east-1", 7,
                List.of(new RuleCondition("http-header", "X-A", List.of("a*"), null),
                        new RuleCondition("query-string", null, null, List.of(new RuleCondition.QueryPair(null, "v"),
                                new RuleCondition.QueryPair("k", "w")))),
                List.of(new RuleAction("redirect", 1, null, 0, null,
                                new RuleAction.Redirect("HTTPS", "443", "#{host}", "/#{path}", "#{query}", "HTTP_301")),
                        new RuleAction("fixed-response", 2, null, 0, new RuleAction.FixedResponse("503", null, null), null)),
                Map.of("k", "v"));
        TargetGroup tg = new TargetGroup(tgArn, "000000000000", "us-east-1", "tg", "ip", "HTTP", "HTTP1", 8080, "vpc-1",
                new HealthCheck(true, "HTTP", "traffic-port", "/health", 10, 5, 3, 2, "200-299"),
                Attributes.targetGroupDefaults("ip", "HTTP"), Map.of());
        return List.of(lb, tg, listener, rule,
                new Registration(tgArn, "10.0.0.1", 8080, null, null),
                new Registration(tgArn, "10.0.0.2", 80, "us-east-1a", Instant.parse("2025-03-01T09:05:00Z")),
                new ElbStore.RegistrationRemoved(tgArn, "10.0.0.2:80"), new ElbStore.RuleDeleted(rule.arn()),
                new ElbStore.ListenerDeleted(listenerArn), new ElbStore.TargetGroupDeleted(tgArn),
                new ElbStore.LoadBalancerDeleted(lbArn));
    }

    @Test
    void everyRecordReadsBackEqual() {
        List<Object> records = everyKind();
        assertThat(RecordsReplay.fromJournal(dir, ElbRecords.TYPES, records)).isEqualTo(records);
    }

    @Test
    void removalsUndoWhatTheyName() {
        ElbStore store = new ElbStore();
        List<Object> records = everyKind();
        records.subList(0, 6).forEach(store::apply);
        assertThat(store.records()).hasSize(6);
        assertThat(store.loadBalancersOf(((TargetGroup) records.get(1)).arn()))
                .containsExactly(((LoadBalancer) records.get(0)).arn());
        records.subList(6, records.size()).forEach(store::apply);
        assertThat(store.records()).isEmpty();
    }
}
