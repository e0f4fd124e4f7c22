package dev.gureum.s3.domain;

import java.util.List;
import java.util.Locale;

/**
 * One rule of a bucket's CORS configuration: which origins may use which methods with which request
 * headers, what response headers browsers may read, and how long a preflight answer may be cached.
 *
 * @param maxAgeSeconds {@code null} when the rule sets none
 */
public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, String maxAgeSeconds) {

    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether the rule admits a request from {@code origin} with {@code method}. */
    public boolean admits(String origin, String method) {
        return allowedMethods.contains(method) && allowedOrigins.stream().anyMatch(o -> wildcard(o, origin));
    }

    /** Whether the rule admits a preflight for {@code origin}, {@code method} and the (lower-case) request headers. */
    public boolean admitsPreflight(String origin, String method, List<String> requestedHeaders) {
        if (!admits(origin, method)) {
            return false;
        }
        for (String header : requestedHeaders) {
            if (allowedHeaders.stream().noneMatch(a -> wildcard(a.toLowerCase(Locale.ROOT), header))) {
                return false;
            }
        }
        return true;
    }

    /** Whether any origin is admitted ({@code *}): S3 then answers {@code *} and no credentials. */
    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    /** The first rule that admits the request, or {@code null}. */
    public static CorsRule firstAdmitting(List<CorsRule> rules, String origin, String method) {
        return rules.stream().filter(r -> r.admits(origin, method)).findFirst().orElse(null);
    }

    /** The first rule that admits the preflight, or {@code null}. */
    public static CorsRule firstAdmittingPreflight(List<CorsRule> rules, String origin, String method,
                                                   List<String> requestedHeaders) {
        return rules.stream().filter(r -> r.admitsPreflight(origin, method, requestedHeaders)).findFirst().orElse(null);
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
