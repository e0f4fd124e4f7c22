package dev.gureum.core.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateFileTest {

    /** A key-value state whose values live in files named by the records. */
    static final class FileEntries extends PersistenceTest.Entries implements Attachments {
        final Map<String, byte[]> files = new TreeMap<>();
        final String name;

        FileEntries(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Attachments attachments() {
            return this;
        }

        @Override
        public Collection<String> of(Object record) {
            return record instanceof PersistenceTest.Entry e && e.value().startsWith("file:")
                    ? List.of(e.value().substring(5)) : List.of();
        }

        @Override
        public InputStream open(String file) throws IOException {
            byte[] bytes = files.get(file);
            if (bytes == null) {
                throw new NoSuchFileException(file);
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void store(String file, InputStream bytes) throws IOException {
            files.put(file, bytes.readAllBytes());
        }

        @Override
        public synchronized void clear() {
            super.clear();
            files.clear();
        }
    }

    private static FileEntries sample(String name) {
        FileEntries state = new FileEntries(name);
        state.apply(new PersistenceTest.Entry("plain", "value"));
        state.apply(new PersistenceTest.Entry("big", "file:f1"));
        state.apply(new PersistenceTest.Entry("same", "file:f1"));
        state.apply(new PersistenceTest.Entry("gone", "file:missing"));
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        state.files.put("f1", big);
        return state;
    }

    @Test
    void aStateIsLoadedWholeWithItsAttachments(@TempDir Path spool) throws IOException {
        FileEntries source = sample("kv");
        byte[] file = StateFile.toBytes(List.of(source));

        FileEntries target = new FileEntries("kv");
        target.apply(new PersistenceTest.Entry("old", "dropped"));
        target.files.put("old-file", new byte[1]);
        StateJournal journal = Persistence.inMemory().open(target);
        Map<String, StateFile.Section> sections = StateFile.read(new ByteArrayInputStream(file),
                n -> n.equals("kv") ? target : null, spool);
        sections.get("kv").replace(journal).toCompletableFuture().join();

        // the record whose file was gone when it was exported is left out, not loaded half
        assertThat(target.map).containsOnly(Map.entry("plain", "value"), Map.entry("big", "file:f1"),
                Map.entry("same", "file:f1"));
        assertThat(target.files).containsOnlyKeys("f1");
        assertThat(target.files.get("f1")).isEqualTo(source.files.get("f1"));
    }

    @Test
    void sectionsNotAskedForAreSkipped(@TempDir Path spool) throws IOException {
        byte[] file = StateFile.toBytes(List.of(sample("one"), sample("two")));
        FileEntries two = new FileEntries("two");
        Map<String, StateFile.Section> sections = StateFile.read(new ByteArrayInputStream(file),
                n -> n.equals("two") ? two : null, spool);
        assertThat(sections).containsOnlyKeys("two");
        assertThat(sections.get("two").records()).hasSize(3);
        assertThat(sections.get("two").attachments()).containsOnlyKeys("f1");
    }

    @Test
    void aDurableLoadSurvivesARestart(@TempDir Path dir, @TempDir Path spool) throws IOException {
        byte[] file = StateFile.toBytes(List.of(sample("kv")));
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            FileEntries target = new FileEntries("kv");
            StateJournal journal = persistence.open(target);
            StateFile.read(new ByteArrayInputStream(file), n -> target, spool).get("kv").replace(journal)
                    .toCompletableFuture().join();
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            FileEntries again = new FileEntries("kv");
            persistence.open(again);
            assertThat(again.map).containsOnlyKeys("plain", "big", "same");
        }
    }

    @Test
    void aDamagedFileIsRefusedBeforeAnythingChanges(@TempDir Path spool) {
        byte[] file = StateFile.toBytes(List.of(sample("kv")));
        FileEntries target = new FileEntries("kv");
        target.apply(new PersistenceTest.Entry("kept", "yes"));

        byte[] flipped = file.clone();
        flipped[flipped.length / 2] ^= 0x10;
        assertThatThrownBy(() -> StateFile.read(new ByteArrayInputStream(flipped), n -> target, spool))
                .isInstanceOf(PersistenceException.class)
                .hasMessageStartingWith("The state file is damaged at byte ")
                .hasMessageEndingWith("Export it again.");

        byte[] cut = Arrays.copyOf(file, file.length - 5);
        assertThatThrownBy(() -> StateFile.read(new ByteArrayInputStream(cut), n -> target, spool))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("is cut short at byte");

        byte[] newer = file.clone();
        newer[11] = 2;
        int crc = Frames.crc(newer, 0, Frames.FILE_HEADER - 4);
        java.nio.ByteBuffer.wrap(newer).putInt(Frames.FILE_HEADER - 4, crc);
        assertThatThrownBy(() -> StateFile.read(new ByteArrayInputStream(newer), n -> target, spool))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The state file is in format 2, written by a newer Gureum; this one reads formats up to 1. "
                        + "Load it into that version (or a newer one).");

        assertThatThrownBy(() -> StateFile.read(new ByteArrayInputStream("{\"json\":1}".getBytes()), n -> target, spool))
                .isInstanceOf(PersistenceException.class)
                .hasMessageStartingWith("This is not a Gureum state file");
        assertThat(target.map).containsOnly(Map.entry("kept", "yes"));
    }

    @Test
    void anEmptyExportLoadsAsNoState(@TempDir Path spool) throws IOException {
        byte[] file = StateFile.toBytes(List.of());
        assertThat(StateFile.read(new ByteArrayInputStream(file), n -> null, spool)).isEmpty();
        assertThat(Files.list(spool)).isEmpty();
    }
}
