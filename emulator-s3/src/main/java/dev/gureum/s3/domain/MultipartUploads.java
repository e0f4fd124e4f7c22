package dev.gureum.s3.domain;

import dev.gureum.core.id.Ids;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multipart uploads: create, upload (or copy) parts, complete into an object, abort, and list
 * uploads and parts. A part uploaded again replaces the earlier one; a completion holds the upload
 * while it reads its parts, so an abort or a part uploaded meanwhile waits for its outcome.
 */
public final class MultipartUploads {

    /** Every part but the last must be at least 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final BlobStore blobs;
    private final Clock clock;
    private final ObjectStore objects;

    public MultipartUploads(BlobStore blobs, Clock clock, ObjectStore objects) {
        this.blobs = blobs;
        this.clock = clock;
        this.objects = objects;
    }

    /** The checksum an upload keeps of its parts and of the object: an algorithm and how parts combine. */
    public record Checksum(ChecksumAlgorithm algorithm, String type) {
        public static final Checksum NONE = new Checksum(null, null);
    }

    /**
     * The checksum CreateMultipartUpload asks for. Without a type, CRC64NVME combines into a
     * full-object checksum and the others into a composite one (a checksum of the parts' checksums).
     *
     * @param algorithmName the algorithm's name, or {@code null}
     * @param type          {@code COMPOSITE}, {@code FULL_OBJECT}, or {@code null}
     */
    public static Checksum checksum(String algorithmName, String type) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(algorithmName);
        if (algorithmName != null && algorithm == null) {
            throw new UploadRefusal(UploadRefusal.Reason.UNSUPPORTED_CHECKSUM_ALGORITHM, null, algorithmName, null);
        }
        if (type != null && !type.equals("COMPOSITE") && !type.equals("FULL_OBJECT")) {
            throw new UploadRefusal(UploadRefusal.Reason.INVALID_CHECKSUM_TYPE, null, type, null);
        }
        if (algorithm != null && type == null) {
            type = algorithm == ChecksumAlgorithm.CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
        }
        if (algorithm == null && type != null) {
            throw new UploadRefusal(UploadRefusal.Reason.CHECKSUM_TYPE_WITHOUT_ALGORITHM, null, type, null);
        }
        if ("FULL_OBJECT".equals(type) && !algorithm.supportsFullObject()
                || "COMPOSITE".equals(type) && algorithm == ChecksumAlgorithm.CRC64NVME) {
            throw new UploadRefusal(UploadRefusal.Reason.CHECKSUM_TYPE_UNSUPPORTED, null, type, algorithm.name());
        }
        return algorithm == null ? Checksum.NONE : new Checksum(algorithm, type);
    }

    /** Starts an upload of the key; the object it completes into gets the metadata given now. */
    public MultipartUpload create(Bucket bucket, String key, ObjectStore.ObjectMetadata metadata, Checksum checksum) {
        ObjectStore.checkKey(key);
        MultipartUpload upload = new MultipartUpload(Ids.token(64), key, clock.instant(), metadata.headers(),
                metadata.userMetadata(), metadata.tags(),
                checksum.algorithm() == null ? null : checksum.algorithm().name(), checksum.type(),
                metadata.storageClass(), metadata.ownerAccount());
        bucket.uploads().put(upload.uploadId(), upload);
        return upload;
    }

    /**
     * The upload in progress of the key.
     *
     * @throws UploadRefusal {@code NO_SUCH_UPLOAD}
     */
    public static MultipartUpload upload(Bucket bucket, String key, String uploadId) {
        MultipartUpload upload = uploadId == null ? null : bucket.uploads().get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            throw new UploadRefusal(UploadRefusal.Reason.NO_SUCH_UPLOAD, uploadId);
        }
        return upload;
    }

    /**
     * Keeps bytes that were received as a part of the upload.
     *
     * @param algorithm the checksum the client sent with the part (computed), or {@code null}
     * @throws UploadRefusal {@code PART_CHECKSUM_ALGORITHM_MISMATCH} when the upload has a checksum of another algorithm
     */
    public MultipartUpload.Part putPart(Bucket bucket, MultipartUpload upload, int number, BlobStore.Written written,
                                        ChecksumAlgorithm algorithm) {
        ChecksumAlgorithm expected = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        if (expected != null && algorithm != expected) {
            blobs.discard(written);
            throw new UploadRefusal(UploadRefusal.Reason.PART_CHECKSUM_ALGORITHM_MISMATCH, upload.uploadId(), number,
                    null, algorithm.name(), expected.name());
        }
        return keep(bucket, upload, number, written, algorithm);
    }

    /** Writes the bytes of a stream as a part, with the upload's checksum. */
    public MultipartUpload.Part putPart(Bucket bucket, MultipartUpload upload, int number, InputStream bytes) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        try {
            BlobStore.Written written = blobs.write(bytes,
                    algorithm == null ? EnumSet.noneOf(ChecksumAlgorithm.class) : EnumSet.of(algorithm));
            return putPart(bucket, upload, number, written, algorithm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies bytes {@code first} to {@code last} of a version as a part (UploadPartCopy).
     *
     * @param range the range as the client wrote it, reported when it is past the end of the source
     * @throws UploadRefusal       {@code COPY_RANGE_NOT_SATISFIABLE}
     * @throws NoSuchFileException when the source's bytes went away meanwhile (it was replaced)
     */
    public MultipartUpload.Part copyPart(Bucket bucket, MultipartUpload upload, int number, S3Object source,
                                         long first, long last, String range) throws NoSuchFileException {
        if (first > last || last >= source.size()) {
            throw new UploadRefusal(UploadRefusal.Reason.COPY_RANGE_NOT_SATISFIABLE, upload.uploadId(), number, null,
                    range, String.valueOf(source.size()));
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        BlobStore.Written written;
        try {
            written = blobs.copyRange(source.blob(), first, last,
                    algorithm == null ? EnumSet.noneOf(ChecksumAlgorithm.class) : EnumSet.of(algorithm));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keep(bucket, upload, number, written, algorithm);
    }

    /** Makes bytes that were written a part of the upload, with their checksum of the upload's algorithm. */
    private MultipartUpload.Part keep(Bucket bucket, MultipartUpload upload, int number, BlobStore.Written written,
                                      ChecksumAlgorithm algorithm) {
        Path blob = blobs.keep(written);
        MultipartUpload.Part part = new MultipartUpload.Part(number, HexFormat.of().formatHex(written.md5()),
                written.size(), clock.instant(),
                algorithm == null ? Map.of() : Map.of(algorithm.name(), written.checksums().get(algorithm)), blob);
        store(bucket, upload, part);
        return part;
    }

    private void store(Bucket bucket, MultipartUpload upload, MultipartUpload.Part part) {
        // the upload's monitor: a completion in progress still reads the part this one replaces
        synchronized (upload) {
            if (bucket.uploads().get(upload.uploadId()) != upload) {
                // aborted or completed meanwhile: the part is of no use
                blobs.delete(part.blob());
                return;
            }
            MultipartUpload.Part replaced = upload.putPart(part);
            if (replaced != null) {
                blobs.release(replaced.blob());
            }
        }
    }

    /**
     * A part a completion names.
     *
     * @param number    the part number, {@code null} when missing or not a number
     * @param etag      the ETag as the client wrote it, quoted or not, {@code null} when missing
     * @param checksums checksums the client claims for the part, by algorithm name
     */
    public record PartRef(Integer number, String etag, Map<String, String> checksums) {
        public PartRef {
            checksums = Map.copyOf(checksums);
        }
    }

    /**
     * What an upload completed into, when the same upload was completed before: S3 answers a repeated
     * CompleteMultipartUpload with the result again.
     */
    public static Bucket.CompletedUpload completedBefore(Bucket bucket, String key, String uploadId) {
        Bucket.CompletedUpload done = uploadId == null ? null : bucket.completedUploads().get(uploadId);
        if (done != null && done.key().equals(key) && !bucket.uploads().containsKey(uploadId)) {
            return done;
        }
        return null;
    }

    /**
     * Completes the upload: the parts listed, in ascending order, become the current version of the
     * key, with the ETag {@code md5(md5(part1) + md5(part2) + ...)-N} every S3 client expects.
     *
     * @param declaredSize the object size the client declared, as written, or {@code null}
     * @param conditions   conditions on the key's current version
     */
    public S3Object complete(Bucket bucket, MultipartUpload upload, List<PartRef> requested, String declaredSize,
                             Conditions conditions) {
        return complete(bucket, upload, requested, declaredSize, conditions, null);
    }

    /**
     * As above, with the checksum of the whole object the client claims for the upload's algorithm
     * ({@code null} when none): for a composite checksum, its {@code -N} suffix may be left out.
     */
    public S3Object complete(Bucket bucket, MultipartUpload upload, List<PartRef> requested, String declaredSize,
                             Conditions conditions, String claimedChecksum) {
        synchronized (upload) {
            if (bucket.uploads().get(upload.uploadId()) != upload) {
                throw new UploadRefusal(UploadRefusal.Reason.NO_SUCH_UPLOAD, upload.uploadId());
            }
            return completeHeld(bucket, upload, requested, declaredSize, conditions, claimedChecksum);
        }
    }

    private S3Object completeHeld(Bucket bucket, MultipartUpload upload, List<PartRef> requested, String declaredSize,
                                  Conditions conditions, String claimedChecksum) {
        String uploadId = upload.uploadId();
        if (requested.isEmpty()) {
            throw new UploadRefusal(UploadRefusal.Reason.MALFORMED_PART_LIST, uploadId);
        }
        List<MultipartUpload.Part> parts = new ArrayList<>();
        int previous = 0;
        for (PartRef p : requested) {
            if (p.number() == null || p.etag() == null) {
                throw new UploadRefusal(UploadRefusal.Reason.MALFORMED_PART_LIST, uploadId);
            }
            int number = p.number();
            if (number <= previous) {
                throw new UploadRefusal(UploadRefusal.Reason.PART_ORDER, uploadId);
            }
            previous = number;
            MultipartUpload.Part part = upload.parts().get(number);
            String claimed = upload.checksumAlgorithm() == null ? null : p.checksums().get(upload.checksumAlgorithm());
            if (part == null || !part.etag().equals(p.etag().trim().replace("\"", ""))
                    || claimed != null && !claimed.equals(part.checksums().get(upload.checksumAlgorithm()))) {
                throw new UploadRefusal(UploadRefusal.Reason.INVALID_PART, uploadId, number, null, p.etag(), null);
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            MultipartUpload.Part part = parts.get(i);
            if (part.size() < MIN_PART_SIZE) {
                throw new UploadRefusal(UploadRefusal.Reason.PART_TOO_SMALL, uploadId, part.number(), part.etag(),
                        String.valueOf(part.size()), String.valueOf(MIN_PART_SIZE));
            }
        }
        long size = parts.stream().mapToLong(MultipartUpload.Part::size).sum();
        if (declaredSize != null && !declaredSize.trim().equals(String.valueOf(size))) {
            throw new UploadRefusal(UploadRefusal.Reason.OBJECT_SIZE_MISMATCH, uploadId, declaredSize,
                    String.valueOf(size));
        }
        Preconditions.checkWrite(conditions, upload.key(), bucket.current(upload.key()));
        Path blob;
        try {
            blob = blobs.concatenate(parts.stream().map(MultipartUpload.Part::blob).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> checksums = Map.of();
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        if (algorithm != null) {
            try {
                String value = "FULL_OBJECT".equals(upload.checksumType()) ? fullObjectChecksum(blob, algorithm)
                        : compositeChecksum(parts, algorithm);
                checksums = Map.of(algorithm.name(), value);
                if (claimedChecksum != null && !withoutPartCount(claimedChecksum).equals(withoutPartCount(value))) {
                    throw new UploadRefusal(UploadRefusal.Reason.CHECKSUM_MISMATCH, uploadId, algorithm.name(), value);
                }
            } catch (RuntimeException e) {
                blobs.delete(blob);
                throw e;
            }
        }
        bucket.uploads().remove(uploadId, upload);
        S3Object object = new S3Object(upload.key(), ObjectStore.newVersionId(bucket), false, multipartEtag(parts),
                size, clock.instant(), upload.headers(), upload.userMetadata(), checksums, upload.checksumType(),
                parts.stream().map(MultipartUpload.Part::size).toList(), upload.tags(), upload.storageClass(),
                upload.ownerAccount(), blob, Acl.PRIVATE, algorithm == null ? List.of()
                        : parts.stream().map(p -> p.checksums().get(algorithm.name())).toList());
        objects.put(bucket, object);
        upload.parts().values().forEach(p -> blobs.release(p.blob()));
        bucket.completedUploads().put(uploadId, new Bucket.CompletedUpload(upload.key(), object.etag(),
                object.versionId(), checksums, object.checksumType()));
        return object;
    }

    /** {@code md5(md5(part1) + md5(part2) + ...)-N}. */
    static String multipartEtag(List<MultipartUpload.Part> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (MultipartUpload.Part p : parts) {
                md5.update(HexFormat.of().parseHex(p.etag()));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checksum of the parts' checksums, with the number of parts. */
    private static String withoutPartCount(String checksum) {
        int dash = checksum.trim().lastIndexOf('-');
        return dash < 0 ? checksum.trim() : checksum.trim().substring(0, dash);
    }

    private static String compositeChecksum(List<MultipartUpload.Part> parts, ChecksumAlgorithm algorithm) {
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        for (MultipartUpload.Part p : parts) {
            byte[] partChecksum = Base64.getDecoder().decode(p.checksums().get(algorithm.name()));
            hasher.update(partChecksum, 0, partChecksum.length);
        }
        return hasher.base64() + "-" + parts.size();
    }

    private static String fullObjectChecksum(Path blob, ChecksumAlgorithm algorithm) {
        ChecksumAlgorithm.Hasher hasher = algorithm.newHasher();
        try (InputStream in = Files.newInputStream(blob)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                hasher.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hasher.base64();
    }

    /**
     * Aborts the upload and deletes its parts.
     *
     * @throws UploadRefusal {@code NO_SUCH_UPLOAD}, also when it completed (or was aborted) while this waited
     */
    public void abort(Bucket bucket, String key, String uploadId) {
        MultipartUpload upload = upload(bucket, key, uploadId);
        synchronized (upload) {
            if (!bucket.uploads().remove(upload.uploadId(), upload)) {
                throw new UploadRefusal(UploadRefusal.Reason.NO_SUCH_UPLOAD, upload.uploadId());
            }
            upload.parts().values().forEach(p -> blobs.release(p.blob()));
        }
    }

    /** Aborts every upload of a bucket that goes; a completion in progress finishes (and cleans up) first. */
    public void abortAll(Bucket bucket) {
        for (MultipartUpload upload : List.copyOf(bucket.uploads().values())) {
            synchronized (upload) {
                if (bucket.uploads().remove(upload.uploadId(), upload)) {
                    upload.parts().values().forEach(p -> blobs.release(p.blob()));
                }
            }
        }
    }

    /** One page of an upload's parts, and the part number the next page starts after. */
    public record PartsPage(List<MultipartUpload.Part> parts, boolean truncated, Integer nextMarker) {
        public PartsPage {
            parts = List.copyOf(parts);
        }
    }

    /** The parts after part {@code marker}, in part-number order. */
    public static PartsPage parts(MultipartUpload upload, int marker, int maxParts) {
        List<MultipartUpload.Part> page = new ArrayList<>();
        boolean truncated = false;
        int next = 0;
        for (MultipartUpload.Part p : upload.parts().tailMap(marker, false).values()) {
            if (page.size() >= maxParts) {
                truncated = true;
                break;
            }
            page.add(p);
            next = p.number();
        }
        return new PartsPage(page, truncated, truncated ? next : null);
    }

    /**
     * One page of uploads in progress (by key, then by when they started) and common prefixes.
     *
     * @param nextKeyMarker    the last key or common prefix of the page, when truncated
     * @param nextUploadMarker the last upload of the page, when truncated after an upload
     */
    public record UploadsPage(List<MultipartUpload> uploads, List<String> prefixes, boolean truncated,
                              String nextKeyMarker, String nextUploadMarker) {
        public UploadsPage {
            uploads = List.copyOf(uploads);
            prefixes = List.copyOf(prefixes);
        }
    }

    /**
     * The uploads after the markers: with an upload id marker, the key marker's uploads after that
     * one; without, none of the key marker's.
     */
    public static UploadsPage uploads(Bucket bucket, String prefix, String delimiter, String keyMarker,
                                      String uploadIdMarker, int max) {
        String p = prefix == null ? "" : prefix;
        List<MultipartUpload> all = new ArrayList<>(bucket.uploads().values());
        all.sort((a, b) -> {
            int byKey = KeyOrder.INSTANCE.compare(a.key(), b.key());
            int byTime = a.initiated().compareTo(b.initiated());
            return byKey != 0 ? byKey : byTime != 0 ? byTime : a.uploadId().compareTo(b.uploadId());
        });
        List<MultipartUpload> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Set<String> seenPrefixes = new HashSet<>();
        boolean truncated = false;
        String nextKey = null;
        String nextUpload = null;
        boolean hasKeyMarker = keyMarker != null && !keyMarker.isEmpty();
        boolean hasUploadMarker = uploadIdMarker != null && !uploadIdMarker.isEmpty();
        boolean pastUploadMarker = false;
        String skipPrefix = hasKeyMarker && keyMarker.startsWith(p) ? Listing.commonPrefix(keyMarker, p, delimiter) : null;
        for (MultipartUpload u : all) {
            if (!u.key().startsWith(p) || skipPrefix != null && u.key().startsWith(skipPrefix)) {
                continue;
            }
            if (hasKeyMarker) {
                int cmp = KeyOrder.INSTANCE.compare(u.key(), keyMarker);
                if (cmp < 0) {
                    continue;
                }
                if (cmp == 0 && (!hasUploadMarker || !pastUploadMarker)) {
                    pastUploadMarker = hasUploadMarker && u.uploadId().equals(uploadIdMarker);
                    continue;
                }
            }
            String common = Listing.commonPrefix(u.key(), p, delimiter);
            if (common != null) {
                if (seenPrefixes.add(common)) {
                    if (items.size() + prefixes.size() >= max) {
                        truncated = true;
                        break;
                    }
                    prefixes.add(common);
                    nextKey = common;
                    nextUpload = null;
                }
                continue;
            }
            if (items.size() + prefixes.size() >= max) {
                truncated = true;
                break;
            }
            items.add(u);
            nextKey = u.key();
            nextUpload = u.uploadId();
        }
        return new UploadsPage(items, prefixes, truncated, truncated ? nextKey : null, truncated ? nextUpload : null);
    }
}
