package dev.gureum.lambda.storage;

import dev.gureum.lambda.domain.LayerRef;
import dev.gureum.lambda.domain.PackageArchives;
import dev.gureum.lambda.domain.StoredCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Deployment packages on disk, stored by content: {@code zips/<sha256>.zip} and, extracted,
 * {@code code/<sha256>/}. Functions, versions and layers with the same bytes share them. Extraction
 * stays inside the package's directory and within Lambda's unzipped-size limit (declared sizes are
 * checked before anything is written, inflated bytes while they are), and gives files Lambda's modes:
 * {@code 0755} when the archive marks them executable, else {@code 0644}; directories {@code 0755}.
 */
public final class CodeStore implements PackageArchives {

    /** Lambda's limit on the unzipped size of a function and its layers. */
    public static final long MAX_UNZIPPED = 262_144_000L;

    /** An archive that cannot be used, with the message Lambda answers. */
    public static final class InvalidPackageException extends RuntimeException {
        public InvalidPackageException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Gureum's own bound on the entries of a package (Lambda publishes none): every entry is a file on
     * disk, and a package of empty entries must not exhaust the file system's inodes.
     */
    public static final int MAX_ENTRIES = 100_000;
    private static final int MAX_LINK = 4096;
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    /** Lambda keeps an entry's execute bits and nothing else of its mode. */
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> DIRECTORY = EXECUTABLE;

    private final Path zips;
    private final Path code;
    private final Path incoming;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Names this run's files in {@code incoming/}, so that an earlier run's can be told apart. */
    private final String run = String.format("%08x", new java.security.SecureRandom().nextInt());
    /** The packages this run stored or found stored: never leftovers, whatever else refers to them. */
    private final Set<String> storedByThisRun = ConcurrentHashMap.newKeySet();

    public CodeStore(Path root) {
        this.zips = root.resolve("zips");
        this.code = root.resolve("code");
        this.incoming = root.resolve("incoming");
    }

    /** Stores an archive (closing the stream) and extracts it, unless the same bytes are stored already. */
    public StoredCode store(InputStream zip) {
        try {
            Received received = receive(zip);
            String key = received.key();
            Path zipFile = zips.resolve(key + ".zip");
            Path dir = code.resolve(key);
            long unzipped;
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                storedByThisRun.add(key);
                if (Files.isDirectory(dir)) {
                    Files.deleteIfExists(received.file());
                    unzipped = unzippedSize(dir);
                } else {
                    try {
                        unzipped = extract(received.file(), dir);
                    } catch (RuntimeException | IOException e) {
                        Files.deleteIfExists(received.file());
                        throw e;
                    }
                    move(received.file(), zipFile);
                }
            }
            return new StoredCode(key, Base64.getEncoder().encodeToString(received.digest()), received.size(),
                    zipFile, dir, unzipped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An archive written to {@code incoming/}, with its SHA-256. */
    private record Received(Path file, byte[] digest, long size) {
        String key() {
            return HexFormat.of().formatHex(digest);
        }
    }

    private Received receive(InputStream zip) throws IOException {
        Files.createDirectories(incoming);
        Files.createDirectories(zips);
        Files.createDirectories(code);
        Path temp = Files.createTempFile(incoming, "upload-" + run + "-", ".zip");
        MessageDigest sha = sha256();
        long size;
        try (InputStream in = zip; OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
            size = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new Received(temp, sha.digest(), size);
    }

    /** The archive of a stored package, for a state file. */
    @Override
    public InputStream open(String key) throws IOException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new NoSuchFileException(String.valueOf(key));
        }
        return Files.newInputStream(zips.resolve(key + ".zip"));
    }

    /**
     * Keeps a package a state file carries: its archive, whose SHA-256 must be {@code key}, extracted with
     * the limits of an upload; the archive and the extracted files are forced to the disk before it returns.
     */
    @Override
    public void store(String key, InputStream zip) throws IOException {
        if (key == null || !KEY.matcher(key).matches()) {
            zip.close();
            throw new IOException("'" + key + "' is not the content key (SHA-256 in hex) of a Lambda package");
        }
        Received received = receive(zip);
        try {
            if (!received.key().equals(key)) {
                throw new IOException("The Lambda package " + key + " holds bytes of another SHA-256, "
                        + received.key());
            }
            force(received.file());
            Path zipFile = zips.resolve(key + ".zip");
            Path dir = code.resolve(key);
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                storedByThisRun.add(key);
                if (!Files.isDirectory(dir)) {
                    try {
                        extract(received.file(), dir);
                    } catch (InvalidPackageException e) {
                        throw new IOException("The Lambda package " + key + " cannot be used: " + e.getMessage());
                    }
                }
                if (!Files.exists(zipFile)) {
                    move(received.file(), zipFile);
                }
                // a package stored before is young again: collection spares it until records name it
                Files.setLastModifiedTime(zipFile, FileTime.fromMillis(System.currentTimeMillis()));
                force(zipFile);
                forceTree(dir);
                force(zips);
                force(code);
            }
        } finally {
            Files.deleteIfExists(received.file());
        }
    }

