package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.MultipartUpload;
import dev.gureum.s3.domain.MultipartUploads;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.Preconditions;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Multipart uploads on the wire: create, upload (and copy) parts, complete, abort, and list them. */
final class MultipartOperations {

    private final S3State state;

    MultipartOperations(S3State state) {
        this.state = state;
    }

    void create(S3Request request) {
        Bucket bucket = state.bucket(request);
        String key = request.key();
        ObjectStore.checkKey(key);
        BucketConfigOperations.refuseDisabledAcls(request, bucket, false);
        BucketConfigOperations.refusePublicAcl(bucket, Acls.fromHeaders(request::header, bucket.ownerAccount()));
        MultipartUploads.Checksum checksum = MultipartUploads.checksum(request.header("x-amz-checksum-algorithm"),
                request.header("x-amz-checksum-type"));
        MultipartUpload upload = state.uploads.create(bucket, key, new ObjectStore.ObjectMetadata(
                ObjectLockOperations.withLock(request, bucket, BodyReceiver.storedHeaders(request, bucket), state.clock,
                        null), BodyReceiver.userMetadata(request),
                Tags.parseHeader(request.header("x-amz-tagging")), BodyReceiver.storageClass(request), null,
                S3State.writer(request, bucket)), checksum);
        state.saveUpload(request, bucket, upload);
        S3Responses.header(request, "x-amz-checksum-algorithm", upload.checksumAlgorithm());
        S3Responses.header(request, "x-amz-checksum-type", upload.checksumType());
        ServerSideEncryption.echo(request, upload.headers());
        S3Responses.xml(request, "InitiateMultipartUploadResult", Struct.of()
                .put("Bucket", bucket.name()).put("Key", key).put("UploadId", upload.uploadId()));
    }

    private static MultipartUpload upload(Bucket bucket, S3Request request) {
        return MultipartUploads.upload(bucket, request.key(), request.param("uploadId"));
    }

