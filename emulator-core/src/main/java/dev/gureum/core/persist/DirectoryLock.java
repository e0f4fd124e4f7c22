package dev.gureum.core.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive hold on a directory, through an operating-system lock on its file {@code gureum.lock}.
 * The operating system releases it when the process ends, however it ends, so a lock file left by a
 * killed Gureum does not block the next one. The file holds the holder's process id, for the message
 * a second Gureum prints.
 */
public final class DirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "gureum.lock";
    /**
     * Directories this process holds. Checked before the file is opened: closing any channel to a
     * locked file would release this process's lock on it (POSIX locks belong to the process).
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or refuses with {@link PersistenceException.Reason#LOCKED} naming the holder. */
    public static DirectoryLock acquire(Path directory) {
        Path key;
        try {
            Files.createDirectories(directory);
            key = directory.toRealPath();
        } catch (IOException e) {
            throw new PersistenceException(PersistenceException.Reason.IO,
                    "Could not create the data directory " + directory + ": " + e.getMessage(), e);
        }
        if (!HELD.add(key)) {
            throw locked(directory, " (this process)");
        }
        Path file = key.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                HELD.remove(key);
                throw locked(directory, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DirectoryLock(key, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(key);
            throw new PersistenceException(PersistenceException.Reason.IO,
                    "Could not lock the data directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static PersistenceException locked(Path directory, String holder) {
        return new PersistenceException(PersistenceException.Reason.LOCKED, "The data directory " + directory
                + " is in use by another Gureum" + holder + ". Stop that one, or give this one another data directory.");
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(32);
        channel.read(bytes, 0);
        String pid = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d+") ? " (process " + pid + ")" : "";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock error is the one worth reporting
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(directory);
    }
}
