package dev.gureum.s3.domain;

import dev.gureum.core.id.Ids;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Objects of buckets: writing a version, finding the one a read addresses, deleting (with delete
 * markers under versioning) and copying. It keeps the bytes of versions that are gone off the disk.
 */
public final class ObjectStore {

    private static final int MAX_KEY_BYTES = 1024;
    /** Objects larger than 5 GiB can only be copied part by part. */
    public static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    /** The headers that say how an object is encrypted at rest. */
    public static final List<String> ENCRYPTION_HEADERS = List.of("x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-server-side-encryption-bucket-key-enabled",
            "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key-MD5");

    private final BlobStore blobs;
    private final Clock clock;

    public ObjectStore(BlobStore blobs, Clock clock) {
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * What a write says about the new version besides its bytes.
     *
     * @param headers      stored representation headers (Content-Type...) and encryption headers
     * @param userMetadata {@code x-amz-meta-*} names without the prefix, to values
     * @param ownerAccount the account the version belongs to
     */
    public record ObjectMetadata(Map<String, String> headers, Map<String, String> userMetadata,
                                 Map<String, String> tags, String storageClass, Acl acl, String ownerAccount) {

        public ObjectMetadata {
            headers = Map.copyOf(headers);
            userMetadata = Map.copyOf(userMetadata);
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }
    }

    /** @throws ObjectRefusal {@code KEY_TOO_LONG} for a key over 1024 bytes in UTF-8 */
    public static void checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new ObjectRefusal(ObjectRefusal.Reason.KEY_TOO_LONG, key, null, String.valueOf(bytes));
        }
    }

    /** The longest key S3 takes, in bytes of UTF-8. */
    public static int maxKeyBytes() {
        return MAX_KEY_BYTES;
    }

    /** @throws ObjectRefusal for an empty version id or one S3 could not have issued */
    public static void checkVersionId(String versionId) {
        if (versionId.isEmpty()) {
            throw new ObjectRefusal(ObjectRefusal.Reason.EMPTY_VERSION_ID, null, versionId, versionId);
        }
        if (!versionId.equals("null") && !versionId.matches("[A-Za-z0-9._+-]{1,1024}")) {
            throw new ObjectRefusal(ObjectRefusal.Reason.INVALID_VERSION_ID, null, versionId, versionId);
        }
    }

    /** The id of a version written now: a new one under versioning, {@code "null"} otherwise (and when suspended). */
    public static String newVersionId(Bucket bucket) {
        return bucket.versioning() == Bucket.Versioning.ENABLED ? Ids.token(32) : "null";
    }

    /**
     * Makes bytes that were received into a file the current version of the key, if the conditions
     * still hold when it lands.
     *
     * @param algorithm the checksum of the bytes to keep with the version, or {@code null}
     */
    public S3Object put(Bucket bucket, String key, ObjectMetadata metadata, BlobStore.Written written,
                        ChecksumAlgorithm algorithm, Conditions conditions) {
        Path blob = blobs.keep(written);
        S3Object object = new S3Object(key, newVersionId(bucket), false, HexFormat.of().formatHex(written.md5()),
                written.size(), clock.instant(), metadata.headers(), metadata.userMetadata(),
                algorithm == null ? Map.of() : Map.of(algorithm.name(), written.checksums().get(algorithm)),
                algorithm == null ? null : "FULL_OBJECT", List.of(), metadata.tags(), metadata.storageClass(),
                metadata.ownerAccount(), blob, metadata.acl());
        // a conditional write must still hold when the new version lands
        synchronized (bucket) {
            try {
                Preconditions.checkWrite(conditions, key, bucket.current(key));
            } catch (ObjectRefusal e) {
                blobs.delete(blob);
                throw e;
            }
            release(bucket.put(object));
        }
        return object;
    }

    /** Writes the bytes of a stream as the current version of the key, with a CRC64NVME checksum as S3 does. */
    public S3Object put(Bucket bucket, String key, ObjectMetadata metadata, InputStream bytes, Conditions conditions) {
        checkKey(key);
        Preconditions.checkWrite(conditions, key, bucket.current(key));
        BlobStore.Written written;
        try {
            written = blobs.write(bytes, Set.of(ChecksumAlgorithm.CRC64NVME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return put(bucket, key, metadata, written, ChecksumAlgorithm.CRC64NVME, conditions);
    }

    /** Makes a version whose bytes are already in place (a completed upload, a form post) the current one. */
    public void put(Bucket bucket, S3Object object) {
        synchronized (bucket) {
            release(bucket.put(object));
        }
    }

    /**
     * The version a GET or HEAD addresses: the one named, else the current one.
     *
     * @throws ObjectRefusal {@code NO_SUCH_VERSION}, {@code DELETE_MARKER_ADDRESSED} for a delete marker
     *                       named by its id, {@code NO_SUCH_KEY} or {@code KEY_DELETED} without a current version
     */
    public static S3Object resolve(Bucket bucket, String key, String versionId) {
        if (versionId != null) {
            S3Object object = named(bucket, key, versionId);
            if (object.deleteMarker()) {
                throw new ObjectRefusal(ObjectRefusal.Reason.DELETE_MARKER_ADDRESSED, key, versionId, null,
                        object.lastModified(), 0);
            }
            return object;
        }
        S3Object object = bucket.current(key);
        if (object == null) {
            throw new ObjectRefusal(ObjectRefusal.Reason.NO_SUCH_KEY, key, null, null);
        }
        if (object.deleteMarker()) {
            throw new ObjectRefusal(ObjectRefusal.Reason.KEY_DELETED, key, object.versionId(), null);
        }
        return object;
    }

    /** The version named by its id, a delete marker maybe. */
    private static S3Object named(Bucket bucket, String key, String versionId) {
        checkVersionId(versionId);
        S3Object object = bucket.version(key, versionId);
        if (object == null) {
            throw new ObjectRefusal(ObjectRefusal.Reason.NO_SUCH_VERSION, key, versionId, null);
        }
        return object;
    }

    /** The bytes a GET of one part (or one byte range) of an object answers with: offsets of the first and last. */
    public record ByteRange(long first, long last) {
    }

    /**
     * The bytes of one part of an object; an object uploaded in one piece has one part.
     *
     * @param partNumber 1 to 10,000
     * @throws ObjectRefusal {@code PART_NOT_SATISFIABLE} past the object's last part
     */
    public static ByteRange part(S3Object object, int partNumber) {
        List<Long> parts = object.partSizes().isEmpty() ? List.of(object.size()) : object.partSizes();
        if (partNumber > parts.size()) {
            throw new ObjectRefusal(ObjectRefusal.Reason.PART_NOT_SATISFIABLE, object.key(), object.versionId(),
                    String.valueOf(partNumber), null, parts.size());
        }
        long first = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            first += parts.get(i);
        }
        return new ByteRange(first, first + parts.get(partNumber - 1) - 1);
    }

    /**
     * What a delete did.
     *
     * @param versionId the version removed or the delete marker created; {@code null} when an
     *                  unversioned bucket's key was removed
     * @param removed   the version removed, or {@code null}
     * @param marker    the delete marker created, or {@code null}
     */
    public record Deletion(String versionId, boolean deleteMarker, S3Object removed, S3Object marker) {
    }

    /**
     * Deletes one version (named), or the key: an unversioned bucket's key is removed, a versioned
     * bucket's gets a delete marker (even when there is nothing to hide, as S3 does).
     *
     * @param conditions an {@code If-Match} on the current version, for a delete without version id
     * @param writer     the account a delete marker belongs to
     */
    public Deletion delete(Bucket bucket, String key, String versionId, Conditions conditions, String writer) {
        if (versionId != null) {
            checkVersionId(versionId);
            S3Object removed = bucket.removeVersion(key, versionId);
            if (removed == null) {
                return new Deletion(versionId, false, null, null);
            }
            release(List.of(removed));
            return new Deletion(versionId, removed.deleteMarker(), removed, null);
        }
        synchronized (bucket) {
            if (conditions.ifMatch() != null) {
                S3Object current = bucket.current(key);
                if (current == null || current.deleteMarker()) {
                    throw new ObjectRefusal(ObjectRefusal.Reason.NO_SUCH_KEY, key, null, null);
                }
                if (!Preconditions.etagMatches(conditions.ifMatch(), current.etag())) {
                    throw new ObjectRefusal(ObjectRefusal.Reason.PRECONDITION_FAILED, key, null, "If-Match");
                }
            }
            if (bucket.versioning() == Bucket.Versioning.UNVERSIONED) {
                S3Object removed = bucket.removeVersion(key, "null");
                if (removed != null) {
                    release(List.of(removed));
                }
                return new Deletion(null, false, removed, null);
            }
            S3Object marker = S3Object.deleteMarker(key, newVersionId(bucket), clock.instant(), writer);
            release(bucket.put(marker));
            return new Deletion(marker.versionId(), true, null, marker);
        }
    }

    /**
     * The object a copy reads: the version named, else the current one.
     *
     * @throws ObjectRefusal {@code NO_SUCH_VERSION}, {@code COPY_SOURCE_DELETE_MARKER}, {@code NO_SUCH_KEY}
     */
    public static S3Object copySource(Bucket bucket, String key, String versionId) {
        if (versionId != null) {
            S3Object object = named(bucket, key, versionId);
            if (object.deleteMarker()) {
                throw new ObjectRefusal(ObjectRefusal.Reason.COPY_SOURCE_DELETE_MARKER, key, versionId, null);
            }
            return object;
        }
        S3Object object = bucket.current(key);
        if (object == null || object.deleteMarker()) {
            throw new ObjectRefusal(ObjectRefusal.Reason.NO_SUCH_KEY, key, null, null);
        }
        return object;
    }

    /**
     * Whether CopyObject may read the source: its conditions hold and it is not too large to copy whole.
     */
    public static void checkCopyable(S3Object source, Conditions sourceConditions) {
        Preconditions.checkCopySource(sourceConditions, source);
        if (source.size() > MAX_COPY_SIZE) {
            throw new ObjectRefusal(ObjectRefusal.Reason.COPY_SOURCE_TOO_LARGE, source.key(), source.versionId(),
                    String.valueOf(MAX_COPY_SIZE));
        }
    }

    /**
     * What a copy changes of its source. The metadata directive {@code REPLACE} takes headers and
     * user metadata from the request; {@code COPY} keeps the source's, encrypted as the request or the
     * destination bucket says.
     *
     * @param headers          the request's stored headers, for {@code REPLACE}
     * @param encryption       the encryption headers the copy gets, for {@code COPY}
     * @param userMetadata     the request's user metadata, for {@code REPLACE}
     * @param tags             the copy's tags, or {@code null} to keep the source's
     * @param storageClass     the copy's storage class, or {@code null} to keep the source's
     * @param changesAttributes whether the request names a website redirect, an encryption or a checksum
     *                         algorithm (a copy onto itself that changes one of them is allowed)
     * @param checksumAlgorithm the checksum the copy gets computed, or {@code null} to keep the source's
     */
    public record CopyChanges(boolean replaceMetadata, Map<String, String> headers, Map<String, String> encryption,
                              Map<String, String> userMetadata, Map<String, String> tags, String storageClass,
                              boolean changesAttributes, ChecksumAlgorithm checksumAlgorithm, Acl acl,
                              String ownerAccount) {
    }

    /**
     * Copies a version to a key: a new, single-part version whose checksum covers the whole of it.
     *
     * @throws ObjectRefusal     {@code COPY_TO_ITSELF} for a copy onto its source that changes nothing,
     *                           or when the destination's conditions fail
     * @throws NoSuchFileException when the source's bytes went away meanwhile (it was replaced)
     */
    public S3Object copy(Bucket sourceBucket, S3Object from, Bucket bucket, String key, CopyChanges changes,
                         Conditions conditions) throws NoSuchFileException {
        Map<String, String> headers;
        if (changes.replaceMetadata()) {
            headers = changes.headers();
        } else {
            headers = new LinkedHashMap<>(from.headers());
            ENCRYPTION_HEADERS.forEach(headers::remove);
            headers.putAll(changes.encryption());
        }
        Map<String, String> meta = changes.replaceMetadata() ? changes.userMetadata() : from.userMetadata();
        Map<String, String> tags = changes.tags() == null ? from.tags() : changes.tags();
        String storageClass = changes.storageClass() == null ? from.storageClass() : changes.storageClass();
        boolean sameObject = sourceBucket == bucket && from.key().equals(key);
        if (sameObject && !changes.replaceMetadata() && Objects.equals(storageClass, from.storageClass())
                && !changes.changesAttributes()) {
            throw new ObjectRefusal(ObjectRefusal.Reason.COPY_TO_ITSELF, key, null, null);
        }
        Preconditions.checkWrite(conditions, key, bucket.current(key));
        ChecksumAlgorithm newAlgorithm = changes.checksumAlgorithm();
        Path blob;
        Map<String, String> checksums = from.checksums();
        String checksumType = from.checksumType();
        try {
            if (newAlgorithm != null) {
                BlobStore.Written written = blobs.copyRange(from.blob(), 0, from.size() - 1, EnumSet.of(newAlgorithm));
                blob = blobs.commit(written);
                checksums = Map.of(newAlgorithm.name(), written.checksums().get(newAlgorithm));
                checksumType = "FULL_OBJECT";
            } else {
                blob = blobs.duplicate(from.blob());
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if ("COMPOSITE".equals(checksumType)) {
            checksums = Map.of();
            checksumType = null;
        }
        S3Object copy = new S3Object(key, newVersionId(bucket), false, from.etag(), from.size(), clock.instant(),
                headers, meta, checksums, checksumType, List.of(), tags, storageClass, changes.ownerAccount(), blob,
                changes.acl());
        put(bucket, copy);
        return copy;
    }

    /**
     * Replaces a version with a changed copy of it (tags, ACL).
     *
     * @throws ObjectRefusal {@code NO_SUCH_KEY} when the version was deleted meanwhile
     */
    public static void replace(Bucket bucket, S3Object changed) {
        if (!bucket.replace(changed)) {
            throw new ObjectRefusal(ObjectRefusal.Reason.NO_SUCH_KEY, changed.key(), null, null);
        }
    }

    /** Deletes the bytes of versions that are gone (once their going is durable, when state is kept). */
    public void release(List<S3Object> removed) {
        for (S3Object o : removed) {
            blobs.release(o.blob());
        }
    }
}
