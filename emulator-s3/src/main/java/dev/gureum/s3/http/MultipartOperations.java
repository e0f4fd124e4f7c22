package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.KeyOrder;
import dev.gureum.s3.domain.MultipartUpload;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.Preconditions;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Multipart uploads: create, upload (and copy) parts, complete, abort, and list them. */
final class MultipartOperations {

    /** Every part but the last must be at least 5 MiB. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3State state;

    MultipartOperations(S3State state) {
        this.state = state;
    }

    void create(S3Request request) {
        Bucket bucket = state.bucket(request);
        String key = request.key();
        ObjectStore.checkKey(key);
        BucketConfigOperations.refuseDisabledAcls(request, bucket, false);
        String algorithmName = request.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(algorithmName);
        if (algorithmName != null && algorithm == null) {
            throw new AwsException(S3Error.INVALID_REQUEST, "Checksum algorithm provided is unsupported. Please try "
                    + "again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        String type = request.header("x-amz-checksum-type");
        if (type != null && !type.equals("COMPOSITE") && !type.equals("FULL_OBJECT")) {
            throw new AwsException(S3Error.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
        }
        if (algorithm != null && type == null) {
            type = algorithm == ChecksumAlgorithm.CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
        }
        if (algorithm == null && type != null) {
            throw new AwsException(S3Error.INVALID_REQUEST,
                    "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
        }
        if ("FULL_OBJECT".equals(type) && !algorithm.supportsFullObject()) {
            throw new AwsException(S3Error.INVALID_REQUEST, "The FULL_OBJECT checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(java.util.Locale.ROOT) + " checksum algorithm.");
        }
        if ("COMPOSITE".equals(type) && algorithm == ChecksumAlgorithm.CRC64NVME) {
            throw new AwsException(S3Error.INVALID_REQUEST,
                    "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
        }
        MultipartUpload upload = new MultipartUpload(Ids.token(64), key, state.clock.instant(),
                BodyReceiver.storedHeaders(request, bucket), BodyReceiver.userMetadata(request),
                Tags.parseHeader(request.header("x-amz-tagging")), algorithm == null ? null : algorithm.name(), type,
                BodyReceiver.storageClass(request), S3State.writer(request, bucket));
        bucket.uploads().put(upload.uploadId(), upload);
        S3Responses.header(request, "x-amz-checksum-algorithm", upload.checksumAlgorithm());
        S3Responses.header(request, "x-amz-checksum-type", upload.checksumType());
        S3Responses.header(request, "x-amz-server-side-encryption", upload.headers().get("x-amz-server-side-encryption"));
        S3Responses.xml(request, "InitiateMultipartUploadResult", Struct.of()
                .put("Bucket", bucket.name()).put("Key", key).put("UploadId", upload.uploadId()));
    }

    private static MultipartUpload upload(Bucket bucket, S3Request request) {
        String uploadId = request.param("uploadId");
        MultipartUpload upload = uploadId == null ? null : bucket.uploads().get(uploadId);
        if (upload == null || !upload.key().equals(request.key())) {
            throw new AwsException(S3Error.NO_SUCH_UPLOAD, "The specified upload does not exist. The upload ID may be "
                    + "invalid, or the upload may have been aborted or completed.").detail("UploadId", uploadId);
        }
        return upload;
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
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        BodyReceiver.receive(request, state, algorithm, received -> storePart(request, bucket, upload, number, algorithm,
                received));
    }

    /** UploadPart once its body has arrived. */
    private void storePart(S3Request request, Bucket bucket, MultipartUpload upload, int number,
                           ChecksumAlgorithm algorithm, BodyReceiver.Received received) {
        if (algorithm != null && received.algorithm() != algorithm) {
            state.blobs.discard(received.written());
            throw new AwsException(S3Error.INVALID_REQUEST, "Checksum Type mismatch occurred, expected checksum Type: "
                    + algorithm.name().toLowerCase(java.util.Locale.ROOT) + ", actual checksum Type: "
                    + received.algorithm().name().toLowerCase(java.util.Locale.ROOT));
        }
        Path blob = commit(received.written());
        store(bucket, upload, new MultipartUpload.Part(number, received.md5Hex(), received.written().size(),
                state.clock.instant(), received.algorithm() == null ? Map.of()
                : Map.of(received.algorithm().name(), received.checksum()), blob));
        S3Responses.header(request, "ETag", "\"" + received.md5Hex() + "\"");
        if (received.algorithm() != null) {
            S3Responses.header(request, received.algorithm().header(), received.checksum());
        }
        S3Responses.header(request, "x-amz-server-side-encryption", upload.headers().get("x-amz-server-side-encryption"));
        S3Responses.empty(request, 200);
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
        S3Object object = source.object();
        Preconditions.checkCopySource(ConditionHeaders.copySource(request), object);
        long first = 0;
        long last = object.size() - 1;
        String range = request.header("x-amz-copy-source-range");
        if (range != null) {
            long[] parsed = parseCopyRange(range, object.size());
            first = parsed[0];
            last = parsed[1];
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        BlobStore.Written written;
        try {
            written = state.blobs.copyRange(object.blob(), first, last,
                    algorithm == null ? EnumSet.noneOf(ChecksumAlgorithm.class) : EnumSet.of(algorithm));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String md5 = HexFormat.of().formatHex(written.md5());
        Path blob = commit(written);
        MultipartUpload.Part part = new MultipartUpload.Part(number, md5, written.size(), state.clock.instant(),
                algorithm == null ? Map.of() : Map.of(algorithm.name(), written.checksums().get(algorithm)), blob);
        store(bucket, upload, part);
        if (!source.object().versionId().equals("null")) {
            S3Responses.header(request, "x-amz-copy-source-version-id", source.object().versionId());
        }
        Struct result = Struct.of().put("ETag", "\"" + md5 + "\"").put("LastModified", part.lastModified());
        if (algorithm != null) {
            result.put("Checksum" + algorithm.name(), part.checksums().get(algorithm.name()));
        }
        S3Responses.xml(request, "CopyPartResult", result);
    }

    private static long[] parseCopyRange(String range, long size) {
        String r = range.trim();
        int dash = r.indexOf('-');
        if (!r.startsWith("bytes=") || dash < 0) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form "
                    + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
                    .detail("ArgumentName", "x-amz-copy-source-range").detail("ArgumentValue", range);
        }
        try {
            long first = Long.parseLong(r.substring(6, dash).trim());
            long last = Long.parseLong(r.substring(dash + 1).trim());
            if (first > last || last >= size) {
                throw new AwsException(S3Error.INVALID_RANGE,
                        "Range specified is not valid for source object of size: " + size)
                        .detail("ArgumentName", "x-amz-copy-source-range").detail("ArgumentValue", range);
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form "
                    + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
                    .detail("ArgumentName", "x-amz-copy-source-range").detail("ArgumentValue", range);
        }
    }

    private Path commit(BlobStore.Written written) {
        try {
            return state.blobs.commit(written);
        } catch (IOException e) {
            state.blobs.discard(written);
            throw new UncheckedIOException(e);
        }
    }

    private void store(Bucket bucket, MultipartUpload upload, MultipartUpload.Part part) {
        // the upload's monitor: a completion in progress still reads the part this one replaces
        synchronized (upload) {
            if (bucket.uploads().get(upload.uploadId()) != upload) {
                // aborted or completed meanwhile: the part is of no use
                state.blobs.delete(part.blob());
                return;
            }
            MultipartUpload.Part replaced = upload.putPart(part);
            if (replaced != null) {
                state.blobs.delete(replaced.blob());
            }
        }
    }

    void complete(S3Request request) {
        Bucket bucket = state.bucket(request);
        // completing again an upload that completed answers its result again, as S3 does
        String uploadId = request.param("uploadId");
        Bucket.CompletedUpload done = uploadId == null ? null : bucket.completedUploads().get(uploadId);
        if (done != null && done.key().equals(request.key()) && !bucket.uploads().containsKey(uploadId)) {
            if (!"null".equals(done.versionId())) {
                S3Responses.header(request, "x-amz-version-id", done.versionId());
            }
            S3Responses.xml(request, "CompleteMultipartUploadResult", completeResult(request, bucket, done.key(),
                    "\"" + done.etag() + "\"", done.checksums(), done.checksumType()));
            return;
        }
        MultipartUpload upload = upload(bucket, request);
        Params body = request.xmlParams("CompleteMultipartUpload");
        // while it completes, the upload's parts are this request's: an abort, or a part uploaded again,
        // waits for the outcome (and then finds no upload, or an upload still open if completion failed)
        synchronized (upload) {
            if (bucket.uploads().get(upload.uploadId()) != upload) {
                throw new AwsException(S3Error.NO_SUCH_UPLOAD, "The specified upload does not exist. The upload ID "
                        + "may be invalid, or the upload may have been aborted or completed.")
                        .detail("UploadId", upload.uploadId());
            }
            complete(request, bucket, upload, body);
        }
    }

    private void complete(S3Request request, Bucket bucket, MultipartUpload upload, Params body) {
        List<Params> requested = body.list("Part");
        if (requested.isEmpty()) {
            throw new AwsException(S3Error.MALFORMED_XML,
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        List<MultipartUpload.Part> parts = new ArrayList<>();
        int previous = 0;
        for (Params p : requested) {
            Integer number = xmlInteger(p.string("PartNumber"));
            String etag = p.string("ETag");
            if (number == null || etag == null) {
                throw new AwsException(S3Error.MALFORMED_XML,
                        "The XML you provided was not well-formed or did not validate against our published schema");
            }
            if (number <= previous) {
                throw new AwsException(S3Error.INVALID_PART_ORDER, "The list of parts was not in ascending order. "
                        + "The parts list must be specified in order by part number.").detail("UploadId", upload.uploadId());
            }
            previous = number;
            MultipartUpload.Part part = upload.parts().get(number);
            String bare = etag.trim().replace("\"", "");
            if (part == null || !part.etag().equals(bare)) {
                throw new AwsException(S3Error.INVALID_PART, "One or more of the specified parts could not be found.  "
                        + "The part may not have been uploaded, or the specified entity tag may not have matched the "
                        + "part's entity tag.").detail("UploadId", upload.uploadId())
                        .detail("PartNumber", String.valueOf(number)).detail("ETag", etag);
            }
            if (upload.checksumAlgorithm() != null) {
                String claimed = p.string("Checksum" + upload.checksumAlgorithm());
                if (claimed != null && !claimed.equals(part.checksums().get(upload.checksumAlgorithm()))) {
                    throw new AwsException(S3Error.INVALID_PART, "One or more of the specified parts could not be "
                            + "found.  The part may not have been uploaded, or the specified entity tag may not have "
                            + "matched the part's entity tag.").detail("UploadId", upload.uploadId())
                            .detail("PartNumber", String.valueOf(number)).detail("ETag", etag);
                }
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < MIN_PART_SIZE) {
                throw new AwsException(S3Error.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum "
                        + "allowed object size.").detail("ProposedSize", String.valueOf(parts.get(i).size()))
                        .detail("MinSizeAllowed", String.valueOf(MIN_PART_SIZE))
                        .detail("PartNumber", String.valueOf(parts.get(i).number()))
                        .detail("ETag", "\"" + parts.get(i).etag() + "\"");
            }
        }
        long size = parts.stream().mapToLong(MultipartUpload.Part::size).sum();
        String declaredSize = request.header("x-amz-mp-object-size");
        if (declaredSize != null && !declaredSize.trim().equals(String.valueOf(size))) {
            throw new AwsException(S3Error.INVALID_REQUEST, "The provided 'x-amz-mp-object-size' header value "
                    + declaredSize + " does not match what was computed: " + size);
        }
        Preconditions.checkWrite(ConditionHeaders.of(request), upload.key(), bucket.current(upload.key()));
        Path blob;
        try {
            blob = state.blobs.concatenate(parts.stream().map(MultipartUpload.Part::blob).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String etag = multipartEtag(parts);
        Map<String, String> checksums = Map.of();
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(upload.checksumAlgorithm());
        if (algorithm != null) {
            try {
                String value = "FULL_OBJECT".equals(upload.checksumType()) ? fullObjectChecksum(blob, algorithm)
                        : compositeChecksum(parts, algorithm);
                checksums = Map.of(algorithm.name(), value);
            } catch (RuntimeException e) {
                state.blobs.delete(blob);
                throw e;
            }
        }
        bucket.uploads().remove(upload.uploadId(), upload);
        S3Object object = new S3Object(upload.key(), ObjectStore.newVersionId(bucket), false, etag, size,
                state.clock.instant(), upload.headers(), upload.userMetadata(), checksums, upload.checksumType(),
                parts.stream().map(MultipartUpload.Part::size).toList(), upload.tags(), upload.storageClass(),
                upload.ownerAccount(), blob);
        synchronized (bucket) {
            state.release(bucket.put(object));
        }
        upload.parts().values().forEach(p -> state.blobs.delete(p.blob()));
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        S3Responses.header(request, "x-amz-server-side-encryption", object.headers().get("x-amz-server-side-encryption"));
        state.events.objectCreated(bucket, object, "CompleteMultipartUpload", request);
        bucket.completedUploads().put(upload.uploadId(), new Bucket.CompletedUpload(upload.key(), object.etag(),
                object.versionId(), checksums, object.checksumType()));
        S3Responses.xml(request, "CompleteMultipartUploadResult", completeResult(request, bucket, upload.key(),
                object.quotedEtag(), checksums, object.checksumType()));
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

    /** A number in a request document; anything else does not validate against S3's schema. */
    private static Integer xmlInteger(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new AwsException(S3Error.MALFORMED_XML,
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
    }

    /** {@code md5(md5(part1) + md5(part2) + ...)-N}, the ETag every S3 client expects of a multipart object. */
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

    void abort(S3Request request) {
        Bucket bucket = state.bucket(request);
        MultipartUpload upload = upload(bucket, request);
        synchronized (upload) {
            if (!bucket.uploads().remove(upload.uploadId(), upload)) {
                // completed (or aborted) while this request waited for it
                throw new AwsException(S3Error.NO_SUCH_UPLOAD, "The specified upload does not exist. The upload ID "
                        + "may be invalid, or the upload may have been aborted or completed.")
                        .detail("UploadId", upload.uploadId());
            }
            upload.parts().values().forEach(p -> state.blobs.delete(p.blob()));
        }
        S3Responses.empty(request, 204);
    }

    void listParts(S3Request request) {
        Bucket bucket = state.bucket(request);
        MultipartUpload upload = upload(bucket, request);
        int maxParts = ListOperations.intParam(request, "max-parts", 1000, 0, 1000);
        int marker = ListOperations.intParam(request, "part-number-marker", 0, 0, Integer.MAX_VALUE);
        List<Object> items = new ArrayList<>();
        boolean truncated = false;
        int next = 0;
        for (MultipartUpload.Part p : upload.parts().tailMap(marker, false).values()) {
            if (items.size() >= maxParts) {
                truncated = true;
                break;
            }
            Struct item = Struct.of().put("PartNumber", p.number()).put("LastModified", p.lastModified())
                    .put("ETag", "\"" + p.etag() + "\"").put("Size", p.size());
            p.checksums().forEach((a, v) -> item.put("Checksum" + a, v));
            items.add(item);
            next = p.number();
        }
        Struct owner = S3State.owner(upload.ownerAccount());
        S3Responses.xml(request, "ListPartsResult", Struct.of()
                .put("Bucket", bucket.name()).put("Key", upload.key()).put("UploadId", upload.uploadId())
                .put("PartNumberMarker", marker).put("NextPartNumberMarker", truncated ? next : null)
                .put("MaxParts", maxParts).put("IsTruncated", truncated)
                .put("Part", ListValue.flattened(items))
                .put("Initiator", owner).put("Owner", owner).put("StorageClass", upload.storageClass())
                .put("ChecksumAlgorithm", upload.checksumAlgorithm()).put("ChecksumType", upload.checksumType()));
    }

    void listUploads(S3Request request) {
        Bucket bucket = state.bucket(request);
        String prefix = request.param("prefix") == null ? "" : request.param("prefix");
        String delimiter = request.param("delimiter");
        String keyMarker = request.param("key-marker");
        String uploadIdMarker = request.param("upload-id-marker");
        int max = ListOperations.intParam(request, "max-uploads", 1000, 0, 1000);
        List<MultipartUpload> all = new ArrayList<>(bucket.uploads().values());
        all.sort((a, b) -> {
            int byKey = KeyOrder.INSTANCE.compare(a.key(), b.key());
            int byTime = a.initiated().compareTo(b.initiated());
            return byKey != 0 ? byKey : byTime != 0 ? byTime : a.uploadId().compareTo(b.uploadId());
        });
        List<Object> items = new ArrayList<>();
        List<Object> prefixes = new ArrayList<>();
        java.util.Set<String> seenPrefixes = new java.util.HashSet<>();
        boolean truncated = false;
        String nextKey = null;
        String nextUpload = null;
        boolean hasKeyMarker = keyMarker != null && !keyMarker.isEmpty();
        boolean hasUploadMarker = uploadIdMarker != null && !uploadIdMarker.isEmpty();
        boolean pastUploadMarker = false;
        String skipPrefix = null;
        if (hasKeyMarker && delimiter != null && !delimiter.isEmpty() && keyMarker.startsWith(prefix)) {
            int at = keyMarker.indexOf(delimiter, prefix.length());
            if (at >= 0) {
                skipPrefix = keyMarker.substring(0, at + delimiter.length());
            }
        }
        for (MultipartUpload u : all) {
            if (!u.key().startsWith(prefix) || skipPrefix != null && u.key().startsWith(skipPrefix)) {
                continue;
            }
            if (hasKeyMarker) {
                int cmp = KeyOrder.INSTANCE.compare(u.key(), keyMarker);
                if (cmp < 0) {
                    continue;
                }
                // with an upload id marker, the key marker's uploads after that one; without, none of them
                if (cmp == 0 && (!hasUploadMarker || !pastUploadMarker)) {
                    pastUploadMarker = hasUploadMarker && u.uploadId().equals(uploadIdMarker);
                    continue;
                }
            }
            if (delimiter != null && !delimiter.isEmpty()) {
                int at = u.key().indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    String common = u.key().substring(0, at + delimiter.length());
                    if (seenPrefixes.add(common)) {
                        if (items.size() + prefixes.size() >= max) {
                            truncated = true;
                            break;
                        }
                        prefixes.add(Struct.of().put("Prefix", common));
                        nextKey = common;
                        nextUpload = null;
                    }
                    continue;
                }
            }
            if (items.size() + prefixes.size() >= max) {
                truncated = true;
                break;
            }
            Struct owner = S3State.owner(u.ownerAccount());
            items.add(Struct.of().put("Key", u.key()).put("UploadId", u.uploadId()).put("Initiator", owner)
                    .put("Owner", owner).put("StorageClass", u.storageClass()).put("Initiated", u.initiated())
                    .put("ChecksumAlgorithm", u.checksumAlgorithm()).put("ChecksumType", u.checksumType()));
            nextKey = u.key();
            nextUpload = u.uploadId();
        }
        S3Responses.xml(request, "ListMultipartUploadsResult", Struct.of()
                .put("Bucket", bucket.name()).put("KeyMarker", keyMarker == null ? "" : keyMarker)
                .put("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker)
                .put("NextKeyMarker", truncated ? nextKey : null).put("NextUploadIdMarker", truncated ? nextUpload : null)
                .put("Prefix", prefix).put("Delimiter", delimiter).put("MaxUploads", max).put("IsTruncated", truncated)
                .put("Upload", ListValue.flattened(items)).put("CommonPrefixes", ListValue.flattened(prefixes)));
    }
}
