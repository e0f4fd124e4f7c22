package dev.gureum.s3.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateFile;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.Segments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bodies a state file carries: named as records name them, loaded into the target's own storage. */
class ObjectBodiesTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] SMALL = "small, in a segment".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] LARGE = new byte[BlobStore.INLINE_LIMIT + 1];

    @TempDir
    Path dir;

    private static Path stored(BlobStore blobs, byte[] bytes) throws IOException {
        return blobs.commit(blobs.write(new ByteArrayInputStream(bytes), List.of()));
    }

    private static S3Object version(String key, String versionId, Path blob, long size) {
        return new S3Object(key, versionId, false, "etag-" + versionId, size, AT, Map.of("Content-Type", "text/plain"),
                Map.of("stage", versionId), Map.of(), null, List.of(), Map.of("team", "qa"), "STANDARD", "000000000000",
                blob);
    }

    /** A versioned key (a small version, a large one, a delete marker) and an upload with a part. */
    private static BucketStore fixtures(BlobStore blobs) throws IOException {
        BucketStore store = new BucketStore();
        Bucket bucket = store.putIfAbsent(new Bucket("fixtures", "000000000000", "us-east-1", AT));
        bucket.versions("k", List.of(S3Object.deleteMarker("k", "v3", AT, "000000000000"),
                version("k", "v2", stored(blobs, LARGE), LARGE.length), version("k", "v1", stored(blobs, SMALL), SMALL.length)));
        MultipartUpload upload = new MultipartUpload("u-1", "big", AT, Map.of(), Map.of(), Map.of(), null, null,
                "STANDARD", "000000000000");
        upload.putPart(new MultipartUpload.Part(1, "part-etag", SMALL.length, AT, Map.of(), stored(blobs, SMALL)));
        bucket.uploads().put("u-1", upload);
        return store;
    }

    private static byte[] export(DurableState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StateFile.write(out, List.of(state));
        return out.toByteArray();
    }

    private static byte[] read(BlobStore blobs, Path blob) throws IOException {
        return blobs.read(blob);
    }

    @Test
    void aRecordNamesTheBodiesOfItsVersionsAndParts() throws IOException {
        BlobStore blobs = new BlobStore(dir.resolve("source"), true);
        DurableBuckets state = new DurableBuckets(fixtures(blobs), blobs);
        List<Object> records = new java.util.ArrayList<>();
        state.records().forEach(records::add);
        S3Records.KeyVersions key = (S3Records.KeyVersions) records.stream()
                .filter(S3Records.KeyVersions.class::isInstance).findFirst().orElseThrow();
        List<String> names = key.versions().stream().filter(o -> o.blob() != null)
                .map(o -> o.blob().getFileName().toString()).toList();
        assertThat(state.attachments().of(key)).containsExactlyElementsOf(names).hasSize(2);
        // the small version is a slice of a segment, the large one a file of its own
        assertThat(names.stream().filter(n -> n.contains(".seg@"))).hasSize(1);
        S3Records.UploadPart part = (S3Records.UploadPart) records.stream()
                .filter(S3Records.UploadPart.class::isInstance).findFirst().orElseThrow();
        assertThat(state.attachments().of(part)).containsExactly(part.part().blob().getFileName().toString());
        assertThat(state.attachments().of(new S3Records.UploadEnded("fixtures", "u-1", null, null))).isEmpty();
        assertThat(state.attachments().of(new S3Records.UploadEnded("fixtures", "u-1", null, key)))
                .containsExactlyElementsOf(names);
        assertThat(state.attachments().of(S3Records.settings(new Bucket("b", "000000000000", "us-east-1", AT))))
                .isEmpty();
        try (InputStream in = state.attachments().open(names.get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(LARGE);
        }
        try (InputStream in = state.attachments().open(names.get(1))) {
            assertThat(in.readAllBytes()).isEqualTo(SMALL);
        }
    }

    @Test
    void aBodyThatIsGoneOrCutShortIsNotExportedAsItWas() throws IOException {
        BlobStore blobs = new BlobStore(dir.resolve("source"), true);
        DurableBuckets state = new DurableBuckets(fixtures(blobs), blobs);
        assertThatThrownBy(() -> state.attachments().open("0badc0de-0000-0000-0000-000000000000"))
                .isInstanceOf(NoSuchFileException.class);
        Path slice = stored(blobs, SMALL);
        Segments.Slice where = Segments.slice(slice);
        String beyond = where.segment().getFileName() + "@" + where.offset() + "+" + (SMALL.length + 10);
        try (InputStream in = state.attachments().open(beyond)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void loadedBodiesGetNamesOfTheTargetAndSurviveItsRestart() throws IOException {
        BlobStore source = new BlobStore(dir.resolve("source"), true);
        byte[] file = export(new DurableBuckets(fixtures(source), source));

        Path target = dir.resolve("target");
        try (Persistence persistence = Persistence.in(target, JournalOptions.DEFAULTS)) {
            BlobStore blobs = new BlobStore(target.resolve("s3"), true);
            BucketStore store = new BucketStore();
            DurableBuckets state = new DurableBuckets(store, blobs);
            var journal = persistence.open(state);
            Path spool = Files.createDirectories(dir.resolve("spool"));
            StateFile.read(new ByteArrayInputStream(file), name -> state, spool).get("s3").replace(journal)
                    .toCompletableFuture().join();
            loadedAsExported(store, blobs, target.resolve("s3"));
        }
        // after a restart on the target's directory alone
        deleteTree(dir.resolve("source"));
        try (Persistence persistence = Persistence.in(target, JournalOptions.DEFAULTS)) {
            BlobStore blobs = new BlobStore(target.resolve("s3"), true);
            BucketStore store = new BucketStore();
            persistence.open(new DurableBuckets(store, blobs));
            loadedAsExported(store, blobs, target.resolve("s3"));
        }
    }

    @Test
    void withoutADataDirectoryLoadedBodiesAreFilesAndTheReplacedOnesGo() throws IOException {
        BlobStore source = new BlobStore(dir.resolve("source"));
        byte[] file = export(new DurableBuckets(fixtures(source), source));

        BlobStore blobs = new BlobStore(dir.resolve("target"));
        BucketStore store = new BucketStore();
        DurableBuckets state = new DurableBuckets(store, blobs);
        Bucket before = store.putIfAbsent(new Bucket("before", "000000000000", "us-east-1", AT));
        Path replaced = stored(blobs, SMALL);
        before.versions("old", List.of(version("old", "null", replaced, SMALL.length)));
        var journal = Persistence.inMemory().open(state);
        StateFile.read(new ByteArrayInputStream(file), name -> state, Files.createDirectories(dir.resolve("spool")))
                .get("s3").replace(journal).toCompletableFuture().join();
        loadedAsExported(store, blobs, dir.resolve("target"));
        assertThat(store.get("before")).isNull();
        assertThat(replaced).doesNotExist();
    }

    private static void loadedAsExported(BucketStore store, BlobStore blobs, Path root) throws IOException {
        Bucket bucket = store.get("fixtures");
        List<S3Object> versions = bucket.objects().get("k");
        assertThat(versions).extracting(S3Object::versionId).containsExactly("v3", "v2", "v1");
        assertThat(versions.get(0).blob()).isNull();
        assertThat(versions.get(1).userMetadata()).containsEntry("stage", "v2");
        assertThat(read(blobs, versions.get(1).blob())).isEqualTo(LARGE);
        assertThat(read(blobs, versions.get(2).blob())).isEqualTo(SMALL);
        MultipartUpload.Part part = bucket.uploads().get("u-1").parts().get(1);
        assertThat(part.etag()).isEqualTo("part-etag");
        assertThat(read(blobs, part.blob())).isEqualTo(SMALL);
        // every body is the target's own
        for (Path blob : List.of(versions.get(1).blob(), versions.get(2).blob(), part.blob())) {
            assertThat(blob).startsWithRaw(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
