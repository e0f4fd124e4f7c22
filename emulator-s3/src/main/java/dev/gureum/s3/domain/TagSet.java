package dev.gureum.s3.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** S3's rules for the tags of buckets and objects. */
public final class TagSet {

    /** Tags an object may have. */
    public static final int MAX_OBJECT_TAGS = 10;
    /** Tags a bucket may have. */
    public static final int MAX_BUCKET_TAGS = 50;

    private TagSet() {
    }

    /** The tags of an object, in the order given, or a {@link TagRefusal}. */
    public static Map<String, String> forObject(List<Map.Entry<String, String>> tags) {
        return checked(tags, MAX_OBJECT_TAGS, TagRefusal.Reason.TOO_MANY_OBJECT_TAGS);
    }

    /** The tags of a bucket, in the order given, or a {@link TagRefusal}. */
    public static Map<String, String> forBucket(List<Map.Entry<String, String>> tags) {
        return checked(tags, MAX_BUCKET_TAGS, TagRefusal.Reason.TOO_MANY_BUCKET_TAGS);
    }

    private static Map<String, String> checked(List<Map.Entry<String, String>> tags, int max, TagRefusal.Reason tooMany) {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tags) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (checked.containsKey(key)) {
                throw new TagRefusal(TagRefusal.Reason.DUPLICATE_KEY, key, value);
            }
            if (key.isEmpty() || key.codePointCount(0, key.length()) > 128) {
                throw new TagRefusal(TagRefusal.Reason.INVALID_KEY, key, value);
            }
            if (value.codePointCount(0, value.length()) > 256) {
                throw new TagRefusal(TagRefusal.Reason.INVALID_VALUE, key, value);
            }
            if (key.startsWith("aws:")) {
                throw new TagRefusal(TagRefusal.Reason.RESERVED_KEY, key, value);
            }
            checked.put(key, value);
        }
        if (checked.size() > max) {
            throw new TagRefusal(tooMany, null, null);
        }
        return checked;
    }
}
