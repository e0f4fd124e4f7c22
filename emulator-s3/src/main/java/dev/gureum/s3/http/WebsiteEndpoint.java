package dev.gureum.s3.http;

import dev.gureum.core.auth.Principal;
import dev.gureum.core.http.ErrorRenderer;
import dev.gureum.core.http.StreamingResponse;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Values;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.storage.RangeInputStream;
import dev.gureum.s3.website.WebsiteConfiguration;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The website endpoint of buckets ({@code <bucket>.s3-website-<region>.localhost.localstack.cloud}, or the
 * path form {@code /_gureum/s3-website/<bucket>/...}), answering as S3's website endpoint does: anonymous
 * GET and HEAD only; the index document for the root and for "folders" (a key without its slash is
 * redirected to it with 302); objects that anyone may read; 403 and 404 as HTML pages, or as the error
 * document with that status; {@code RedirectAllRequestsTo}, routing rules, and objects'
 * {@code x-amz-website-redirect-location}.
 */
final class WebsiteEndpoint {

    private final S3State state;

    WebsiteEndpoint(S3State state) {
        this.state = state;
    }

    /** An answer the endpoint gives instead of an object: its status, code and message, and details. */
    private record Failure(int status, String code, String message, Map<String, String> details) {
    }

    void serve(HttpServerExchange exchange, String bucketName, String path) {
        String requestId = Ids.s3RequestId();
        exchange.getResponseHeaders().put(HttpString.tryFromString("x-amz-request-id"), requestId);
        exchange.getResponseHeaders().put(HttpString.tryFromString("x-amz-id-2"), ErrorRenderer.hostId(requestId));
        String method = exchange.getRequestMethod().toString();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            page(exchange, head, new Failure(405, "MethodNotAllowed", "The specified method is not allowed against "
                    + "this resource.", Map.of("Method", method, "ResourceType", "OBJECT")), requestId, null);
            return;
        }
        Bucket bucket = state.buckets.get(bucketName);
        if (bucket == null) {
            page(exchange, head, new Failure(404, "NoSuchBucket", "The specified bucket does not exist",
                    Map.of("BucketName", bucketName)), requestId, null);
            return;
        }
        String document = bucket.configurations().get("website");
        if (document == null) {
            page(exchange, head, new Failure(404, "NoSuchWebsiteConfiguration",
                    "The specified bucket does not have a website configuration", Map.of("BucketName", bucketName)),
                    requestId, null);
            return;
        }
        WebsiteConfiguration website = parse(document);
        String protocol = exchange.getRequestScheme();
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (website.redirectAll() != null) {
            redirect(exchange, 301, website.redirectAll().location(protocol, path));
            return;
        }
        String key = path.startsWith("/") ? path.substring(1) : path;
        WebsiteConfiguration.RoutingRule rule = website.beforeLookup(key);
        if (rule != null) {
            redirect(exchange, rule.status(), rule.location(key, protocol, host));
            return;
        }
        String suffix = website.indexSuffix() == null ? "index.html" : website.indexSuffix();
        String objectKey = key.isEmpty() || key.endsWith("/") ? key + suffix : key;
        Failure failure = read(bucket, objectKey);
        if (failure == null) {
            S3Object object = bucket.current(objectKey);
            String redirectTo = object.headers().get("x-amz-website-redirect-location");
            if (redirectTo != null) {
                redirect(exchange, 301, redirectTo);
                return;
            }
            send(exchange, head, 200, object);
            return;
        }
        if (failure.status() == 404 && !key.isEmpty() && !key.endsWith("/")
                && read(bucket, key + "/" + suffix) == null) {
            // a "folder" named without its slash
            redirect(exchange, 302, "/" + key + "/");
            return;
        }
        WebsiteConfiguration.RoutingRule onError = website.onError(key, failure.status());
        if (onError != null) {
            redirect(exchange, onError.status(), onError.location(key, protocol, host));
            return;
        }
        Failure errorDocumentFailure = null;
        if (website.errorKey() != null) {
            errorDocumentFailure = read(bucket, website.errorKey());
            if (errorDocumentFailure == null) {
                send(exchange, head, failure.status(), bucket.current(website.errorKey()));
                return;
            }
        }
        page(exchange, head, failure, requestId, errorDocumentFailure);
    }

    /** {@code null} when anyone may read the key's current version, else what the endpoint answers. */
    private Failure read(Bucket bucket, String key) {
        S3Object object = bucket.current(key);
        boolean missing = object == null || object.deleteMarker();
        // a missing page of a bucket whose policy lets everyone read it is told as missing, so that error
        // documents and routing rules on 404 apply
        if (!state.access.allowed(bucket, Principal.anonymous(), "s3:GetObject", key, null, Map.of())
                && !(missing && state.access.policyAllows(bucket, Principal.anonymous(), "s3:GetObject", key))) {
            return new Failure(403, "AccessDenied", "Access Denied", Map.of());
        }
        if (missing) {
            // S3 tells a missing key from a forbidden one only to those who may list the bucket
            if (!state.access.allowed(bucket, Principal.anonymous(), "s3:ListBucket", null, null, Map.of())) {
                return new Failure(403, "AccessDenied", "Access Denied", Map.of());
            }
            return new Failure(404, "NoSuchKey", "The specified key does not exist.", Map.of("Key", key));
        }
        return null;
    }

    private void send(HttpServerExchange exchange, boolean head, int status, S3Object object) {
        exchange.setStatusCode(status);
        var h = exchange.getResponseHeaders();
        h.put(Headers.ETAG, object.quotedEtag());
        h.put(Headers.LAST_MODIFIED, Values.httpDate(object.lastModified()));
        for (Map.Entry<String, String> e : object.headers().entrySet()) {
            if (!e.getKey().startsWith("x-amz-")) {
                h.put(HttpString.tryFromString(e.getKey()), e.getValue());
            }
        }
        h.put(Headers.CONTENT_TYPE, object.contentType());
        h.put(Headers.CONTENT_LENGTH, object.size());
        if (head || object.size() == 0) {
            exchange.endExchange();
            return;
        }
        RangeInputStream in;
        try {
            in = new RangeInputStream(object.blob(), 0, object.size());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StreamingResponse.send(exchange, in.channel(), in.position(), in.remaining(), state.requestTimeoutMillis);
    }

    private static void redirect(HttpServerExchange exchange, int status, String location) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    /** S3's HTML error page; {@code errorDocument} is why the error document could not be served, if it could not. */
    private static void page(HttpServerExchange exchange, boolean head, Failure failure, String requestId,
                             Failure errorDocument) {
        String title = failure.status() + " " + switch (failure.status()) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
        StringBuilder html = new StringBuilder("<html>\n<head><title>").append(title).append("</title></head>\n<body>\n")
                .append("<h1>").append(title).append("</h1>\n<ul>\n")
                .append("<li>Code: ").append(failure.code()).append("</li>\n")
                .append("<li>Message: ").append(failure.message()).append("</li>\n");
        failure.details().forEach((name, value) -> html.append("<li>").append(name).append(": ")
                .append(escape(value)).append("</li>\n"));
        html.append("<li>RequestId: ").append(requestId).append("</li>\n")
                .append("<li>HostId: ").append(ErrorRenderer.hostId(requestId)).append("</li>\n</ul>\n");
        if (errorDocument != null) {
            html.append("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n")
                    .append("<li>Code: ").append(errorDocument.code()).append("</li>\n")
                    .append("<li>Message: ").append(errorDocument.message()).append("</li>\n");
            errorDocument.details().forEach((name, value) -> html.append("<li>").append(name).append(": ")
                    .append(escape(value)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<hr/>\n</body>\n</html>\n");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(failure.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static WebsiteConfiguration parse(String document) {
        Params root = XmlDecoder.parse(document.getBytes(StandardCharsets.UTF_8)).root();
        Params all = root.object("RedirectAllRequestsTo");
        WebsiteConfiguration.RedirectAll redirectAll = all.isPresent()
                ? new WebsiteConfiguration.RedirectAll(all.string("HostName"), all.string("Protocol")) : null;
        List<WebsiteConfiguration.RoutingRule> rules = new ArrayList<>();
        for (Params rule : root.object("RoutingRules").list("RoutingRule")) {
            Params condition = rule.object("Condition");
            Params redirect = rule.object("Redirect");
            rules.add(new WebsiteConfiguration.RoutingRule(condition.string("KeyPrefixEquals"),
                    condition.integer("HttpErrorCodeReturnedEquals"), redirect.string("Protocol"),
                    redirect.string("HostName"), redirect.string("ReplaceKeyPrefixWith"),
                    redirect.string("ReplaceKeyWith"), redirect.integer("HttpRedirectCode")));
        }
        return new WebsiteConfiguration(root.object("IndexDocument").string("Suffix"),
                root.object("ErrorDocument").string("Key"), redirectAll, rules);
    }
}
