package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/** CopyObject, and the parsing of {@code x-amz-copy-source} shared with UploadPartCopy. */
final class CopyOperations {

    /** The object a copy reads. */
    record Source(Bucket bucket, S3Object object) {
    }

    private final S3State state;
    private final ObjectLockOperations locks;

    CopyOperations(S3State state, ObjectLockOperations locks) {
        this.state = state;
        this.locks = locks;
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
        S3Object object = ObjectStore.copySource(bucket, key, versionId);
        ServerSideEncryption.checkRead(request::header, ServerSideEncryption.COPY_SOURCE, object.headers());
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
        ObjectStore.checkKey(key);
        BucketConfigOperations.refuseDisabledAcls(request, bucket, false);
        Acl acl = Acls.fromHeaders(request::header, bucket.ownerAccount());
        BucketConfigOperations.refusePublicAcl(bucket, acl);
        Source source = source(request);
        S3Object from = source.object();
        ObjectStore.checkCopyable(from, ConditionHeaders.copySource(request));
        boolean replaceMetadata = directive(request, "x-amz-metadata-directive").equals("REPLACE");
        boolean replaceTags = directive(request, "x-amz-tagging-directive").equals("REPLACE");
        Map<String, String> headers = replaceMetadata ? BodyReceiver.storedHeaders(request, bucket) : Map.of();
        Map<String, String> encryption = replaceMetadata ? Map.of() : BodyReceiver.encryption(request, bucket);
        Map<String, String> meta = replaceMetadata ? BodyReceiver.userMetadata(request) : Map.of();
        Map<String, String> tags = replaceTags ? Tags.parseHeader(request.header("x-amz-tagging")) : null;
        String storageClass = request.header("x-amz-storage-class") == null ? null : BodyReceiver.storageClass(request);
        boolean changesAttributes = request.header("x-amz-website-redirect-location") != null
                || request.header("x-amz-server-side-encryption") != null
                || request.header(ServerSideEncryption.CUSTOMER_ALGORITHM) != null
                || from.headers().containsKey(ServerSideEncryption.CUSTOMER_KEY_MD5)
                || request.header("x-amz-checksum-algorithm") != null;
        ObjectStore.CopyChanges changes = new ObjectStore.CopyChanges(replaceMetadata, headers, encryption, meta, tags,
                storageClass, changesAttributes, ChecksumAlgorithm.parse(request.header("x-amz-checksum-algorithm")),
                acl, S3State.writer(request, bucket));
        S3Object copy = locks.lockCopy(request, bucket,
                state.objects.copy(source.bucket(), from, bucket, key, changes, ConditionHeaders.of(request)));
        state.saveKey(request, bucket, key);
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
