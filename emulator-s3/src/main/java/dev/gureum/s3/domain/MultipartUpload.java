package dev.gureum.s3.domain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A multipart upload in progress: what CreateMultipartUpload was told, and the parts uploaded so far
 * (a part uploaded again replaces the earlier one).
 */
public final class MultipartUpload {

    /** One uploaded part. */
    public record Part(int number, String etag, long size, Instant lastModified, Map<String, String> checksums,
                       Path blob) {
    }

    private final String uploadId;
    private final String key;
    private final Instant initiated;
    private final Map<String, String> headers;
    private final Map<String, String> userMetadata;
    private final Map<String, String> tags;
    private final String checksumAlgorithm;
    private final String checksumType;
    private final String storageClass;
    private final String ownerAccount;
    private final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();

    public MultipartUpload(String uploadId, String key, Instant initiated, Map<String, String> headers,
                           Map<String, String> userMetadata, Map<String, String> tags, String checksumAlgorithm,
                           String checksumType, String storageClass, String ownerAccount) {
        this.uploadId = uploadId;
        this.key = key;
        this.initiated = initiated;
        this.headers = Map.copyOf(headers);
        this.userMetadata = Map.copyOf(userMetadata);
        this.tags = Map.copyOf(tags);
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksumType = checksumType;
        this.storageClass = storageClass;
        this.ownerAccount = ownerAccount;
    }

    public String uploadId() {
        return uploadId;
    }

    public String key() {
        return key;
    }

    public Instant initiated() {
        return initiated;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public String checksumAlgorithm() {
        return checksumAlgorithm;
    }

    public String checksumType() {
        return checksumType;
    }

    public String storageClass() {
        return storageClass;
    }

    public String ownerAccount() {
        return ownerAccount;
    }

    /** Records a part; returns the part it replaced, whose bytes the caller deletes. */
    public Part putPart(Part part) {
        return parts.put(part.number(), part);
    }

    public ConcurrentSkipListMap<Integer, Part> parts() {
        return parts;
    }
}