    /** Forces a file, or a directory's entries, to the disk. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems cannot open a directory for reading; their renames are durable without it
            if (!Files.isDirectory(path)) {
                throw e;
            }
        }
    }

    private static void forceTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    force(p);
                }
            }
        }
    }

    /** The stored package of a content key, as a journal names it (its files may be gone). */
    public StoredCode located(String key, String sha256, long size, long unzippedSize) {
        return new StoredCode(key, sha256, size, zips.resolve(key + ".zip"), code.resolve(key), unzippedSize);
    }

    /** Extracts the archive to {@code target}; returns its unzipped size. */
    private long extract(Path zip, Path target) throws IOException {
        Path staging = Files.createTempDirectory(incoming, "extract-" + run + "-");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            if (archive.size() > MAX_ENTRIES) {
                throw unreadable();
            }
            int[] modes = UnixModes.read(zip, archive.size());
            // the sizes the central directory declares: a package that admits to being too large writes nothing
            long declared = 0;
            for (Enumeration<? extends ZipEntry> en = archive.entries(); en.hasMoreElements(); ) {
                declared += Math.max(0, en.nextElement().getSize());
            }
            if (declared > MAX_UNZIPPED) {
                throw tooLarge();
            }
            Path root = staging.toRealPath();
            Map<Path, String> links = new LinkedHashMap<>();
            long written = 0;
            int i = 0;
            for (Enumeration<? extends ZipEntry> en = archive.entries(); en.hasMoreElements(); i++) {
                ZipEntry entry = en.nextElement();
                int mode = modes[i];
                Path out = destination(root, entry.getName());
                if (out == null) {
                    continue;
                }
                int type = mode == UnixModes.NONE ? 0 : mode & UnixModes.TYPE_MASK;
                if (entry.isDirectory() || type == UnixModes.DIRECTORY) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (type == UnixModes.SYMLINK) {
                    byte[] linkTarget;
                    try (InputStream in = archive.getInputStream(entry)) {
                        linkTarget = in.readNBytes(MAX_LINK);
                    }
                    written += linkTarget.length;
                    links.put(out, new String(linkTarget, StandardCharsets.UTF_8));
                    continue;
                }
                // the bytes actually inflated count, whatever the entry declares
                try (InputStream in = archive.getInputStream(entry);
                     OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                             StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (written + n > MAX_UNZIPPED) {
                            throw tooLarge();
                        }
                        written += n;
                        o.write(buffer, 0, n);
                    }
                }
                setMode(out, mode != UnixModes.NONE && (mode & 0111) != 0 ? EXECUTABLE : REGULAR);
            }
            if (written > MAX_UNZIPPED) {
                throw tooLarge();
            }
            // links last, so that no entry is written through one; only those that stay in the package
            for (Map.Entry<Path, String> link : links.entrySet()) {
                createLink(root, link.getKey(), link.getValue());
            }
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                        setMode(dir, DIRECTORY);
                    }
                }
            }
            move(staging, target);
            return written;
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            if (e instanceof InvalidPackageException ip) {
                throw ip;
            }
            if (Files.isDirectory(target)) {
                return unzippedSize(target);
            }
            throw unreadable();
        }
    }

    private static long unzippedSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(file);
                }
            }
            return total;
        }
    }

    /** The unzipped size of a function's package with its layers', which Lambda holds to {@link #MAX_UNZIPPED}. */
    public static void checkUnzippedSize(StoredCode code, List<LayerRef> layers) {
        long total = code == null ? 0 : code.unzippedSize();
        for (LayerRef layer : layers) {
            total += layer.code().unzippedSize();
        }
        if (total > MAX_UNZIPPED) {
            throw tooLarge();
        }
    }

    /**
     * Where an entry goes: leading slashes are dropped (as {@code unzip} does); a name that leaves the
     * package through {@code ..} makes the package unusable; {@code null} for the package's root itself.
     */
    private static Path destination(Path root, String name) {
        String relative = name;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        if (relative.isEmpty()) {
            return null;
        }
        Path out;
        try {
            out = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw unreadable();
        }
        if (!out.startsWith(root)) {
            throw unreadable();
        }
        return out.equals(root) ? null : out;
    }

    /** A symbolic link is kept when it is relative and leads to a place inside the package; others are left out. */
    private static void createLink(Path root, Path link, String target) throws IOException {
        Path to;
        try {
            to = Path.of(target);
        } catch (InvalidPathException e) {
            return;
        }
        if (target.isEmpty() || to.isAbsolute() || !link.getParent().resolve(to).normalize().startsWith(root)
                || Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createSymbolicLink(link, to);
        // a link through another link may still resolve outside; such links go too
        try {
            if (!link.toRealPath().startsWith(root)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            // dangling: nothing is ever written through it
        }
    }

    private static void setMode(Path path, Set<PosixFilePermission> mode) {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without POSIX modes
        }
    }

    private static InvalidPackageException tooLarge() {
        return new InvalidPackageException("Unzipped size must be smaller than " + MAX_UNZIPPED + " bytes");
    }

    private static InvalidPackageException unreadable() {
        return new InvalidPackageException("Could not unzip uploaded file. Please check your file, then try to "
                + "upload again.");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(from);
        }
    }

    /**
     * Deletes the packages that are not in {@code inUse} and were stored more than {@code minimumAge}
     * ago (younger ones may be about to be referenced by the function being created).
     *
     * @return how many were deleted
     */
    public int deleteUnused(java.util.Set<String> inUse, java.time.Duration minimumAge) {
        if (!Files.isDirectory(zips)) {
            return 0;
        }
        long cutoff = System.currentTimeMillis() - minimumAge.toMillis();
        int deleted = 0;
        try (Stream<Path> files = Files.list(zips)) {
            for (Path zip : (Iterable<Path>) files::iterator) {
                String name = zip.getFileName().toString();
                if (!name.endsWith(".zip")) {
                    continue;
                }
                String key = name.substring(0, name.length() - 4);
                if (inUse.contains(key) || Files.getLastModifiedTime(zip).toMillis() > cutoff) {
                    continue;
                }
                synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                    deleteTree(code.resolve(key));
                    Files.deleteIfExists(zip);
                }
                locks.remove(key);
                deleted++;
            }
        } catch (IOException | UncheckedIOException e) {
            // tried again at the next collection
        }
        return deleted;
    }

    /**
     * Deletes what an earlier run left (after {@code kill -9}): its half-received uploads and extractions
     * in {@code incoming/}, and the packages that {@code referenced} does not name and that this run has
     * not stored. Only entries of this store's own naming are candidates, so it may run while requests
     * are served.
     *
     * @return how many entries were deleted
     */
    public int removeLeftovers(java.util.function.Predicate<String> referenced) {
        int deleted = deleteEntries(incoming, "(upload-.*\\.zip|extract-.*)",
                name -> !name.startsWith("upload-" + run + "-") && !name.startsWith("extract-" + run + "-"));
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (Path dir : List.of(zips, code)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                entries.map(p -> p.getFileName().toString())
                        .filter(name -> name.matches("[0-9a-f]{64}(\\.zip)?"))
                        .forEach(name -> keys.add(name.substring(0, 64)));
            } catch (IOException | UncheckedIOException e) {
                // tried again at the next start
            }
        }
        for (String key : keys) {
            if (referenced.test(key)) {
                continue;
            }
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                if (storedByThisRun.contains(key)) {
                    continue;
                }
                deleteTree(code.resolve(key));
                try {
                    Files.deleteIfExists(zips.resolve(key + ".zip"));
                } catch (IOException e) {
                    // tried again at the next start
                }
            }
            deleted++;
        }
        return deleted;
    }

    /** Deletes a package no function, version or layer uses any more. */
    public void delete(StoredCode stored) {
        synchronized (locks.computeIfAbsent(stored.key(), k -> new Object())) {
            deleteTree(stored.dir());
            try {
                Files.deleteIfExists(stored.zip());
            } catch (IOException e) {
                // left for the next reset
            }
        }
    }

    /** Deletes every package (reset): only the entries this store names, never other files of the data directory. */
    public void clear() {
        deleteEntries(zips, "[0-9a-f]{64}\\.zip");
        deleteEntries(code, "[0-9a-f]{64}");
        deleteEntries(incoming, "(upload-.*\\.zip|extract-.*)");
    }

    private static void deleteEntries(Path dir, String ownName) {
        deleteEntries(dir, ownName, name -> true);
    }

    /** Deletes the entries of {@code dir} of this store's naming that {@code condemned} names; returns how many. */
    private static int deleteEntries(Path dir, String ownName, java.util.function.Predicate<String> condemned) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.matches(ownName) && condemned.test(name)) {
                    deleteTree(p);
                    deleted++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
        return deleted;
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
