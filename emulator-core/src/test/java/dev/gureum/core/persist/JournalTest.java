package dev.gureum.core.persist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.gureum.core.persist.TestState.Entry;
import dev.gureum.core.persist.TestState.Removed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    private static final JournalOptions NO_CLOSING_SNAPSHOT = JournalOptions.DEFAULTS.withSnapshotOnClose(false);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void appendedRecordsAreReplayedAfterReopening(SyncMode mode) {
        TestState state = new TestState();
        try (Journal journal = state.open(dir, NO_CLOSING_SNAPSHOT.withSync(mode))) {
            for (String key : TestState.keys(100)) {
                Entry entry = TestState.entry(key, 7);
                state.apply(entry);
                journal.append(entry).toCompletableFuture().join();
            }
            state.apply(new Removed("key-3"));
            journal.append(new Removed("key-3")).toCompletableFuture().join();
        }

        TestState reopened = new TestState();
        try (Journal journal = reopened.open(dir, NO_CLOSING_SNAPSHOT)) {
            assertThat(journal.recoveredRecords()).isEqualTo(101);
        }
        assertThat(reopened.entries).isEqualTo(state.entries).hasSize(99).doesNotContainKey("key-3");
        assertThat(reopened.entries.get("key-5").tags()).isEqualTo(Map.of("k", "key-5"));
    }

    @Test
    void concurrentAppendersAreAllKeptInTheirOwnOrder() throws Exception {
        int threads = 16;
        int perThread = 300;
        try (Journal journal = new TestState().open(dir, NO_CLOSING_SNAPSHOT)) {
            appendFromThreads(journal, threads, perThread);
        }
        List<Entry> replayed = new ArrayList<>();
        try (Journal journal = Journal.open(dir, TestState.TYPES, NO_CLOSING_SNAPSHOT,
                record -> replayed.add((Entry) record), List::of)) {
            assertThat(journal.recoveredRecords()).isEqualTo((long) threads * perThread);
        }
        for (int t = 0; t < threads; t++) {
            String key = "writer-" + t;
            assertThat(replayed.stream().filter(e -> e.key().equals(key)).map(Entry::value))
                    .containsExactlyElementsOf(Stream.iterate(0L, i -> i + 1).limit(perThread).toList());
        }
    }

    @Test
    void writersWaitingTogetherShareOneForce() throws Exception {
        int threads = 32;
        int perThread = 50;
        try (Journal journal = new TestState().open(dir, NO_CLOSING_SNAPSHOT)) {
            appendFromThreads(journal, threads, perThread);
            // Each writer waits for its record to be durable; 1,600 acknowledged writes took far fewer forces.
            assertThat(journal.forces()).isLessThan(threads * perThread / 4);
        }
    }

    @Test
    void acknowledgementsComeInTheOrderOfTheAppendsAndTheCloseAcknowledgesEverything() throws Exception {
        List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.CompletableFuture<Void>> stages = new ArrayList<>();
        TestState state = new TestState();
        try (Journal journal = state.open(dir, NO_CLOSING_SNAPSHOT)) {
            for (int i = 0; i < 2000; i++) {
                int n = i;
                Entry entry = new Entry("k" + (i % 50), i, "text", Map.of());
                state.apply(entry);
                stages.add(journal.append(entry).toCompletableFuture().thenRun(() -> acknowledged.add(n)));
            }
        }
        // forces run beside the writer, several at once; a group is acknowledged only with every group before it
        assertThat(stages).allMatch(java.util.concurrent.CompletableFuture::isDone);
        assertThat(acknowledged).containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(2000).toList());
    }

    @Test
    void batchModeWaitsForTheWindowToGatherAGroup() {
        JournalOptions batch = new JournalOptions(SyncMode.BATCH, Duration.ofMillis(200), Duration.ofSeconds(1),
                64 << 20, false);
        try (Journal journal = new TestState().open(dir, batch)) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acks.add(journal.append(TestState.entry("k" + i, i)).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertThat(journal.forces()).isEqualTo(1);
        }
    }

    @Test
    void offModeAcknowledgesBeforeForcingAndForcesOnItsTimer() throws Exception {
        JournalOptions off = new JournalOptions(SyncMode.OFF, Duration.ofMillis(2), Duration.ofSeconds(2),
                64 << 20, false);
        try (Journal journal = new TestState().open(dir, off)) {
            for (int i = 0; i < 50; i++) {
                journal.append(TestState.entry("k" + i, i)).toCompletableFuture().join();
            }
            assertThat(journal.forces()).isLessThanOrEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (journal.lastDurable().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(journal.lastDurable()).isPresent();
        }
        TestState reopened = new TestState();
        reopened.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(reopened.entries).hasSize(50);
    }

    @Test
    void aTornTailIsCutBackToTheLastWholeRecord() throws Exception {
        writeEntries(10);
        Path journal = onlyJournal();
        long size = Files.size(journal);
        truncate(journal, size - 5);

        long cut = recordOffset(journal, 9);

        TestState reopened = new TestState();
        String log = standardError(() -> {
            try (Journal j = reopened.open(dir, NO_CLOSING_SNAPSHOT)) {
                assertThat(j.recoveredRecords()).isEqualTo(9);
                j.append(TestState.entry("after", 1)).toCompletableFuture().join();
            }
        });
        assertThat(reopened.entries).hasSize(9).doesNotContainKey("key-9");
        assertThat(log.lines().filter(line -> line.contains("WARN"))).singleElement().asString()
                .endsWith("The journal file " + journal + " ends in a record cut short at byte " + cut + " ("
                        + (size - 5 - cut) + " bytes, from a write Gureum did not finish and so never acknowledged);"
                        + " recovered every record before it.");

        TestState again = new TestState();
        again.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(again.entries).hasSize(10).containsKey("after");
    }

    @Test
    void aCutAtAnyByteOfTheLastRecordsRecoversEveryWholeRecordBeforeIt() throws Exception {
        writeEntries(5);
        Path journal = onlyJournal();
        byte[] whole = Files.readAllBytes(journal);
        long third = recordOffset(journal, 3);
        long fourth = recordOffset(journal, 4);
        for (long cut = third; cut < whole.length; cut++) {
            Path copy = Files.createDirectories(dir.resolve("cut-" + cut));
            Files.write(copy.resolve(journal.getFileName()), Arrays.copyOf(whole, (int) cut));
            TestState reopened = new TestState();
            standardError(() -> reopened.open(copy, NO_CLOSING_SNAPSHOT).close());
            assertThat(reopened.entries).as("cut at %d", cut).hasSize(cut < fourth ? 3 : 4);
            assertThat(Files.size(copy.resolve(journal.getFileName()))).isEqualTo(cut < fourth ? third : fourth);
        }
    }

    @Test
    void aTailOfZerosEndsTheJournalAndAHalfHeaderIsTorn() throws Exception {
        writeEntries(3);
        Path journal = onlyJournal();
        long whole = Files.size(journal);
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(4096));
        }
        TestState reopened = new TestState();
        reopened.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(reopened.entries).hasSize(3);
        assertThat(Files.size(journal)).isEqualTo(whole);

        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 1}));
        }
        TestState again = new TestState();
        again.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(again.entries).hasSize(3);
        assertThat(Files.size(journal)).isEqualTo(whole);
    }

    @Test
    void theWriterAllocatesAheadOfItsRecordsAndCutsTheRestWhenItCloses() throws Exception {
        TestState state = new TestState();
        Path journal = dir.resolve("journal-0000000001.log");
        long written;
        try (Journal j = state.open(dir, NO_CLOSING_SNAPSHOT)) {
            for (String key : TestState.keys(3)) {
                j.append(TestState.entry(key, 1)).toCompletableFuture().join();
            }
            written = recordOffset(journal, 3);
            assertThat(Files.size(journal)).isEqualTo(JournalWriter.MIN_GROWTH);
            assertThat(j.sizeOnDisk()).isEqualTo(written);
        }
        assertThat(Files.size(journal)).isEqualTo(written);

        // A writer that stopped without closing leaves the zeros: they end the journal, without a warning.
        byte[] whole = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOf(whole, JournalWriter.MIN_GROWTH));
        TestState reopened = new TestState();
        String log = standardError(() -> {
            try (Journal j = reopened.open(dir, NO_CLOSING_SNAPSHOT)) {
                assertThat(j.recoveredRecords()).isEqualTo(3);
                j.append(TestState.entry("after", 1)).toCompletableFuture().join();
                assertThat(journal.toFile().length()).isEqualTo(JournalWriter.MIN_GROWTH);
            }
        });
        assertThat(log).doesNotContain("WARN");
        TestState again = new TestState();
        again.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(again.entries).hasSize(4).containsKey("after");
    }

    @Test
    void theFileGrowsInChunksThatDoubleUpToALimit() throws Exception {
        TestState state = new TestState();
        Path journal = dir.resolve("journal-0000000001.log");
        List<Long> sizes = new ArrayList<>();
        try (Journal j = state.open(dir, NO_CLOSING_SNAPSHOT)) {
            String large = "x".repeat(200 << 10);
            for (int i = 0; i < 60; i++) {
                j.append(new Entry("key-" + i, i, large, Map.of())).toCompletableFuture().join();
                long size = Files.size(journal);
                if (sizes.isEmpty() || sizes.get(sizes.size() - 1) != size) {
                    sizes.add(size);
                }
            }
        }
        // the first record needed more than the smallest chunk: the file is as long as it, in whole pages
        assertThat(sizes.get(0)).isBetween(200L << 10, 256L << 10);
        assertThat(sizes.get(0) % 4096).isZero();
        for (int i = 1; i < sizes.size(); i++) {
            long growth = sizes.get(i) - sizes.get(i - 1);
            assertThat(growth).isEqualTo(Math.min(sizes.get(i - 1), JournalWriter.MAX_GROWTH));
        }
        assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(8L << 20);
        TestState reopened = new TestState();
        reopened.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(reopened.entries).hasSize(60);
    }

    @Test
    void aCutAtAnyByteOfTheLastRecordsBeforeAllocatedZerosRecoversEveryWholeRecordBeforeIt() throws Exception {
        writeEntries(5);
        Path journal = onlyJournal();
        byte[] whole = Files.readAllBytes(journal);
        long third = recordOffset(journal, 3);
        long fourth = recordOffset(journal, 4);
        for (long cut = third; cut < whole.length; cut++) {
            Path copy = Files.createDirectories(dir.resolve("cut-" + cut));
            Path file = copy.resolve(journal.getFileName());
            byte[] allocated = new byte[JournalWriter.MIN_GROWTH];
            System.arraycopy(whole, 0, allocated, 0, (int) cut);
            Files.write(file, allocated);
            TestState reopened = new TestState();
            String log = standardError(() -> reopened.open(copy, NO_CLOSING_SNAPSHOT).close());
            assertThat(reopened.entries).as("cut at %d", cut).hasSize(cut < fourth ? 3 : 4);
            assertThat(Files.size(file)).as("cut at %d", cut).isEqualTo(cut < fourth ? third : fourth);
            long start = cut < fourth ? third : fourth;
            boolean onlyZerosWritten = true; // e.g. the high bytes of a length: nothing tells them from the allocated zeros
            for (long at = start; at < cut; at++) {
                onlyZerosWritten &= whole[(int) at] == 0;
            }
            if (onlyZerosWritten) {
                assertThat(log).as("cut at %d", cut).doesNotContain("WARN");
            } else {
                assertThat(log).as("cut at %d", cut).contains("WARN").contains("ends in a")
                        .contains("at byte " + start + " (");
            }
        }
    }

    @Test
    void aFlippedByteInAMiddleRecordBeforeAllocatedZerosIsStillDamage() throws Exception {
        writeEntries(5);
        Path journal = onlyJournal();
        byte[] whole = Files.readAllBytes(journal);
        Files.write(journal, Arrays.copyOf(whole, JournalWriter.MIN_GROWTH));
        long second = recordOffset(journal, 1);
        flip(journal, second + Frames.FRAME_HEADER + 4);

        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining(" is damaged at byte " + second + " (a record fails its checksum)");
        assertThat(Files.size(journal)).isEqualTo(JournalWriter.MIN_GROWTH);
    }

    @Test
    void zerosInTheMiddleWithRecordsAfterThemAreDamageNotTheEnd() throws Exception {
        writeEntries(5);
        Path journal = onlyJournal();
        byte[] whole = Files.readAllBytes(journal);
        long second = recordOffset(journal, 1);
        long third = recordOffset(journal, 2);
        Arrays.fill(whole, (int) second, (int) third, (byte) 0);
        Files.write(journal, Arrays.copyOf(whole, JournalWriter.MIN_GROWTH));

        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining(" is damaged at byte " + second + " (a record header fails its checksum)");
    }

    @Test
    void aLastJournalCutInsideItsHeaderIsStartedAgain() throws Exception {
        TestState state = new TestState();
        try (Journal journal = state.open(dir, JournalOptions.DEFAULTS)) {
            Entry entry = TestState.entry("kept", 1);
            state.apply(entry);
            journal.append(entry).toCompletableFuture().join();
        }
        Path second = dir.resolve("journal-0000000002.log");
        truncate(second, 10);

        TestState reopened = new TestState();
        try (Journal journal = reopened.open(dir, NO_CLOSING_SNAPSHOT)) {
            Entry entry = TestState.entry("after", 2);
            reopened.apply(entry);
            journal.append(entry).toCompletableFuture().join();
        }
        TestState again = new TestState();
        again.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(again.entries).containsOnlyKeys("kept", "after");
    }

    @Test
    void aFlippedByteInTheMiddleIsAnErrorNamingFileAndOffset() throws Exception {
        writeEntries(10);
        Path journal = onlyJournal();
        long third = recordOffset(journal, 2);
        flip(journal, third + Frames.FRAME_HEADER + 4);

        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The journal file " + journal + " is damaged at byte " + third + " (a record fails its checksum);"
                        + " the records after it cannot be trusted. Restore the data directory from a backup, or keep the"
                        + " records before byte " + third + " with: truncate -s " + third + " " + journal)
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(PersistenceException.Reason.DAMAGED);
        // Nothing was cut: the damage is left for the user to judge.
        assertThat(recordOffset(journal, 9)).isPositive();
    }

    @Test
    void aFlippedByteAnywhereInAMiddleRecordIsDamageAtThatRecord() throws Exception {
        writeEntries(5);
        Path journal = onlyJournal();
        byte[] whole = Files.readAllBytes(journal);
        long second = recordOffset(journal, 1);
        long third = recordOffset(journal, 2);
        for (long at = second; at < third; at++) {
            Path copy = Files.createDirectories(dir.resolve("flip-" + at));
            Path file = copy.resolve(journal.getFileName());
            Files.write(file, whole);
            flip(file, at);
            assertThatThrownBy(() -> new TestState().open(copy, NO_CLOSING_SNAPSHOT))
                    .as("flipped byte %d", at)
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining(" is damaged at byte " + second + " (");
            assertThat(Files.size(file)).isEqualTo(whole.length);
        }
    }

    @Test
    void aFlippedLengthInTheMiddleIsDamageNotATornTail() throws Exception {
        writeEntries(10);
        Path journal = onlyJournal();
        long fifth = recordOffset(journal, 4);
        flip(journal, fifth + 2);

        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("is damaged at byte " + fifth + " (a record header fails its checksum)");
    }

    @Test
    void aJournalFromANewerFormatIsRefused() throws Exception {
        writeEntries(2);
        Path journal = onlyJournal();
        ByteBuffer header = ByteBuffer.allocate(Frames.FILE_HEADER);
        header.put(Frames.JOURNAL_MAGIC).putInt(2).putLong(1);
        header.putInt(Frames.crc(header.array(), 0, Frames.FILE_HEADER - 4));
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.write(header.flip(), 0);
        }

        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The journal file " + journal + " is in format 2, written by a newer Gureum; this one reads"
                        + " formats up to 1. Start that version (or a newer one) on this directory.");
    }

    @Test
    void aRecordOfANewerVersionIsRefusedAndAnOlderOneIsMigratedByItsReader() {
        RecordType<Entry> v1 = RecordType.of(1, Entry.class, 1,
                (e, out) -> out.writeString(e.key()),
                (in, version) -> new Entry(in.readString(), 0, null, null));
        RecordType<Entry> v2 = RecordType.of(1, Entry.class, 2,
                (e, out) -> {
                    out.writeString(e.key());
                    out.writeLong(e.value());
                },
                (in, version) -> new Entry(in.readString(), version >= 2 ? in.readLong() : -1, null, null));
        List<Object> replayed = new ArrayList<>();
        try (Journal journal = Journal.open(dir, RecordTypes.of(v1), NO_CLOSING_SNAPSHOT, replayed::add, List::of)) {
            journal.append(new Entry("old", 5, null, null)).toCompletableFuture().join();
        }
        try (Journal journal = Journal.open(dir, RecordTypes.of(v2), NO_CLOSING_SNAPSHOT, replayed::add, List::of)) {
            journal.append(new Entry("new", 6, null, null)).toCompletableFuture().join();
        }
        assertThat(replayed).containsExactly(new Entry("old", -1, null, null));

        assertThatThrownBy(() -> Journal.open(dir, RecordTypes.of(v1), NO_CLOSING_SNAPSHOT, r -> { }, List::of))
                .isInstanceOf(PersistenceException.class)
                .hasMessageContaining("holds a Entry record of version 2; this Gureum reads up to 1")
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(PersistenceException.Reason.NEWER_FORMAT);
    }

    @Test
    void aDirectoryInUseIsRefusedUntilItIsClosed() {
        Journal first = new TestState().open(dir, NO_CLOSING_SNAPSHOT);
        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The data directory " + dir + " is in use by another Gureum (this process). Stop that one,"
                        + " or give this one another data directory.")
                .extracting(e -> ((PersistenceException) e).reason()).isEqualTo(PersistenceException.Reason.LOCKED);
        first.append(TestState.entry("still", 1)).toCompletableFuture().join();
        first.close();

        TestState reopened = new TestState();
        reopened.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(reopened.entries).containsKey("still");
    }

    @Test
    void snapshotsKeepTheDiskAndTheReplayProportionalToTheStateNotItsHistory() {
        JournalOptions small = NO_CLOSING_SNAPSHOT.withSnapshotAfterBytes(8 << 10);
        TestState state = new TestState();
        long largest = 0;
        try (Journal journal = state.open(dir, small)) {
            List<CompletionStage<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                Entry entry = TestState.entry("key-" + (i % 10), i);
                state.apply(entry);
                acks.add(journal.append(entry));
                if (acks.size() == 500) {
                    acks.forEach(a -> a.toCompletableFuture().join());
                    acks.clear();
                    for (CompletableFuture<Void> s; !(s = journal.snapshotUnderWay().toCompletableFuture()).isDone(); ) {
                        s.join();
                    }
                    largest = Math.max(largest, journal.sizeOnDisk());
                }
            }
            acks.forEach(a -> a.toCompletableFuture().join());
            // 20,000 records of about 70 bytes (1.4 MB) were written; between groups of 500, once the
            // snapshot under way was done, what was kept was the state and less than a threshold's
            // worth of journal (8 KiB)
            assertThat(largest).isLessThan(16 << 10);
            journal.snapshot().toCompletableFuture().join(); // may be one that started before the last records
            journal.snapshot().toCompletableFuture().join();
            assertThat(journal.sizeOnDisk()).isLessThan(4 << 10);
        }
        TestState reopened = new TestState();
        try (Journal journal = reopened.open(dir, small)) {
            assertThat(journal.recoveredRecords()).isEqualTo(10);
        }
        assertThat(reopened.entries).isEqualTo(state.entries);
        assertThat(reopened.entries.get("key-9").value()).isEqualTo(19_999);
    }

    @Test
    void closingTakesASnapshotSoTheNextStartReplaysOnlyTheState() throws Exception {
        TestState state = new TestState();
        try (Journal journal = state.open(dir, JournalOptions.DEFAULTS)) {
            for (int i = 0; i < 300; i++) {
                Entry entry = TestState.entry("key-" + (i % 3), i);
                state.apply(entry);
                journal.append(entry).toCompletableFuture().join();
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("gureum.lock", "journal-0000000002.log", "snapshot-0000000001.snap");
        }
        TestState reopened = new TestState();
        try (Journal journal = reopened.open(dir, JournalOptions.DEFAULTS)) {
            assertThat(journal.recoveredRecords()).isEqualTo(3);
        }
        assertThat(reopened.entries).isEqualTo(state.entries);
    }

    @Test
    void aSnapshotAskedForWhileOneIsUnderWayIsTheNextOne() throws Exception {
        TestState state = new TestState();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        try (Journal journal = Journal.open(dir, TestState.TYPES, NO_CLOSING_SNAPSHOT, state::apply, () -> {
            if (reads.getAndIncrement() == 0) {
                reading.countDown();
                awaitQuietly(release);
            }
            return state.records();
        })) {
            CompletionStage<Void> first = journal.snapshot();
            reading.await();
            Entry late = TestState.entry("late", 1); // after the first snapshot's journal file started
            state.apply(late);
            journal.append(late).toCompletableFuture().join();
            CompletionStage<Void> second = journal.snapshot();
            release.countDown();
            second.toCompletableFuture().join();
            assertThat(first.toCompletableFuture()).isDone();
            assertThat(reads).hasValue(2);
        }
        TestState reopened = new TestState();
        try (Journal journal = reopened.open(dir, NO_CLOSING_SNAPSHOT)) {
            assertThat(journal.recoveredRecords()).isEqualTo(1); // from the second snapshot, none from a journal
        }
        assertThat(reopened.entries).containsOnlyKeys("late");
        assertThat(dir.resolve("snapshot-0000000002.snap")).exists();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDamagedSnapshotIsAnError() throws Exception {
        TestState state = new TestState();
        try (Journal journal = state.open(dir, JournalOptions.DEFAULTS)) {
            Entry entry = TestState.entry("a", 1);
            state.apply(entry);
            journal.append(entry).toCompletableFuture().join();
        }
        Path snapshot = dir.resolve("snapshot-0000000001.snap");
        flip(snapshot, Frames.FILE_HEADER + Frames.FRAME_HEADER + 5);

        assertThatThrownBy(() -> new TestState().open(dir, JournalOptions.DEFAULTS))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The snapshot file " + snapshot + " is damaged at byte " + Frames.FILE_HEADER
                        + " (a record fails its checksum); the records after it cannot be trusted."
                        + " Restore the data directory from a backup.");
    }

    @Test
    void anUnfinishedSnapshotIsDroppedAndTheJournalsItWouldHaveReplacedAreReplayed() throws Exception {
        writeEntries(5);
        Files.write(dir.resolve("snapshot-0000000001.snap.tmp"), new byte[] {1, 2, 3});

        TestState reopened = new TestState();
        reopened.open(dir, NO_CLOSING_SNAPSHOT).close();
        assertThat(reopened.entries).hasSize(5);
        assertThat(dir.resolve("snapshot-0000000001.snap.tmp")).doesNotExist();
    }

    @Test
    void filesASnapshotReplacedButDidNotYetDeleteAreDeletedAtOpen() throws Exception {
        TestState state = new TestState();
        try (Journal journal = state.open(dir, JournalOptions.DEFAULTS)) {
            Entry entry = TestState.entry("kept", 1);
            state.apply(entry);
            journal.append(entry).toCompletableFuture().join();
        }
        // As if Gureum had stopped between writing snapshot 1 and deleting journal 1.
        Files.write(dir.resolve("journal-0000000001.log"), Frames.fileHeader(Frames.JOURNAL_MAGIC, 1).array());

        TestState reopened = new TestState();
        reopened.open(dir, JournalOptions.DEFAULTS.withSnapshotOnClose(false)).close();
        assertThat(reopened.entries).containsOnlyKeys("kept");
        assertThat(dir.resolve("journal-0000000001.log")).doesNotExist();
    }

    @Test
    void aMissingJournalIsAnError() throws Exception {
        writeEntries(2);
        Path journal = onlyJournal();
        Files.move(journal, dir.resolve("journal-0000000002.log"));

        assertThatThrownBy(() -> new TestState().open(dir, NO_CLOSING_SNAPSHOT))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("The data directory " + dir + " lacks the journal or snapshot before journal-0000000002.log."
                        + " Restore the data directory from a backup.");
    }

    @Test
    void aRecordWithoutARegisteredTypeIsAProgrammingError() {
        try (Journal journal = new TestState().open(dir, NO_CLOSING_SNAPSHOT)) {
            assertThatThrownBy(() -> journal.append("a string"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No record type is registered for java.lang.String");
        }
    }

    @Test
    void appendsAfterCloseFail() {
        Journal journal = new TestState().open(dir, NO_CLOSING_SNAPSHOT);
        journal.close();
        assertThat(journal.append(TestState.entry("late", 1)).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1));
    }

    /** What {@code body} logged (the simple logger of the tests writes to standard error). */
    private static String standardError(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Each thread appends entries 0 to {@code perThread - 1} of its key, waiting for each to be durable. */
    private static void appendFromThreads(Journal journal, int threads, int perThread) throws InterruptedException {
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String key = "writer-" + t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    journal.append(TestState.entry(key, i)).toCompletableFuture().join();
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private void writeEntries(int count) {
        TestState state = new TestState();
        try (Journal journal = state.open(dir, NO_CLOSING_SNAPSHOT)) {
            for (String key : TestState.keys(count)) {
                journal.append(TestState.entry(key, 1)).toCompletableFuture().join();
            }
        }
    }

    private Path onlyJournal() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Frames.journalGeneration(f) > 0).reduce((a, b) -> {
                throw new AssertionError("more than one journal");
            }).orElseThrow();
        }
    }

    /** Where the record at {@code index} (from 0) starts. */
    private static long recordOffset(Path journal, int index) throws IOException {
        byte[] bytes = Files.readAllBytes(journal);
        long offset = Frames.FILE_HEADER;
        for (int i = 0; i < index; i++) {
            offset += Frames.FRAME_HEADER + ByteBuffer.wrap(bytes, (int) offset, 4).getInt();
        }
        return offset;
    }

    private static void flip(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, offset);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
