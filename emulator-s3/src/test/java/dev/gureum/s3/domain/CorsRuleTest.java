package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CorsRuleTest {

    private final CorsRule site = new CorsRule(List.of("https://*.example.com"), List.of("GET", "PUT"),
            List.of("Content-*"), List.of("ETag"), "300");
    private final CorsRule any = new CorsRule(List.of("*"), List.of("GET"), List.of(), List.of(), null);

    @Test
    void originsMatchWithOneWildcard() {
        assertThat(site.admits("https://app.example.com", "GET")).isTrue();
        assertThat(site.admits("https://example.org", "GET")).isFalse();
        assertThat(site.admits("https://app.example.com", "DELETE")).isFalse();
        assertThat(any.anyOrigin()).isTrue();
        assertThat(site.anyOrigin()).isFalse();
    }

    @Test
    void preflightsNeedEveryRequestedHeaderAllowed() {
        assertThat(site.admitsPreflight("https://a.example.com", "PUT", List.of("content-type"))).isTrue();
        assertThat(site.admitsPreflight("https://a.example.com", "PUT", List.of("content-type", "x-amz-meta-a")))
                .isFalse();
        assertThat(any.admitsPreflight("https://x", "GET", List.of("x-custom"))).isFalse();
    }

    @Test
    void theFirstAdmittingRuleAnswers() {
        assertThat(CorsRule.firstAdmitting(List.of(site, any), "https://a.example.com", "GET")).isSameAs(site);
        assertThat(CorsRule.firstAdmitting(List.of(site, any), "https://other", "GET")).isSameAs(any);
        assertThat(CorsRule.firstAdmitting(List.of(site, any), "https://other", "PUT")).isNull();
        assertThat(CorsRule.firstAdmittingPreflight(List.of(site, any), "https://other", "GET", List.of())).isSameAs(any);
    }
}
