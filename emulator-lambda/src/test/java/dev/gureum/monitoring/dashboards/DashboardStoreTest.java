package dev.gureum.monitoring.dashboards;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordsReplay;
import dev.gureum.monitoring.CloudWatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardStoreTest {

    @TempDir
    Path dir;

    private final DashboardStore store = new DashboardStore(new MutableClock(Instant.parse("2026-03-01T00:00:00Z")));

    @Test
    void bodiesAreCheckedWidgetByWidget() {
        assertThat(DashboardRules.validate(Map.of("widgets", List.of()))).isEmpty();
        assertThat(DashboardRules.validate(DashboardRules.NOT_JSON)).extracting(DashboardRules.ValidationMessage::message)
                .containsExactly("The field DashboardBody must be a valid JSON object");
        assertThat(DashboardRules.validate(Map.of("widgets", "x")))
                .containsExactly(new DashboardRules.ValidationMessage("/widgets", "Should be array"));
        assertThat(DashboardRules.validate(Map.of("widgets", List.of(Map.of("type", "metric", "width", 25, "x", 1.5)))))
                .containsExactlyInAnyOrder(new DashboardRules.ValidationMessage("/widgets/0/width", "Should be <= 24"),
                        new DashboardRules.ValidationMessage("/widgets/0/x", "Should be integer"));
        assertThat(DashboardRules.validate(Map.of("widgets", List.of(Map.of("width", 3)))))
                .containsExactly(new DashboardRules.ValidationMessage("/widgets/0", "Should have required property 'type'"));
    }

    @Test
    void deletingIsAllOrNothing() {
        store.put("a", "one", "{\"widgets\":[]}", Map.of("widgets", List.of()));
        store.put("a", "two", "{\"widgets\":[]}", Map.of("widgets", List.of()));
        assertThatThrownBy(() -> store.delete("a", List.of("one", "three")))
                .isInstanceOfSatisfying(DashboardException.class,
                        e -> assertThat(e.reason()).isEqualTo(DashboardException.Reason.NOT_FOUND));
        assertThat(store.list("a", null, null).items()).hasSize(2);
        assertThat(store.delete("a", List.of("one", "two"))).hasSize(2);
        assertThat(store.list("a", null, null).items()).isEmpty();
        // another account's are its own
        assertThatThrownBy(() -> store.get("b", "one")).isInstanceOf(DashboardException.class);
    }

    @Test
    void recordsReadBackAsWritten() {
        List<Object> written = List.of(new Dashboard("a", "d", "{\"widgets\":[]}", Instant.parse("2026-03-01T00:00:01Z")),
                new DashboardDeleted("a", "old"));
        assertThat(RecordsReplay.fromJournal(dir, CloudWatchState.TYPES, written)).isEqualTo(written);
    }
}
