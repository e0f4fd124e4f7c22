package dev.gureum.s3.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Object bytes on disk. Every write streams into a temporary file while the digests are computed, and
 * only a complete write is moved into place, so a failed upload never damages what was there. Stored
 * files are never modified: copies are hard links where the file system allows.
 * <p>
 * Only files of Gureum's own naming ({@code <run>-<uuid>}) directly in {@code tmp/} and
 * {@code objects/} are ever deleted wholesale, so files of the user's in the data directory are safe.
 * Each store names its files with a run id of its own, so that files left by an earlier run (a
 * process killed with {@code kill -9}) can be told from those being written now.
 */
public final class BlobStore {

    private static final int BUFFER = 64 * 1024;

    /**
     * With durable state, bodies up to this size are not forced to the disk when written: the record that
     * commits them carries their bytes, so the journal's group commit makes them durable, and recovery
     * writes the file again from the record if it is not whole ({@link #restore}).
     */
    public static final int INLINE_LIMIT = 64 * 1024;

    /**
     * A body written to a temporary file, not yet committed.
     *
     * @param inline its bytes, when the file was not forced and a record must carry them; else {@code null}
     */
    public record Written(Path file, long size, byte[] md5, Map<ChecksumAlgorithm, String> checksums, byte[] inline) {
        public Written(Path file, long size, byte[] md5, Map<ChecksumAlgorithm, String> checksums) {
            this(file, size, md5, checksums, null);
        }
    }

