package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** CopyObject, and the parsing of {@code x-amz-copy-source} shared with UploadPartCopy. */
final class CopyOperations {

    /** Objects larger than 5 GiB can only be copied part by part. */
    private static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    /** The object a copy reads. */
    record Source(Bucket bucket, S3Object object) {
    }

    private final S3State state;

    CopyOperations(S3State state) {
        this.state = state;
    }

    /** Parses {@code x-amz-copy-source: [/]bucket/key[?versionId=...]} (URL-encoded) and finds the object. */
    Source source(S3Request request) {
        String header = request.header("x-amz-copy-source");
        String text = header.startsWith("/") ? header.substring(1) : header;
        String versionId = null;
        int question = text.indexOf('?');
        if (question >= 0) {
            String query = text.substring(question + 1);
            text = text.substring(0, question);
            if (query.startsWith("versionId=")) {
                versionId = query.substring("versionId=".length());
            }
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw invalidSource();
        }
        String bucketName;
        String key;
        try {
            bucketName = FormDecoder.percentDecode(text.substring(0, slash), false);
            key = FormDecoder.percentDecode(text.substring(slash + 1), false);
        } catch (IllegalArgumentException e) {
            throw invalidSource();
        }
        Bucket bucket = state.existing(bucketName);
        state.access.check(bucket, state.access.caller(request.context()),
                versionId != null ? "s3:GetObjectVersion" : "s3:GetObject", key, versionId, request);
        S3State.checkExpectedOwner(bucket, request.header("x-amz-source-expected-bucket-owner"));
        S3Object object;
        if (versionId != null) {
            ObjectOperations.checkVersionId(versionId);
            object = bucket.version(key, versionId);
            if (object == null) {
                throw new AwsException(S3Error.NO_SUCH_VERSION, "The specified version does not exist.")
                        .detail("Key", key).detail("VersionId", versionId);
            }
            if (object.deleteMarker()) {
                throw new AwsException(S3Error.INVALID_REQUEST,
                        "The source of a copy request may not specifically refer to a delete marker by version id.");
            }
        } else {
            object = bucket.current(key);
            if (object == null || object.deleteMarker()) {
                throw new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", key);
            }
        }
        return new Source(bucket, object);
    }

    private static AwsException invalidSource() {
        return new AwsException(S3Error.INVALID_ARGUMENT, "Invalid copy source object key")
                .detail("ArgumentName", "x-amz-copy-source");
    }

    /** How often a copy looks again for its source when the version it found was replaced meanwhile. */
    static final int REPLACED_RETRIES = 5;

    void copyObject(S3Request request) {
        for (int attempt = 1; ; attempt++) {
            try {
                copyOnce(request);
                return;
            } catch (NoSuchFileException e) {
                // the source version was replaced (and its bytes deleted) while being copied
                if (attempt == REPLACED_RETRIES) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void copyOnce(S3Request request) throws NoSuchFileException {
        Bucket bucket = state.bucket(request);
        String key = request.key();
        ObjectOperations.checkKey(key);
        BucketConfigOperations.refuseDisabledAcls(request, bucket, false);
        dev.gureum.s3.domain.Acl acl = Acls.fromHeaders(request::header, bucket.ownerAccount());
        Source source = source(request);
        S3Object from = source.object();
        Preconditions.checkCopySource(request, from);
        if (from.size() > MAX_COPY_SIZE) {
            throw new AwsException(S3Error.INVALID_REQUEST, "The specified copy source is larger than the maximum "
                    + "allowable size for a copy source: " + MAX_COPY_SIZE);
        }
        String metadataDirective = directive(request, "x-amz-metadata-directive");
        String taggingDirective = directive(request, "x-amz-tagging-directive");
        boolean replaceMetadata = metadataDirective.equals("REPLACE");
        Map<String, String> headers;
        if (replaceMetadata) {
            headers = BodyReceiver.storedHeaders(request, bucket);
        } else {
            // a copy is encrypted as the request or the destination bucket says, not as its source was
            headers = new java.util.LinkedHashMap<>(from.headers());
            BodyReceiver.ENCRYPTION_HEADERS.forEach(headers::remove);
            headers.putAll(BodyReceiver.encryption(request, bucket));
        }
        Map<String, String> meta = replaceMetadata ? BodyReceiver.userMetadata(request) : from.userMetadata();
        Map<String, String> tags = taggingDirective.equals("REPLACE")
                ? Tags.parseHeader(request.header("x-amz-tagging")) : from.tags();
        String storageClass = request.header("x-amz-storage-class") == null ? from.storageClass()
                : BodyReceiver.storageClass(request);
        String newEncryption = request.header("x-amz-server-side-encryption");
        boolean sameObject = source.bucket() == bucket && from.key().equals(key);
        if (sameObject && !replaceMetadata && Objects.equals(storageClass, from.storageClass())
                && request.header("x-amz-website-redirect-location") == null && newEncryption == null
                && request.header("x-amz-checksum-algorithm") == null) {
            throw new AwsException(S3Error.INVALID_REQUEST, "This copy request is illegal because it is trying to copy "
                    + "an object to itself without changing the object's metadata, storage class, website redirect "
                    + "location or encryption attributes.");
        }
        Preconditions.checkWrite(request, bucket.current(key));
        ChecksumAlgorithm newAlgorithm = ChecksumAlgorithm.parse(request.header("x-amz-checksum-algorithm"));
        Path blob;
        Map<String, String> checksums = from.checksums();
        String checksumType = from.checksumType();
        try {
            if (newAlgorithm != null) {
                BlobStore.Written written = state.blobs.copyRange(from.blob(), 0, from.size() - 1, EnumSet.of(newAlgorithm));
                blob = state.blobs.commit(written);
                checksums = Map.of(newAlgorithm.name(), written.checksums().get(newAlgorithm));
                checksumType = "FULL_OBJECT";
            } else {
                blob = state.blobs.duplicate(from.blob());
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a copy is a new, single-part object whose checksum covers the whole of it
        if ("COMPOSITE".equals(checksumType)) {
            checksums = Map.of();
            checksumType = null;
        }
        S3Object copy = new S3Object(key, ObjectOperations.newVersionId(bucket), false, from.etag(), from.size(),
                state.clock.instant(), headers, meta, checksums, checksumType, List.of(), tags, storageClass,
                S3State.writer(request, bucket), blob, acl);
        synchronized (bucket) {
            state.release(bucket.put(copy));
        }
        if (!from.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-copy-source-version-id", from.versionId());
        }
        if (!copy.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", copy.versionId());
        }
        ObjectOperations.writeEncryptionHeaders(request, copy);
        state.events.objectCreated(bucket, copy, "Copy", request);
        Struct result = Struct.of().put("ETag", copy.quotedEtag()).put("LastModified", copy.lastModified());
        copy.checksums().forEach((a, v) -> result.put("Checksum" + a, v));
        result.put("ChecksumType", copy.checksumType());
        S3Responses.xml(request, "CopyObjectResult", result);
    }

    private static String directive(S3Request request, String header) {
        String value = request.header(header);
        if (value == null) {
            return "COPY";
        }
        if (!value.equals("COPY") && !value.equals("REPLACE")) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Unknown " + header + ": " + value)
                    .detail("ArgumentName", header).detail("ArgumentValue", value);
        }
        return value;
    }
}
