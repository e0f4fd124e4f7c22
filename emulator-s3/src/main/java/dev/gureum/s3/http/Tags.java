package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.TagSet;
import dev.gureum.s3.protocol.S3Error;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag sets of buckets and objects on the wire; their rules are the domain's ({@link TagSet}). */
final class Tags {

    private Tags() {
    }

    /** Parses {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...} of an object. */
    static Map<String, String> parseObjectTags(Params tagging) {
        return TagSet.forObject(pairs(tagging));
    }

    /** Parses {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...} of a bucket. */
    static Map<String, String> parseBucketTags(Params tagging) {
        return TagSet.forBucket(pairs(tagging));
    }

    private static List<Map.Entry<String, String>> pairs(Params tagging) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Params tag : tagging.object("TagSet").list("Tag")) {
            String key = tag.string("Key");
            if (key == null) {
                throw new AwsException(S3Error.MALFORMED_XML,
                        "The XML you provided was not well-formed or did not validate against our published schema");
            }
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(key, tag.string("Value", "")));
        }
        return pairs;
    }

    /** Parses the {@code x-amz-tagging} header: a URL-encoded query string {@code k1=v1&k2=v2}. */
    static Map<String, String> parseHeader(String header) {
        if (header == null || header.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, List<String>> decoded;
        try {
            decoded = FormDecoder.decode(header);
        } catch (IllegalArgumentException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as UTF-8 "
                    + "then URLEncoded URL query parameters without tag name duplicates.");
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : decoded.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as "
                        + "UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
            }
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue().get(0)));
        }
        return TagSet.forObject(pairs);
    }

    static Struct render(Map<String, String> tags) {
        List<Object> items = new ArrayList<>();
        // S3 returns tag sets ordered by key
        new java.util.TreeMap<>(tags).forEach((k, v) -> items.add(Struct.of().put("Key", k).put("Value", v)));
        return Struct.of().put("TagSet", ListValue.wrapped(items, "Tag"));
    }
}
