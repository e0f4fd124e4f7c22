package dev.gureum.s3.domain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of an object: its bytes (a file), what S3 reports about it, and its metadata. A delete
 * marker is a version with no bytes. Immutable; a change (tags, metadata copy) makes a new record.
 *
 * @param versionId    the version id, {@code "null"} for objects written while versioning was off
 * @param etag         the ETag without quotes: hex MD5, or {@code md5-of-md5s-N} for multipart objects
 * @param headers      stored representation headers: Content-Type, Content-Encoding, Cache-Control...
 * @param userMetadata {@code x-amz-meta-*} names (lower case, without the prefix) to values
 * @param checksums    algorithm ({@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1},
 *                     {@code SHA256}) to base64 value
 * @param checksumType {@code FULL_OBJECT} or {@code COMPOSITE}, or {@code null} without checksum
 * @param partSizes    sizes of the parts of a multipart object, empty otherwise
 * @param blob         the file holding the bytes, {@code null} for a delete marker
 * @param acl          who besides the owner may read it or its ACL
 * @param partChecksums the checksum of each part of a multipart object, in part order, of the algorithm of
 *                     {@code checksums}; empty when the upload had no checksum or for a single-part object
 */
public record S3Object(String key, String versionId, boolean deleteMarker, String etag, long size,
                       Instant lastModified, Map<String, String> headers, Map<String, String> userMetadata,
                       Map<String, String> checksums, String checksumType, List<Long> partSizes,
                       Map<String, String> tags, String storageClass, String ownerAccount, Path blob, Acl acl,
                       List<String> partChecksums) {

    public S3Object {
        partChecksums = List.copyOf(partChecksums);
        acl = acl == null ? Acl.PRIVATE : acl;
        headers = Map.copyOf(headers);
        userMetadata = userMetadata.isEmpty() ? NO_METADATA
                : java.util.Collections.unmodifiableMap(new TreeMap<>(userMetadata));
        checksums = Map.copyOf(checksums);
        partSizes = List.copyOf(partSizes);
        tags = tags.isEmpty() ? NO_TAGS : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** What an object without metadata or tags holds: one instance for all, of the kind a copy would be. */
    private static final Map<String, String> NO_METADATA = java.util.Collections.unmodifiableMap(new TreeMap<>());
    private static final Map<String, String> NO_TAGS = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>());

    /** An object whose parts have no checksums of their own. */
    public S3Object(String key, String versionId, boolean deleteMarker, String etag, long size, Instant lastModified,
                    Map<String, String> headers, Map<String, String> userMetadata, Map<String, String> checksums,
                    String checksumType, List<Long> partSizes, Map<String, String> tags, String storageClass,
                    String ownerAccount, Path blob, Acl acl) {
        this(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums, checksumType,
                partSizes, tags, storageClass, ownerAccount, blob, acl, List.of());
    }

    /** A private object. */
    public S3Object(String key, String versionId, boolean deleteMarker, String etag, long size, Instant lastModified,
                    Map<String, String> headers, Map<String, String> userMetadata, Map<String, String> checksums,
                    String checksumType, List<Long> partSizes, Map<String, String> tags, String storageClass,
                    String ownerAccount, Path blob) {
        this(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums, checksumType,
                partSizes, tags, storageClass, ownerAccount, blob, Acl.PRIVATE, List.of());
    }

    public static S3Object deleteMarker(String key, String versionId, Instant when, String ownerAccount) {
        return new S3Object(key, versionId, true, null, 0, when, Map.of(), Map.of(), Map.of(), null, List.of(),
                Map.of(), null, ownerAccount, null);
    }

    /**
     * The checksum of one part of a multipart object, algorithm to base64 value; empty when its parts
     * have none.
     *
     * @param partNumber from 1 to the number of parts
     */
    public Map<String, String> partChecksum(int partNumber) {
        if (partNumber < 1 || partNumber > partChecksums.size() || checksums.size() != 1) {
            return Map.of();
        }
        return Map.of(checksums.keySet().iterator().next(), partChecksums.get(partNumber - 1));
    }

    public String quotedEtag() {
        return etag == null ? null : "\"" + etag + "\"";
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "binary/octet-stream");
    }

    public S3Object withTags(Map<String, String> newTags) {
        return new S3Object(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums,
                checksumType, partSizes, newTags, storageClass, ownerAccount, blob, acl, partChecksums);
    }

    public S3Object withAcl(Acl newAcl) {
        return new S3Object(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums,
                checksumType, partSizes, tags, storageClass, ownerAccount, blob, newAcl, partChecksums);
    }

    /** The same version with other stored headers (its Object Lock settings changed). */
    public S3Object withHeaders(Map<String, String> newHeaders) {
        return new S3Object(key, versionId, deleteMarker, etag, size, lastModified, newHeaders, userMetadata, checksums,
                checksumType, partSizes, tags, storageClass, ownerAccount, blob, acl, partChecksums);
    }

    /** The same version in another storage class (a lifecycle transition). */
    public S3Object withStorageClass(String newStorageClass) {
        return new S3Object(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums,
                checksumType, partSizes, tags, newStorageClass, ownerAccount, blob, acl, partChecksums);
    }

    /** The same version with its bytes at another place (a compaction moved them). */
    public S3Object withBlob(Path newBlob) {
        return new S3Object(key, versionId, deleteMarker, etag, size, lastModified, headers, userMetadata, checksums,
                checksumType, partSizes, tags, storageClass, ownerAccount, newBlob, acl, partChecksums);
    }
}
