package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.Values;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.ChecksumAlgorithm;
import dev.gureum.s3.storage.RangeInputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Single objects: PutObject, GetObject, HeadObject, DeleteObject. */
final class ObjectOperations {

    private static final int MAX_KEY_BYTES = 1024;
    /** Objects up to this size are served from one buffer. */
    private static final long SMALL_OBJECT = 256 * 1024;

    private final S3State state;

    ObjectOperations(S3State state) {
        this.state = state;
    }

    static void checkKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new AwsException(S3Error.KEY_TOO_LONG, "Your key is too long")
                    .detail("Size", String.valueOf(key.getBytes(StandardCharsets.UTF_8).length))
                    .detail("MaxSizeAllowed", String.valueOf(MAX_KEY_BYTES));
        }
    }

    static String newVersionId(Bucket bucket) {
        return bucket.versioning() == Bucket.Versioning.ENABLED ? Ids.token(32) : "null";
    }

    void putObject(S3Request request) {
        Bucket bucket = state.bucket(request);
        String key = request.key();
        checkKey(key);
        Preconditions.checkWrite(request, bucket.current(key));
        BucketConfigOperations.refuseDisabledAcls(request, bucket, false);
        dev.gureum.s3.domain.Acl acl = Acls.fromHeaders(request::header, bucket.ownerAccount());
        Map<String, String> headers = BodyReceiver.storedHeaders(request, bucket);
        Map<String, String> meta = BodyReceiver.userMetadata(request);
        Map<String, String> tags = Tags.parseHeader(request.header("x-amz-tagging"));
        String storageClass = BodyReceiver.storageClass(request);
        BodyReceiver.Received received = BodyReceiver.receive(request, state.blobs, ChecksumAlgorithm.CRC64NVME);
        Path blob;
        try {
            blob = state.blobs.commit(received.written());
        } catch (IOException e) {
            state.blobs.discard(received.written());
            throw new UncheckedIOException(e);
        }
        S3Object object = new S3Object(key, newVersionId(bucket), false, received.md5Hex(), received.written().size(),
                state.clock.instant(), headers, meta,
                received.algorithm() == null ? Map.of() : Map.of(received.algorithm().name(), received.checksum()),
                received.algorithm() == null ? null : "FULL_OBJECT", List.of(), tags, storageClass,
                S3State.writer(request, bucket), blob, acl);
        // a conditional write must still hold when the new version lands
        synchronized (bucket) {
            try {
                Preconditions.checkWrite(request, bucket.current(key));
            } catch (AwsException e) {
                state.blobs.delete(blob);
                throw e;
            }
            state.release(bucket.put(object));
        }
        S3Responses.header(request, "ETag", object.quotedEtag());
        writeChecksumHeaders(request, object, BodyReceiver.requestedAlgorithm(request) != null);
        writeEncryptionHeaders(request, object);
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        state.events.objectCreated(bucket, object, "Put", request);
        S3Responses.empty(request, 200);
    }

    /** How often a GET looks again for the current version when the one it found was replaced meanwhile. */
    private static final int REPLACED_RETRIES = 5;

    void getObject(S3Request request, boolean head) {
        Bucket bucket = state.bucket(request);
        for (int attempt = 1; ; attempt++) {
            try {
                serve(request, bucket, head);
                return;
            } catch (NoSuchFileException e) {
                // the version was replaced (and its bytes deleted) between finding it and opening them
                if (attempt == REPLACED_RETRIES) {
                    throw new AwsException(S3Error.INTERNAL_ERROR, "We encountered an internal error. Please try again.");
                }
            }
        }
    }

    private void serve(S3Request request, Bucket bucket, boolean head) throws NoSuchFileException {
        S3Object object = resolve(bucket, request.key(), request.param("versionId"), request, head);
        if (Preconditions.checkRead(request, object)) {
            writeObjectHeaders(request, object, false);
            S3Responses.empty(request, 304);
            return;
        }
        long size = object.size();
        long first = 0;
        long last = size - 1;
        boolean partial = false;
        String partNumber = request.param("partNumber");
        if (partNumber != null) {
            long[] part = partRange(object, partNumber);
            first = part[0];
            last = part[1];
            partial = object.partSizes().size() > 1 || size > 0 && last - first + 1 < size;
        } else {
            long[] range = Ranges.parse(request.header("Range"), size);
            if (range != null) {
                first = range[0];
                last = range[1];
                partial = true;
            }
        }
        long length = size == 0 ? 0 : last - first + 1;
        // opened before anything is answered: once open, the bytes stay readable even if the version is replaced
        InputStream in = null;
        if (!head && length > 0) {
            try {
                in = new RangeInputStream(object.blob(), first, length);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (partNumber != null && !object.partSizes().isEmpty()) {
            S3Responses.header(request, "x-amz-mp-parts-count", object.partSizes().size());
        }
        writeObjectHeaders(request, object, partial);
        HttpServerExchange exchange = request.exchange();
        if (partial) {
            exchange.setStatusCode(206);
            S3Responses.header(request, "Content-Range", "bytes " + first + "-" + last + "/" + size);
        } else {
            exchange.setStatusCode(200);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, length);
        CorsOperations.applyToResponse(request);
        if (in == null) {
            exchange.endExchange();
            return;
        }
        if (length <= SMALL_OBJECT) {
            // small bodies are read at once and sent without blocking the worker on the client
            // read through the stream opened above, which still sees the bytes of a replaced version
            java.nio.ByteBuffer buffer;
            try (InputStream body = in) {
                byte[] bytes = body.readNBytes((int) length);
                if (bytes.length != length) {
                    throw new IOException("The object's file is shorter than its size");
                }
                buffer = java.nio.ByteBuffer.wrap(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exchange.getResponseSender().send(buffer);
            return;
        }
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        try (InputStream body = in) {
            OutputStream out = exchange.getOutputStream();
            body.transferTo(out);
            out.close();
        } catch (IOException e) {
            // the client went away: nothing more to send
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** The object a GET/HEAD addresses, with S3's answers for what is missing. */
    static S3Object resolve(Bucket bucket, String key, String versionId, S3Request request, boolean head) {
        S3Object object;
        if (versionId != null) {
            checkVersionId(versionId);
            object = bucket.version(key, versionId);
            if (object == null) {
                throw new AwsException(S3Error.NO_SUCH_VERSION, "The specified version does not exist.")
                        .detail("Key", key).detail("VersionId", versionId);
            }
            if (object.deleteMarker()) {
                throw new AwsException(S3Error.METHOD_NOT_ALLOWED, "The specified method is not allowed against this resource.")
                        .detail("Method", request.method()).detail("ResourceType", "DeleteMarker")
                        .header("x-amz-delete-marker", "true").header("x-amz-version-id", versionId)
                        .header("Last-Modified", Values.httpDate(object.lastModified()));
            }
            return object;
        }
        object = bucket.current(key);
        if (object == null) {
            throw new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", key);
        }
        if (object.deleteMarker()) {
            AwsException e = new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", key)
                    .header("x-amz-delete-marker", "true");
            if (!object.versionId().equals("null")) {
                e.header("x-amz-version-id", object.versionId());
            }
            throw e;
        }
        return object;
    }

    static void checkVersionId(String versionId) {
        if (versionId.isEmpty()) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Version id cannot be the empty string")
                    .detail("ArgumentName", "versionId").detail("ArgumentValue", "");
        }
        if (!versionId.equals("null") && !versionId.matches("[A-Za-z0-9._+-]{1,1024}")) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid version id specified")
                    .detail("ArgumentName", "versionId").detail("ArgumentValue", versionId);
        }
    }

    private static long[] partRange(S3Object object, String partNumberText) {
        int partNumber;
        try {
            partNumber = Integer.parseInt(partNumberText);
        } catch (NumberFormatException e) {
            partNumber = -1;
        }
        if (partNumber < 1 || partNumber > 10_000) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                    .detail("ArgumentName", "partNumber").detail("ArgumentValue", partNumberText);
        }
        List<Long> parts = object.partSizes().isEmpty() ? List.of(object.size()) : object.partSizes();
        if (partNumber > parts.size()) {
            throw new AwsException(S3Error.INVALID_PART_NUMBER, "The requested partnumber is not satisfiable")
                    .detail("PartNumberRequested", partNumberText)
                    .detail("ActualPartCount", String.valueOf(parts.size()));
        }
        long first = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            first += parts.get(i);
        }
        return new long[] {first, first + parts.get(partNumber - 1) - 1};
    }

    /** ETag, dates, stored headers, metadata, version and checksum headers of GET/HEAD. */
    static void writeObjectHeaders(S3Request request, S3Object object, boolean partial) {
        HttpServerExchange exchange = request.exchange();
        var h = exchange.getResponseHeaders();
        h.put(Headers.ETAG, object.quotedEtag());
        h.put(Headers.LAST_MODIFIED, Values.httpDate(object.lastModified()));
        h.put(Headers.ACCEPT_RANGES, "bytes");
        for (Map.Entry<String, String> e : object.headers().entrySet()) {
            h.put(HttpString.tryFromString(e.getKey()), e.getValue());
        }
        h.put(Headers.CONTENT_TYPE, object.contentType());
        for (Map.Entry<String, String> m : object.userMetadata().entrySet()) {
            h.put(HttpString.tryFromString("x-amz-meta-" + m.getKey()), m.getValue());
        }
        if (!object.versionId().equals("null")) {
            h.put(HttpString.tryFromString("x-amz-version-id"), object.versionId());
        }
        if (!object.tags().isEmpty()) {
            h.put(HttpString.tryFromString("x-amz-tagging-count"), object.tags().size());
        }
        if (!"STANDARD".equals(object.storageClass())) {
            h.put(HttpString.tryFromString("x-amz-storage-class"), object.storageClass());
        }
        if ("ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode")) && !partial) {
            writeChecksumHeaders(request, object, true);
        }
        // response-* query parameters override the stored headers of this one response
        overrides(request, "response-content-type", Headers.CONTENT_TYPE);
        overrides(request, "response-content-language", Headers.CONTENT_LANGUAGE);
        overrides(request, "response-expires", Headers.EXPIRES);
        overrides(request, "response-cache-control", Headers.CACHE_CONTROL);
        overrides(request, "response-content-disposition", Headers.CONTENT_DISPOSITION);
        overrides(request, "response-content-encoding", Headers.CONTENT_ENCODING);
    }

    private static void overrides(S3Request request, String param, HttpString header) {
        String value = request.param(param);
        if (value != null) {
            request.exchange().getResponseHeaders().put(header, value);
        }
    }

    static void writeChecksumHeaders(S3Request request, S3Object object, boolean include) {
        if (!include) {
            return;
        }
        for (Map.Entry<String, String> c : object.checksums().entrySet()) {
            ChecksumAlgorithm a = ChecksumAlgorithm.valueOf(c.getKey());
            S3Responses.header(request, a.header(), c.getValue());
        }
        S3Responses.header(request, "x-amz-checksum-type", object.checksumType());
    }

    static void writeEncryptionHeaders(S3Request request, S3Object object) {
        for (String name : List.of("x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
                "x-amz-server-side-encryption-bucket-key-enabled")) {
            S3Responses.header(request, name, object.headers().get(name));
        }
    }

    void deleteObject(S3Request request) {
        Bucket bucket = state.bucket(request);
        String key = request.key();
        String versionId = request.param("versionId");
        DeleteOutcome outcome = delete(bucket, key, versionId, request);
        if (outcome.deleteMarker) {
            S3Responses.header(request, "x-amz-delete-marker", "true");
        }
        if (outcome.versionId != null && !outcome.versionId.equals("null")) {
            S3Responses.header(request, "x-amz-version-id", outcome.versionId);
        }
        S3Responses.empty(request, 204);
    }

    /** What a delete did: the version it removed or created, and whether that is a delete marker. */
    record DeleteOutcome(String versionId, boolean deleteMarker) {
    }

    DeleteOutcome delete(Bucket bucket, String key, String versionId, S3Request request) {
        Instant now = state.clock.instant();
        if (versionId != null) {
            checkVersionId(versionId);
            S3Object removed = bucket.removeVersion(key, versionId);
            if (removed == null) {
                return new DeleteOutcome(versionId, false);
            }
            state.release(List.of(removed));
            state.events.objectRemoved(bucket, removed, "Delete", request);
            return new DeleteOutcome(versionId, removed.deleteMarker());
        }
        synchronized (bucket) {
            String ifMatch = request.header("If-Match");
            if (ifMatch != null) {
                S3Object current = bucket.current(key);
                if (current == null || current.deleteMarker()) {
                    throw new AwsException(S3Error.NO_SUCH_KEY, "The specified key does not exist.").detail("Key", key);
                }
                if (!Preconditions.etagMatches(ifMatch, current.etag())) {
                    throw Preconditions.failed("If-Match");
                }
            }
            if (bucket.versioning() == Bucket.Versioning.UNVERSIONED) {
                S3Object removed = bucket.removeVersion(key, "null");
                if (removed != null) {
                    state.release(List.of(removed));
                    state.events.objectRemoved(bucket, removed, "Delete", request);
                }
                return new DeleteOutcome(null, false);
            }
            S3Object marker = S3Object.deleteMarker(key, newVersionId(bucket), now, S3State.writer(request, bucket));
            // even with nothing to hide, S3 records the delete marker
            state.release(bucket.put(marker));
            state.events.objectRemoved(bucket, marker, "DeleteMarkerCreated", request);
            return new DeleteOutcome(marker.versionId(), true);
        }
    }
}
