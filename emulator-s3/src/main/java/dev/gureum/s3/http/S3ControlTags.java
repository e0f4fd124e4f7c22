package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestXmlCodec;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.TagSet;
import dev.gureum.s3.protocol.S3Error;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3 Control's tagging of buckets ({@code TagResource}, {@code UntagResource}, {@code ListTagsForResource}
 * on {@code /v20180820/tags/{resourceArn}}): the bucket's own tag set, as PutBucketTagging sees it. The
 * SDKs send them to {@code <account>.s3-control...} with the account in {@code x-amz-account-id}.
 */
final class S3ControlTags {

    static final String PATH = "/v20180820/tags/";
    private static final String API = "/v20180820/";
    private static final String XMLNS = "http://awss3control.amazonaws.com/doc/2018-08-20/";

    private final S3State state;

    S3ControlTags(S3State state) {
        this.state = state;
    }

    /** Whether a request is S3 Control's rather than a path-style request to a bucket {@code v20180820}. */
    static boolean addresses(String rawPath, String host, String accountHeader) {
        return rawPath.startsWith(API) && (accountHeader != null || host != null && host.contains("s3-control"));
    }

    /** The bucket a resource ARN names ({@code arn:aws:s3:::name}), or {@code null}. */
    static String bucketOf(String resourceArn) {
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (RuntimeException e) {
            return null;
        }
        if (!arn.service().equals("s3") && !arn.service().equals("s3express")) {
            return null;
        }
        String resource = arn.resource();
        if (resource.startsWith("bucket/")) {
            resource = resource.substring("bucket/".length());
        }
        return resource.isEmpty() || resource.contains("/") ? null : resource;
    }

    /** The operation of an S3 Control request: the tagging ones; any other is not implemented. */
    static S3Operation operation(S3Request request) {
        if (!request.exchange().getRequestPath().startsWith(PATH)) {
            return S3Operation.NOT_IMPLEMENTED;
        }
        return switch (request.method()) {
            case "POST" -> S3Operation.TAG_RESOURCE;
            case "DELETE" -> S3Operation.UNTAG_RESOURCE;
            case "GET" -> S3Operation.LIST_TAGS_FOR_RESOURCE;
            default -> S3Operation.METHOD_NOT_ALLOWED;
        };
    }

    /**
     * Runs an S3 Control operation; its errors are S3 Control's, an {@code <Error>} inside an
     * {@code <ErrorResponse>} (S3's own errors have no such wrapper).
     */
    void run(S3Request request, java.util.function.Consumer<S3Request> operation) {
        AwsException error;
        try {
            operation.accept(request);
            return;
        } catch (AwsException e) {
            error = e;
        } catch (dev.gureum.s3.domain.Refusal refusal) {
            error = dev.gureum.s3.protocol.S3Refusals.toAws(refusal, request.method());
        }
        io.undertow.server.HttpServerExchange exchange = request.exchange();
        String requestId = request.context().requestId();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Error><Code>")
                .append(escape(error.code())).append("</Code><Message>").append(escape(error.getMessage()))
                .append("</Message>");
        error.details().forEach((name, value) -> {
            if (value != null) {
                xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
            }
        });
        xml.append("</Error><RequestId>").append(escape(requestId)).append("</RequestId><HostId>")
                .append(escape(dev.gureum.core.http.ErrorRenderer.hostId(requestId))).append("</HostId></ErrorResponse>");
        exchange.setStatusCode(error.status());
        dev.gureum.core.http.Responses.send(exchange, "application/xml",
                xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private Bucket bucket(S3Request request) {
        if (request.bucket() == null) {
            throw new AwsException(S3Error.INVALID_REQUEST, "Invalid ARN: the resource is not a bucket");
        }
        return state.bucket(request);
    }

    void tagResource(S3Request request) {
        Bucket bucket = bucket(request);
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Params tag : request.xmlParams("TagResourceRequest").object("Tags").list("Tag")) {
            if (tag.string("Key") == null) {
                throw new AwsException(S3Error.MALFORMED_XML,
                        "The XML you provided was not well-formed or did not validate against our published schema");
            }
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(tag.string("Key"), tag.string("Value", "")));
        }
        Map<String, String> tags = new LinkedHashMap<>(bucket.tags());
        Map<String, String> added = TagSet.forBucket(pairs);
        tags.putAll(added);
        bucket.tags(TagSet.forBucket(new ArrayList<>(tags.entrySet())));
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    void untagResource(S3Request request) {
        Bucket bucket = bucket(request);
        Map<String, String> tags = new LinkedHashMap<>(bucket.tags());
        List<String> keys = request.query().getOrDefault("tagKeys", List.of());
        keys.forEach(tags::remove);
        bucket.tags(tags);
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    void listTagsForResource(S3Request request) {
        Bucket bucket = bucket(request);
        List<Object> items = new ArrayList<>();
        new java.util.TreeMap<>(bucket.tags()).forEach((k, v) -> items.add(Struct.of().put("Key", k).put("Value", v)));
        CorsOperations.applyToResponse(request);
        RestXmlCodec.send(request.exchange(), 200, "ListTagsForResourceResult", XMLNS,
                Struct.of().put("Tags", ListValue.wrapped(items, "Tag")));
    }
}
