package dev.gureum.elb.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleMatchingTest {

    @ParameterizedTest
    @CsvSource({
            "/api/*, /api/users, false, true",
            "/api/*, /api/, false, true",
            "/api/*, /API/users, false, false",
            "/api/*, /API/users, true, true",
            "/img/*.png, /img/a/b.png, false, true",
            "/img/*.png, /img/a/b.jpg, false, false",
            "/v?/*, /v2/x, false, true",
            "/v?/*, /v10/x, false, false",
            "*, '', false, true",
            "a*b*c, aXXbYYc, false, true",
            "a*b*c, aXXbYY, false, false",
            "*.example.com, www.EXAMPLE.com, true, true",
    })
    void wildcards(String pattern, String text, boolean ignoreCase, boolean matches) {
        assertThat(Wildcard.matches(pattern, text, ignoreCase)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.1.2.3, true",
            "10.0.0.0/8, 11.1.2.3, false",
            "127.0.0.1/32, 127.0.0.1, true",
            "2001:db8::/32, 2001:db8::1, true",
            "2001:db8::/32, 10.0.0.1, false",
            "0.0.0.0/0, 192.168.1.1, true",
    })
    void sourceCidrs(String cidr, String address, boolean contains) {
        assertThat(SourceCidr.parse(cidr).contains(address)).isEqualTo(contains);
    }

    @Test
    void aRuleMatchesWhenEveryConditionHasAMatchingValue() {
        RequestFacts facts = new RequestFacts("GET", "/shop/cart", "www.example.com",
                Map.of("user-agent", List.of("Mozilla/5.0 (Mobile)")),
                List.of(new RuleCondition.QueryPair("lang", "ko")), "10.0.0.7");
        RuleCondition path = new RuleCondition("path-pattern", null, List.of("/blog/*", "/shop/*"), null);
        RuleCondition host = new RuleCondition("host-header", null, List.of("*.EXAMPLE.com"), null);
        RuleCondition agent = new RuleCondition("http-header", "User-Agent", List.of("*mobile*"), null);
        RuleCondition query = new RuleCondition("query-string", null, null, List.of(new RuleCondition.QueryPair(null, "KO")));
        RuleCondition source = new RuleCondition("source-ip", null, List.of("10.0.0.0/24"), null);
        RuleCondition post = new RuleCondition("http-request-method", null, List.of("POST"), null);
        assertThat(facts.matches(List.of(path, host, agent, query, source))).isTrue();
        assertThat(facts.matches(List.of(path, post))).isFalse();
        assertThat(facts.matches(List.of())).isTrue();
    }

    @Test
    void healthCheckMatchersTakeListsAndRanges() {
        HealthCheck check = new HealthCheck(true, "HTTP", "traffic-port", "/", 30, 5, 5, 2, "200,202,300-302");
        assertThat(check.matches(200)).isTrue();
        assertThat(check.matches(202)).isTrue();
        assertThat(check.matches(301)).isTrue();
        assertThat(check.matches(201)).isFalse();
        assertThat(check.matches(404)).isFalse();
    }

    @Test
    void targetHealthFollowsThresholds() {
        TargetHealth health = new TargetHealth();
        HealthCheck check = new HealthCheck(true, "HTTP", "traffic-port", "/", 30, 5, 3, 2, "200");
        TargetGroup tg = new TargetGroup("arn:tg", "a", "r", "tg", "ip", "HTTP", "HTTP1", 80, "vpc-1", check, Map.of(), Map.of());
        Registration r = new Registration("arn:tg", "10.0.0.1", 80, null, null);
        assertThat(health.status(tg, r, true).state()).isEqualTo("initial");
        health.checked(r, check, "Target.Timeout", "Request timed out");
        assertThat(health.status(tg, r, true).state()).isEqualTo("initial");
        health.checked(r, check, "Target.Timeout", "Request timed out");
        assertThat(health.status(tg, r, true)).isEqualTo(new TargetHealth.Status("unhealthy", "Target.Timeout",
                "Request timed out"));
        health.checked(r, check, null, null);
        health.checked(r, check, null, null);
        assertThat(health.status(tg, r, true).state()).isEqualTo("unhealthy");
        health.checked(r, check, null, null);
        assertThat(health.status(tg, r, true).state()).isEqualTo("healthy");
        assertThat(health.status(tg, r, false).reason()).isEqualTo("Target.NotInUse");
        assertThat(health.status(tg, null, true).reason()).isEqualTo("Target.NotRegistered");
        assertThat(health.status(tg, r.draining(java.time.Instant.EPOCH), true).reason())
                .isEqualTo("Target.DeregistrationInProgress");
    }
}
