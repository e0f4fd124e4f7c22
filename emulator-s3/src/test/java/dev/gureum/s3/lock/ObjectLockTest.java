package dev.gureum.s3.lock;

import dev.gureum.s3.domain.S3Object;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectLockTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static S3Object version(Map<String, String> headers) {
        return new S3Object("k", "v1", false, "e", 1, NOW, headers, Map.of(), Map.of(), null, List.of(), Map.of(),
                "STANDARD", "000000000000", null);
    }

    private static S3Object retained(ObjectLock.Mode mode, Instant until) {
        return version(ObjectLock.withRetention(Map.of(), new ObjectLock.Retention(mode, until)));
    }

    @Test
    void aWriteTakesItsOwnSettingsElseTheDefault() {
        ObjectLock.DefaultRetention fiveDays = new ObjectLock.DefaultRetention(ObjectLock.Mode.GOVERNANCE, 5, 0);
        assertThat(ObjectLock.forWrite(true, fiveDays, null, null, null, NOW))
                .containsEntry(ObjectLock.MODE, "GOVERNANCE")
                .containsEntry(ObjectLock.RETAIN_UNTIL, "2026-01-06T00:00:00.000Z");
        assertThat(ObjectLock.forWrite(true, new ObjectLock.DefaultRetention(ObjectLock.Mode.COMPLIANCE, 0, 1),
                null, null, null, NOW)).containsEntry(ObjectLock.RETAIN_UNTIL, "2027-01-01T00:00:00.000Z");
        assertThat(ObjectLock.forWrite(true, fiveDays, "COMPLIANCE", "2026-02-01T00:00:00Z", "ON", NOW))
                .containsEntry(ObjectLock.MODE, "COMPLIANCE").containsEntry(ObjectLock.LEGAL_HOLD, "ON");
        assertThat(ObjectLock.forWrite(false, null, null, null, null, NOW)).isEmpty();
        assertThatThrownBy(() -> ObjectLock.forWrite(false, null, null, null, "ON", NOW))
                .hasFieldOrPropertyWithValue("reason", LockRefusal.Reason.BUCKET_WITHOUT_LOCK);
        assertThatThrownBy(() -> ObjectLock.forWrite(true, null, "GOVERNANCE", null, null, NOW))
                .hasFieldOrPropertyWithValue("reason", LockRefusal.Reason.MODE_AND_DATE_TOGETHER);
        assertThatThrownBy(() -> ObjectLock.forWrite(true, null, "GOVERNANCE", "2025-01-01T00:00:00Z", null, NOW))
                .hasFieldOrPropertyWithValue("reason", LockRefusal.Reason.DATE_IN_PAST);
        assertThatThrownBy(() -> ObjectLock.forWrite(true, null, null, null, "maybe", NOW))
                .hasFieldOrPropertyWithValue("reason", LockRefusal.Reason.UNKNOWN_LEGAL_HOLD);
    }

    @Test
    void deletesOfProtectedVersionsAreRefused() {
        Instant later = NOW.plus(Duration.ofDays(1));
        S3Object governed = retained(ObjectLock.Mode.GOVERNANCE, later);
        assertThatThrownBy(() -> ObjectLock.checkDelete(governed, NOW, false)).isInstanceOf(LockRefusal.class);
        ObjectLock.checkDelete(governed, NOW, true);
        S3Object compliant = retained(ObjectLock.Mode.COMPLIANCE, later);
        assertThatThrownBy(() -> ObjectLock.checkDelete(compliant, NOW, true)).isInstanceOf(LockRefusal.class);
        ObjectLock.checkDelete(compliant, later, false);
        S3Object held = version(ObjectLock.withLegalHold(Map.of(), true));
        assertThatThrownBy(() -> ObjectLock.checkDelete(held, NOW, true)).isInstanceOf(LockRefusal.class);
        ObjectLock.checkDelete(version(ObjectLock.withLegalHold(Map.of(), false)), NOW, false);
    }

    @Test
    void retentionGrowsFreelyAndShrinksOnlyUnderGovernanceWithTheBypass() {
        Instant day = NOW.plus(Duration.ofDays(1));
        Instant week = NOW.plus(Duration.ofDays(7));
        S3Object compliant = retained(ObjectLock.Mode.COMPLIANCE, day);
        ObjectLock.checkRetentionChange(compliant, new ObjectLock.Retention(ObjectLock.Mode.COMPLIANCE, week), NOW, false);
        assertThatThrownBy(() -> ObjectLock.checkRetentionChange(compliant,
                new ObjectLock.Retention(ObjectLock.Mode.GOVERNANCE, week), NOW, true)).isInstanceOf(LockRefusal.class);
        assertThatThrownBy(() -> ObjectLock.checkRetentionChange(compliant, null, NOW, true))
                .isInstanceOf(LockRefusal.class);
        S3Object governed = retained(ObjectLock.Mode.GOVERNANCE, week);
        assertThatThrownBy(() -> ObjectLock.checkRetentionChange(governed,
                new ObjectLock.Retention(ObjectLock.Mode.GOVERNANCE, day), NOW, false)).isInstanceOf(LockRefusal.class);
        ObjectLock.checkRetentionChange(governed, new ObjectLock.Retention(ObjectLock.Mode.GOVERNANCE, day), NOW, true);
        // a change of mode alters the governance lock: it needs the bypass too
        assertThatThrownBy(() -> ObjectLock.checkRetentionChange(governed,
                new ObjectLock.Retention(ObjectLock.Mode.COMPLIANCE, week), NOW, false)).isInstanceOf(LockRefusal.class);
        ObjectLock.checkRetentionChange(governed, new ObjectLock.Retention(ObjectLock.Mode.COMPLIANCE, week), NOW, true);
        ObjectLock.checkRetentionChange(governed, null, week, false);
    }
}
