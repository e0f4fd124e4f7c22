package dev.gureum.s3.lifecycle;

import dev.gureum.s3.domain.S3Object;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    private static S3Object version(String id, Instant written, Map<String, String> tags, long size) {
        return new S3Object("logs/a", id, false, "e", size, written, Map.of(), Map.of(), Map.of(), null, List.of(),
                tags, "STANDARD", "000000000000", null);
    }

    private static LifecycleRule rule(LifecycleRule.Filter filter, Integer days, Integer noncurrentDays,
                                      Integer newer, boolean markers) {
        return new LifecycleRule("r", true, filter, null, days, markers, noncurrentDays, newer, null, List.of(),
                List.of());
    }

    @Test
    void actionsFallDueAtTheFollowingMidnight() {
        assertThat(Lifecycle.dueAt(T0, 3)).isEqualTo(Instant.parse("2026-01-19T00:00:00Z"));
        assertThat(Lifecycle.dueAt(Instant.parse("2026-01-15T00:00:00Z"), 3))
                .isEqualTo(Instant.parse("2026-01-18T00:00:00Z"));
    }

    @Test
    void filtersNeedEveryTagAndTheSize() {
        LifecycleRule.Filter filter = new LifecycleRule.Filter("logs/", Map.of("k", "v"), 2L, 10L);
        assertThat(filter.matches(version("1", T0, Map.of("k", "v", "x", "y"), 5))).isTrue();
        assertThat(filter.matches(version("1", T0, Map.of("k", "w"), 5))).isFalse();
        assertThat(filter.matches(version("1", T0, Map.of("k", "v"), 10))).isFalse();
        assertThat(filter.matches(S3Object.deleteMarker("logs/a", "m", T0, "0"))).isFalse();
    }

    @Test
    void currentAndNoncurrentVersions() {
        LifecycleRule.Filter all = new LifecycleRule.Filter("", Map.of(), null, null);
        List<S3Object> versions = List.of(version("3", T0.plusSeconds(20), Map.of(), 1),
                version("2", T0.plusSeconds(10), Map.of(), 1), version("1", T0, Map.of(), 1));
        Instant due = Instant.parse("2026-01-18T00:00:00Z");
        assertThat(Lifecycle.actions(List.of(rule(all, 2, null, null, false)), versions, due.minusSeconds(1))).isEmpty();
        assertThat(Lifecycle.actions(List.of(rule(all, 2, null, null, false)), versions, due))
                .containsExactly(new Lifecycle.Action.ExpireCurrent("3"));
        assertThat(Lifecycle.actions(List.of(rule(all, null, 2, 1, false)), versions, due))
                .containsExactly(new Lifecycle.Action.DeleteVersion("1"));
        S3Object marker = S3Object.deleteMarker("logs/a", "m", T0, "0");
        assertThat(Lifecycle.actions(List.of(rule(all, null, null, null, true)), List.of(marker), T0))
                .containsExactly(new Lifecycle.Action.DeleteVersion("m"));
        assertThat(Lifecycle.expiry(List.of(rule(all, 2, null, null, false)), versions.get(0)).date()).isEqualTo(due);
    }
}
