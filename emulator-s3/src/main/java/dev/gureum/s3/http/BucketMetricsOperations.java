package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlWriter;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.MetricsConfiguration;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request-metrics configurations ({@code ?metrics&id=}): put, get, delete and listed 100 at a time.
 * Each is kept among the bucket's configuration documents as S3 would render it; the requests it
 * counts are published by {@link RequestMetrics}.
 */
final class BucketMetricsOperations {

    private static final int PAGE = 100;
    private static final String ROOT = "MetricsConfiguration";

    private final S3State state;
    /** Configurations read back from their documents, by document. */
    private final Map<String, MetricsConfiguration> parsed = new ConcurrentHashMap<>();

    BucketMetricsOperations(S3State state) {
        this.state = state;
    }

    void put(S3Request request) {
        Bucket bucket = state.bucket(request);
        String id = requiredId(request);
        MetricsConfiguration config = read(S3Request.xmlDocument(request.smallBody(), ROOT));
        if (!id.equals(config.id())) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Configuration Id in the request does not match the Id "
                    + "in the configuration.").detail("ArgumentName", "id").detail("ArgumentValue", id);
        }
        String key = MetricsConfiguration.KEY_PREFIX + id;
        if (!bucket.configurations().containsKey(key) && configurations(bucket).size() >= MetricsConfiguration.MAX_PER_BUCKET) {
            throw new AwsException(S3Error.TOO_MANY_CONFIGURATIONS, "You are attempting to create a new configuration "
                    + "but have already reached the 1,000-configuration limit.");
        }
        bucket.configurations().put(key, render(config, false));
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    void get(S3Request request) {
        Bucket bucket = state.bucket(request);
        MetricsConfiguration config = find(bucket, requiredId(request));
        S3Responses.document(request, "application/xml",
                (XmlWriter.DECLARATION + render(config, true)).getBytes(StandardCharsets.UTF_8));
    }

    void delete(S3Request request) {
        Bucket bucket = state.bucket(request);
        String id = requiredId(request);
        find(bucket, id);
        bucket.configurations().remove(MetricsConfiguration.KEY_PREFIX + id);
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    /** In Id order, {@code PAGE} at a time; the token is the last Id of the page before. */
    void list(S3Request request) {
        Bucket bucket = state.bucket(request);
        String token = request.param("continuation-token");
        String after;
        try {
            after = token == null ? null : PageTokens.decode(token);
        } catch (PageTokens.InvalidTokenException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                    .detail("ArgumentName", "continuation-token");
        }
        List<MetricsConfiguration> page = new ArrayList<>();
        boolean truncated = false;
        for (MetricsConfiguration config : configurations(bucket).values()) {
            if (after != null && config.id().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == PAGE) {
                truncated = true;
                break;
            }
            page.add(config);
        }
        XmlWriter xml = new XmlWriter().start("ListBucketMetricsConfigurationsResult", S3State.XMLNS);
        for (MetricsConfiguration config : page) {
            xml.raw(render(config, false));
        }
        xml.element("IsTruncated", String.valueOf(truncated));
        if (token != null) {
            xml.element("ContinuationToken", token);
        }
        if (truncated) {
            xml.element("NextContinuationToken", PageTokens.encode(page.get(page.size() - 1).id()));
        }
        xml.end("ListBucketMetricsConfigurationsResult");
        S3Responses.document(request, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The bucket's configurations, by Id. */
    Map<String, MetricsConfiguration> configurations(Bucket bucket) {
        Map<String, MetricsConfiguration> out = new TreeMap<>();
        for (Map.Entry<String, String> e : bucket.configurations().entrySet()) {
            if (e.getKey().startsWith(MetricsConfiguration.KEY_PREFIX)) {
                MetricsConfiguration config = parsed(e.getValue());
                out.put(config.id(), config);
            }
        }
        return out;
    }

    /** A kept document as its configuration, read once. */
    MetricsConfiguration parsed(String document) {
        MetricsConfiguration config = parsed.get(document);
        if (config == null) {
            config = read(S3Request.xmlDocument(document.getBytes(StandardCharsets.UTF_8), ROOT));
            if (parsed.size() > 10_000) {
                parsed.clear();
            }
            parsed.put(document, config);
        }
        return config;
    }

    private MetricsConfiguration find(Bucket bucket, String id) {
        String document = bucket.configurations().get(MetricsConfiguration.KEY_PREFIX + id);
        if (document == null) {
            throw new AwsException(S3Error.NO_SUCH_CONFIGURATION, "The specified configuration does not exist.");
        }
        return parsed(document);
    }

    private static String requiredId(S3Request request) {
        String id = request.param("id");
        if (id == null || id.isEmpty()) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Missing required parameter: id")
                    .detail("ArgumentName", "id");
        }
        return id;
    }

    private static MetricsConfiguration read(Params root) {
        String id = root.string("Id");
        if (!MetricsConfiguration.validId(id)) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, id == null ? "The XML you provided was not well-formed or "
                    + "did not validate against our published schema" : "Invalid id: " + id)
                    .detail("ArgumentName", "Id");
        }
        Params filter = root.object("Filter");
        if (!filter.isPresent()) {
            return new MetricsConfiguration(id, null, Map.of(), null);
        }
        Params conditions = filter.has("And") ? filter.object("And") : filter;
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : conditions.list("Tag")) {
            if (tag.string("Key") == null) {
                throw new AwsException(S3Error.MALFORMED_XML, "The XML you provided was not well-formed or did not "
                        + "validate against our published schema");
            }
            tags.put(tag.string("Key"), tag.string("Value", ""));
        }
        return new MetricsConfiguration(id, conditions.string("Prefix"), tags, conditions.string("AccessPointArn"));
    }

    /** The configuration as S3 renders it: its conditions in a {@code Filter}, under {@code And} when several. */
    static String render(MetricsConfiguration config, boolean namespace) {
        XmlWriter xml = new XmlWriter(false);
        if (namespace) {
            xml.start(ROOT, S3State.XMLNS);
        } else {
            xml.start(ROOT);
        }
        xml.element("Id", config.id());
        int conditions = (config.prefix() != null ? 1 : 0) + config.tags().size() + (config.accessPointArn() != null ? 1 : 0);
        if (conditions > 0) {
            xml.start("Filter");
            if (conditions > 1) {
                xml.start("And");
            }
            if (config.prefix() != null) {
                xml.element("Prefix", config.prefix());
            }
            config.tags().forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end("Tag"));
            if (config.accessPointArn() != null) {
                xml.element("AccessPointArn", config.accessPointArn());
            }
            if (conditions > 1) {
                xml.end("And");
            }
            xml.end("Filter");
        }
        return xml.end(ROOT).toString();
    }
}
