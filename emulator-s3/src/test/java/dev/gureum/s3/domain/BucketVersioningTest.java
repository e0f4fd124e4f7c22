package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BucketVersioningTest {

    private static Bucket bucket() {
        return new Bucket("versions", "111111111111", "us-east-1", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aNewBucketIsUnversionedAndReportsNoMfaDelete() {
        assertThat(BucketVersioning.of(bucket()))
                .isEqualTo(new BucketVersioning.Configuration(Bucket.Versioning.UNVERSIONED, null));
    }

    @Test
    void enablingThenSuspendingKeepsMfaDeleteUnlessGiven() {
        Bucket bucket = bucket();
        BucketVersioning.change(bucket, Bucket.Versioning.ENABLED, null);
        assertThat(BucketVersioning.of(bucket))
                .isEqualTo(new BucketVersioning.Configuration(Bucket.Versioning.ENABLED, false));

        BucketVersioning.change(bucket, null, true);
        BucketVersioning.change(bucket, Bucket.Versioning.SUSPENDED, null);

        assertThat(BucketVersioning.of(bucket))
                .isEqualTo(new BucketVersioning.Configuration(Bucket.Versioning.SUSPENDED, true));
    }

    @Test
    void objectLockHoldsVersioningEnabled() {
        Bucket bucket = bucket();
        BucketVersioning.change(bucket, Bucket.Versioning.ENABLED, null);
        bucket.configurations().put("object-lock", "<ObjectLockConfiguration/>");

        BucketRefusal refusal = catchThrowableOfType(BucketRefusal.class,
                () -> BucketVersioning.change(bucket, Bucket.Versioning.SUSPENDED, true));

        assertThat(refusal.reason()).isEqualTo(BucketRefusal.Reason.VERSIONING_HELD_BY_OBJECT_LOCK);
        assertThat(refusal.bucket()).isEqualTo("versions");
        assertThat(BucketVersioning.of(bucket))
                .isEqualTo(new BucketVersioning.Configuration(Bucket.Versioning.ENABLED, false));
        // enabling again changes nothing and is allowed
        BucketVersioning.change(bucket, Bucket.Versioning.ENABLED, null);
    }

    @Test
    void aBucketCannotBeUnversionedAgain() {
        assertThatThrownBy(() -> BucketVersioning.change(bucket(), Bucket.Versioning.UNVERSIONED, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
