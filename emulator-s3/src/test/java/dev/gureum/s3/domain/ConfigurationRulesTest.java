package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigurationRulesTest {

    private final Bucket bucket = new Bucket("b", "000000000000", "us-east-1", Instant.EPOCH);

    private BucketRefusal.Reason lifecycle(ConfigurationRules.LifecycleRuleTimings... rules) {
        BucketRefusal refusal = catchThrowableOfType(BucketRefusal.class,
                () -> ConfigurationRules.checkLifecycle(bucket, List.of(rules)));
        return refusal == null ? null : refusal.reason();
    }

    private static ConfigurationRules.LifecycleRuleTimings rule(String id, String action, String days, String date) {
        return new ConfigurationRules.LifecycleRuleTimings(id, List.of(
                new ConfigurationRules.LifecycleTiming(action, "Days", days, date)));
    }

    @Test
    void lifecycleRules() {
        assertThat(lifecycle(rule("a", "Expiration", "1", null), rule("b", "Expiration", "1", null))).isNull();
        assertThat(lifecycle(rule("a", "Expiration", "1", null), rule("a", "Expiration", "2", null)))
                .isEqualTo(BucketRefusal.Reason.DUPLICATE_RULE_ID);
        assertThat(lifecycle(rule("a", "Expiration", "0", null))).isEqualTo(BucketRefusal.Reason.NON_POSITIVE_DAYS);
        assertThat(lifecycle(rule("a", "Transition", "0", null))).isNull();
        assertThat(lifecycle(rule("a", "Transition", "-1", null))).isEqualTo(BucketRefusal.Reason.NON_POSITIVE_DAYS);
        assertThat(lifecycle(rule("a", "Expiration", "x", null))).isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(lifecycle(rule("a", "Expiration", "1", "2030-01-01T00:00:00Z")))
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(lifecycle(rule("a", "Expiration", null, "2030-01-01T00:00:00.000Z"))).isNull();
        assertThat(lifecycle(rule("a", "Expiration", null, "2030-01-01T00:00:01Z")))
                .isEqualTo(BucketRefusal.Reason.DATE_NOT_MIDNIGHT);
        assertThat(lifecycle(rule("a", "Expiration", null, "20300101"))).isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
    }

    @Test
    void loggingTargets() {
        Bucket mine = new Bucket("logs", "000000000000", "us-east-1", Instant.EPOCH);
        Bucket theirs = new Bucket("their-logs", "111111111111", "us-east-1", Instant.EPOCH);
        assertThatCode(() -> ConfigurationRules.checkLoggingTarget(bucket, "logs", mine)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(BucketRefusal.class, () -> ConfigurationRules.checkLoggingTarget(bucket, "x", null))
                .reason()).isEqualTo(BucketRefusal.Reason.LOGGING_TARGET_MISSING);
        assertThat(catchThrowableOfType(BucketRefusal.class,
                () -> ConfigurationRules.checkLoggingTarget(bucket, "their-logs", theirs)).reason())
                .isEqualTo(BucketRefusal.Reason.LOGGING_TARGET_OTHER_OWNER);
    }

    private BucketRefusal.Reason objectLock(String enabled, boolean rule, String mode, String days, String years) {
        BucketRefusal refusal = catchThrowableOfType(BucketRefusal.class,
                () -> ConfigurationRules.checkObjectLock(bucket, enabled, rule, mode, days, years));
        return refusal == null ? null : refusal.reason();
    }

    @Test
    void objectLockConfigurations() {
        assertThat(objectLock("Enabled", false, null, null, null)).isNull();
        assertThat(objectLock("Enabled", true, "GOVERNANCE", "1", null)).isNull();
        assertThat(objectLock("Enabled", true, "COMPLIANCE", null, "2")).isNull();
        assertThat(objectLock("Disabled", false, null, null, null)).isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(objectLock("Enabled", true, "GOVERNANCE", "1", "1")).isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(objectLock("Enabled", true, "GOVERNANCE", null, null)).isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(objectLock("Enabled", true, "governance", "1", null)).isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(objectLock("Enabled", true, "COMPLIANCE", "0", null)).isEqualTo(BucketRefusal.Reason.INVALID_RETENTION_PERIOD);
        assertThat(objectLock("Enabled", true, "COMPLIANCE", null, "-1")).isEqualTo(BucketRefusal.Reason.INVALID_RETENTION_PERIOD);
    }
}
