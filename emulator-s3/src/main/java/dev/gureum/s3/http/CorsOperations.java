package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CORS as S3 applies a bucket's rules: preflight {@code OPTIONS} requests and headers on actual responses. */
final class CorsOperations {

    private CorsOperations() {
    }

    /** The rules of the bucket's stored CORS configuration, or none. */
    static List<Params> rules(Bucket bucket) {
        String config = bucket == null ? null : bucket.configurations().get("cors");
        if (config == null) {
            return List.of();
        }
        return XmlDecoder.parse(config.getBytes(StandardCharsets.UTF_8)).root().list("CORSRule");
    }

    static void preflight(S3Request request, Bucket bucket) {
        String origin = request.header("Origin");
        String method = request.header("Access-Control-Request-Method");
        if (origin == null || method == null) {
            throw new AwsException(S3Error.BAD_REQUEST,
                    "Insufficient information. Origin request header needed.");
        }
        List<Params> rules = rules(bucket);
        if (rules.isEmpty()) {
            throw new AwsException(S3Error.CORS_FORBIDDEN, "CORSResponse: CORS is not enabled for this bucket.")
                    .detail("Method", method).detail("ResourceType", request.key() == null ? "BUCKET" : "OBJECT");
        }
        List<String> requestedHeaders = new ArrayList<>();
        String acrh = request.header("Access-Control-Request-Headers");
        if (acrh != null) {
            for (String h : acrh.split(",")) {
                if (!h.isBlank()) {
                    requestedHeaders.add(h.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Params rule : rules) {
            if (matchesOrigin(rule, origin) && rule.stringList("AllowedMethod").contains(method)
                    && allowsHeaders(rule, requestedHeaders)) {
                writeHeaders(request, rule, origin);
                S3Responses.header(request, "Access-Control-Allow-Methods", String.join(", ", rule.stringList("AllowedMethod")));
                if (!requestedHeaders.isEmpty()) {
                    S3Responses.header(request, "Access-Control-Allow-Headers", String.join(", ", requestedHeaders));
                }
                String maxAge = rule.string("MaxAgeSeconds");
                S3Responses.header(request, "Access-Control-Max-Age", maxAge);
                request.exchange().setStatusCode(200);
                request.exchange().getResponseHeaders().put(io.undertow.util.Headers.CONTENT_LENGTH, 0);
                request.exchange().endExchange();
                return;
            }
        }
        throw new AwsException(S3Error.CORS_FORBIDDEN, "CORSResponse: This CORS request is not allowed. This is usually "
                + "because the evalution of Origin, request method / Access-Control-Request-Method or "
                + "Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.")
                .detail("Method", method).detail("ResourceType", request.key() == null ? "BUCKET" : "OBJECT");
    }

    /** Adds the CORS headers of the first matching rule to an actual (non-preflight) response. */
    static void applyToResponse(S3Request request) {
        String origin = request.header("Origin");
        if (origin == null || request.corsRules().isEmpty()) {
            return;
        }
        String method = request.method();
        for (Params rule : request.corsRules()) {
            if (matchesOrigin(rule, origin) && rule.stringList("AllowedMethod").contains(method)) {
                writeHeaders(request, rule, origin);
                S3Responses.header(request, "Access-Control-Allow-Methods", String.join(", ", rule.stringList("AllowedMethod")));
                S3Responses.header(request, "Access-Control-Max-Age", rule.string("MaxAgeSeconds"));
                return;
            }
        }
    }

    private static void writeHeaders(S3Request request, Params rule, String origin) {
        boolean any = rule.stringList("AllowedOrigin").contains("*");
        S3Responses.header(request, "Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) {
            S3Responses.header(request, "Access-Control-Allow-Credentials", "true");
        }
        S3Responses.header(request, "Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        List<String> expose = rule.stringList("ExposeHeader");
        if (!expose.isEmpty()) {
            S3Responses.header(request, "Access-Control-Expose-Headers", String.join(", ", expose));
        }
    }

    private static boolean matchesOrigin(Params rule, String origin) {
        for (String allowed : rule.stringList("AllowedOrigin")) {
            if (wildcard(allowed, origin)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsHeaders(Params rule, List<String> requested) {
        List<String> allowed = rule.stringList("AllowedHeader");
        for (String header : requested) {
            boolean ok = false;
            for (String a : allowed) {
                if (wildcard(a.toLowerCase(Locale.ROOT), header)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** S3's patterns allow one {@code *} that matches any characters. */
    static boolean wildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }
}