    static int partNumber(String text) {
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 10_000) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                    .detail("ArgumentName", "partNumber").detail("ArgumentValue", text);
        }
        return number;
    }

    void uploadPart(S3Request request) {
        Bucket bucket = state.bucket(request);
        MultipartUpload upload = upload(bucket, request);
        int number = partNumber(request.param("partNumber"));
        ServerSideEncryption.checkPart(request::header, upload.headers());
        ObjectLockOperations.checkPart(request, upload.headers());
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        BodyReceiver.receive(request, state, algorithm, received -> {
            MultipartUpload.Part part = state.uploads.putPart(bucket, upload, number, received.written(),
                    received.algorithm());
            state.savePart(request, bucket, upload, number);
            S3Responses.header(request, "ETag", "\"" + part.etag() + "\"");
            if (received.algorithm() != null) {
                S3Responses.header(request, received.algorithm().header(), received.checksum());
            }
            ServerSideEncryption.echo(request, upload.headers());
            S3Responses.empty(request, 200);
        });
    }

    void uploadPartCopy(S3Request request, CopyOperations copies) {
        for (int attempt = 1; ; attempt++) {
            try {
                uploadPartCopyOnce(request, copies.source(request));
                return;
            } catch (NoSuchFileException e) {
                // the source version was replaced (and its bytes deleted) while being copied
                if (attempt == CopyOperations.REPLACED_RETRIES) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void uploadPartCopyOnce(S3Request request, CopyOperations.Source source) throws NoSuchFileException {
        Bucket bucket = state.bucket(request);
        MultipartUpload upload = upload(bucket, request);
        int number = partNumber(request.param("partNumber"));
        ServerSideEncryption.checkPart(request::header, upload.headers());
        S3Object object = source.object();
        Preconditions.checkCopySource(ConditionHeaders.copySource(request), object);
        long first = 0;
        long last = object.size() - 1;
        String range = request.header("x-amz-copy-source-range");
        if (range != null) {
            long[] parsed = parseCopyRange(range);
            first = parsed[0];
            last = parsed[1];
        }
        MultipartUpload.Part part = state.uploads.copyPart(bucket, upload, number, object, first, last, range);
        state.savePart(request, bucket, upload, number);
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-copy-source-version-id", object.versionId());
        }
        Struct result = Struct.of().put("ETag", "\"" + part.etag() + "\"").put("LastModified", part.lastModified());
        part.checksums().forEach((a, v) -> result.put("Checksum" + a, v));
        ServerSideEncryption.echo(request, upload.headers());
        S3Responses.xml(request, "CopyPartResult", result);
    }

    /** {@code bytes=first-last}; whether the source has those bytes is the domain's to judge. */
    private static long[] parseCopyRange(String range) {
        String r = range.trim();
        int dash = r.indexOf('-');
        try {
            if (r.startsWith("bytes=") && dash >= 0) {
                return new long[] {Long.parseLong(r.substring(6, dash).trim()), Long.parseLong(r.substring(dash + 1).trim())};
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AwsException(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form "
                + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
                .detail("ArgumentName", "x-amz-copy-source-range").detail("ArgumentValue", range);
    }

    void complete(S3Request request) {
        Bucket bucket = state.bucket(request);
        // completing again an upload that completed answers its result again, as S3 does
        Bucket.CompletedUpload done = MultipartUploads.completedBefore(bucket, request.key(), request.param("uploadId"));
        if (done != null) {
            if (!"null".equals(done.versionId())) {
                S3Responses.header(request, "x-amz-version-id", done.versionId());
            }
            S3Responses.xml(request, "CompleteMultipartUploadResult", completeResult(request, bucket, done.key(),
                    "\"" + done.etag() + "\"", done.checksums(), done.checksumType()));
            return;
        }
        MultipartUpload upload = upload(bucket, request);
        Params body = request.xmlParams("CompleteMultipartUpload");
        List<MultipartUploads.PartRef> parts = new ArrayList<>();
        for (Params p : body.list("Part")) {
            Map<String, String> checksums = new HashMap<>();
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                String claimed = p.string("Checksum" + a.name());
                if (claimed != null) {
                    checksums.put(a.name(), claimed);
                }
            }
            parts.add(new MultipartUploads.PartRef(xmlInteger(p.string("PartNumber")), p.string("ETag"), checksums));
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        S3Object object = state.uploads.complete(bucket, upload, parts, request.header("x-amz-mp-object-size"),
                ConditionHeaders.of(request), algorithm == null ? null : request.header(algorithm.header()));
        state.saveUploadEnded(request, bucket, upload.uploadId(), new Bucket.CompletedUpload(upload.key(),
                object.etag(), object.versionId(), object.checksums(), object.checksumType()));
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        ServerSideEncryption.echo(request, object.headers());
        state.events.objectCreated(bucket, object, "CompleteMultipartUpload", request);
        S3Responses.xml(request, "CompleteMultipartUploadResult", completeResult(request, bucket, upload.key(),
                object.quotedEtag(), object.checksums(), object.checksumType()));
    }

    private static Struct completeResult(S3Request request, Bucket bucket, String key, String quotedEtag,
                                         Map<String, String> checksums, String checksumType) {
        Struct result = Struct.of()
                .put("Location", request.context().baseUrl() + "/" + bucket.name() + "/" + key)
                .put("Bucket", bucket.name()).put("Key", key).put("ETag", quotedEtag);
        checksums.forEach((a, v) -> result.put("Checksum" + a, v));
        result.put("ChecksumType", checksumType);
        return result;
    }

    /** A part number of the request document; {@code null} when missing or not a number (not S3's schema). */
    private static Integer xmlInteger(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    void abort(S3Request request) {
        Bucket bucket = state.bucket(request);
        state.uploads.abort(bucket, request.key(), request.param("uploadId"));
        state.saveUploadEnded(request, bucket, request.param("uploadId"), null);
        S3Responses.empty(request, 204);
    }

    void listParts(S3Request request) {
        Bucket bucket = state.bucket(request);
        MultipartUpload upload = upload(bucket, request);
        int maxParts = ListOperations.intParam(request, "max-parts", 1000, 0, 1000);
        int marker = ListOperations.intParam(request, "part-number-marker", 0, 0, Integer.MAX_VALUE);
        MultipartUploads.PartsPage page = MultipartUploads.parts(upload, marker, maxParts);
        List<Object> items = new ArrayList<>();
        for (MultipartUpload.Part p : page.parts()) {
            Struct item = Struct.of().put("PartNumber", p.number()).put("LastModified", p.lastModified())
                    .put("ETag", "\"" + p.etag() + "\"").put("Size", p.size());
            p.checksums().forEach((a, v) -> item.put("Checksum" + a, v));
            items.add(item);
        }
        Struct initiator = S3State.owner(upload.ownerAccount());
        S3Responses.xml(request, "ListPartsResult", Struct.of()
                .put("Bucket", bucket.name()).put("Key", upload.key()).put("UploadId", upload.uploadId())
                .put("PartNumberMarker", marker).put("NextPartNumberMarker", page.nextMarker())
                .put("MaxParts", maxParts).put("IsTruncated", page.truncated())
                .put("Part", ListValue.flattened(items))
                .put("Initiator", initiator).put("Owner", S3State.owner(S3State.uploadOwner(bucket, upload)))
                .put("StorageClass", upload.storageClass())
                .put("ChecksumAlgorithm", upload.checksumAlgorithm()).put("ChecksumType", upload.checksumType()));
    }

    void listUploads(S3Request request) {
        Bucket bucket = state.bucket(request);
        String prefix = request.param("prefix") == null ? "" : request.param("prefix");
        String delimiter = request.param("delimiter");
        String keyMarker = request.param("key-marker");
        String uploadIdMarker = request.param("upload-id-marker");
        int max = ListOperations.intParam(request, "max-uploads", 1000, 0, 1000);
        MultipartUploads.UploadsPage page = MultipartUploads.uploads(bucket, prefix, delimiter, keyMarker,
                uploadIdMarker, max);
        List<Object> items = new ArrayList<>();
        for (MultipartUpload u : page.uploads()) {
            items.add(Struct.of().put("Key", u.key()).put("UploadId", u.uploadId())
                    .put("Initiator", S3State.owner(u.ownerAccount()))
                    .put("Owner", S3State.owner(S3State.uploadOwner(bucket, u)))
                    .put("StorageClass", u.storageClass()).put("Initiated", u.initiated())
                    .put("ChecksumAlgorithm", u.checksumAlgorithm()).put("ChecksumType", u.checksumType()));
        }
        List<Object> prefixes = new ArrayList<>();
        page.prefixes().forEach(p -> prefixes.add(Struct.of().put("Prefix", p)));
        S3Responses.xml(request, "ListMultipartUploadsResult", Struct.of()
                .put("Bucket", bucket.name()).put("KeyMarker", keyMarker == null ? "" : keyMarker)
                .put("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker)
                .put("NextKeyMarker", page.nextKeyMarker()).put("NextUploadIdMarker", page.nextUploadMarker())
                .put("Prefix", prefix).put("Delimiter", delimiter).put("MaxUploads", max)
                .put("IsTruncated", page.truncated())
                .put("Upload", ListValue.flattened(items)).put("CommonPrefixes", ListValue.flattened(prefixes)));
    }
}
