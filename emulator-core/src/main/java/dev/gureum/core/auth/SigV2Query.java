package dev.gureum.core.auth;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.FormDecoder;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query services' Signature Version 2 ({@code AWSAccessKeyId}, {@code SignatureVersion=2},
 * {@code SignatureMethod}, {@code Timestamp} or {@code Expires}, {@code Signature}), in the form body
 * of a POST or in the query string. A verified request acts as the key's account.
 */
final class SigV2Query {

    private final SignatureVerifier verifier;
    private final HttpServerExchange exchange;
    private final RequestContext ctx;
    private final Map<String, List<String>> params;

    SigV2Query(SignatureVerifier verifier, HttpServerExchange exchange, RequestContext ctx, byte[] body) {
        this.verifier = verifier;
        this.exchange = exchange;
        this.ctx = ctx;
        this.params = params(exchange, body);
    }

    /** The credential of a form body signed with SigV2, or {@code null} when the body carries none. */
    static SigV4Credential fromForm(HttpServerExchange exchange, byte[] body) {
        Map<String, List<String>> form = formBody(exchange, body);
        return SigV4Parser.fromV2Form(first(form, "AWSAccessKeyId"), first(form, "Signature"));
    }

    void verify(SigV4Credential credential) {
        String version = first(params, "SignatureVersion");
        if (!"2".equals(version)) {
            throw new AwsException(CommonError.INCOMPLETE_SIGNATURE, version == null
                    ? "Request must contain the parameter SignatureVersion"
                    : "Signature version " + version + " is not supported (use 2, or Signature Version 4)");
        }
        String method = first(params, "SignatureMethod");
        String mac = "HmacSHA256".equals(method) ? "HmacSHA256" : "HmacSHA1".equals(method) ? "HmacSHA1" : null;
        if (mac == null) {
            throw new AwsException(CommonError.INCOMPLETE_SIGNATURE, method == null
                    ? "Request must contain the parameter SignatureMethod"
                    : "Signature method " + method + " is not supported (use HmacSHA256 or HmacSHA1)");
        }
        String timestamp = first(params, "Timestamp");
        String expires = first(params, "Expires");
        if (timestamp == null && expires == null) {
            throw new AwsException(CommonError.INCOMPLETE_SIGNATURE, "Request must contain either a valid Timestamp or "
                    + "Expires parameter");
        }
        if (expires != null) {
            Instant until;
            try {
                until = OffsetDateTime.parse(expires).toInstant();
            } catch (DateTimeParseException e) {
                throw new AwsException(CommonError.INVALID_PARAMETER_VALUE, "Invalid Expires value: " + expires);
            }
            if (ctx.now().isAfter(until)) {
                throw new AwsException(CommonError.REQUEST_EXPIRED, "Request has expired. Expires date is " + expires);
            }
        }
        String secret = verifier.secretOf(credential.accessKeyId(), false);
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        String path = exchange.getRequestURI();
        String stringToSign = SigV2.queryStringToSign(exchange.getRequestMethod().toString(),
                host == null ? exchange.getHostAndPort() : host, path, params);
        if (!SignatureVerifier.constantTimeEquals(SigV2.sign(secret, stringToSign, mac), credential.signature())) {
            throw new AwsException(CommonError.SIGNATURE_DOES_NOT_MATCH, SignatureVerifier.mismatchMessage());
        }
        ctx.credential(credential);
        ctx.accountId(verifier.accountOf(credential.accessKeyId()));
    }

    /** Every parameter: the query string's, then a form body's. */
    private static Map<String, List<String>> params(HttpServerExchange exchange, byte[] body) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        try {
            FormDecoder.decode(exchange.getQueryString()).forEach((k, v) -> all.computeIfAbsent(k,
                    x -> new java.util.ArrayList<>()).addAll(v));
        } catch (IllegalArgumentException e) {
            throw new AwsException(CommonError.MALFORMED_QUERY_STRING, "Invalid percent-encoding in the query string");
        }
        formBody(exchange, body).forEach((k, v) -> all.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        return all;
    }

    private static Map<String, List<String>> formBody(HttpServerExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (body == null || body.length == 0 || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        try {
            return FormDecoder.decode(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
