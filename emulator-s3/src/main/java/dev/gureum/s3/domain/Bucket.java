package dev.gureum.s3.domain;

import dev.gureum.core.id.Arn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A bucket: its owner and region, its configuration documents, and its objects. Each key holds its
 * versions, newest first; without versioning a key has at most one version, {@code "null"}.
 * Mutations of keys go through the bucket's lock so that a key's history changes atomically;
 * readers see immutable {@link S3Object} snapshots.
 */
public final class Bucket {

    /** Versioning as S3 reports it: never enabled, enabled, or suspended. */
    public enum Versioning { UNVERSIONED, ENABLED, SUSPENDED }

    private final String name;
    private final String ownerAccount;
    private final String region;
    private final Instant created;
    private volatile Versioning versioning = Versioning.UNVERSIONED;
    private volatile boolean mfaDelete;
    private final ConcurrentSkipListMap<String, List<S3Object>> objects = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);
    private final Map<String, String> configurations = new ConcurrentHashMap<>();
    private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private final Map<String, CompletedUpload> completedUploads = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletedUpload> eldest) {
                    return size() > 1000;
                }
            });

    /** What a completed multipart upload produced, to answer a repeated CompleteMultipartUpload. */
    public record CompletedUpload(String key, String etag, String versionId, Map<String, String> checksums,
                                  String checksumType) {
    }
    private volatile Map<String, String> tags = Map.of();
    private volatile Acl acl = Acl.PRIVATE;
    private final Object lock = new Object();

    public Bucket(String name, String ownerAccount, String region, Instant created) {
        this.name = name;
        this.ownerAccount = ownerAccount;
        this.region = region;
        this.created = created;
    }

    public String name() {
        return name;
    }

    public String ownerAccount() {
        return ownerAccount;
    }

    public String region() {
        return region;
    }

    public Instant created() {
        return created;
    }

    /** The bucket's ARN: S3 bucket ARNs name neither region nor account. */
    public String arn() {
        return Arn.of("s3", "", "", name).toString();
    }

    /** The ARN of one object of the bucket. */
    public String objectArn(String key) {
        return Arn.of("s3", "", "", name + "/" + key).toString();
    }

    public Versioning versioning() {
        return versioning;
    }

    public void versioning(Versioning v) {
        this.versioning = v;
    }

    public boolean mfaDelete() {
        return mfaDelete;
    }

    public void mfaDelete(boolean mfaDelete) {
        this.mfaDelete = mfaDelete;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public void tags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
    }

    /** Who besides the owner may list, write or read the ACL of the bucket. */
    public Acl acl() {
        return acl;
    }

    public void acl(Acl acl) {
        this.acl = acl;
    }

    /** Stored configuration documents by subresource ({@code policy}, {@code cors}, {@code lifecycle}...). */
    public Map<String, String> configurations() {
        return configurations;
    }

    /** The most recently completed uploads of this bucket. */
    public Map<String, CompletedUpload> completedUploads() {
        return completedUploads;
    }

    public Map<String, MultipartUpload> uploads() {
        return uploads;
    }

    public ConcurrentSkipListMap<String, List<S3Object>> objects() {
        return objects;
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /** The current version of a key; {@code null} if none (or the current one is a delete marker, when asked). */
    public S3Object current(String key) {
        List<S3Object> versions = objects.get(key);
        return versions == null || versions.isEmpty() ? null : versions.get(0);
    }

    public S3Object version(String key, String versionId) {
        List<S3Object> versions = objects.get(key);
        if (versions == null) {
            return null;
        }
        for (S3Object o : versions) {
            if (o.versionId().equals(versionId)) {
                return o;
            }
        }
        return null;
    }

    /**
     * Makes {@code object} the current version. Without versioning (or suspended) it replaces the
     * {@code "null"} version. Returns the versions whose bytes are no longer referenced.
     */
    public List<S3Object> put(S3Object object) {
        synchronized (lock) {
            List<S3Object> removed = new ArrayList<>();
            List<S3Object> versions = new ArrayList<>(objects.getOrDefault(object.key(), List.of()));
            if (versioning != Versioning.ENABLED || object.versionId().equals("null")) {
                versions.removeIf(v -> {
                    if (v.versionId().equals("null")) {
                        removed.add(v);
                        return true;
                    }
                    return false;
                });
            }
            versions.add(0, object);
            objects.put(object.key(), List.copyOf(versions));
            return removed;
        }
    }

    /** Replaces one version in place (tags changed); returns whether it was there. */
    public boolean replace(S3Object updated) {
        synchronized (lock) {
            List<S3Object> versions = objects.get(updated.key());
            if (versions == null) {
                return false;
            }
            List<S3Object> copy = new ArrayList<>(versions);
            for (int i = 0; i < copy.size(); i++) {
                S3Object stored = copy.get(i);
                if (stored.versionId().equals(updated.versionId())) {
                    // the bytes stay where they are now (a compaction may have moved them since it was read)
                    copy.set(i, Objects.equals(stored.blob(), updated.blob()) ? updated : updated.withBlob(stored.blob()));
                    objects.put(updated.key(), List.copyOf(copy));
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Points a version at a copy of its bytes (a compaction moving them), if it still holds them at
     * {@code from}; returns whether it did.
     */
    public boolean moveBlob(String key, String versionId, java.nio.file.Path from, java.nio.file.Path to) {
        synchronized (lock) {
            List<S3Object> versions = objects.get(key);
            if (versions == null) {
                return false;
            }
            List<S3Object> copy = new ArrayList<>(versions);
            for (int i = 0; i < copy.size(); i++) {
                S3Object stored = copy.get(i);
                if (stored.versionId().equals(versionId) && from.equals(stored.blob())) {
                    copy.set(i, stored.withBlob(to));
                    objects.put(key, List.copyOf(copy));
                    return true;
                }
            }
            return false;
        }
    }

    /** Removes one version permanently; returns it, or {@code null}. */
    public S3Object removeVersion(String key, String versionId) {
        synchronized (lock) {
            List<S3Object> versions = objects.get(key);
            if (versions == null) {
                return null;
            }
            List<S3Object> copy = new ArrayList<>(versions);
            for (int i = 0; i < copy.size(); i++) {
                if (copy.get(i).versionId().equals(versionId)) {
                    S3Object removed = copy.remove(i);
                    if (copy.isEmpty()) {
                        objects.remove(key);
                    } else {
                        objects.put(key, List.copyOf(copy));
                    }
                    return removed;
                }
            }
            return null;
        }
    }

    /** Sets every version of a key at once, newest first (state read back); none removes the key. */
    public void versions(String key, List<S3Object> versions) {
        synchronized (lock) {
            if (versions.isEmpty()) {
                objects.remove(key);
            } else {
                objects.put(key, List.copyOf(versions));
            }
        }
    }

    /** Every version of every key (to delete their bytes when the bucket goes). */
    public List<S3Object> allVersions() {
        List<S3Object> all = new ArrayList<>();
        objects.values().forEach(all::addAll);
        return all;
    }
}
