package dev.gureum.s3.domain;

import dev.gureum.s3.storage.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ObjectStoreTest {

    private static final String OWNER = "000000000000";

    @TempDir
    Path dir;
    private ObjectStore store;
    private Bucket bucket;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        store = new ObjectStore(new BlobStore(dir), clock);
        bucket = new Bucket("bucket", OWNER, "us-east-1", clock.instant());
    }

    private S3Object put(String key, String body, Conditions conditions) {
        return store.put(bucket, key, new ObjectStore.ObjectMetadata(Map.of("Content-Type", "text/plain"),
                Map.of("color", "blue"), Map.of(), "STANDARD", Acl.PRIVATE, OWNER),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), conditions);
    }

    private S3Object put(String key, String body) {
        return put(key, body, Conditions.NONE);
    }

    private static ObjectRefusal.Reason refusal(Runnable action) {
        ObjectRefusal refusal = catchThrowableOfType(ObjectRefusal.class, action::run);
        assertThat(refusal).isNotNull();
        return refusal.reason();
    }

    @Test
    void aPutIsTheCurrentVersionWithItsEtagAndChecksum() throws Exception {
        S3Object object = put("a.txt", "hello");
        assertThat(object.versionId()).isEqualTo("null");
        assertThat(object.etag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(object.checksums()).containsKey("CRC64NVME");
        assertThat(object.checksumType()).isEqualTo("FULL_OBJECT");
        assertThat(ObjectStore.resolve(bucket, "a.txt", null)).isEqualTo(object);
        assertThat(Files.readString(object.blob())).isEqualTo("hello");
    }

    @Test
    void anUnversionedPutReplacesTheBytesOfTheVersionBefore() {
        S3Object first = put("a.txt", "one");
        put("a.txt", "two");
        assertThat(first.blob()).doesNotExist();
        assertThat(bucket.objects().get("a.txt")).hasSize(1);
    }

    @Test
    void conditionalWrites() {
        assertThat(refusal(() -> put("a.txt", "x", Conditions.ifMatch("*")))).isEqualTo(ObjectRefusal.Reason.NO_SUCH_KEY);
        S3Object object = put("a.txt", "x", new Conditions(null, "*", null, null));
        assertThat(refusal(() -> put("a.txt", "y", new Conditions(null, "*", null, null))))
                .isEqualTo(ObjectRefusal.Reason.PRECONDITION_FAILED);
        assertThat(refusal(() -> put("a.txt", "y", new Conditions(null, "\"etag\"", null, null))))
                .isEqualTo(ObjectRefusal.Reason.CONDITION_NOT_IMPLEMENTED);
        assertThatCode(() -> put("a.txt", "y", Conditions.ifMatch(object.quotedEtag()))).doesNotThrowAnyException();
        assertThat(refusal(() -> put("a.txt", "z", Conditions.ifMatch(object.quotedEtag()))))
                .isEqualTo(ObjectRefusal.Reason.PRECONDITION_FAILED);
    }

    @Test
    void aDeleteUnderVersioningLeavesADeleteMarker() {
        bucket.versioning(Bucket.Versioning.ENABLED);
        S3Object object = put("a.txt", "hello");
        ObjectStore.Deletion deletion = store.delete(bucket, "a.txt", null, Conditions.NONE, OWNER);
        assertThat(deletion.deleteMarker()).isTrue();
        assertThat(deletion.marker().versionId()).isEqualTo(deletion.versionId()).isNotEqualTo("null");
        ObjectRefusal hidden = catchThrowableOfType(ObjectRefusal.class, () -> ObjectStore.resolve(bucket, "a.txt", null));
        assertThat(hidden.reason()).isEqualTo(ObjectRefusal.Reason.KEY_DELETED);
        assertThat(hidden.versionId()).isEqualTo(deletion.versionId());
        assertThat(refusal(() -> ObjectStore.resolve(bucket, "a.txt", deletion.versionId())))
                .isEqualTo(ObjectRefusal.Reason.DELETE_MARKER_ADDRESSED);
        assertThat(ObjectStore.resolve(bucket, "a.txt", object.versionId())).isEqualTo(object);
        // deleting the marker by its id brings the object back
        assertThat(store.delete(bucket, "a.txt", deletion.versionId(), Conditions.NONE, OWNER).deleteMarker()).isTrue();
        assertThat(ObjectStore.resolve(bucket, "a.txt", null)).isEqualTo(object);
    }

    @Test
    void anUnversionedDeleteRemovesTheKeyAndItsBytes() {
        S3Object object = put("a.txt", "hello");
        ObjectStore.Deletion deletion = store.delete(bucket, "a.txt", null, Conditions.NONE, OWNER);
        assertThat(deletion.removed()).isEqualTo(object);
        assertThat(deletion.versionId()).isNull();
        assertThat(object.blob()).doesNotExist();
        assertThat(refusal(() -> ObjectStore.resolve(bucket, "a.txt", null))).isEqualTo(ObjectRefusal.Reason.NO_SUCH_KEY);
        assertThat(refusal(() -> store.delete(bucket, "a.txt", null, Conditions.ifMatch("*"), OWNER)))
                .isEqualTo(ObjectRefusal.Reason.NO_SUCH_KEY);
    }

    @Test
    void versionIdsAndKeysS3CouldNotHaveIssued() {
        assertThat(refusal(() -> ObjectStore.checkVersionId(""))).isEqualTo(ObjectRefusal.Reason.EMPTY_VERSION_ID);
        assertThat(refusal(() -> ObjectStore.checkVersionId("a/b"))).isEqualTo(ObjectRefusal.Reason.INVALID_VERSION_ID);
        assertThatCode(() -> ObjectStore.checkVersionId("null")).doesNotThrowAnyException();
        assertThat(refusal(() -> ObjectStore.checkKey("k".repeat(1025)))).isEqualTo(ObjectRefusal.Reason.KEY_TOO_LONG);
        assertThatCode(() -> ObjectStore.checkKey("k".repeat(1024))).doesNotThrowAnyException();
    }

    @Test
    void partsOfAnObjectUploadedInOnePiece() {
        S3Object object = put("a.txt", "hello");
        assertThat(ObjectStore.part(object, 1)).isEqualTo(new ObjectStore.ByteRange(0, 4));
        ObjectRefusal refusal = catchThrowableOfType(ObjectRefusal.class, () -> ObjectStore.part(object, 2));
        assertThat(refusal.reason()).isEqualTo(ObjectRefusal.Reason.PART_NOT_SATISFIABLE);
        assertThat(refusal.partCount()).isEqualTo(1);
    }

    @Test
    void aCopyKeepsOrReplacesMetadata() throws Exception {
        S3Object source = put("a.txt", "hello");
        S3Object kept = store.copy(bucket, source, bucket, "b.txt", changes(false, null), Conditions.NONE);
        assertThat(kept.userMetadata()).containsEntry("color", "blue");
        assertThat(kept.etag()).isEqualTo(source.etag());
        assertThat(Files.readString(kept.blob())).isEqualTo("hello");
        S3Object replaced = store.copy(bucket, source, bucket, "a.txt", changes(true, null), Conditions.NONE);
        assertThat(replaced.userMetadata()).isEmpty();
        assertThat(refusal(() -> {
            try {
                store.copy(bucket, replaced, bucket, "a.txt", changes(false, null), Conditions.NONE);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new AssertionError(e);
            }
        })).isEqualTo(ObjectRefusal.Reason.COPY_TO_ITSELF);
    }

    @Test
    void copySourceConditionsAndDeleteMarkers() {
        bucket.versioning(Bucket.Versioning.ENABLED);
        S3Object source = put("a.txt", "hello");
        assertThat(refusal(() -> ObjectStore.checkCopyable(source, new Conditions(null, source.quotedEtag(), null, null))))
                .isEqualTo(ObjectRefusal.Reason.COPY_SOURCE_PRECONDITION_FAILED);
        String marker = store.delete(bucket, "a.txt", null, Conditions.NONE, OWNER).versionId();
        assertThat(refusal(() -> ObjectStore.copySource(bucket, "a.txt", null))).isEqualTo(ObjectRefusal.Reason.NO_SUCH_KEY);
        assertThat(refusal(() -> ObjectStore.copySource(bucket, "a.txt", marker)))
                .isEqualTo(ObjectRefusal.Reason.COPY_SOURCE_DELETE_MARKER);
        assertThat(ObjectStore.copySource(bucket, "a.txt", source.versionId())).isEqualTo(source);
    }

    private static ObjectStore.CopyChanges changes(boolean replace, Map<String, String> tags) {
        return new ObjectStore.CopyChanges(replace, Map.of(), Map.of(), Map.of(), tags, null, false, null, Acl.PRIVATE,
                OWNER);
    }

    @Test
    void aVersionChangesInPlaceUnlessItWasDeleted() {
        S3Object object = put("a.txt", "hello");
        ObjectStore.replace(bucket, object.withTags(Map.of("team", "blue")));
        assertThat(ObjectStore.resolve(bucket, "a.txt", null).tags()).containsEntry("team", "blue");
        store.delete(bucket, "a.txt", null, Conditions.NONE, OWNER);
        assertThat(refusal(() -> ObjectStore.replace(bucket, object.withTags(Map.of()))))
                .isEqualTo(ObjectRefusal.Reason.NO_SUCH_KEY);
    }

    @Test
    void releaseDeletesBytes() {
        S3Object object = put("a.txt", "hello");
        store.release(List.of(object));
        assertThat(object.blob()).doesNotExist();
    }
}
