package dev.gureum.s3.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Listings of a bucket's keys (ListObjects, ListObjectsV2), of their versions (ListObjectVersions)
 * and of an account's buckets (ListBuckets), page by page. Keys are in UTF-8 byte order; with a
 * delimiter, the keys that share a prefix up to it are rolled up into one common prefix, which
 * counts as one entry of the page.
 */
public final class Listing {

    private Listing() {
    }

    /**
     * One page of current versions and common prefixes in key order.
     *
     * @param lastEntry the last key or common prefix of the page: where the next page starts after
     */
    public record Page(List<S3Object> contents, List<String> prefixes, boolean truncated, String lastEntry) {

        public Page {
            contents = List.copyOf(contents);
            prefixes = List.copyOf(prefixes);
        }

        public int keyCount() {
            return contents.size() + prefixes.size();
        }
    }

    /** The common prefix a key rolls up into, or {@code null} when the delimiter does not follow the prefix. */
    static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    /**
     * A page of the keys (current versions that are not delete markers) after {@code after}.
     *
     * @param prefix    only keys that start with it; {@code null} for all
     * @param delimiter rolls keys up into common prefixes; {@code null} or empty for none
     * @param after     the key, marker or common prefix the page starts after; {@code null} from the start
     */
    public static Page objects(Bucket bucket, String prefix, String delimiter, String after, int maxKeys) {
        List<S3Object> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        String p = prefix == null ? "" : prefix;
        var keys = after == null ? bucket.objects() : bucket.objects().tailMap(after, false);
        if (after == null && !p.isEmpty()) {
            keys = bucket.objects().tailMap(p, true);
        } else if (after != null && !p.isEmpty() && KeyOrder.INSTANCE.compare(after, p) < 0) {
            keys = bucket.objects().tailMap(p, true);
        }
        // a marker inside a common prefix (or the prefix itself, as the last page ended) is past it
        String skipPrefix = after != null && after.startsWith(p) ? commonPrefix(after, p, delimiter) : null;
        if (maxKeys == 0) {
            return new Page(contents, prefixes, false, null);
        }
        for (Map.Entry<String, List<S3Object>> e : keys.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(p)) {
                if (KeyOrder.INSTANCE.compare(key, p) > 0) {
                    break;
                }
                continue;
            }
            if (skipPrefix != null && key.startsWith(skipPrefix)) {
                continue;
            }
            S3Object current = e.getValue().get(0);
            if (current.deleteMarker()) {
                continue;
            }
            String common = commonPrefix(key, p, delimiter);
            if (contents.size() + prefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
                skipPrefix = common;
                last = common;
            } else {
                contents.add(current);
                last = key;
            }
        }
        return new Page(contents, prefixes, truncated, last);
    }

    /** One version in a listing of versions, and whether it is the key's current one. */
    public record VersionEntry(S3Object version, boolean latest) {
    }

    /**
     * One page of versions (and delete markers), newest first within a key, and common prefixes.
     *
     * @param nextKeyMarker     where the next page starts: the last key or common prefix of the page
     * @param nextVersionMarker the last version of the page, {@code null} after a common prefix
     */
    public record VersionPage(List<VersionEntry> versions, List<String> prefixes, boolean truncated,
                              String nextKeyMarker, String nextVersionMarker) {

        public VersionPage {
            versions = List.copyOf(versions);
            prefixes = List.copyOf(prefixes);
        }
    }

    /**
     * A page of versions from the key marker on: without a version marker the page starts after the
     * key marker's versions, with one after that version of it.
     *
     * @throws ObjectRefusal {@code VERSION_MARKER_WITHOUT_KEY_MARKER}
     */
    public static VersionPage versions(Bucket bucket, String prefix, String delimiter, String keyMarker,
                                       String versionMarker, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        boolean hasKeyMarker = keyMarker != null && !keyMarker.isEmpty();
        boolean hasVersionMarker = versionMarker != null && !versionMarker.isEmpty();
        if (hasVersionMarker && !hasKeyMarker) {
            throw new ObjectRefusal(ObjectRefusal.Reason.VERSION_MARKER_WITHOUT_KEY_MARKER, null, null, versionMarker);
        }
        List<VersionEntry> versions = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        int count = 0;
        boolean truncated = false;
        String nextKey = null;
        String nextVersion = null;
        String skipPrefix = keyMarker != null && keyMarker.startsWith(p) ? commonPrefix(keyMarker, p, delimiter) : null;
        var keys = hasKeyMarker ? bucket.objects().tailMap(keyMarker, true) : bucket.objects();
        outer:
        for (Map.Entry<String, List<S3Object>> e : keys.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(p) || skipPrefix != null && key.startsWith(skipPrefix)) {
                continue;
            }
            boolean resuming = key.equals(keyMarker);
            if (resuming && !hasVersionMarker) {
                continue;
            }
            String common = commonPrefix(key, p, delimiter);
            if (common != null) {
                if (count >= maxKeys) {
                    truncated = true;
                    break;
                }
                prefixes.add(common);
                skipPrefix = common;
                nextKey = common;
                nextVersion = null;
                count++;
                continue;
            }
            List<S3Object> history = e.getValue();
            boolean past = !resuming;
            for (int i = 0; i < history.size(); i++) {
                S3Object v = history.get(i);
                if (!past) {
                    past = v.versionId().equals(versionMarker);
                    continue;
                }
                if (count >= maxKeys) {
                    truncated = true;
                    break outer;
                }
                versions.add(new VersionEntry(v, i == 0));
                nextKey = key;
                nextVersion = v.versionId();
                count++;
            }
        }
        return new VersionPage(versions, prefixes, truncated, truncated ? nextKey : null,
                truncated ? nextVersion : null);
    }

    /** One page of buckets, by name. */
    public record BucketPage(List<Bucket> buckets, boolean truncated) {

        public BucketPage {
            buckets = List.copyOf(buckets);
        }

        /** The name the next page starts after, or {@code null} on the last page. */
        public String lastName() {
            return truncated ? buckets.get(buckets.size() - 1).name() : null;
        }
    }

    /**
     * The account's buckets in name order.
     *
     * @param prefix only names that start with it, or {@code null}
     * @param region only buckets of that region, or {@code null}
     * @param after  the name the page starts after, or {@code null}
     */
    public static BucketPage buckets(Collection<Bucket> all, String account, String prefix, String region,
                                     String after, int max) {
        List<Bucket> mine = new ArrayList<>();
        for (Bucket b : all) {
            if (b.ownerAccount().equals(account) && (prefix == null || b.name().startsWith(prefix))
                    && (region == null || b.region().equals(region))
                    && (after == null || b.name().compareTo(after) > 0)) {
                mine.add(b);
            }
        }
        mine.sort(Comparator.comparing(Bucket::name));
        boolean truncated = mine.size() > max;
        return new BucketPage(truncated ? mine.subList(0, max) : mine, truncated);
    }
}
