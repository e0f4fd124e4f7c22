package dev.gureum.s3.domain;

import dev.gureum.core.persist.Attachments;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.RangeInputStream;
import dev.gureum.s3.storage.Segments;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of object versions and upload parts as a state file carries them, each under the name its
 * records give it (a file of its own in {@code objects}, or a slice of a segment). Loaded, a body is written
 * into this server's storage as an upload's would be (a small one into a segment, a larger one into a file
 * of its own) and gets a name here; the records loaded after it are pointed at that name ({@link #relocate}).
 */
public final class ObjectBodies implements Attachments {

    private final BlobStore blobs;
    /** The bodies of the load under way, by the name the state file gives them, where this store keeps them. */
    private final Map<String, Path> loaded = new ConcurrentHashMap<>();
    /** Whether bodies were loaded into segments that are not forced yet. */
    private volatile boolean unforced;

    public ObjectBodies(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The bodies a record names: every version's of a key (delete markers have none), or an upload part's. */
    @Override
    public Collection<String> of(Object record) {
        Set<String> names = new LinkedHashSet<>();
        for (Path blob : blobs(record)) {
            names.add(blob.getFileName().toString());
        }
        return names;
    }

    private static List<Path> blobs(Object record) {
        List<Path> blobs = new ArrayList<>();
        if (record instanceof S3Records.KeyVersions k) {
            k.versions().forEach(o -> blobs.add(o.blob()));
        } else if (record instanceof S3Records.UploadPart p) {
            blobs.add(p.part().blob());
        } else if (record instanceof S3Records.UploadEnded e && e.result() != null) {
            return blobs(e.result());
        }
        blobs.removeIf(java.util.Objects::isNull);
        return blobs;
    }

    /**
     * Streams a body for an export. A slice or file shorter than it was written fails the read rather than
     * export fewer bytes.
     *
     * @throws java.nio.file.NoSuchFileException if it is gone (its version was replaced meanwhile)
     */
    @Override
    public InputStream open(String name) throws IOException {
        Path slicePath = blobs.segments().directory().resolve(name);
        Segments.Slice slice = Segments.slice(slicePath);
        Path blob = slice != null ? slicePath : blobs.objectsDirectory().resolve(name);
        long length = slice != null ? slice.length() : Files.size(blob);
        InputStream in = new RangeInputStream(blob, 0, length);
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0 && left > 0 && len > 0) {
                    throw new EOFException("The body " + blob + " ends " + left + " bytes before its length");
                }
                left -= Math.max(n, 0);
                return n;
            }
        };
    }

    /**
     * Writes loaded bytes into this store. A large body is forced to the disk before this returns; small
     * ones go into segments, forced once for all before the first record that names them is applied.
     */
    @Override
    public void store(String name, InputStream bytes) throws IOException {
        BlobStore.Written written = blobs.write(bytes, List.of());
        Path stored;
        try {
            stored = blobs.commit(written);
        } catch (IOException | RuntimeException e) {
            blobs.discard(written);
            throw e;
        }
        // no record carries these bytes: the segment is forced before any record names them
        blobs.carried(Set.of(stored));
        unforced |= blobs.durable() && Segments.slice(stored) != null;
        loaded.put(name, stored);
    }

    /**
     * A record read from a state file, naming the bodies loaded with it where this store keeps them (and
     * without the bytes the exporting server's record carried for them: the body loaded is the same). A
     * record naming bodies that were not loaded (or any record outside a load) is returned as it is.
     */
    Object relocate(Object record) {
        if (loaded.isEmpty()) {
            return record;
        }
        if (unforced) {
            blobs.forceWritten();
            unforced = false;
        }
        if (record instanceof S3Records.KeyVersions k) {
            return relocate(k);
        } else if (record instanceof S3Records.UploadPart p) {
            Path to = moved(p.part().blob());
            MultipartUpload.Part part = p.part();
            return to == null ? p : new S3Records.UploadPart(p.bucket(), p.uploadId(), new MultipartUpload.Part(
                    part.number(), part.etag(), part.size(), part.lastModified(), part.checksums(), to), null);
        } else if (record instanceof S3Records.UploadEnded e && e.result() != null) {
            return new S3Records.UploadEnded(e.bucket(), e.uploadId(), e.completed(), relocate(e.result()));
        }
        return record;
    }

    private S3Records.KeyVersions relocate(S3Records.KeyVersions k) {
        List<S3Object> versions = new ArrayList<>(k.versions().size());
        Map<Path, S3Records.Inline> inline = new HashMap<>(k.inline());
        for (S3Object o : k.versions()) {
            Path to = moved(o.blob());
            if (to == null) {
                versions.add(o);
            } else {
                versions.add(o.withBlob(to));
                inline.remove(o.blob());
            }
        }
        return new S3Records.KeyVersions(k.bucket(), k.key(), versions, inline);
    }

    private Path moved(Path blob) {
        return blob == null ? null : loaded.get(blob.getFileName().toString());
    }

    /** The load is over (or a new one starts): names of the state file mean nothing any more. */
    void forget() {
        loaded.clear();
    }
}
