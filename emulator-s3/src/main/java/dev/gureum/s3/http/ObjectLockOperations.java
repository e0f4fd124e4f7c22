package dev.gureum.s3.http;

import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.lock.LockRefusal;
import dev.gureum.s3.lock.ObjectLock;
import io.undertow.util.HeaderValues;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Object Lock on the wire: the {@code x-amz-object-lock-*} headers of uploads and copies, the
 * retention and legal hold subresources (PutObjectRetention, GetObjectRetention, PutObjectLegalHold,
 * GetObjectLegalHold), and the check that keeps protected versions from being deleted. The rules are
 * {@link ObjectLock}'s.
 */
final class ObjectLockOperations {

    private static final String BYPASS_HEADER = "x-amz-bypass-governance-retention";

    private final S3State state;

    ObjectLockOperations(S3State state) {
        this.state = state;
    }

    /** Whether the bucket has Object Lock. */
    static boolean enabled(Bucket bucket) {
        String config = bucket.configurations().get("object-lock");
        return config != null && config.contains("Enabled");
    }

    /** The bucket's default retention, or {@code null}. */
    static ObjectLock.DefaultRetention defaultRetention(Bucket bucket) {
        String config = bucket.configurations().get("object-lock");
        if (config == null || !config.contains("DefaultRetention")) {
            return null;
        }
        Params retention = XmlDecoder.parse(config.getBytes(StandardCharsets.UTF_8)).root().object("Rule")
                .object("DefaultRetention");
        String mode = retention.string("Mode");
        if (mode == null) {
            return null;
        }
        return new ObjectLock.DefaultRetention(ObjectLock.Mode.valueOf(mode.trim()), retention.integer("Days", 0),
                retention.integer("Years", 0));
    }

    /**
     * The stored headers of a new version with its lock settings: those the request names, else the
     * bucket's default retention. Unchanged (the same map) for a bucket without Object Lock and a request
     * naming none.
     *
     * @param upload the operation as S3's error names it ({@code Put Object}) when the request must carry
     *               Content-MD5 or a checksum to be locked, or {@code null}
     */
    static Map<String, String> withLock(S3Request request, Bucket bucket, Map<String, String> headers, Clock clock,
                                        String upload) {
        Map<String, String> locked = withLock(request::header, bucket, headers, clock);
        if (locked != headers && upload != null) {
            requireChecksum(request, upload);
        }
        return locked;
    }

    /**
     * The stored headers of a new version with the lock settings that {@code field} (a request's headers, a
     * browser form's fields) names, else the bucket's default retention; the same map when there are none.
     */
    static Map<String, String> withLock(UnaryOperator<String> field, Bucket bucket, Map<String, String> headers,
                                        Clock clock) {
        String mode = field.apply(ObjectLock.MODE);
        String until = field.apply(ObjectLock.RETAIN_UNTIL);
        String hold = field.apply(ObjectLock.LEGAL_HOLD);
        if (mode == null && until == null && hold == null && !bucket.configurations().containsKey("object-lock")) {
            return headers;
        }
        Map<String, String> lock = ObjectLock.forWrite(enabled(bucket), defaultRetention(bucket), mode, until, hold,
                clock.instant());
        if (lock.isEmpty()) {
            return headers;
        }
        Map<String, String> locked = new LinkedHashMap<>(ObjectLock.withoutLock(headers));
        locked.putAll(lock);
        return locked;
    }

    /** A part of an upload that will be locked needs Content-MD5 or a checksum, as a locked PutObject does. */
    static void checkPart(S3Request request, Map<String, String> uploadHeaders) {
        if (uploadHeaders.containsKey(ObjectLock.MODE) || uploadHeaders.containsKey(ObjectLock.LEGAL_HOLD)) {
            requireChecksum(request, "Put Part");
        }
    }

