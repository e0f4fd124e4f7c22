package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.protocol.S3Error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag sets of buckets and objects, with S3's limits. */
final class Tags {

    private Tags() {
    }

    /** Parses {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...}. */
    static Map<String, String> parse(Params tagging, int max) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : tagging.object("TagSet").list("Tag")) {
            String key = tag.string("Key");
            String value = tag.string("Value", "");
            if (key == null) {
                throw new AwsException(S3Error.MALFORMED_XML,
                        "The XML you provided was not well-formed or did not validate against our published schema");
            }
            add(tags, key, value);
        }
        check(tags, max);
        return tags;
    }

    /** Parses the {@code x-amz-tagging} header: a URL-encoded query string {@code k1=v1&k2=v2}. */
    static Map<String, String> parseHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        Map<String, List<String>> pairs;
        try {
            pairs = FormDecoder.decode(header);
        } catch (IllegalArgumentException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as UTF-8 "
                    + "then URLEncoded URL query parameters without tag name duplicates.");
        }
        for (Map.Entry<String, List<String>> e : pairs.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as "
                        + "UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
            }
            add(tags, e.getKey(), e.getValue().get(0));
        }
        check(tags, 10);
        return tags;
    }

    private static void add(Map<String, String> tags, String key, String value) {
        if (tags.containsKey(key)) {
            throw new AwsException(S3Error.INVALID_TAG, "Cannot provide multiple Tags with the same key")
                    .detail("TagKey", key);
        }
        if (key.isEmpty() || key.codePointCount(0, key.length()) > 128) {
            throw new AwsException(S3Error.INVALID_TAG, "The TagKey you have provided is invalid").detail("TagKey", key);
        }
        if (value.codePointCount(0, value.length()) > 256) {
            throw new AwsException(S3Error.INVALID_TAG, "The TagValue you have provided is invalid")
                    .detail("TagKey", key).detail("TagValue", value);
        }
        if (key.startsWith("aws:")) {
            throw new AwsException(S3Error.INVALID_TAG, "Your TagKey cannot be prefixed with aws:").detail("TagKey", key);
        }
        tags.put(key, value);
    }

    private static void check(Map<String, String> tags, int max) {
        if (tags.size() > max) {
            throw new AwsException(S3Error.BAD_REQUEST, max == 10 ? "Object tags cannot be greater than 10"
                    : "Bucket tag count cannot be greater than " + max);
        }
    }

    static Struct render(Map<String, String> tags) {
        List<Object> items = new ArrayList<>();
        // S3 returns tag sets ordered by key
        new java.util.TreeMap<>(tags).forEach((k, v) -> items.add(Struct.of().put("Key", k).put("Value", v)));
        return Struct.of().put("TagSet", ListValue.wrapped(items, "Tag"));
    }
}
