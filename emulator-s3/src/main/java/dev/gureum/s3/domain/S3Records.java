package dev.gureum.s3.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * S3's state as journal records: a bucket's settings, the versions of one key, an upload in progress
 * and its parts, and the removals. A record names the file that holds an object's bytes (by file name,
 * under the store's {@code objects} directory). A large file is forced before its record; a small one is
 * not, and the record carries its bytes instead ({@link Inline}), so that the record alone commits it.
 */
public final class S3Records {

    private S3Records() {
    }

    /** Everything a bucket is besides its objects and uploads: owner, region, versioning, ACL, tags, configurations. */
    public record BucketSettings(String name, String ownerAccount, String region, Instant created,
                                 Bucket.Versioning versioning, boolean mfaDelete, Map<String, String> configurations,
                                 Map<String, String> tags, Acl acl) {
        public BucketSettings {
            configurations = Map.copyOf(configurations);
            tags = Map.copyOf(tags);
        }
    }

    public record BucketDeleted(String name) {
    }

    /**
     * The bytes of a file that was not forced to the disk when its record was written: recovery writes the
     * file again from them if a crash left it missing, short or different.
     */
    public record Inline(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Inline other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Inline[" + bytes.length + " bytes]";
        }

        static Inline of(byte[] bytes) {
            return bytes == null ? null : new Inline(bytes);
        }
    }

    /**
     * Every version of a key, newest first; none when the key is gone.
     *
     * @param inline the bytes of the versions' files that were not forced, by file
     */
    public record KeyVersions(String bucket, String key, List<S3Object> versions, Map<Path, Inline> inline) {
        public KeyVersions {
            versions = List.copyOf(versions);
            inline = Map.copyOf(inline);
        }

        public KeyVersions(String bucket, String key, List<S3Object> versions) {
            this(bucket, key, versions, Map.of());
        }
    }

    /** A multipart upload as CreateMultipartUpload made it; its parts are records of their own. */
    public record UploadStarted(String bucket, String uploadId, String key, Instant initiated,
                                Map<String, String> headers, Map<String, String> userMetadata,
                                Map<String, String> tags, String checksumAlgorithm, String checksumType,
                                String storageClass, String ownerAccount) {
    }

    /**
     * One part of an upload in progress (a part uploaded again replaces the earlier one).
     *
     * @param inline the bytes of the part's file if it was not forced, else {@code null}
     */
    public record UploadPart(String bucket, String uploadId, MultipartUpload.Part part, Inline inline) {
        public UploadPart(String bucket, String uploadId, MultipartUpload.Part part) {
            this(bucket, uploadId, part, null);
        }
    }

    /**
     * An upload that is over: aborted ({@code completed} and {@code result} {@code null}), or completed
     * into the versions of its key, with what a repeated CompleteMultipartUpload answers.
     */
    public record UploadEnded(String bucket, String uploadId, Bucket.CompletedUpload completed, KeyVersions result) {
    }

    public static BucketSettings settings(Bucket bucket) {
        return new BucketSettings(bucket.name(), bucket.ownerAccount(), bucket.region(), bucket.created(),
                bucket.versioning(), bucket.mfaDelete(), bucket.configurations(), bucket.tags(), bucket.acl());
    }

    /**
     * The versions of a key as they are now.
     *
     * @param unforced the bytes of a file that was not forced and that no durable record carries yet, or {@code null}
     */
    public static KeyVersions key(Bucket bucket, String key, Function<Path, byte[]> unforced) {
        List<S3Object> versions = bucket.objects().get(key);
        return versions(bucket.name(), key, versions == null ? List.of() : versions, unforced);
    }

    static KeyVersions versions(String bucket, String key, List<S3Object> versions, Function<Path, byte[]> unforced) {
        Map<Path, Inline> inline = new HashMap<>();
        for (S3Object o : versions) {
            Inline bytes = o.blob() == null ? null : Inline.of(unforced.apply(o.blob()));
            if (bytes != null) {
                inline.put(o.blob(), bytes);
            }
        }
        return new KeyVersions(bucket, key, versions, inline);
    }

    public static UploadPart part(Bucket bucket, MultipartUpload upload, MultipartUpload.Part part,
                                  Function<Path, byte[]> unforced) {
        return new UploadPart(bucket.name(), upload.uploadId(), part, Inline.of(unforced.apply(part.blob())));
    }

    /** The files whose bytes a record carries. */
    public static Set<Path> carried(Object record) {
        if (record instanceof KeyVersions k) {
            return k.inline().keySet();
        } else if (record instanceof UploadPart p && p.inline() != null) {
            return Set.of(p.part().blob());
        } else if (record instanceof UploadEnded e && e.result() != null) {
            return e.result().inline().keySet();
        }
        return Set.of();
    }

    public static UploadStarted upload(Bucket bucket, MultipartUpload u) {
        return new UploadStarted(bucket.name(), u.uploadId(), u.key(), u.initiated(), u.headers(), u.userMetadata(),
                u.tags(), u.checksumAlgorithm(), u.checksumType(), u.storageClass(), u.ownerAccount());
    }

    /**
     * The version of the records that name object bytes: 1 named a file in {@code objects}; 2 (the same
     * fields) may also name a slice of a segment ({@code <segment>@<offset>+<length>}, in the {@code segments}
     * directory beside it), which a Gureum that reads up to version 1 would look for as a file and not find.
     */
    static final int BLOB_VERSION = 2;

    /**
     * The version of the records that hold objects: 3 adds, after an object's ACL, the checksums of its parts
     * (a count, then one value per part); objects of versions 1 and 2 have none.
     */
    static final int PART_CHECKSUMS_VERSION = 3;

    /** The record types, with object files named under {@code objects} and segments beside it. */
    public static RecordTypes types(Path objects) {
        Bodies bodies = new Bodies(objects);
        return RecordTypes.of(
                RecordType.of(1, BucketSettings.class, 1, (b, out) -> {
                    out.writeString(b.name());
                    out.writeString(b.ownerAccount());
                    out.writeString(b.region());
                    out.writeInstant(b.created());
                    out.writeString(b.versioning().name());
                    out.writeBoolean(b.mfaDelete());
                    out.writeStringMap(b.configurations());
                    out.writeStringMap(b.tags());
                    writeAcl(b.acl(), out);
                }, (in, version) -> new BucketSettings(in.readString(), in.readString(), in.readString(),
                        in.readInstant(), Bucket.Versioning.valueOf(in.readString()), in.readBoolean(),
                        in.readStringMap(), in.readStringMap(), readAcl(in))),
                RecordType.of(2, BucketDeleted.class, 1, (b, out) -> out.writeString(b.name()),
                        (in, version) -> new BucketDeleted(in.readString())),
                RecordType.of(3, KeyVersions.class, PART_CHECKSUMS_VERSION, S3Records::writeKey,
                        (in, version) -> readKey(in, bodies, version)),
                RecordType.of(4, UploadStarted.class, 1, (u, out) -> {
                    out.writeString(u.bucket());
                    out.writeString(u.uploadId());
                    out.writeString(u.key());
                    out.writeInstant(u.initiated());
                    out.writeStringMap(u.headers());
                    out.writeStringMap(u.userMetadata());
                    out.writeStringMap(u.tags());
                    out.writeString(u.checksumAlgorithm());
                    out.writeString(u.checksumType());
                    out.writeString(u.storageClass());
                    out.writeString(u.ownerAccount());
                }, (in, version) -> new UploadStarted(in.readString(), in.readString(), in.readString(),
                        in.readInstant(), in.readStringMap(), in.readStringMap(), in.readStringMap(), in.readString(),
                        in.readString(), in.readString(), in.readString())),
                RecordType.of(5, UploadPart.class, BLOB_VERSION, (p, out) -> {
                    out.writeString(p.bucket());
                    out.writeString(p.uploadId());
                    MultipartUpload.Part part = p.part();
                    out.writeInt(part.number());
                    out.writeString(part.etag());
                    out.writeLong(part.size());
                    out.writeInstant(part.lastModified());
                    out.writeStringMap(part.checksums());
                    writeBlob(part.blob(), out);
                    out.writeByteArray(p.inline() == null ? null : p.inline().bytes());
                }, (in, version) -> new UploadPart(in.readString(), in.readString(), new MultipartUpload.Part(
                        in.readInt(), in.readString(), in.readLong(), in.readInstant(), in.readStringMap(),
                        readBlob(in, bodies)), Inline.of(in.readByteArray()))),
                RecordType.of(6, UploadEnded.class, PART_CHECKSUMS_VERSION, (u, out) -> {
                    out.writeString(u.bucket());
                    out.writeString(u.uploadId());
                    Bucket.CompletedUpload c = u.completed();
                    out.writeBoolean(c != null);
                    if (c != null) {
                        out.writeString(c.key());
                        out.writeString(c.etag());
                        out.writeString(c.versionId());
                        out.writeStringMap(c.checksums());
                        out.writeString(c.checksumType());
                    }
                    out.writeBoolean(u.result() != null);
                    if (u.result() != null) {
                        writeKey(u.result(), out);
                    }
                }, (in, version) -> new UploadEnded(in.readString(), in.readString(),
                        in.readBoolean() ? new Bucket.CompletedUpload(in.readString(), in.readString(), in.readString(),
                                in.readStringMap(), in.readString()) : null,
                        in.readBoolean() ? readKey(in, bodies, version) : null)));
    }

    private static void writeKey(KeyVersions k, RecordOutput out) throws IOException {
        out.writeString(k.bucket());
        out.writeString(k.key());
        out.writeInt(k.versions().size());
        for (S3Object o : k.versions()) {
            writeObject(o, out);
            Inline bytes = o.blob() == null ? null : k.inline().get(o.blob());
            out.writeByteArray(bytes == null ? null : bytes.bytes());
        }
    }

    private static KeyVersions readKey(RecordInput in, Bodies bodies, int version) throws IOException {
        String bucket = in.readSharedString();
        String key = in.readString();
        int count = in.readInt();
        if (count == 1) { // most keys: one version, nothing carried
            S3Object o = readObject(in, bodies, key, version);
            Inline bytes = Inline.of(in.readByteArray());
            return new KeyVersions(bucket, key, List.of(o), bytes == null ? Map.of() : Map.of(o.blob(), bytes));
        }
        List<S3Object> versions = new ArrayList<>(Math.max(count, 0));
        Map<Path, Inline> inline = new HashMap<>();
        for (int i = 0; i < count; i++) {
            S3Object o = readObject(in, bodies, key, version);
            versions.add(o);
            Inline bytes = Inline.of(in.readByteArray());
            if (bytes != null) {
                inline.put(o.blob(), bytes);
            }
        }
        return new KeyVersions(bucket, key, versions, inline.isEmpty() ? Map.of() : inline);
    }

    private static void writeObject(S3Object o, RecordOutput out) throws IOException {
        out.writeString(o.key());
        out.writeString(o.versionId());
        out.writeBoolean(o.deleteMarker());
        out.writeString(o.etag());
        out.writeLong(o.size());
        out.writeInstant(o.lastModified());
        out.writeStringMap(o.headers());
        out.writeStringMap(o.userMetadata());
        out.writeStringMap(o.checksums());
        out.writeString(o.checksumType());
        out.writeInt(o.partSizes().size());
        for (long size : o.partSizes()) {
            out.writeLong(size);
        }
        out.writeStringMap(o.tags());
        out.writeString(o.storageClass());
        out.writeString(o.ownerAccount());
        writeBlob(o.blob(), out);
        writeAcl(o.acl(), out);
        out.writeInt(o.partChecksums().size());
        for (String checksum : o.partChecksums()) {
            out.writeString(checksum);
        }
    }

    /**
     * An object; {@code key} is its record's key, whose string the object shares.
     *
     * @param version the version of the record it is read from
     */
    private static S3Object readObject(RecordInput in, Bodies bodies, String recordKey, int version)
            throws IOException {
        String key = in.readString();
        if (key.equals(recordKey)) {
            key = recordKey;
        }
        String versionId = in.readSharedString();
        boolean deleteMarker = in.readBoolean();
        String etag = in.readString();
        long size = in.readLong();
        Instant lastModified = in.readInstant();
        Map<String, String> headers = readMap(in, true);
        Map<String, String> userMetadata = readMap(in, false);
        Map<String, String> checksums = readMap(in, false);
        String checksumType = in.readSharedString();
        int parts = in.readInt();
        List<Long> partSizes = new ArrayList<>(Math.max(parts, 0));
        for (int i = 0; i < parts; i++) {
            partSizes.add(in.readLong());
        }
        Map<String, String> tags = readMap(in, false);
        String storageClass = in.readSharedString();
        String ownerAccount = in.readSharedString();
        Path blob = readBlob(in, bodies);
        Acl acl = readAcl(in);
        return new S3Object(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums,
                checksumType, parts == 0 ? List.of() : partSizes, tags, storageClass, ownerAccount, blob, acl,
                version >= PART_CHECKSUMS_VERSION ? readPartChecksums(in) : List.of());
    }

    private static List<String> readPartChecksums(RecordInput in) throws IOException {
        int count = in.readInt();
        if (count <= 0) {
            return List.of();
        }
        List<String> checksums = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            checksums.add(in.readString());
        }
        return checksums;
    }

    /**
     * A string map as {@link RecordInput#readStringMap()} reads it, with its names (header, metadata and checksum
     * names, from a small set) shared, and their values when asked (headers: content types, encodings), and as an
     * immutable map when it holds at most one entry.
     */
    private static Map<String, String> readMap(RecordInput in, boolean shareValues) throws IOException {
        int size = in.readInt();
        if (size == -1) {
            return null;
        } else if (size == 0) {
            return Map.of();
        } else if (size == 1) {
            String name = in.readSharedString();
            return Map.of(name, shareValues ? in.readSharedString() : in.readString());
        } else if (size < 0 || size > in.available()) {
            throw new java.io.EOFException("count " + size + " is beyond the record");
        }
        Map<String, String> values = new java.util.LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) {
            String name = in.readSharedString();
            values.put(name, shareValues ? in.readSharedString() : in.readString());
        }
        return java.util.Collections.unmodifiableMap(values);
    }

    private static void writeBlob(Path blob, RecordOutput out) throws IOException {
        out.writeString(blob == null ? null : blob.getFileName().toString());
    }

    private static Path readBlob(RecordInput in, Bodies bodies) throws IOException {
        String name = in.readString();
        if (name == null) {
            return null;
        }
        return dev.gureum.s3.storage.Segments.isSliceName(name) ? bodies.segments().resolve(name)
                : bodies.objects().resolve(name);
    }

    /** The directory of segments, beside {@code objects}. */
    private static final String SEGMENTS = "segments";

    /** Where the bodies named in records are: files of their own in {@code objects}, slices in {@code segments}. */
    private record Bodies(Path objects, Path segments) {
        Bodies(Path objects) {
            this(objects, objects.resolveSibling(SEGMENTS));
        }
    }

    private static void writeAcl(Acl acl, RecordOutput out) throws IOException {
        // explicit grants are kept as a negative count, which records written before them never hold
        out.writeInt(acl.explicit() ? -acl.grants().size() - 1 : acl.grants().size());
        for (Acl.Grant g : acl.grants()) {
            out.writeString(g.type());
            out.writeString(g.value());
            out.writeString(g.permission().name());
        }
    }

    private static Acl readAcl(RecordInput in) throws IOException {
        int count = in.readInt();
        if (count == 0) {
            return Acl.PRIVATE;
        }
        boolean explicit = count < 0;
        count = explicit ? -count - 1 : count;
        List<Acl.Grant> grants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            grants.add(new Acl.Grant(in.readString(), in.readString(), Acl.Permission.valueOf(in.readString())));
        }
        return new Acl(grants, explicit);
    }
}