    private static void requireChecksum(S3Request request, String operation) {
        if (request.header("Content-MD5") != null) {
            return;
        }
        String trailer = request.header("x-amz-trailer");
        if (trailer != null && trailer.toLowerCase(Locale.ROOT).contains("x-amz-checksum-")) {
            return;
        }
        for (HeaderValues values : request.exchange().getRequestHeaders()) {
            String name = values.getHeaderName().toString().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-checksum-") && !name.equals("x-amz-checksum-type")
                    && !name.equals("x-amz-checksum-algorithm")) {
                return;
            }
        }
        throw new LockRefusal(LockRefusal.Reason.CHECKSUM_REQUIRED, operation);
    }

    /**
     * A copy's lock settings are its own (the request's, or the bucket's default), never its source's.
     * Returns the copy as it stands now.
     */
    S3Object lockCopy(S3Request request, Bucket bucket, S3Object copy) {
        Map<String, String> headers = withLock(request, bucket, ObjectLock.withoutLock(copy.headers()), state.clock,
                null);
        if (headers.equals(copy.headers())) {
            return copy;
        }
        S3Object locked = copy.withHeaders(headers);
        bucket.replace(locked);
        return locked;
    }

    /** Whether the request asks to bypass governance retention, and its caller may. */
    private boolean bypass(S3Request request, Bucket bucket, String key, String versionId) {
        if (!"true".equalsIgnoreCase(String.valueOf(request.header(BYPASS_HEADER)).trim())) {
            return false;
        }
        return state.access.allowed(bucket, state.access.caller(request.context()), "s3:BypassGovernanceRetention",
                key, versionId, Map.of());
    }

    /**
     * Deletes a version (or the key) as {@code deletion} does, unless Object Lock protects the version
     * named: the check and the delete are one step, so a retention set meanwhile is never missed.
     */
    ObjectStore.Deletion delete(S3Request request, Bucket bucket, String key, String versionId,
                                java.util.function.Supplier<ObjectStore.Deletion> deletion) {
        if (versionId == null || !bucket.configurations().containsKey("object-lock")) {
            return deletion.get();
        }
        synchronized (bucket) {
            S3Object version = bucket.version(key, versionId);
            if (version != null) {
                ObjectLock.checkDelete(version, state.clock.instant(), bypass(request, bucket, key, versionId));
            }
            return deletion.get();
        }
    }

    private Bucket lockedBucket(S3Request request) {
        Bucket bucket = state.bucket(request);
        if (!enabled(bucket)) {
            throw new LockRefusal(LockRefusal.Reason.BUCKET_WITHOUT_LOCK);
        }
        return bucket;
    }

    private static S3Object target(Bucket bucket, S3Request request) {
        return ObjectStore.resolve(bucket, request.key(), request.param("versionId"));
    }

    void putRetention(S3Request request) {
        Bucket bucket = lockedBucket(request);
        Params body = request.xmlParams("Retention");
        String mode = body.string("Mode");
        String until = body.string("RetainUntilDate");
        // the document's Mode is an enumeration of the schema: another value is not valid XML for S3
        if ((mode == null) != (until == null) || mode != null && !mode.equals("GOVERNANCE") && !mode.equals("COMPLIANCE")) {
            throw new LockRefusal(LockRefusal.Reason.MALFORMED);
        }
        ObjectLock.Retention next = mode == null ? null
                : new ObjectLock.Retention(ObjectLock.mode(mode), ObjectLock.date(until));
        S3Object object;
        synchronized (bucket) {
            object = target(bucket, request);
            ObjectLock.checkRetentionChange(object, next, state.clock.instant(),
                    bypass(request, bucket, object.key(), object.versionId()));
            ObjectStore.replace(bucket, object.withHeaders(ObjectLock.withRetention(object.headers(), next)));
        }
        state.saveKey(request, bucket, object.key());
        S3Responses.empty(request, 200);
    }

    void getRetention(S3Request request) {
        Bucket bucket = lockedBucket(request);
        S3Object object = target(bucket, request);
        ObjectLock.Retention retention = ObjectLock.retention(object);
        if (retention == null) {
            throw new LockRefusal(LockRefusal.Reason.NOT_LOCKED);
        }
        S3Responses.xml(request, "Retention", Struct.of().put("Mode", retention.mode().name())
                .put("RetainUntilDate", ObjectLock.format(retention.until())));
    }

    void putLegalHold(S3Request request) {
        Bucket bucket = lockedBucket(request);
        String status = request.xmlParams("LegalHold").string("Status");
        if (status == null || !status.trim().equals("ON") && !status.trim().equals("OFF")) {
            throw new LockRefusal(LockRefusal.Reason.MALFORMED);
        }
        S3Object object;
        synchronized (bucket) {
            object = target(bucket, request);
            ObjectStore.replace(bucket, object.withHeaders(ObjectLock.withLegalHold(object.headers(),
                    status.trim().equals("ON"))));
        }
        state.saveKey(request, bucket, object.key());
        S3Responses.empty(request, 200);
    }

    void getLegalHold(S3Request request) {
        Bucket bucket = lockedBucket(request);
        S3Object object = target(bucket, request);
        if (!ObjectLock.hasLegalHold(object)) {
            throw new LockRefusal(LockRefusal.Reason.NOT_LOCKED);
        }
        S3Responses.xml(request, "LegalHold", Struct.of().put("Status", ObjectLock.legalHold(object) ? "ON" : "OFF"));
    }
}
