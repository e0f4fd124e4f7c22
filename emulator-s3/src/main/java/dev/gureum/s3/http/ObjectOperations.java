package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.StreamingResponse;
import dev.gureum.core.protocol.Values;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Conditions;
import dev.gureum.s3.domain.ObjectRefusal;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.Preconditions;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.MetadataValues;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.ChecksumAlgorithm;
import dev.gureum.s3.storage.RangeInputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/** Single objects: PutObject, GetObject, HeadObject, DeleteObject. */
final class ObjectOperations {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ObjectOperations.class);

    /** Objects up to this size are served from one buffer. */
    private static final long SMALL_OBJECT = 256 * 1024;

    /** What the bytes of small objects read recently may take in memory together. */
    private static final long HOT_OBJECTS_BUDGET = 32L * 1024 * 1024;

    private final S3State state;
    private final HotObjects hot = new HotObjects(HOT_OBJECTS_BUDGET);
    private final ObjectLockOperations locks;
    private final LifecycleRunner lifecycle;

    ObjectOperations(S3State state, ObjectLockOperations locks, LifecycleRunner lifecycle) {
        this.state = state;
        this.locks = locks;
        this.lifecycle = lifecycle;
    }

    /** Forgets the bytes held in memory, with the state they belonged to. */
    void reset() {
        hot.clear();
    }

    /**
     * Whether a GetObject or HeadObject can be answered without touching the disk: the version it names
     * has no bytes to send, or they are in memory. Anything unusual (no such bucket, key or version) is
     * left to the usual path.
     */
    boolean servableFromMemory(S3Request request, boolean head) {
        Bucket bucket = request.bucket() == null || request.key() == null ? null : state.buckets.get(request.bucket());
        if (bucket == null) {
            return false;
        }
        S3Object object;
        try {
            object = ObjectStore.resolve(bucket, request.key(), request.param("versionId"));
        } catch (RuntimeException e) {
            return false;
        }
        return head || object.size() == 0 || hot.get(object) != null;
    }

    void putObject(S3Request request) {
        Bucket bucket = state.bucket(request);
        String key = request.key();
        ObjectStore.checkKey(key);
        Conditions conditions = ConditionHeaders.of(request);
        Preconditions.checkWrite(conditions, key, bucket.current(key));
        BucketConfigOperations.refuseDisabledAcls(request, bucket, false);
        Acl acl = Acls.fromHeaders(request::header, bucket.ownerAccount());
        BucketConfigOperations.refusePublicAcl(bucket, acl);
        ObjectStore.ObjectMetadata metadata = new ObjectStore.ObjectMetadata(ObjectLockOperations.withLock(request,
                bucket, BodyReceiver.storedHeaders(request, bucket), state.clock, "Put Object"),
                BodyReceiver.userMetadata(request), Tags.parseHeader(request.header("x-amz-tagging")),
                BodyReceiver.storageClass(request), acl, S3State.writer(request, bucket));
        BodyReceiver.receive(request, state, ChecksumAlgorithm.CRC64NVME,
                received -> store(request, bucket, metadata, conditions, received));
    }

    /** PutObject once its body has arrived. */
    private void store(S3Request request, Bucket bucket, ObjectStore.ObjectMetadata metadata, Conditions conditions,
                       BodyReceiver.Received received) {
        S3Object object = state.objects.put(bucket, request.key(), metadata, received.written(), received.algorithm(),
                conditions);
        state.saveKey(request, bucket, object.key());
        S3Responses.header(request, "ETag", object.quotedEtag());
        writeChecksumHeaders(request, object, BodyReceiver.requestedAlgorithm(request) != null);
        writeEncryptionHeaders(request, object);
        if (!object.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", object.versionId());
        }
        lifecycle.expirationHeader(request, bucket, object);
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
                    // not replaced, so many times over: its bytes are missing. The refusal is answered as
                    // S3's InternalError, which the edge does not log, so the cause is logged here
                    LOG.error("Request {} {} s3://{}/{}{}: the bytes of the object are missing ({}); answered InternalError",
                            request.context().requestId(), request.method(), bucket.name(), request.key(),
                            request.param("versionId") == null ? "" : " version " + request.param("versionId"),
                            e.toString());
                    throw new ObjectRefusal(ObjectRefusal.Reason.CONTENT_GONE, request.key(), null, null);
                }
            }
        }
    }

    private void serve(S3Request request, Bucket bucket, boolean head) throws NoSuchFileException {
        ServerSideEncryption.refuseOnRead(request::header);
        S3Object object = ObjectStore.resolve(bucket, request.key(), request.param("versionId"));
        ServerSideEncryption.checkRead(request::header, null, object.headers());
        if (Preconditions.notModified(ConditionHeaders.of(request), object)) {
            // a 304 has no body, so S3 sends no checksum of it (botocore would try to validate one)
            writeObjectHeaders(request, object, true);
            S3Responses.empty(request, 304);
            return;
        }
        long size = object.size();
        long first = 0;
        long last = size - 1;
        boolean partial = false;
        String partNumber = request.param("partNumber");
        if (partNumber != null) {
            ObjectStore.ByteRange part = ObjectStore.part(object, partNumber(partNumber));
            first = part.first();
            last = part.last();
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
        // the bytes of a small version read before stay in memory (a version's bytes never change)
        byte[] cached = head || length == 0 ? null : hot.get(object);
        // opened before anything is answered: once open, the bytes stay readable even if the version is replaced
        RangeInputStream in = null;
        if (!head && length > 0 && cached == null) {
            try {
                in = new RangeInputStream(object.blob(), first, length);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> partChecksum = Map.of();
        if (partNumber != null && !object.partSizes().isEmpty()) {
            S3Responses.header(request, "x-amz-mp-parts-count", object.partSizes().size());
            partChecksum = object.partChecksum(partNumber(partNumber));
        }
        // one part of a multipart object is answered with the checksum of that part, kept since its upload
        writeObjectHeaders(request, object, partial || !partChecksum.isEmpty());
        if (!partChecksum.isEmpty() && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
            partChecksum.forEach((a, v) -> S3Responses.header(request, ChecksumAlgorithm.valueOf(a).header(), v));
            S3Responses.header(request, "x-amz-checksum-type", object.checksumType());
        }
        if (request.param("versionId") == null) {
            lifecycle.expirationHeader(request, bucket, object);
        }
        HttpServerExchange exchange = request.exchange();
        if (partial) {
            exchange.setStatusCode(206);
            S3Responses.header(request, "Content-Range", "bytes " + first + "-" + last + "/" + size);
        } else {
            exchange.setStatusCode(200);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, length);
        CorsOperations.applyToResponse(request);
        if (cached != null) {
            exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(cached, (int) first, (int) length));
            return;
        }
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
                if (length == size) {
                    hot.put(object, bytes);
                }
                buffer = java.nio.ByteBuffer.wrap(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exchange.getResponseSender().send(buffer);
            return;
        }
        // larger ones are sent as the client takes them, holding a worker only while it does
        StreamingResponse.send(exchange, in.channel(), in.position(), in.remaining(), state.requestTimeoutMillis);
    }

    /** A part number of a GET or HEAD: 1 to 10,000. */
    static int partNumber(String text) {
        int partNumber;
        try {
            partNumber = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            partNumber = -1;
        }
        if (partNumber < 1 || partNumber > 10_000) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                    .detail("ArgumentName", "partNumber").detail("ArgumentValue", text);
        }
        return partNumber;
    }

    /**
     * ETag, dates, stored headers, metadata, version and checksum headers of GET/HEAD; the checksum headers
     * are left out {@code withoutChecksums}: for a range, one part of several, or a 304.
     */
    static void writeObjectHeaders(S3Request request, S3Object object, boolean withoutChecksums) {
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
            h.put(HttpString.tryFromString("x-amz-meta-" + m.getKey()), MetadataValues.encode(m.getValue()));
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
        if ("ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode")) && !withoutChecksums) {
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
        ServerSideEncryption.echo(request, object.headers());
    }

    void deleteObject(S3Request request) {
        Bucket bucket = state.bucket(request);
        ObjectStore.Deletion outcome = delete(bucket, request.key(), request.param("versionId"), request);
        if (outcome.deleteMarker()) {
            S3Responses.header(request, "x-amz-delete-marker", "true");
        }
        if (outcome.versionId() != null && !outcome.versionId().equals("null")) {
            S3Responses.header(request, "x-amz-version-id", outcome.versionId());
        }
        S3Responses.empty(request, 204);
    }

    /** Deletes a key or version for DeleteObject and DeleteObjects, and tells who listens. */
    ObjectStore.Deletion delete(Bucket bucket, String key, String versionId, S3Request request) {
        ObjectStore.Deletion outcome = locks.delete(request, bucket, key, versionId, () -> state.objects.delete(bucket,
                key, versionId, Conditions.ifMatch(request.header("If-Match")), S3State.writer(request, bucket)));
        state.saveKey(request, bucket, key);
        if (outcome.removed() != null) {
            state.events.objectRemoved(bucket, outcome.removed(), "Delete", request);
        }
        if (outcome.marker() != null) {
            state.events.objectRemoved(bucket, outcome.marker(), "DeleteMarkerCreated", request);
        }
        return outcome;
    }
}
