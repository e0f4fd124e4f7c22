package dev.gureum.lambda.storage;

import dev.gureum.lambda.domain.StoredCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Deployment packages on disk, stored by content: {@code zips/<sha256>.zip} and, extracted with the
 * file modes the archive carries, {@code code/<sha256>/}. Functions, versions and layers with the same
 * bytes share them.
 */
public final class CodeStore {

    /** Lambda's limit on the unzipped size of a function and its layers. */
    public static final long MAX_UNZIPPED = 262_144_000L;

    /** An archive that cannot be used, with the message Lambda answers. */
    public static final class InvalidPackageException extends RuntimeException {
        public InvalidPackageException(String message) {
            super(message, null, false, false);
        }
    }

    private final Path zips;
    private final Path code;
    private final Path incoming;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public CodeStore(Path root) {
        this.zips = root.resolve("zips");
        this.code = root.resolve("code");
        this.incoming = root.resolve("incoming");
    }

    /** Stores an archive (closing the stream) and extracts it, unless the same bytes are stored already. */
    public StoredCode store(InputStream zip) {
        try {
            Files.createDirectories(incoming);
            Files.createDirectories(zips);
            Files.createDirectories(code);
            Path temp = Files.createTempFile(incoming, "upload-", ".zip");
            MessageDigest sha = sha256();
            long size;
            try (InputStream in = zip; OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                size = in.transferTo(out);
            }
            byte[] digest = sha.digest();
            String key = HexFormat.of().formatHex(digest);
            Path zipFile = zips.resolve(key + ".zip");
            Path dir = code.resolve(key);
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                if (Files.isDirectory(dir)) {
                    Files.deleteIfExists(temp);
                } else {
                    try {
                        extract(temp, dir);
                    } catch (RuntimeException | IOException e) {
                        Files.deleteIfExists(temp);
                        throw e;
                    }
                    move(temp, zipFile);
                }
            }
            return new StoredCode(key, Base64.getEncoder().encodeToString(digest), size, zipFile, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void extract(Path zip, Path target) throws IOException {
        Path staging = Files.createTempDirectory(incoming, "extract-");
        long total = 0;
        try (FileSystem fs = open(zip)) {
            Path root = fs.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String relative = root.relativize(entry).toString();
                    if (relative.isEmpty()) {
                        continue;
                    }
                    Path out = staging.resolve(relative).normalize();
                    if (!out.startsWith(staging)) {
                        throw new InvalidPackageException("Could not unzip uploaded file. Please check your file, "
                                + "then try to upload again.");
                    }
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(entry, out, StandardCopyOption.REPLACE_EXISTING);
                    total += Files.size(out);
                    if (total > MAX_UNZIPPED) {
                        throw new InvalidPackageException("Unzipped size must be smaller than " + MAX_UNZIPPED + " bytes");
                    }
                    Files.setPosixFilePermissions(out, permissions(entry));
                }
            }
            move(staging, target);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            if (e instanceof InvalidPackageException ip) {
                throw ip;
            }
            if (Files.isDirectory(target)) {
                return;
            }
            throw new InvalidPackageException("Could not unzip uploaded file. Please check your file, then try to "
                    + "upload again.");
        }
    }

    private static FileSystem open(Path zip) throws IOException {
        // the zip file system reads the Unix modes that zip tools store (executables stay executable)
        return FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"));
    }

    /** The entry's mode as the archive has it; owner read and write always, so the files can be cleaned up. */
    private static Set<PosixFilePermission> permissions(Path entry) {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try {
            perms.addAll(Files.getPosixFilePermissions(entry));
        } catch (IOException | UnsupportedOperationException e) {
            perms.add(PosixFilePermission.GROUP_READ);
            perms.add(PosixFilePermission.OTHERS_READ);
        }
        return perms;
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
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().matches(ownName)).forEach(CodeStore::deleteTree);
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
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
