package dev.gureum.s3.http;

import dev.gureum.s3.domain.S3Object;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of small objects read recently, so that the next GET of the same version is answered from
 * memory, on the IO thread, without opening its file. An entry belongs to one {@link S3Object} record
 * (by identity): a version's bytes never change, and a new version, or a version whose metadata
 * changed, is a new record, so no entry is ever stale. When the entries would exceed their budget,
 * entries picked at random make room.
 */
final class HotObjects {

    /** Largest object kept. */
    static final int MAX_OBJECT = 64 * 1024;

    /** What an entry costs beside its bytes (its map node, key and array header), counted against the budget. */
    private static final int ENTRY_OVERHEAD = 96;

    private final long budget;
    private final Map<Version, byte[]> bytes = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();

    /** @param budget bytes all entries may take together */
    HotObjects(long budget) {
        this.budget = budget;
    }

    /** The bytes of the version, or {@code null} when they are not in memory. */
    byte[] get(S3Object object) {
        return bytes.get(new Version(object));
    }

    /** Keeps the whole bytes of the version, when it is small enough. */
    void put(S3Object object, byte[] content) {
        if (content.length > MAX_OBJECT || content.length != object.size()) {
            return;
        }
        long cost = content.length + ENTRY_OVERHEAD;
        if (used.get() + cost > budget) {
            makeRoom(cost);
        }
        if (bytes.putIfAbsent(new Version(object), content) == null) {
            used.addAndGet(cost);
        }
    }

    private void makeRoom(long cost) {
        // a quarter of the budget at once, so that a full cache does not make room at every miss
        long target = Math.max(0, budget - cost - budget / 4);
        Iterator<Map.Entry<Version, byte[]>> entries = bytes.entrySet().iterator();
        while (used.get() > target && entries.hasNext()) {
            byte[] removed = bytes.remove(entries.next().getKey());
            if (removed != null) {
                used.addAndGet(-(removed.length + ENTRY_OVERHEAD));
            }
        }
    }

    void clear() {
        for (Version version : bytes.keySet()) {
            byte[] removed = bytes.remove(version);
            if (removed != null) {
                used.addAndGet(-(removed.length + ENTRY_OVERHEAD));
            }
        }
    }

    /** An object version by identity: records compare by value, which would cost a walk of their maps. */
    private record Version(S3Object object) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Version v && v.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }
}
