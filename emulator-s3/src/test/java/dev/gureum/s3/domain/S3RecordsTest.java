package dev.gureum.s3.domain;

import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.RecordedState;
import dev.gureum.s3.storage.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every S3 record reads back as it was written, through a journal and through a snapshot. */
class S3RecordsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @TempDir
    Path dir;

    private List<Object> samples(Path objects) {
        Acl acl = new Acl(List.of(Acl.group(Acl.ALL_USERS, Acl.Permission.READ),
                new Acl.Grant("CanonicalUser", "abc123", Acl.Permission.WRITE_ACP)));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("z", "last");
        tags.put("a", "first");
        S3Object object = new S3Object("photos/é 1.jpg", "v1", false, "0123abcd", 10_000, AT,
                Map.of("Content-Type", "image/jpeg", "x-amz-server-side-encryption", "AES256"),
                Map.of("author", "kim"), Map.of("SHA256", "c2hh"), "FULL_OBJECT", List.of(5_242_880L, 4_757_120L),
                tags, "STANDARD_IA", "000000000000", objects.resolve("0badc0de-1"), acl);
        S3Object marker = S3Object.deleteMarker("photos/é 1.jpg", "v2", AT.plusSeconds(1), "111111111111");
        S3Records.KeyVersions key = new S3Records.KeyVersions("bucket", "photos/é 1.jpg", List.of(marker, object));
        S3Object small = new S3Object("small", "v3", false, "5ca1ab1e", SMALL.length, AT, Map.of(), Map.of(), Map.of(),
                null, List.of(), Map.of(), "STANDARD", "000000000000", objects.resolve("0badc0de-3"), Acl.PRIVATE);
        // a multipart object uploaded with a checksum keeps the checksum of each part
        S3Object multipart = new S3Object("multi", "v4", false, "beefcafe-2", 5_242_881L, AT, Map.of(), Map.of(),
                Map.of("CRC32", "Y29t-2"), "COMPOSITE", List.of(5_242_880L, 1L), Map.of(), "STANDARD", "000000000000",
                objects.resolve("0badc0de-6"), Acl.PRIVATE, List.of("cGFydDE=", "cGFydDI="));
        return List.of(
                new S3Records.BucketSettings("bucket", "000000000000", "eu-west-2", AT, Bucket.Versioning.ENABLED, true,
                        Map.of("cors", "<CORSConfiguration/>", "policy", "{}"), Map.of("team", "storage"), acl),
                new S3Records.BucketSettings("plain", "000000000000", "us-east-1", AT, Bucket.Versioning.UNVERSIONED,
                        false, Map.of(), Map.of(), Acl.PRIVATE),
                new S3Records.BucketDeleted("gone"),
                key,
                new S3Records.KeyVersions("bucket", "removed", List.of()),
                new S3Records.UploadStarted("bucket", "upload-1", "big.bin", AT, Map.of("Content-Type", "text/plain"),
                        Map.of("origin", "camera"), Map.of("kind", "raw"), "SHA256", "COMPOSITE", "STANDARD",
                        "000000000000"),
                new S3Records.UploadStarted("bucket", "upload-2", "k", AT, Map.of(), Map.of(), Map.of(), null, null,
                        null, "000000000000"),
                new S3Records.UploadPart("bucket", "upload-1", new MultipartUpload.Part(3, "beef", 5_242_880L, AT,
                        Map.of("SHA256", "cGFydA=="), objects.resolve("0badc0de-2"))),
                new S3Records.UploadEnded("bucket", "upload-2", null, null),
                new S3Records.UploadEnded("bucket", "upload-1", new Bucket.CompletedUpload("photos/é 1.jpg", "etag-2",
                        "v1", Map.of("SHA256", "Y29t-2"), "COMPOSITE"), key),
                new S3Records.KeyVersions("bucket", "multi", List.of(multipart)),
                new S3Records.UploadEnded("bucket", "upload-3", new Bucket.CompletedUpload("multi", "beefcafe-2", "v4",
                        Map.of("CRC32", "Y29t-2"), "COMPOSITE"),
                        new S3Records.KeyVersions("bucket", "multi", List.of(multipart, object))),
                // explicit grants: none at all (every grant revoked), and one that names no owner
                new S3Records.BucketSettings("revoked", "000000000000", "us-east-1", AT, Bucket.Versioning.UNVERSIONED,
                        false, Map.of(), Map.of(), Acl.explicit(List.of())),
                new S3Records.BucketSettings("granted", "000000000000", "us-east-1", AT, Bucket.Versioning.UNVERSIONED,
                        false, Map.of(), Map.of(), Acl.explicit(List.of(Acl.group(Acl.ALL_USERS, Acl.Permission.READ)))),
                // small files not forced when written: their records carry their bytes
                new S3Records.KeyVersions("bucket", "small", List.of(small, marker, object),
                        Map.of(small.blob(), new S3Records.Inline(SMALL))),
                new S3Records.UploadPart("bucket", "upload-1", new MultipartUpload.Part(4, "cafe", 3, AT, Map.of(),
                        objects.resolve("0badc0de-4")), new S3Records.Inline(new byte[] {1, 2, 3})),
                new S3Records.UploadPart("bucket", "upload-1", new MultipartUpload.Part(5, "d41d", 0, AT, Map.of(),
                        objects.resolve("0badc0de-5")), new S3Records.Inline(new byte[0])));
    }

    private static final byte[] SMALL = "small and whole".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void everyRecordReadsBackAsWritten() {
        Path objects = dir.resolve("objects");
        List<Object> written = samples(objects);
        RecordedState first = new RecordedState("s3", S3Records.types(objects));
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            StateJournal journal = persistence.open(first);
            for (Object record : written) {
                first.apply(record);
                journal.append(record).toCompletableFuture().join();
            }
        }
        // read back from the snapshot taken at close
        RecordedState second = new RecordedState("s3", S3Records.types(objects));
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            persistence.open(second);
        }
        assertThat(second.records).containsExactlyElementsOf(written);
    }

    @Test
    void aKeyWrittenBeforePartChecksumsReadsWithoutThem() {
        Path objects = dir.resolve("objects");
        S3Object multipart = new S3Object("multi", "v4", false, "beefcafe-2", 5_242_881L, AT, Map.of(), Map.of(),
                Map.of("CRC32", "Y29t-2"), "COMPOSITE", List.of(5_242_880L, 1L), Map.of(), "STANDARD", "000000000000",
                objects.resolve("0badc0de-6"), Acl.PRIVATE, List.of("cGFydDE=", "cGFydDI="));
        RecordedState first = new RecordedState("s3", RecordsBeforePartChecksums.types(objects, 2));
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            StateJournal journal = persistence.open(first);
            S3Records.KeyVersions key = new S3Records.KeyVersions("bucket", "multi", List.of(multipart));
            first.apply(key);
            journal.append(key).toCompletableFuture().join();
        }
        RecordedState second = new RecordedState("s3", S3Records.types(objects));
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            persistence.open(second);
        }
        S3Object read = ((S3Records.KeyVersions) second.records.get(0)).versions().get(0);
        assertThat(read.partChecksums()).isEmpty();
        assertThat(read.partChecksum(1)).isEmpty();
        assertThat(read.partSizes()).containsExactly(5_242_880L, 1L);
        assertThat(read.checksums()).isEqualTo(Map.of("CRC32", "Y29t-2"));
        assertThat(read.acl()).isEqualTo(Acl.PRIVATE);
    }

    @Test
    void aPartChecksumIsOfTheObjectsAlgorithm() {
        S3Object multipart = new S3Object("multi", "v4", false, "beefcafe-2", 5_242_881L, AT, Map.of(), Map.of(),
                Map.of("SHA256", "Y29t-2"), "COMPOSITE", List.of(5_242_880L, 1L), Map.of(), "STANDARD", "000000000000",
                dir.resolve("blob"), Acl.PRIVATE, List.of("cGFydDE=", "cGFydDI="));
        assertThat(multipart.partChecksum(2)).isEqualTo(Map.of("SHA256", "cGFydDI="));
        assertThat(multipart.partChecksum(3)).isEmpty();
        assertThat(multipart.withTags(Map.of("a", "b")).partChecksums()).containsExactly("cGFydDE=", "cGFydDI=");
    }

    @Test
    void aReplayedStateIsTheStateThatWasKept() {
        BucketStore store = new BucketStore();
        DurableBuckets state = new DurableBuckets(store, new BlobStore(dir));
        samples(dir.resolve("objects")).forEach(state::apply);

        Bucket bucket = store.get("bucket");
        assertThat(bucket.versioning()).isEqualTo(Bucket.Versioning.ENABLED);
        assertThat(bucket.mfaDelete()).isTrue();
        assertThat(bucket.configurations()).containsOnlyKeys("cors", "policy");
        assertThat(bucket.objects().get("photos/é 1.jpg")).extracting(S3Object::versionId).containsExactly("v2", "v1");
        assertThat(bucket.uploads()).isEmpty();
        assertThat(bucket.completedUploads()).containsKey("upload-1");
        assertThat(store.get("gone")).isNull();

        BucketStore copy = new BucketStore();
        DurableBuckets again = new DurableBuckets(copy, new BlobStore(dir));
        state.records().forEach(again::apply);
        List<Object> kept = new ArrayList<>();
        again.records().forEach(kept::add);
        List<Object> original = new ArrayList<>();
        state.records().forEach(original::add);
        assertThat(kept).containsExactlyInAnyOrderElementsOf(original);

        // a configuration removed since is removed by the newer settings
        state.apply(new S3Records.BucketSettings("bucket", "000000000000", "eu-west-2", AT, Bucket.Versioning.SUSPENDED,
                false, Map.of("policy", "{}"), Map.of(), Acl.PRIVATE));
        assertThat(bucket.configurations()).containsOnlyKeys("policy");
        assertThat(bucket.versioning()).isEqualTo(Bucket.Versioning.SUSPENDED);
    }

    @Test
    void anUploadInProgressIsReplayedWithItsParts() {
        BucketStore store = new BucketStore();
        DurableBuckets state = new DurableBuckets(store, new BlobStore(dir));
        List<Object> samples = samples(dir);
        state.apply(samples.get(0));
        state.apply(samples.get(5));
        state.apply(samples.get(7));
        MultipartUpload upload = store.get("bucket").uploads().get("upload-1");
        assertThat(upload.key()).isEqualTo("big.bin");
        assertThat(upload.checksumAlgorithm()).isEqualTo("SHA256");
        assertThat(upload.parts()).containsOnlyKeys(3);
        assertThat(upload.parts().get(3).blob()).isEqualTo(dir.resolve("0badc0de-2"));
        // a part that arrives for an upload that is over changes nothing
        state.apply(new S3Records.UploadPart("bucket", "nope", upload.parts().get(3)));
        assertThat(store.get("bucket").uploads()).containsOnlyKeys("upload-1");
    }

    @Test
    void aReplayedRecordMakesTheFileWholeFromTheBytesItCarries() throws java.io.IOException {
        BlobStore blobs = new BlobStore(dir, true);
        BucketStore store = new BucketStore();
        DurableBuckets state = new DurableBuckets(store, blobs);
        List<Object> samples = samples(blobs.objectsDirectory());
        java.nio.file.Files.createDirectories(blobs.objectsDirectory());
        Path small = blobs.objectsDirectory().resolve("0badc0de-3");
        java.nio.file.Files.write(small, new byte[] {'s', 'm'}); // cut short by a crash
        state.apply(samples.get(0));
        state.apply(samples.get(5));
        samples.subList(samples.size() - 3, samples.size()).forEach(state::apply);
        assertThat(java.nio.file.Files.readAllBytes(small)).isEqualTo(SMALL);
        assertThat(java.nio.file.Files.readAllBytes(blobs.objectsDirectory().resolve("0badc0de-4")))
                .containsExactly(1, 2, 3);
        assertThat(blobs.objectsDirectory().resolve("0badc0de-5")).isEmptyFile();
        assertThat(store.get("bucket").objects().get("small")).extracting(S3Object::versionId)
                .containsExactly("v3", "v2", "v1");
        // the state read for a snapshot carries no bytes: the files are forced first
        state.records().forEach(r -> assertThat(S3Records.carried(r)).as("%s", r).isEmpty());
    }
}
