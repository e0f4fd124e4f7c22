package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Conditions;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.Refusal;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.lock.ObjectLock;
import dev.gureum.s3.protocol.S3Refusals;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Objects written and deleted by the bucket's owner account through Gureum's own pages (the console), which
 * have already judged who may act: the same domain steps as PutObject and DeleteObject (a new version in a
 * versioned bucket, a delete marker, the bucket's default encryption and Object Lock retention), made
 * durable, and told to the bucket's event notifications as that account's.
 */
public final class OwnerObjects {

    private final S3State state;

    OwnerObjects(S3State state) {
        this.state = state;
    }

    /**
     * PutObject of {@code body} as the bucket's owner, with only a {@code Content-Type}.
     *
     * @throws AwsException S3's error: {@code NoSuchBucket}, a key S3 refuses...
     */
    public S3Object put(String bucketName, String key, String contentType, InputStream body, String sourceIp,
                        String requestId) {
        Bucket bucket = existing(bucketName, "PUT");
        try {
            ObjectStore.checkKey(key);
            Map<String, String> headers = new LinkedHashMap<>(BodyReceiver.storedHeaders(
                    name -> name.equals("Content-Type") ? contentType : null, bucket));
            Map<String, String> lock = ObjectLock.forWrite(ObjectLockOperations.enabled(bucket),
                    ObjectLockOperations.defaultRetention(bucket), null, null, null, state.clock.instant());
            headers.putAll(lock);
            ObjectStore.ObjectMetadata metadata = new ObjectStore.ObjectMetadata(headers, Map.of(), Map.of(),
                    BodyReceiver.storageClass((String) null), Acls.fromHeaders(name -> null, bucket.ownerAccount()),
                    bucket.ownerAccount());
            S3Object object = state.objects.put(bucket, key, metadata, body, Conditions.NONE);
            state.saveKey(bucket, key);
            state.events.objectCreated(bucket, object, "Put", requester(bucket, sourceIp, requestId));
            return object;
        } catch (Refusal refusal) {
            throw S3Refusals.toAws(refusal, "PUT");
        }
    }

    /** DeleteObject of the key (no version named) as the bucket's owner: a delete marker in a versioned bucket. */
    public void delete(String bucketName, String key, String sourceIp, String requestId) {
        Bucket bucket = existing(bucketName, "DELETE");
        try {
            ObjectStore.Deletion outcome = state.objects.delete(bucket, key, null, Conditions.NONE, bucket.ownerAccount());
            state.saveKey(bucket, key);
            S3Events.Requester requester = requester(bucket, sourceIp, requestId);
            if (outcome.removed() != null) {
                state.events.objectRemoved(bucket, outcome.removed(), "Delete", requester);
            }
            if (outcome.marker() != null) {
                state.events.objectRemoved(bucket, outcome.marker(), "DeleteMarkerCreated", requester);
            }
        } catch (Refusal refusal) {
            throw S3Refusals.toAws(refusal, "DELETE");
        }
    }

    private Bucket existing(String bucketName, String method) {
        try {
            return state.existing(bucketName);
        } catch (Refusal refusal) {
            throw S3Refusals.toAws(refusal, method);
        }
    }

    private static S3Events.Requester requester(Bucket bucket, String sourceIp, String requestId) {
        return new S3Events.Requester("AWS:" + bucket.ownerAccount(), sourceIp, requestId);
    }
}
