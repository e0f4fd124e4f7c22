package dev.gureum.s3.domain;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets by name. Bucket names are global across accounts and regions, as in AWS. */
public final class BucketStore {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Bucket get(String name) {
        return buckets.get(name);
    }

    /** Adds the bucket unless the name is taken; returns the bucket that holds the name afterwards. */
    public Bucket putIfAbsent(Bucket bucket) {
        Bucket existing = buckets.putIfAbsent(bucket.name(), bucket);
        return existing == null ? bucket : existing;
    }

    public void remove(String name) {
        buckets.remove(name);
    }

    public Collection<Bucket> all() {
        return buckets.values();
    }

    public void clear() {
        buckets.clear();
    }
}
