package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.CorsRule;
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
    static List<CorsRule> rules(Bucket bucket) {
        String config = bucket == null ? null : bucket.configurations().get("cors");
        if (config == null) {
            return List.of();
        }
        List<CorsRule> rules = new ArrayList<>();
        for (Params rule : XmlDecoder.parse(config.getBytes(StandardCharsets.UTF_8)).root().list("CORSRule")) {
            rules.add(new CorsRule(rule.stringList("AllowedOrigin"), rule.stringList("AllowedMethod"),
                    rule.stringList("AllowedHeader"), rule.stringList("ExposeHeader"), rule.string("MaxAgeSeconds")));
        }
        return rules;
    }

    static void preflight(S3Request request, Bucket bucket) {
        String origin = request.header("Origin");
        String method = request.header("Access-Control-Request-Method");
        if (origin == null || method == null) {
            throw new AwsException(S3Error.BAD_REQUEST,
                    "Insufficient information. Origin request header needed.");
        }
        List<CorsRule> rules = rules(bucket);
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
        CorsRule rule = CorsRule.firstAdmittingPreflight(rules, origin, method, requestedHeaders);
        if (rule == null) {
            throw new AwsException(S3Error.CORS_FORBIDDEN, "CORSResponse: This CORS request is not allowed. This is "
                    + "usually because the evalution of Origin, request method / Access-Control-Request-Method or "
                    + "Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.")
                    .detail("Method", method).detail("ResourceType", request.key() == null ? "BUCKET" : "OBJECT");
        }
        writeHeaders(request, rule, origin);
        S3Responses.header(request, "Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!requestedHeaders.isEmpty()) {
            S3Responses.header(request, "Access-Control-Allow-Headers", String.join(", ", requestedHeaders));
        }
        S3Responses.header(request, "Access-Control-Max-Age", rule.maxAgeSeconds());
        request.exchange().setStatusCode(200);
        request.exchange().getResponseHeaders().put(io.undertow.util.Headers.CONTENT_LENGTH, 0);
        request.exchange().endExchange();
    }

    /** Adds the CORS headers of the first matching rule to an actual (non-preflight) response. */
    static void applyToResponse(S3Request request) {
        String origin = request.header("Origin");
        if (origin == null || request.corsRules().isEmpty()) {
            return;
        }
        CorsRule rule = CorsRule.firstAdmitting(request.corsRules(), origin, request.method());
        if (rule != null) {
            writeHeaders(request, rule, origin);
            S3Responses.header(request, "Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
            S3Responses.header(request, "Access-Control-Max-Age", rule.maxAgeSeconds());
        }
    }

    private static void writeHeaders(S3Request request, CorsRule rule, String origin) {
        S3Responses.header(request, "Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
        if (!rule.anyOrigin()) {
            S3Responses.header(request, "Access-Control-Allow-Credentials", "true");
        }
        S3Responses.header(request, "Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        if (!rule.exposeHeaders().isEmpty()) {
            S3Responses.header(request, "Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
    }
}
