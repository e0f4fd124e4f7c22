package dev.gureum.s3.lifecycle;

import dev.gureum.s3.domain.S3Object;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rule of a bucket's lifecycle configuration, as S3 applies it.
 *
 * @param expirationDate            current versions expire on this date, or {@code null}
 * @param expirationDays            current versions expire this many days after they were written, or {@code null}
 * @param expiredObjectDeleteMarker whether a delete marker with no versions behind it is removed
 * @param noncurrentDays            noncurrent versions expire this many days after they became noncurrent, or {@code null}
 * @param newerNoncurrentVersions   how many of the newest noncurrent versions are kept whatever their age, or {@code null}
 * @param abortDays                 incomplete multipart uploads are aborted this many days after they began, or {@code null}
 */
public record LifecycleRule(String id, boolean enabled, Filter filter, Instant expirationDate, Integer expirationDays,
                            boolean expiredObjectDeleteMarker, Integer noncurrentDays, Integer newerNoncurrentVersions,
                            Integer abortDays, List<Transition> transitions,
                            List<NoncurrentTransition> noncurrentTransitions) {

    public LifecycleRule {
        transitions = List.copyOf(transitions);
        noncurrentTransitions = List.copyOf(noncurrentTransitions);
    }

    /**
     * Which objects a rule applies to: a key prefix, tags the object must all have, and bounds on its size
     * (exclusive), all of them together ({@code And}).
     */
    public record Filter(String prefix, Map<String, String> tags, Long sizeGreaterThan, Long sizeLessThan) {

        public Filter {
            prefix = prefix == null ? "" : prefix;
            tags = Map.copyOf(tags);
        }

        public boolean matchesKey(String key) {
            return key.startsWith(prefix);
        }

        /** Whether the version is one the rule applies to. Delete markers have no tags and no size. */
        public boolean matches(S3Object version) {
            if (!matchesKey(version.key())) {
                return false;
            }
            if (version.deleteMarker()) {
                return tags.isEmpty() && sizeGreaterThan == null && sizeLessThan == null;
            }
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!tag.getValue().equals(version.tags().get(tag.getKey()))) {
                    return false;
                }
            }
            return (sizeGreaterThan == null || version.size() > sizeGreaterThan)
                    && (sizeLessThan == null || version.size() < sizeLessThan);
        }
    }

    /** A current version moves to {@code storageClass} after {@code days}, or on {@code date}. */
    public record Transition(Integer days, Instant date, String storageClass) {
    }

    /** A noncurrent version moves to {@code storageClass} {@code noncurrentDays} after it became noncurrent. */
    public record NoncurrentTransition(int noncurrentDays, Integer newerNoncurrentVersions, String storageClass) {
    }
}
