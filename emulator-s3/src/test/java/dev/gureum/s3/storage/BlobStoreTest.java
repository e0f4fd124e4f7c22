package dev.gureum.s3.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Small bodies are handed out with their bytes for the record that commits them, and made whole again from them. */
class BlobStoreTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static BlobStore.Written write(BlobStore store, byte[] body) throws IOException {
        return store.write(new ByteArrayInputStream(body), Set.of());
    }

    @Test
    void aSmallBodyIsCarriedByItsRecordUntilThatRecordIsDurable() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        byte[] body = bytes(4096);
        BlobStore.Written written = write(store, body);
        assertThat(written.inline()).isEqualTo(body);
        Path blob = store.commit(written);
        assertThat(store.read(blob)).isEqualTo(body);
        assertThat(store.inlineBytes(blob)).isEqualTo(body);

        store.carried(List.of(blob));
        assertThat(store.inlineBytes(blob)).isNull();
    }

    @Test
    void theLimitIsInclusiveAndEmptyBodiesAreCarriedToo() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        assertThat(write(store, bytes(BlobStore.INLINE_LIMIT)).inline()).hasSize(BlobStore.INLINE_LIMIT);
        assertThat(write(store, bytes(BlobStore.INLINE_LIMIT + 1)).inline()).isNull();
        assertThat(write(store, new byte[0]).inline()).isEmpty();
    }

    @Test
    void withoutDurableStateNothingIsCarried() throws IOException {
        BlobStore store = new BlobStore(dir);
        Path blob = store.commit(write(store, bytes(100)));
        assertThat(store.inlineBytes(blob)).isNull();
    }

    @Test
    void forcingTheWrittenFilesEndsTheNeedToCarryThem() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        Path kept = store.commit(write(store, bytes(10)));
        Path gone = store.commit(write(store, bytes(20)));
        store.delete(gone);
        assertThat(store.inlineBytes(gone)).isNull();
        store.forceWritten();
        assertThat(store.inlineBytes(kept)).isNull();
        assertThat(store.read(kept)).isEqualTo(bytes(10));
    }

    @Test
    void manyWrittenFilesAreForcedTogether() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        List<Path> blobs = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            blobs.add(store.commit(write(store, bytes(i))));
        }
        store.delete(blobs.get(7));
        store.forceWritten();
        blobs.forEach(b -> assertThat(store.inlineBytes(b)).isNull());
        assertThat(store.read(blobs.get(299))).isEqualTo(bytes(299));
    }

    @Test
    void aCopyOfAFileNotYetForcedForcesIt() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        Path blob = store.commit(write(store, bytes(10)));
        Path copy = store.duplicate(blob);
        assertThat(store.inlineBytes(blob)).isNull();
        assertThat(store.inlineBytes(copy)).isNull();
        assertThat(store.read(copy)).isEqualTo(bytes(10));
    }

    @Test
    void restoreWritesAMissingShortOrDifferentFileAndLeavesAWholeOneAlone() throws IOException {
        // a file of its own, as records of an earlier version carried bytes for
        BlobStore store = new BlobStore(dir);
        byte[] body = bytes(5000);
        Path blob = store.commit(write(store, body));
        assertThat(store.restore(blob, body)).isFalse();

        Files.write(blob, java.util.Arrays.copyOf(body, 100));
        assertThat(store.restore(blob, body)).isTrue();
        assertThat(Files.readAllBytes(blob)).isEqualTo(body);

        byte[] flipped = body.clone();
        flipped[4000] ^= 1;
        Files.write(blob, flipped);
        assertThat(store.restore(blob, body)).isTrue();
        assertThat(Files.readAllBytes(blob)).isEqualTo(body);

        Files.delete(blob);
        assertThat(store.restore(blob, body)).isTrue();
        assertThat(Files.readAllBytes(blob)).isEqualTo(body);
        // nothing is left in the temporary directory
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void restoreWritesAMissingShortOrDifferentSliceAndLeavesAWholeOneAlone() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        byte[] before = bytes(300);
        byte[] body = bytes(5000);
        store.commit(write(store, before));
        Path blob = store.commit(write(store, body));
        Segments.Slice slice = Segments.slice(blob);
        assertThat(slice.offset()).isEqualTo(300);
        assertThat(store.restore(blob, body)).isFalse();

        try (var channel = java.nio.channels.FileChannel.open(slice.segment(), java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(300 + 100);
        }
        assertThat(store.restore(blob, body)).isTrue();
        assertThat(store.read(blob)).isEqualTo(body);

        byte[] flipped = body.clone();
        flipped[4000] ^= 1;
        try (var channel = java.nio.channels.FileChannel.open(slice.segment(), java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(flipped), slice.offset());
        }
        assertThat(store.restore(blob, body)).isTrue();
        assertThat(store.read(blob)).isEqualTo(body);

        Files.delete(slice.segment());
        assertThat(store.restore(blob, body)).isTrue();
        assertThat(store.read(blob)).isEqualTo(body);
    }

    @Test
    void smallBodiesShareSegmentsAndLargeOnesHaveFiles() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        Path a = store.commit(write(store, bytes(10)));
        Path b = store.commit(write(store, bytes(BlobStore.INLINE_LIMIT)));
        Path c = store.commit(write(store, bytes(BlobStore.INLINE_LIMIT + 1)));
        assertThat(Segments.slice(a).segment()).isEqualTo(Segments.slice(b).segment());
        assertThat(Segments.slice(c)).isNull();
        assertThat(Files.readAllBytes(c)).isEqualTo(bytes(BlobStore.INLINE_LIMIT + 1));
        try (RangeInputStream in = new RangeInputStream(b, 5, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes(BlobStore.INLINE_LIMIT), 5, 15));
        }
    }

    @Test
    void aSegmentGoesWithItsLastSliceAndASparseOneIsHandedToTheCompaction() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        List<Path> compactable = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.segments().onCompactable(compactable::add);
        List<Path> blobs = new java.util.ArrayList<>();
        // 65 KiB bodies: 253 fill a segment of 16 MiB, the next starts another
        byte[] body = bytes(BlobStore.INLINE_LIMIT);
        for (int i = 0; i < 2 * (int) (Segments.SEGMENT_SIZE / body.length) + 1; i++) {
            blobs.add(store.commit(write(store, body)));
        }
        Path first = Segments.slice(blobs.get(0)).segment();
        Path second = Segments.slice(blobs.get(blobs.size() - 2)).segment();
        assertThat(second).isNotEqualTo(first);
        List<Path> inFirst = blobs.stream().filter(p -> Segments.slice(p).segment().equals(first)).toList();
        List<Path> inSecond = blobs.stream().filter(p -> Segments.slice(p).segment().equals(second)).toList();
        store.forceWritten();

        inFirst.forEach(store::delete);
        assertThat(first).doesNotExist();
        compactable.clear(); // the first was sparse before it was empty
        for (int i = 0; i < inSecond.size() * 3 / 4 + 1; i++) {
            store.delete(inSecond.get(i));
        }
        assertThat(compactable).as("handed once, until its compaction is over").containsExactly(second);
        assertThat(store.segments().liveSlices(second)).hasSize(inSecond.size() - (inSecond.size() * 3 / 4 + 1));
        assertThat(store.read(inSecond.get(inSecond.size() - 1))).isEqualTo(body);
    }
}
