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
        assertThat(Files.readAllBytes(blob)).isEqualTo(body);
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
        assertThat(Files.readAllBytes(kept)).isEqualTo(bytes(10));
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
        assertThat(Files.readAllBytes(blobs.get(299))).isEqualTo(bytes(299));
    }

    @Test
    void aCopyOfAFileNotYetForcedForcesIt() throws IOException {
        BlobStore store = new BlobStore(dir, true);
        Path blob = store.commit(write(store, bytes(10)));
        Path copy = store.duplicate(blob);
        assertThat(store.inlineBytes(blob)).isNull();
        assertThat(store.inlineBytes(copy)).isNull();
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes(10));
    }

    @Test
    void restoreWritesAMissingShortOrDifferentFileAndLeavesAWholeOneAlone() throws IOException {
        BlobStore store = new BlobStore(dir, true);
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
}
