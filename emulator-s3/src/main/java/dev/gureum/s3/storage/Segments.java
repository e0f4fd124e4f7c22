package dev.gureum.s3.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Small object bodies packed into shared append-only files (segments), when state is kept: a body is
 * one positional write at the end of the current segment, with no file of its own to create, rename,
 * force or delete. The record that commits a body carries its bytes, so the journal's group commit makes
 * it durable; a segment is forced before a snapshot replaces those records, and recovery writes a slice
 * again from its record when a crash left it different ({@link BlobStore#restore}).
 * <p>
 * A body is addressed by a <em>slice</em>: a path in the segments directory named
 * {@code <segment>@<offset>+<length>}. Written bytes are never changed; a slice that no version or part
 * refers to any more is dead space. A segment no longer written whose slices are all dead is deleted; one
 * whose live bytes fell under a quarter of its size is handed to the compaction, which copies its live
 * slices to the current segment and points their versions at the copies.
 */
public final class Segments {

    /** A segment is closed to writes once it reaches this size. */
    static final long SEGMENT_SIZE = 16L << 20;

    /** The length of a segment's name: {@code <run: 8 hexadecimal digits>-<10 digits>.seg}. */
    private static final int SEGMENT_NAME = 23;

    /** Where a body is: the segment file, the offset of its first byte and its length. */
    public record Slice(Path segment, long offset, int length) {
    }

    private final Path directory;
    private final String run;
    /** Called with a segment closed to writes whose live bytes fell under a quarter of its size. */
    private volatile Consumer<Path> compactable = segment -> { };

    /** Live slices of each segment this store knows, and their bytes. */
    private final Map<Path, Live> live = new ConcurrentHashMap<>();
    /** Segments written since they were last forced. */
    private final Set<Path> unforced = ConcurrentHashMap.newKeySet();
    private final Map<Path, FileChannel> open = new ConcurrentHashMap<>();

    private Path current;
    private long next;
    private int generation;

    private static final class Live {
        final Set<Path> slices = ConcurrentHashMap.newKeySet();
        long bytes;
        long size;
        /** Appends between taking their offset and their write's end: the channel stays open for them. */
        int writing;
        volatile boolean closed;
        boolean compacting;
    }

    Segments(Path directory, String run) {
        this.directory = directory;
        this.run = run;
    }

    /** The segments directory, where slices are named. */
    public Path directory() {
        return directory;
    }

    /** Who compacts a segment whose live bytes fell under a quarter of its size. */
    public void onCompactable(Consumer<Path> compaction) {
        this.compactable = compaction;
    }

    /** The slice a path names, or {@code null} for a file of its own. */
    public static Slice slice(Path blob) {
        if (blob == null) {
            return null;
        }
        String name = blob.getFileName().toString();
        if (!isSliceName(name)) {
            return null;
        }
        int plus = name.indexOf('+', SEGMENT_NAME + 1);
        return new Slice(blob.resolveSibling(name.substring(0, SEGMENT_NAME)),
                Long.parseLong(name, SEGMENT_NAME + 1, plus, 10), Integer.parseInt(name, plus + 1, name.length(), 10));
    }

    /** Whether a name is a slice's: {@code <segment>@<offset>+<length>}, the numbers in decimal digits. */
    public static boolean isSliceName(String name) {
        if (name.length() < SEGMENT_NAME + 4 || name.charAt(SEGMENT_NAME) != '@' || !startsWithSegmentName(name)) {
            return false;
        }
        int plus = name.indexOf('+', SEGMENT_NAME + 1);
        return plus > SEGMENT_NAME + 1 && plus < name.length() - 1 && digits(name, SEGMENT_NAME + 1, plus)
                && digits(name, plus + 1, name.length());
    }

    /** Whether {@code name} starts with a segment's name. */
    private static boolean startsWithSegmentName(String name) {
        if (name.length() < SEGMENT_NAME) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return name.charAt(8) == '-' && digits(name, 9, 19) && name.startsWith(".seg", 19);
    }

    private static boolean isSegmentName(String name) {
        return name.length() == SEGMENT_NAME && startsWithSegmentName(name);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Path name(Path segment, long offset, int length) {
        return segment.resolveSibling(segment.getFileName() + "@" + offset + "+" + length);
    }

    /** Appends a body to the current segment (not forced) and returns its slice. */
    Path append(byte[] bytes) throws IOException {
        Path segment;
        long offset;
        FileChannel channel;
        synchronized (this) {
            if (current == null || next + bytes.length > SEGMENT_SIZE && next > 0) {
                roll();
            }
            segment = current;
            offset = next;
            next += bytes.length;
            channel = open.get(segment);
            Live l = live.get(segment);
            Path slice = name(segment, offset, bytes.length);
            synchronized (l) {
                l.slices.add(slice);
                l.bytes += bytes.length;
                l.size = next;
                l.writing++;
            }
        }
        Live l = live.get(segment);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = offset;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            release(name(segment, offset, bytes.length));
            throw e;
        } finally {
            unforced.add(segment);
            if (l != null) {
                synchronized (l) {
                    l.writing--;
                }
            }
        }
        return name(segment, offset, bytes.length);
    }

    private void roll() throws IOException {
        Files.createDirectories(directory);
        if (current != null) {
            // its channel stays open until the writes into it are forced (force)
            Path closed = current;
            Live l = live.get(closed);
            l.closed = true;
            judge(closed, l);
        }
        FileChannel channel = null;
        while (channel == null) {
            current = directory.resolve(String.format("%s-%010d.seg", run, ++generation));
            try {
                channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // an earlier run that drew the same id: its segments are left alone
            }
        }
        open.put(current, channel);
        live.put(current, new Live());
        next = 0;
    }

    /** Forces the segments written since they were last forced. */
    void force() {
        for (Path segment : List.copyOf(unforced)) {
            unforced.remove(segment);
            FileChannel channel = open.get(segment);
            try {
                if (channel != null) {
                    channel.force(false);
                } else {
                    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                        c.force(false);
                    }
                }
            } catch (NoSuchFileException | java.nio.channels.ClosedChannelException e) {
                // deleted meanwhile
            } catch (IOException e) {
                unforced.add(segment);
                throw new UncheckedIOException(e);
            }
            Live l = live.get(segment);
            if (l != null && l.closed) {
                synchronized (l) {
                    if (l.writing == 0 && !unforced.contains(segment)) {
                        closeQuietly(open.remove(segment));
                    }
                }
            }
        }
        forceDirectory(directory);
    }

    /** Whether the bytes of a slice may not be on the disk yet. */
    boolean unforced(Slice slice) {
        return unforced.contains(slice.segment());
    }

    /** A slice that nothing refers to any more: its bytes are dead space. */
    void release(Path slicePath) {
        Slice slice = slice(slicePath);
        Live l = live.get(slice.segment());
        if (l == null) {
            return;
        }
        synchronized (l) {
            if (!l.slices.remove(slicePath)) {
                return;
            }
            l.bytes -= slice.length();
        }
        judge(slice.segment(), l);
    }

    private void judge(Path segment, Live l) {
        if (!l.closed) {
            return;
        }
        boolean empty;
        boolean sparse;
        synchronized (l) {
            empty = l.slices.isEmpty();
            sparse = !empty && !l.compacting && l.bytes < l.size / 4;
            if (sparse) {
                l.compacting = true;
            }
        }
        if (empty) {
            delete(segment);
        } else if (sparse) {
            compactable.accept(segment);
        }
    }

    /** How many slices are live in the segments this store knows. */
    public int liveSlices() {
        return live.values().stream().mapToInt(l -> l.slices.size()).sum();
    }

    /** The live slices of a segment, for the compaction. */
    public List<Path> liveSlices(Path segment) {
        Live l = live.get(segment);
        return l == null ? List.of() : List.copyOf(l.slices);
    }

    /** The compaction of a segment is over (whatever it could move is moved): it may be tried again later. */
    public void compacted(Path segment) {
        Live l = live.get(segment);
        if (l != null) {
            synchronized (l) {
                l.compacting = false;
            }
        }
    }

    private void delete(Path segment) {
        live.remove(segment);
        closeQuietly(open.remove(segment));
        unforced.remove(segment);
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            // what could not be deleted is tried again at the next start
        }
    }

    /** Reads the bytes of a slice. */
    static byte[] read(Slice slice) throws IOException {
        try (FileChannel channel = FileChannel.open(slice.segment(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(slice.length());
            long at = slice.offset();
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
            return buffer.hasRemaining() ? null : buffer.array();
        }
    }

    /**
     * Makes a slice hold {@code bytes} (recovery, from the record that carried them): written at its
     * offset, creating the segment if a crash left none, and forced.
     *
     * @return whether it had to be written
     */
    boolean restore(Slice slice, byte[] bytes) throws IOException {
        try {
            if (java.util.Arrays.equals(read(slice), bytes)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            // written below
        }
        Files.createDirectories(directory);
        try (FileChannel channel = FileChannel.open(slice.segment(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = slice.offset();
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(false);
        }
        forceDirectory(directory);
        return true;
    }

    /**
     * Takes in the segments earlier runs left: those no slice of {@code referenced} is in are deleted,
     * the others are known with their live slices from now on (closed to writes, compacted when sparse).
     *
     * @return how many segments were deleted
     */
    int adopt(Collection<Path> referenced) {
        Map<Path, List<Path>> bySegment = new HashMap<>();
        for (Path p : referenced) {
            Slice s = slice(p);
            if (s != null) {
                bySegment.computeIfAbsent(s.segment(), k -> new java.util.ArrayList<>()).add(p);
            }
        }
        int deleted = 0;
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path segment : (Iterable<Path>) files::iterator) {
                String name = segment.getFileName().toString();
                if (!isSegmentName(name) || name.startsWith(run + "-") || live.containsKey(segment)) {
                    continue;
                }
                List<Path> slices = bySegment.get(segment);
                if (slices == null) {
                    if (Files.deleteIfExists(segment)) {
                        deleted++;
                    }
                    continue;
                }
                Live l = new Live();
                l.closed = true;
                l.size = Files.size(segment);
                for (Path p : slices) {
                    if (l.slices.add(p)) {
                        l.bytes += slice(p).length();
                    }
                }
                live.put(segment, l);
                judge(segment, l);
            }
        } catch (IOException | UncheckedIOException e) {
            // what could not be read now is tried again at the next start
        }
        return deleted;
    }

    /** Deletes every segment (reset); the next body starts a new one. */
    synchronized void clear() {
        open.values().forEach(Segments::closeQuietly);
        open.clear();
        live.clear();
        unforced.clear();
        current = null;
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path segment : (Iterable<Path>) files::iterator) {
                if (isSegmentName(segment.getFileName().toString())) {
                    Files.deleteIfExists(segment);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // tried again at the next reset or start
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is lost: every write was made before
            }
        }
    }

    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every system opens a directory; the names then are as durable as the system makes them
        }
    }
}
