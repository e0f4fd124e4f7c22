package dev.gureum.s3.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A bucket's request-metrics configuration: the {@code FilterId} its CloudWatch request metrics carry,
 * and which requests it counts — every request of the bucket, or those whose object has a key prefix,
 * all of some tags, or came through an access point (all of them, when the filter names several).
 *
 * @param prefix         the key prefix, or {@code null}
 * @param tags           the tags the object must carry (empty for none)
 * @param accessPointArn the access point requests must come through, or {@code null}
 */
public record MetricsConfiguration(String id, String prefix, Map<String, String> tags, String accessPointArn) {

    /** Where a bucket keeps each configuration among its configuration documents: this, then the Id. */
    public static final String KEY_PREFIX = "metrics/";
    /** Configurations a bucket may have. */
    public static final int MAX_PER_BUCKET = 1000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public MetricsConfiguration {
        tags = Map.copyOf(tags);
    }

    /** Whether {@code id} is one S3 takes: 1 to 64 letters, digits, periods, hyphens and underscores. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Whether the configuration counts everything the bucket serves. */
    public boolean wholeBucket() {
        return prefix == null && tags.isEmpty() && accessPointArn == null;
    }

    /**
     * Whether a request counts: one on an object ({@code key}, with its {@code objectTags}, {@code null}
     * when it has none or is gone) that passes each condition, or any request when there is none.
     * Requests never come through an access point here, so a filter on one counts nothing.
     */
    public boolean counts(String key, Map<String, String> objectTags) {
        if (wholeBucket()) {
            return true;
        }
        if (accessPointArn != null || key == null) {
            return false;
        }
        if (prefix != null && !key.startsWith(prefix)) {
            return false;
        }
        if (!tags.isEmpty()) {
            if (objectTags == null) {
                return false;
            }
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!tag.getValue().equals(objectTags.get(tag.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
