package dev.gureum.core.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal directory back: the latest snapshot, then every journal after it, in order. A
 * journal ends where a frame header should start and only zeros follow (the space the writer
 * allocates ahead of its records). A record cut short at the end of the last journal, that is with
 * nothing but zeros after it (a write the process or the machine did not finish, so never
 * acknowledged), is cut off with one warning; anything else that does not check out stops the start
 * with one line naming the file and the byte.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /**
     * What was found.
     *
     * @param snapshotGeneration the generation of the snapshot read, 0 if none
     * @param appendGeneration   the journal to append to
     * @param appendOffset       where its whole records end, or -1 when the file is to be created
     * @param journalBytes       the bytes of journals after the snapshot
     * @param snapshotBytes      the size of the snapshot read
     * @param olderFormat        whether a file was in an older format (a snapshot rewrites it)
     * @param records            how many records were replayed
     */
    record Result(long snapshotGeneration, long appendGeneration, long appendOffset, long journalBytes,
                  long snapshotBytes, boolean olderFormat, long records) {
    }

    private final Path directory;
    private final RecordTypes types;
    private final Consumer<Object> replay;
    private boolean olderFormat;
    private long records;

    private Recovery(Path directory, RecordTypes types, Consumer<Object> replay) {
        this.directory = directory;
        this.types = types;
        this.replay = replay;
    }

    static Result run(Path directory, RecordTypes types, Consumer<Object> replay) throws IOException {
        return new Recovery(directory, types, replay).run();
    }

    private Result run() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".tmp")) {
                Files.delete(file); // a snapshot that was being written: the journals it would replace are still there
            }
        }
        List<Path> snapshots = files.stream().filter(f -> Frames.snapshotGeneration(f) > 0)
                .sorted(Comparator.comparingLong(Frames::snapshotGeneration)).toList();
        List<Path> journals = files.stream().filter(f -> Frames.journalGeneration(f) > 0)
                .sorted(Comparator.comparingLong(Frames::journalGeneration)).toList();

        long snapshotGeneration = 0;
        long snapshotBytes = 0;
        if (!snapshots.isEmpty()) {
            Path latest = snapshots.get(snapshots.size() - 1);
            snapshotGeneration = Frames.snapshotGeneration(latest);
            snapshotBytes = readSnapshot(latest, snapshotGeneration);
        }
        // What a compaction had replaced but not yet deleted when Gureum stopped.
        for (Path snapshot : snapshots) {
            if (Frames.snapshotGeneration(snapshot) < snapshotGeneration) {
                Files.delete(snapshot);
            }
        }
        List<Path> tail = new ArrayList<>();
        for (Path journal : journals) {
            if (Frames.journalGeneration(journal) <= snapshotGeneration) {
                Files.delete(journal);
            } else {
                tail.add(journal);
            }
        }

        long expected = snapshotGeneration + 1;
        long journalBytes = 0;
        long appendOffset = -1;
        for (int i = 0; i < tail.size(); i++) {
            Path journal = tail.get(i);
            long generation = Frames.journalGeneration(journal);
            if (generation != expected) {
                throw new PersistenceException(PersistenceException.Reason.DAMAGED, "The data directory " + directory
                        + " lacks the journal or snapshot before " + journal.getFileName()
                        + ". Restore the data directory from a backup.");
            }
            expected++;
            boolean last = i == tail.size() - 1;
            appendOffset = readJournal(journal, generation, last);
            journalBytes += Math.max(appendOffset, 0);
        }
        long appendGeneration = tail.isEmpty() ? snapshotGeneration + 1 : expected - 1;
        if (olderFormat && appendOffset >= 0) {
            appendGeneration++; // never append today's frames to a file of an older format
            appendOffset = -1;
        }
        return new Result(snapshotGeneration, appendGeneration, appendOffset, journalBytes, snapshotBytes,
                olderFormat, records);
    }

    /** Replays a snapshot, which must be whole: it was forced before it got its name. */
    private long readSnapshot(Path file, long generation) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Scanner scanner = new Scanner(channel);
            long size = scanner.size;
            if (size < Frames.FILE_HEADER) {
                throw damaged(file, 0, "the file is shorter than its header", false);
            }
            readHeader(file, scanner, Frames.SNAPSHOT_MAGIC, generation, "snapshot");
            long position = Frames.FILE_HEADER;
            long count = 0;
            while (true) {
                if (size - position < Frames.FRAME_HEADER) {
                    throw damaged(file, position, "the snapshot ends before its end mark", false);
                }
                int header = scanner.at(position, Frames.FRAME_HEADER);
                int length = scanner.intAt(header);
                int payloadCrc = scanner.intAt(header + 4);
                if (scanner.intAt(header + 8) != Frames.crc(scanner.array(), header, 8) || length < 0
                        || length > Frames.MAX_PAYLOAD || position + Frames.FRAME_HEADER + length > size) {
                    throw damaged(file, position, "a record header fails its checksum", false);
                }
                int payload = scanner.at(position, Frames.FRAME_HEADER + length) + Frames.FRAME_HEADER;
                if (Frames.crc(scanner.array(), payload, length) != payloadCrc) {
                    throw damaged(file, position, "a record fails its checksum", false);
                }
                if (Snapshots.isEndMark(scanner.array(), payload, length)) {
                    if (Snapshots.endMarkCount(scanner.array(), payload) != count
                            || position + Frames.FRAME_HEADER + length != size) {
                        throw damaged(file, position, "the end mark does not match the records before it", false);
                    }
                    return size;
                }
                long at = position;
                replay.accept(types.decode(scanner.array(), payload, length,
                        () -> "The snapshot file " + file + " at byte " + at));
                count++;
                records++;
                position += Frames.FRAME_HEADER + length;
            }
        }
    }

    /** Replays a journal; returns where its whole records end, or -1 if it has no whole header. */
    private long readJournal(Path file, long generation, boolean last) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Scanner scanner = new Scanner(channel);
            long size = scanner.size;
            if (size < Frames.FILE_HEADER) {
                if (last) {
                    // Created, but stopped before its header was on the disk: records are only written
                    // after it, so there is nothing to lose.
                    if (!scanner.zeroFrom(0)) {
                        LOG.warn("The journal file {} ends in a file header cut short ({} bytes, from a write Gureum"
                                + " did not finish); it held no record and is started again.", file, size);
                    }
                    channel.close();
                    Files.delete(file);
                    return -1;
                }
                throw damaged(file, 0, "the file is shorter than its header", false);
            }
            readHeader(file, scanner, Frames.JOURNAL_MAGIC, generation, "journal");
            long position = Frames.FILE_HEADER;
            while (position < size) {
                String torn = null;
                String damage = null;
                long remaining = size - position;
                if (scanner.zeroFrom(position)) {
                    return position; // the zeros the writer had allocated ahead of its records
                }
                if (remaining < Frames.FRAME_HEADER) {
                    torn = "a record header cut short";
                } else {
                    int header = scanner.at(position, Frames.FRAME_HEADER);
                    int length = scanner.intAt(header);
                    int payloadCrc = scanner.intAt(header + 4);
                    boolean headerOk = scanner.intAt(header + 8) == Frames.crc(scanner.array(), header, 8)
                            && length >= 0 && length <= Frames.MAX_PAYLOAD;
                    if (!headerOk) {
                        if (scanner.zeroFrom(position + Frames.FRAME_HEADER)) {
                            torn = "a record header not completely written";
                        } else {
                            damage = "a record header fails its checksum";
                        }
                    } else if (Frames.FRAME_HEADER + (long) length > remaining) {
                        torn = "a record cut short";
                    } else {
                        int payload = scanner.at(position, Frames.FRAME_HEADER + length) + Frames.FRAME_HEADER;
                        if (Frames.crc(scanner.array(), payload, length) != payloadCrc) {
                            if (scanner.zeroFrom(position + Frames.FRAME_HEADER + length)) {
                                torn = "a last record not completely written";
                            } else {
                                damage = "a record fails its checksum";
                            }
                        } else {
                            long at = position;
                            replay.accept(types.decode(scanner.array(), payload, length,
                                    () -> "The journal file " + file + " at byte " + at));
                            records++;
                            position += Frames.FRAME_HEADER + length;
                            continue;
                        }
                    }
                }
                if (damage != null || !last) {
                    throw damaged(file, position, damage != null ? damage : torn, last);
                }
                LOG.warn("The journal file {} ends in {} at byte {} ({} bytes, from a write Gureum did not finish"
                        + " and so never acknowledged); recovered every record before it.", file, torn, position,
                        size - position);
                channel.truncate(position);
                channel.force(true);
                return position;
            }
            return position;
        }
    }

    private void readHeader(Path file, Scanner scanner, byte[] magic, long generation, String kind) throws IOException {
        byte[] header = scanner.read(0, Frames.FILE_HEADER);
        ByteBuffer fields = ByteBuffer.wrap(header);
        byte[] found = new byte[magic.length];
        fields.get(found);
        int version = fields.getInt();
        long written = fields.getLong();
        if (!Arrays.equals(found, magic)) {
            throw damaged(file, 0, "it does not start as a Gureum " + kind + " file", false);
        }
        if (fields.getInt() != Frames.crc(header, 0, Frames.FILE_HEADER - 4)) {
            throw damaged(file, 0, "its header fails its checksum", false);
        }
        if (version > Frames.FORMAT_VERSION) {
            throw new PersistenceException(PersistenceException.Reason.NEWER_FORMAT, "The " + kind + " file " + file
                    + " is in format " + version + ", written by a newer Gureum; this one reads formats up to "
                    + Frames.FORMAT_VERSION + ". Start that version (or a newer one) on this directory.");
        }
        if (version < 1) {
            throw damaged(file, 0, "its header names format " + version, false);
        }
        // Migration hook: a format older than FORMAT_VERSION is read here by its own branch, and the
        // snapshot taken at open rewrites the state in today's format. Format 1 is the first.
        if (version < Frames.FORMAT_VERSION) {
            olderFormat = true;
        }
        if (written != generation) {
            throw damaged(file, 0, "its header names generation " + written, false);
        }
    }

    private static PersistenceException damaged(Path file, long offset, String what, boolean canTruncate) {
        String fix = canTruncate
                ? "Restore the data directory from a backup, or keep the records before byte " + offset + " with: truncate -s "
                + offset + " " + file
                : "Restore the data directory from a backup.";
        String kind = Frames.snapshotGeneration(file) > 0 ? "snapshot" : "journal";
        return new PersistenceException(PersistenceException.Reason.DAMAGED, "The " + kind + " file " + file
                + " is damaged at byte " + offset + " (" + what + "); the records after it cannot be trusted. " + fix);
    }

    /** Sequential reads of a file through one buffer, without a copy per record. */
    private static final class Scanner {
        private final FileChannel channel;
        private final long size;
        private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private long bufferStart = 0;

        Scanner(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
            buffer.limit(0);
        }

        /**
         * Makes bytes {@code [position, position + length)} readable in {@link #array()} and returns
         * the index of the first; the caller has checked that they are inside the file.
         */
        int at(long position, int length) throws IOException {
            if (position < bufferStart || position + length > bufferStart + buffer.limit()) {
                if (length > buffer.capacity()) {
                    buffer = ByteBuffer.allocate(length);
                }
                buffer.clear();
                bufferStart = position;
                while (buffer.hasRemaining() && bufferStart + buffer.position() < size) {
                    if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
                        break;
                    }
                }
                buffer.flip();
                if (buffer.limit() < length) {
                    throw new java.io.EOFException("the file ends at " + size);
                }
            }
            return (int) (position - bufferStart);
        }

        byte[] array() {
            return buffer.array();
        }

        int intAt(int index) {
            return buffer.getInt(index);
        }

        byte[] read(long position, int length) throws IOException {
            int from = at(position, length);
            return java.util.Arrays.copyOfRange(buffer.array(), from, from + length);
        }

        /** Whether every byte from {@code position} to the end of the file is zero. */
        boolean zeroFrom(long position) throws IOException {
            for (long at = position; at < size; ) {
                int n = (int) Math.min(1 << 16, size - at);
                int from = at(at, n);
                byte[] bytes = buffer.array();
                for (int i = from; i < from + n; i++) {
                    if (bytes[i] != 0) {
                        return false;
                    }
                }
                at += n;
            }
            return true;
        }
    }
}
