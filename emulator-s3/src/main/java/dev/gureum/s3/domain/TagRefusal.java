package dev.gureum.s3.domain;

/** A tag set that breaks S3's rules for tags; carries the key and value concerned. */
public final class TagRefusal extends Refusal {

    /** Why the tag set was refused. */
    public enum Reason {
        /** Two tags with one key. */
        DUPLICATE_KEY,
        /** An empty key, or one longer than 128 characters. */
        INVALID_KEY,
        /** A value longer than 256 characters. */
        INVALID_VALUE,
        /** A key in the {@code aws:} namespace, which only AWS may use. */
        RESERVED_KEY,
        /** More than 10 tags on an object. */
        TOO_MANY_OBJECT_TAGS,
        /** More than 50 tags on a bucket. */
        TOO_MANY_BUCKET_TAGS
    }

    private final Reason reason;
    private final String key;
    private final String value;

    public TagRefusal(Reason reason, String key, String value) {
        super(reason + (key == null ? "" : " " + key));
        this.reason = reason;
        this.key = key;
        this.value = value;
    }

    public Reason reason() {
        return reason;
    }

    /** The key concerned, or {@code null}. */
    public String key() {
        return key;
    }

    /** The value concerned, or {@code null}. */
    public String value() {
        return value;
    }
}
