package dev.gureum.s3.http;

import dev.gureum.core.protocol.Values;
import dev.gureum.core.time.Timers;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.MultipartUpload;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.lifecycle.Lifecycle;
import dev.gureum.s3.lifecycle.LifecycleRule;
import dev.gureum.s3.lock.ObjectLock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every bucket's lifecycle rules at each midnight (UTC) of the server clock, as S3 runs lifecycle
 * once a day: current versions expire (a delete marker under versioning), noncurrent versions and lone
 * delete markers are deleted, versions move to other storage classes, and incomplete multipart uploads
 * are aborted. Moving the clock forward runs each midnight passed, in order, dated that midnight.
 *
 * <p>Only buckets with a lifecycle configuration are looked at, and in them only the keys under the
 * rules' prefixes. A version that Object Lock protects is never deleted. Each change is journaled as a
 * change through the API is.
 */
final class LifecycleRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LifecycleRunner.class);

    private final S3State state;
    private final LifecycleDocument documents;
    private volatile Timers.Timer days;

    LifecycleRunner(S3State state, LifecycleDocument documents) {
        this.state = state;
        this.documents = documents;
    }

    void start(Timers timers) {
        days = timers.every(Duration.ofDays(1), this::run);
    }

    void stop() {
        Timers.Timer timer = days;
        if (timer != null) {
            timer.cancel();
        }
    }

    /** {@code x-amz-expiration} of a current version whose bucket's rules expire it. */
    void expirationHeader(S3Request request, Bucket bucket, S3Object object) {
        if (!bucket.configurations().containsKey("lifecycle")) {
            return;
        }
        Lifecycle.Expiry expiry = Lifecycle.expiry(documents.rules(bucket), object);
        if (expiry != null) {
            S3Responses.header(request, "x-amz-expiration", "expiry-date=\"" + Values.httpDate(expiry.date())
                    + "\", rule-id=\"" + (expiry.ruleId() == null ? "" : expiry.ruleId()) + "\"");
        }
    }

    /** One day's run, dated {@code now}. */
    void run(Instant now) {
        for (Bucket bucket : state.buckets.all()) {
            if (!bucket.configurations().containsKey("lifecycle")) {
                continue;
            }
            List<LifecycleRule> rules = documents.rules(bucket).stream().filter(LifecycleRule::enabled).toList();
            if (rules.isEmpty()) {
                continue;
            }
            try {
                runBucket(bucket, rules, now);
            } catch (RuntimeException e) {
                LOG.warn("Lifecycle of bucket {} failed: {}", bucket.name(), e.toString());
            }
        }
    }

    private void runBucket(Bucket bucket, List<LifecycleRule> rules, Instant now) {
        for (String key : keys(bucket, rules)) {
            apply(bucket, key, rules, now);
        }
        for (MultipartUpload upload : List.copyOf(bucket.uploads().values())) {
            if (Lifecycle.abortDue(rules, upload, now)) {
                try {
                    state.uploads.abort(bucket, upload.key(), upload.uploadId());
                    state.saveUploadAborted(bucket, upload.uploadId());
                } catch (RuntimeException e) {
                    // completed or aborted meanwhile
                }
            }
        }
    }

    /** The keys under the rules' prefixes (every key when a rule has none). */
    private static List<String> keys(Bucket bucket, List<LifecycleRule> rules) {
        Set<String> prefixes = new HashSet<>();
        for (LifecycleRule rule : rules) {
            prefixes.add(rule.filter().prefix());
        }
        if (prefixes.contains("")) {
            return new ArrayList<>(bucket.objects().keySet());
        }
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (String prefix : prefixes) {
            for (String key : bucket.objects().tailMap(prefix, true).keySet()) {
                if (!key.startsWith(prefix)) {
                    break;
                }
                keys.add(key);
            }
        }
        return new ArrayList<>(keys);
    }

    private void apply(Bucket bucket, String key, List<LifecycleRule> rules, Instant now) {
        boolean changed = false;
        synchronized (bucket) {
            List<S3Object> versions = bucket.objects().get(key);
            if (versions == null) {
                return;
            }
            for (Lifecycle.Action action : Lifecycle.actions(rules, versions, now)) {
                changed |= apply(bucket, key, action, now);
            }
            if (changed) {
                state.saveKey(bucket, key);
            }
        }
    }

    private boolean apply(Bucket bucket, String key, Lifecycle.Action action, Instant now) {
        if (action instanceof Lifecycle.Action.ExpireCurrent expire) {
            if (bucket.versioning() == Bucket.Versioning.UNVERSIONED) {
                return deleteVersion(bucket, key, expire.versionId(), now);
            }
            state.objects.put(bucket, S3Object.deleteMarker(key, ObjectStore.newVersionId(bucket), now,
                    bucket.ownerAccount()));
            return true;
        }
        if (action instanceof Lifecycle.Action.DeleteVersion delete) {
            return deleteVersion(bucket, key, delete.versionId(), now);
        }
        Lifecycle.Action.Transition transition = (Lifecycle.Action.Transition) action;
        S3Object version = bucket.version(key, transition.versionId());
        return version != null && bucket.replace(version.withStorageClass(transition.storageClass()));
    }

    private boolean deleteVersion(Bucket bucket, String key, String versionId, Instant now) {
        S3Object version = bucket.version(key, versionId);
        if (version == null || ObjectLock.protectedAt(version, now)) {
            return false;
        }
        S3Object removed = bucket.removeVersion(key, versionId);
        if (removed != null) {
            state.release(List.of(removed));
        }
        return removed != null;
    }
}