    /** {@code <run>-<uuid>} (and plain {@code <uuid>}, as earlier versions named files). */
    private static final java.util.regex.Pattern OWN_FILE = java.util.regex.Pattern.compile(
            "(?:[0-9a-f]{8}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path tmp;
    private final Path objects;
    private final String run = String.format("%08x", new java.security.SecureRandom().nextInt());
    /** Where small bodies are packed when state is kept. */
    private final Segments segments;
    private volatile boolean ready;
    /** Whether state is kept across restarts: files are then forced to the disk before anything points at them. */
    private final boolean durable;
    /** Files no longer referenced by the change this thread is making, deleted once that change is durable. */
    private final ThreadLocal<List<Path>> released = ThreadLocal.withInitial(java.util.ArrayList::new);
    /** Stored files not forced to the disk, with their bytes until a record that carries them is durable. */
    private final Map<Path, byte[]> inline = new ConcurrentHashMap<>();
    /** Stored files not forced to the disk; a snapshot forces them before it replaces the records that carried them. */
    private final Set<Path> unforced = ConcurrentHashMap.newKeySet();

    /** A store whose files live as long as the process: nothing is forced, released files go at once. */
    public BlobStore(Path root) {
        this(root, false);
    }

    /**
     * @param durable whether state that names these files is kept: each file is forced to the disk before
     *                it is handed out (or, up to {@link #INLINE_LIMIT}, handed out with its bytes for the
     *                record that commits it), and a file a change stops referencing is only deleted once that
     *                change is durable ({@link #release}, {@link #takeReleased})
     */
    public BlobStore(Path root, boolean durable) {
        this.tmp = root.resolve("tmp");
        this.objects = root.resolve("objects");
        this.durable = durable;
        this.segments = new Segments(root.resolve("segments"), run);
    }

    /** The segments small bodies are packed into when state is kept. */
    public Segments segments() {
        return segments;
    }

    /** Whether state that names these files is kept: see {@link #BlobStore(Path, boolean)}. */
    public boolean durable() {
        return durable;
    }

    /** Where stored files are; records name them by file name within it. */
    public Path objectsDirectory() {
        return objects;
    }

    private void ensureDirectories() throws IOException {
        if (!ready) {
            synchronized (this) {
                if (!ready) {
                    Files.createDirectories(tmp);
                    Files.createDirectories(objects);
                    ready = true;
                }
            }
        }
    }

    /**
     * Streams {@code in} to a temporary file.
     *
     * @param algorithms the checksums to compute besides MD5
     */
    public Written write(InputStream in, Collection<ChecksumAlgorithm> algorithms) throws IOException {
        Writer writer = writer(algorithms);
        try {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                writer.write(buffer, 0, n);
            }
            return writer.finish();
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    /**
     * A temporary file that bytes are pushed to as they arrive, with MD5 and {@code algorithms} computed
     * on the way. Calls must not overlap; each one blocks on the disk, so they belong on a worker thread.
     */
    public Writer writer(Collection<ChecksumAlgorithm> algorithms) {
        return new Writer(algorithms);
    }

    /** See {@link #writer}. */
    public final class Writer {
        private final MessageDigest md5 = md5();
        private final Map<ChecksumAlgorithm, ChecksumAlgorithm.Hasher> hashers = new EnumMap<>(ChecksumAlgorithm.class);
        private Path file;
        private FileChannel channel;
        private long size;
        private boolean closed;
        /** The bytes so far, while the body may still be small enough to be carried by its record. */
        private java.io.ByteArrayOutputStream copy;
        private boolean small = durable;

        private Writer(Collection<ChecksumAlgorithm> algorithms) {
            for (ChecksumAlgorithm a : algorithms) {
                hashers.put(a, a.newHasher());
            }
        }

        /** Bytes written so far. */
        public long size() {
            return size;
        }

        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            if (closed) {
                throw new IOException("The write is over");
            }
            if (small && size + length > INLINE_LIMIT) {
                // too large to be packed into a segment: it gets a file of its own, forced before its record
                small = false;
                open();
                if (copy != null) {
                    writeFully(copy.toByteArray(), 0, copy.size());
                    copy = null;
                }
            }
            if (small) {
                // kept in memory until it is whole: it goes into a segment with one write
                if (copy == null) {
                    copy = new java.io.ByteArrayOutputStream(Math.min(INLINE_LIMIT, Math.max(length, 4096)));
                }
                copy.write(bytes, offset, length);
            } else {
                open();
                writeFully(bytes, offset, length);
            }
            md5.update(bytes, offset, length);
            for (ChecksumAlgorithm.Hasher h : hashers.values()) {
                h.update(bytes, offset, length);
            }
            size += length;
        }

        private void writeFully(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /** Closes the file and returns it with its digests; the caller commits or discards it. */
        public Written finish() throws IOException {
            if (closed) {
                throw new IOException("The write is over");
            }
            byte[] bytes = small ? (copy == null ? new byte[0] : copy.toByteArray()) : null;
            if (small) {
                closed = true;
                ensureDirectories();
                file = segments.append(bytes);
            } else {
                open();
                closed = true;
                try {
                    if (durable) {
                        channel.force(false);
                    }
                    channel.close();
                } catch (IOException e) {
                    Files.deleteIfExists(file);
                    throw e;
                }
            }
            Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
            hashers.forEach((a, h) -> checksums.put(a, h.base64()));
            return new Written(file, size, md5.digest(), checksums, bytes);
        }

        /** Gives the write up: the temporary file goes. */
        public void abort() {
            closed = true;
            copy = null;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // deleted below all the same
                }
                delete(file);
            }
        }

        private void open() throws IOException {
            if (closed) {
                throw new IOException("The write is over");
            }
            if (channel == null) {
                ensureDirectories();
                file = tmp.resolve(newName());
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        }
    }

    /** Moves a written body into place and returns its permanent path. */
    public Path commit(Written written) throws IOException {
        if (Segments.slice(written.file()) != null) {
            // packed into a segment: in place already, carried by its record until the segment is forced
            unforced.add(written.file());
            inline.put(written.file(), written.inline());
            return written.file();
        }
        Path target = objects.resolve(newName());
        try {
            Files.move(written.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written.file(), target);
        }
        if (written.inline() != null) {
            unforced.add(target);
            inline.put(target, written.inline());
        } else if (durable) {
            // the file was forced before the move; its new name must be on the disk too before a record names it
            forceDirectory();
        }
        return target;
    }

    /**
     * The bytes of a stored file that is not forced to the disk and that no durable record carries yet,
     * or {@code null}: a record that names the file carries them.
     */
    public byte[] inlineBytes(Path blob) {
        return blob == null ? null : inline.get(blob);
    }

    /** A record that carries the bytes of these files is durable: records appended from now on need not. */
    public void carried(Collection<Path> blobs) {
        blobs.forEach(inline::remove);
    }

    /**
     * Forces the stored files that were not forced when written, before a snapshot replaces the records
     * that carried their bytes.
     */
    public void forceWritten() {
        if (unforced.isEmpty()) {
            return;
        }
        List<Path> all = List.copyOf(unforced);
        List<Path> slices = all.stream().filter(p -> Segments.slice(p) != null).toList();
        if (!slices.isEmpty()) {
            // a force per segment covers every slice written into it before the force began
            segments.force();
            slices.forEach(unforced::remove);
            slices.forEach(inline::remove);
        }
        List<Path> files = all.stream().filter(p -> Segments.slice(p) == null).toList();
        if (files.isEmpty()) {
            return;
        }
        ParallelForces.each(files, this::forceWritten);
        forceDirectory();
    }

    private void forceWritten(Path blob) {
        try {
            force(blob);
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unforced.remove(blob);
        inline.remove(blob);
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
    }

    /** Makes the names of the files moved into {@code objects} durable (where the system allows forcing a directory). */
    private void forceDirectory() {
        Segments.forceDirectory(objects);
    }

    /**
     * Makes a stored file hold {@code bytes}, the bytes a record carried for it: at recovery, a file that a
     * crash left missing, short or different is written again (and forced).
     *
     * @return whether the file had to be written
     */
    public boolean restore(Path blob, byte[] bytes) throws IOException {
        Segments.Slice slice = Segments.slice(blob);
        if (slice != null) {
            return segments.restore(slice, bytes);
        }
        try {
            if (Files.size(blob) == bytes.length && java.util.Arrays.equals(Files.readAllBytes(blob), bytes)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            // written below
        }
        ensureDirectories();
        Path file = tmp.resolve(newName());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        try {
            Files.move(file, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, blob, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        return true;
    }

    /** Moves a written body into place; a body that cannot be moved is deleted. */
    public Path keep(Written written) {
        try {
            return commit(written);
        } catch (IOException e) {
            discard(written);
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void discard(Written written) {
        if (written != null) {
            delete(written.file());
        }
    }

    /**
     * A copy of a slice's bytes in the current segment (a compaction moving them), not forced: the record
     * that points a version at it carries them, as it would a new body's.
     */
    public Path pack(byte[] bytes) throws IOException {
        ensureDirectories();
        Path slice = segments.append(bytes);
        unforced.add(slice);
        inline.put(slice, bytes);
        return slice;
    }

    /** The bytes of a stored body (a file of its own or a slice of a segment). */
    public byte[] read(Path blob) throws IOException {
        Segments.Slice slice = Segments.slice(blob);
        if (slice == null) {
            return Files.readAllBytes(blob);
        }
        byte[] bytes = Segments.read(slice);
        if (bytes == null) {
            throw new java.io.EOFException("The segment " + slice.segment() + " ends before " + blob.getFileName());
        }
        return bytes;
    }

    /** A second, independent name for stored bytes (a hard link, or a copy where links are not possible). */
    public Path duplicate(Path blob) throws IOException {
        ensureDirectories();
        if (Segments.slice(blob) != null) {
            // a copy of its own, forced with the original, so that no record needs to carry either
            Path copy = segments.append(read(blob));
            segments.force();
            unforced.remove(blob);
            inline.remove(blob);
            return copy;
        }
        if (unforced.contains(blob)) {
            // the copy shares the file, and no record will carry its bytes: it must be durable itself
            force(blob);
            unforced.remove(blob);
            inline.remove(blob);
        }
        Path target = objects.resolve(newName());
        try {
            Files.createLink(target, blob);
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw (IOException) e;
            }
            Files.copy(blob, target);
            if (durable) {
                try (FileChannel copy = FileChannel.open(target, StandardOpenOption.WRITE)) {
                    copy.force(false);
                }
            }
        }
        return target;
    }

    /** Writes the concatenation of stored files (a completed multipart upload) and returns its path. */
    public Path concatenate(List<Path> parts) throws IOException {
        ensureDirectories();
        Path file = tmp.resolve(newName());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Path part : parts) {
                if (Segments.slice(part) != null) {
                    ByteBuffer bytes = ByteBuffer.wrap(read(part));
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    continue;
                }
                try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
                    long size = in.size();
                    long done = 0;
                    while (done < size) {
                        done += in.transferTo(done, size - done, out);
                    }
                }
            }
            if (durable) {
                out.force(false);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return commit(new Written(file, 0, null, Map.of()));
    }

    /** Writes a byte range of a stored file as a new temporary body (UploadPartCopy with a range). */
    public Written copyRange(Path blob, long first, long last, Collection<ChecksumAlgorithm> algorithms)
            throws IOException {
        try (InputStream in = new RangeInputStream(blob, first, last - first + 1)) {
            return write(in, algorithms);
        }
    }

    public void delete(Path blob) {
        if (blob == null) {
            return;
        }
        if (Segments.slice(blob) != null) {
            segments.release(blob);
        } else {
            try {
                Files.deleteIfExists(blob);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        unforced.remove(blob);
        inline.remove(blob);
    }

    /**
     * A stored file that the change being made stops referencing (a version replaced or deleted, a part
     * replaced, the parts of a completed upload). Without durable state it is deleted at once; with it,
     * it is kept until the record of the change is durable, so that a crash before then finds the state
     * that still names it whole: the caller takes it with {@link #takeReleased} after appending that record.
     */
    public void release(Path blob) {
        if (blob == null) {
            return;
        }
        if (durable) {
            released.get().add(blob);
        } else {
            delete(blob);
        }
    }

    /** The files this thread released since it last asked, to delete once its change is durable. */
    public List<Path> takeReleased() {
        List<Path> mine = released.get();
        if (mine.isEmpty()) {
            return List.of();
        }
        List<Path> taken = List.copyOf(mine);
        mine.clear();
        return taken;
    }

    private String newName() {
        return run + "-" + UUID.randomUUID();
    }

    /** Removes every file this store and its earlier runs wrote (reset); nothing else in the data directory. */
    public void clear() {
        deleteOwnFiles(p -> true);
        segments.clear();
        unforced.clear();
        inline.clear();
    }

    /**
     * Removes what earlier runs left behind that {@code referenced} does not name: temporary files of
     * uploads that never finished, and object files no object or part points to. Files this run writes
     * are never touched, so it may run while requests are served.
     *
     * @return how many files were deleted
     */
    public int removeLeftovers(Set<Path> referenced) {
        return deleteOwnFiles(p -> !p.getFileName().toString().startsWith(run + "-") && !referenced.contains(p))
                + segments.adopt(referenced);
    }

    private int deleteOwnFiles(java.util.function.Predicate<Path> condemned) {
        int deleted = 0;
        for (Path dir : List.of(tmp, objects)) {
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (OWN_FILE.matcher(p.getFileName().toString()).matches()
                            && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && condemned.test(p)
                            && Files.deleteIfExists(p)) {
                        deleted++;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // what could not be deleted now is tried again at the next reset or start
            }
        }
        return deleted;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
