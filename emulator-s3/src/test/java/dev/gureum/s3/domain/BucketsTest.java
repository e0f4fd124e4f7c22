package dev.gureum.s3.domain;

import dev.gureum.s3.storage.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BucketsTest {

    private static final String ENFORCED = "<OwnershipControls><Rule><ObjectOwnership>BucketOwnerEnforced"
            + "</ObjectOwnership></Rule></OwnershipControls>";
    private static final String WRITER = "<OwnershipControls><Rule><ObjectOwnership>ObjectWriter"
            + "</ObjectOwnership></Rule></OwnershipControls>";

    @TempDir
    Path dir;
    private BucketStore store;
    private Buckets buckets;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        BlobStore blobs = new BlobStore(dir);
        store = new BucketStore();
        buckets = new Buckets(store, new MultipartUploads(blobs, clock, new ObjectStore(blobs, clock)), clock);
    }

    private static BucketRefusal.Reason refusal(Runnable action) {
        BucketRefusal refusal = catchThrowableOfType(BucketRefusal.class, action::run);
        assertThat(refusal).isNotNull();
        return refusal.reason();
    }

    private Bucket create(String name, String account, String region) {
        return buckets.create(name, account, region, region, ENFORCED, null, false, () -> Acl.PRIVATE, null);
    }

    @ParameterizedTest
    @CsvSource({
            "us-east-1, , us-east-1",
            "us-east-1, eu-west-1, eu-west-1",
            "us-east-1, EU, eu-west-1",
            "eu-west-1, eu-west-1, eu-west-1",
            "ap-northeast-2, ap-northeast-2, ap-northeast-2"})
    void regions(String endpoint, String constraint, String region) {
        assertThat(Buckets.region(endpoint, constraint)).isEqualTo(region);
    }

    @Test
    void locationConstraintsS3Refuses() {
        assertThat(refusal(() -> Buckets.region("us-east-1", "us-east-1")))
                .isEqualTo(BucketRefusal.Reason.INVALID_LOCATION_CONSTRAINT);
        assertThat(refusal(() -> Buckets.region("us-east-1", "moon")))
                .isEqualTo(BucketRefusal.Reason.INVALID_LOCATION_CONSTRAINT);
        assertThat(refusal(() -> Buckets.region("eu-west-1", null)))
                .isEqualTo(BucketRefusal.Reason.LOCATION_CONSTRAINT_INCOMPATIBLE);
        assertThat(refusal(() -> Buckets.region("eu-west-1", "eu-central-1")))
                .isEqualTo(BucketRefusal.Reason.LOCATION_CONSTRAINT_INCOMPATIBLE);
    }

    @Test
    void bucketNamesAreGlobal() {
        Bucket mine = create("shared", "111111111111", "us-east-1");
        assertThat(refusal(() -> create("shared", "222222222222", "us-east-1")))
                .isEqualTo(BucketRefusal.Reason.BUCKET_ALREADY_EXISTS);
        // the owner creating again in us-east-1 gets the bucket it has
        assertThat(create("shared", "111111111111", "us-east-1")).isSameAs(mine);
        create("regional", "111111111111", "eu-west-1");
        assertThat(refusal(() -> create("regional", "111111111111", "eu-west-1")))
                .isEqualTo(BucketRefusal.Reason.BUCKET_ALREADY_OWNED_BY_YOU);
        assertThat(buckets.existing("shared")).isSameAs(mine);
        assertThat(refusal(() -> buckets.existing("nothing"))).isEqualTo(BucketRefusal.Reason.NO_SUCH_BUCKET);
    }

    @Test
    void aclsAgainstObjectOwnership() {
        assertThat(refusal(() -> buckets.create("b", "111111111111", "us-east-1", "us-east-1", ENFORCED, "public-read",
                false, () -> Acl.PRIVATE, null))).isEqualTo(BucketRefusal.Reason.ACLS_WITH_ENFORCED_OWNERSHIP);
        assertThat(store.get("b")).isNull();
        Bucket enforced = create("enforced", "111111111111", "us-east-1");
        assertThat(refusal(() -> Buckets.refuseDisabledAcls(enforced, null, true, "111111111111")))
                .isEqualTo(BucketRefusal.Reason.ACLS_DISABLED);
        assertThatCode(() -> Buckets.refuseDisabledAcls(enforced, "bucket-owner-full-control", false, "222222222222"))
                .doesNotThrowAnyException();
        assertThat(refusal(() -> Buckets.refuseDisabledAcls(enforced, "private", false, "222222222222")))
                .isEqualTo(BucketRefusal.Reason.ACLS_DISABLED);
        assertThatCode(() -> Buckets.refuseDisabledAcls(enforced, "private", false, "111111111111"))
                .doesNotThrowAnyException();
        assertThat(refusal(() -> Buckets.refuseAclChange(enforced))).isEqualTo(BucketRefusal.Reason.ACLS_DISABLED);
        Bucket writer = buckets.create("writer", "111111111111", "us-east-1", "us-east-1", WRITER, "public-read",
                false, () -> Acl.PRIVATE, null);
        assertThatCode(() -> Buckets.refuseDisabledAcls(writer, "public-read", true, "222222222222"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Buckets.refuseAclChange(writer)).doesNotThrowAnyException();
    }

    @Test
    void objectLockAndReplicationNeedVersioning() {
        Bucket bucket = create("b", "111111111111", "us-east-1");
        assertThat(refusal(() -> Buckets.putConfiguration(bucket, "object-lock", "<ObjectLockConfiguration/>")))
                .isEqualTo(BucketRefusal.Reason.OBJECT_LOCK_NEEDS_VERSIONING);
        assertThat(refusal(() -> Buckets.putConfiguration(bucket, "replication", "<ReplicationConfiguration/>")))
                .isEqualTo(BucketRefusal.Reason.REPLICATION_NEEDS_VERSIONING);
        bucket.versioning(Bucket.Versioning.ENABLED);
        Buckets.putConfiguration(bucket, "replication", "<ReplicationConfiguration/>");
        assertThat(bucket.configurations()).containsKey("replication");
        Bucket locked = buckets.create("locked", "111111111111", "us-east-1", "us-east-1", ENFORCED, null, false,
                () -> Acl.PRIVATE, "<ObjectLockConfiguration/>");
        assertThat(locked.versioning()).isEqualTo(Bucket.Versioning.ENABLED);
    }

    @Test
    void onlyAnEmptyBucketIsDeletedAndItsUploadsGoWithIt() {
        Bucket bucket = create("b", "111111111111", "us-east-1");
        MultipartUpload upload = new MultipartUpload("u1", "k", Instant.EPOCH, Map.of(), Map.of(), Map.of(), null,
                null, "STANDARD", "111111111111");
        bucket.uploads().put("u1", upload);
        bucket.put(new S3Object("k", "null", false, "etag", 0, Instant.EPOCH, Map.of(), Map.of(), Map.of(), null,
                List.of(), Map.of(), "STANDARD", "111111111111", null));
        assertThat(refusal(() -> buckets.delete(bucket))).isEqualTo(BucketRefusal.Reason.BUCKET_NOT_EMPTY);
        bucket.removeVersion("k", "null");
        buckets.delete(bucket);
        assertThat(store.get("b")).isNull();
        assertThat(bucket.uploads()).isEmpty();
    }
}
