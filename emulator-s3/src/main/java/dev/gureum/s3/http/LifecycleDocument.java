package dev.gureum.s3.http;

import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.lifecycle.LifecycleRule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bucket's stored lifecycle configuration read as rules. The reading of each stored document is kept
 * (by bucket, as long as the document is the same), so that GET and PUT, which answer with
 * {@code x-amz-expiration}, do not parse XML.
 */
final class LifecycleDocument {

    private record Parsed(String document, List<LifecycleRule> rules) {
    }

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    /** The bucket's lifecycle rules; none without a configuration. */
    List<LifecycleRule> rules(Bucket bucket) {
        String document = bucket.configurations().get("lifecycle");
        if (document == null) {
            return List.of();
        }
        Parsed cached = parsed.get(bucket.name());
        if (cached != null && cached.document() == document) {
            return cached.rules();
        }
        List<LifecycleRule> rules;
        try {
            rules = parse(document);
        } catch (RuntimeException e) {
            rules = List.of();
        }
        parsed.put(bucket.name(), new Parsed(document, rules));
        return rules;
    }

    static List<LifecycleRule> parse(String document) {
        Params root = XmlDecoder.parse(document.getBytes(StandardCharsets.UTF_8)).root();
        List<LifecycleRule> rules = new ArrayList<>();
        for (Params rule : root.list("Rule")) {
            Params expiration = rule.object("Expiration");
            Params noncurrent = rule.object("NoncurrentVersionExpiration");
            List<LifecycleRule.Transition> transitions = new ArrayList<>();
            for (Params t : rule.list("Transition")) {
                transitions.add(new LifecycleRule.Transition(t.integer("Days"), date(t.string("Date")),
                        t.string("StorageClass")));
            }
            List<LifecycleRule.NoncurrentTransition> noncurrentTransitions = new ArrayList<>();
            for (Params t : rule.list("NoncurrentVersionTransition")) {
                noncurrentTransitions.add(new LifecycleRule.NoncurrentTransition(t.integer("NoncurrentDays", 0),
                        t.integer("NewerNoncurrentVersions"), t.string("StorageClass")));
            }
            rules.add(new LifecycleRule(rule.string("ID"), "Enabled".equals(trim(rule.string("Status"))), filter(rule),
                    date(expiration.string("Date")), expiration.integer("Days"),
                    "true".equalsIgnoreCase(trim(expiration.string("ExpiredObjectDeleteMarker"))),
                    noncurrent.integer("NoncurrentDays"), noncurrent.integer("NewerNoncurrentVersions"),
                    rule.object("AbortIncompleteMultipartUpload").integer("DaysAfterInitiation"), transitions,
                    noncurrentTransitions));
        }
        return rules;
    }

    /** The rule's filter: {@code Filter} with a prefix, a tag, sizes or {@code And} of them; or the older {@code Prefix}. */
    private static LifecycleRule.Filter filter(Params rule) {
        Params filter = rule.object("Filter");
        if (!filter.isPresent()) {
            return new LifecycleRule.Filter(rule.string("Prefix"), Map.of(), null, null);
        }
        Params and = filter.object("And");
        Params source = and.isPresent() ? and : filter;
        Map<String, String> tags = new LinkedHashMap<>();
        List<Params> tagList = new ArrayList<>(source.list("Tag"));
        for (Params tag : tagList) {
            tags.put(tag.string("Key"), tag.string("Value", ""));
        }
        return new LifecycleRule.Filter(source.string("Prefix"), tags, source.longValue("ObjectSizeGreaterThan"),
                source.longValue("ObjectSizeLessThan"));
    }

    private static Instant date(String text) {
        return text == null ? null : OffsetDateTime.parse(text.trim()).toInstant();
    }

    private static String trim(String text) {
        return text == null ? null : text.trim();
    }
}
