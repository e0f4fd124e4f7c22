package dev.gureum.elb.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags of Elastic Load Balancing resources: up to 50 per resource, keys unique in one request. */
public final class Tags {

    public static final int MAX = 50;

    /** A key and value as a request lists them (so that repeated keys can be told). */
    public record Tag(String key, String value) {
    }

    private Tags() {
    }

    /** The tags of a request as a map, refusing a key given twice. */
    public static Map<String, String> of(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Tag keys must be between 1 and 128 characters");
            }
            if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, "Tag keys cannot start with 'aws:'");
            }
            if (map.put(t.key(), t.value() == null ? "" : t.value()) != null) {
                throw new ElbRefusal(ElbRefusal.Reason.DUPLICATE_TAG_KEYS, "Tag key was specified more than once: " + t.key());
            }
        }
        return map;
    }

    /** {@code current} with {@code added}, refusing more than 50. */
    public static Map<String, String> add(Map<String, String> current, Map<String, String> added) {
        Map<String, String> result = new LinkedHashMap<>(current);
        result.putAll(added);
        if (result.size() > MAX) {
            throw new ElbRefusal(ElbRefusal.Reason.TOO_MANY_TAGS,
                    "The quota for the number of tags that can be assigned to a resource has been reached");
        }
        return result;
    }
}
