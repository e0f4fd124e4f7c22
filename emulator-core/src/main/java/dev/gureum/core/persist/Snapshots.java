package dev.gureum.core.persist;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes snapshot files: the file header, one frame per record, and an end mark (a payload of tag 0
 * with the number of records), so a snapshot is known whole. It is written under a temporary name,
 * forced, and renamed: a snapshot file either is whole or does not exist.
 */
final class Snapshots {

    private static final int END_MARK_LENGTH = 3 + 8;

    private Snapshots() {
    }

    /** Writes the snapshot of {@code generation}; returns its size. */
    static long write(Path directory, long generation, Iterable<?> state, RecordTypes types) throws IOException {
        Path target = directory.resolve(Frames.snapshotName(generation));
        Path temporary = directory.resolve(Frames.snapshotName(generation) + ".tmp");
        long count = 0;
        try (FileOutputStream file = new FileOutputStream(temporary.toFile());
             OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
            out.write(Frames.fileHeader(Frames.SNAPSHOT_MAGIC, generation).array());
            for (Object record : state) {
                out.write(types.encodeFrame(record));
                count++;
            }
            out.write(Frames.frame(endMark(count)));
            out.flush();
            file.getFD().sync();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(directory);
        return Files.size(target);
    }

    static byte[] endMark(long count) {
        return ByteBuffer.allocate(END_MARK_LENGTH).putShort((short) 0).put((byte) 1).putLong(count).array();
    }

    static boolean isEndMark(byte[] bytes, int offset, int length) {
        return length == END_MARK_LENGTH && bytes[offset] == 0 && bytes[offset + 1] == 0;
    }

    static long endMarkCount(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset + 3, 8).getLong();
    }

    /** Makes a file's creation, rename or deletion in {@code directory} durable. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some systems cannot open a directory for reading; their renames are durable without it.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
