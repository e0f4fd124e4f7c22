package dev.gureum.core.auth;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.FormDecoder;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strings AWS's Signature Version 2 signs: S3's (header and query forms: HMAC-SHA1 over method,
 * Content-MD5, Content-Type, Date or Expires, the {@code x-amz-*} headers and the resource) and the
 * query services' ({@code SignatureVersion=2}: HMAC-SHA256 or HMAC-SHA1 over method, host, path and
 * the sorted, encoded parameters).
 */
public final class SigV2 {

    /** The query parameters S3 includes in the canonicalized resource; all others are left out. */
    static final Set<String> S3_SUBRESOURCES = Set.of("accelerate", "acl", "cors", "defaultObjectAcl", "delete",
            "lifecycle", "location", "logging", "notification", "partNumber", "policy", "replication", "requestPayment",
            "restore", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
            "analytics", "metrics", "inventory", "select", "select-type", "object-lock", "storageClass",
            "response-content-type", "response-content-language", "response-expires", "response-cache-control",
            "response-content-disposition", "response-content-encoding");

    /** Virtual-hosted S3 addresses: the bucket is the part before {@code .s3...} (or {@code .localhost}). */
    private static final Pattern VIRTUAL_HOST = Pattern.compile(
            "^(.+?)\\.(?:s3(?:[.-][a-z0-9-]+)?\\.(?:localhost\\.localstack\\.cloud|amazonaws\\.com(?:\\.cn)?)|localhost)$");

    private SigV2() {
    }

    /**
     * S3's StringToSign. {@code dateOrExpires} is the {@code Date} header (empty when {@code x-amz-date}
     * is sent), or a query-string request's {@code Expires}.
     */
    static String s3StringToSign(HttpServerExchange exchange, String dateOrExpires, boolean bucketSlash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(exchange.getRequestMethod().toString()).append('\n');
        sb.append(headerOrEmpty(exchange, "Content-MD5")).append('\n');
        sb.append(headerOrEmpty(exchange, "Content-Type")).append('\n');
        sb.append(dateOrExpires).append('\n');
        TreeMap<String, String> amz = new TreeMap<>();
        for (var name : exchange.getRequestHeaders().getHeaderNames()) {
            String lower = name.toString().toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                HeaderValues values = exchange.getRequestHeaders().get(name);
                List<String> unfolded = new ArrayList<>(values.size());
                for (String v : values) {
                    unfolded.add(v.replaceAll("\\s*\\r?\\n\\s*", " ").trim());
                }
                amz.merge(lower, String.join(",", unfolded), (a, b) -> a + "," + b);
            }
        }
        amz.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append(s3Resource(exchange, bucketSlash));
        return sb.toString();
    }

    /** The canonicalized resource: {@code /bucket/key} as sent, then the signed subresources, sorted. */
    static String s3Resource(HttpServerExchange exchange, boolean bucketSlash) {
        StringBuilder sb = new StringBuilder();
        String host = exchange.getRequestHeaders().getFirst("Host");
        String hostName = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        Matcher m = VIRTUAL_HOST.matcher(hostName);
        if (m.matches() && !m.group(1).equals("s3")) {
            sb.append('/').append(m.group(1));
        }
        String path = exchange.getRequestURI();
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        sb.append(path.isEmpty() ? "/" : path);
        if (bucketSlash) {
            sb.append('/');
        }
        TreeMap<String, String> signed = new TreeMap<>();
        String query = exchange.getQueryString();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (S3_SUBRESOURCES.contains(name)) {
                    signed.putIfAbsent(name, eq < 0 ? null : decode(pair.substring(eq + 1)));
                }
            }
        }
        char sep = '?';
        for (Map.Entry<String, String> e : signed.entrySet()) {
            sb.append(sep).append(e.getKey());
            if (e.getValue() != null) {
                sb.append('=').append(e.getValue());
            }
            sep = '&';
        }
        return sb.toString();
    }

    /** Whether the request is path style and names a bucket alone, without a trailing slash. */
    static boolean isBucketPath(HttpServerExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String hostName = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        Matcher m = VIRTUAL_HOST.matcher(hostName);
        String path = exchange.getRequestPath();
        return !(m.matches() && !m.group(1).equals("s3")) && path.length() > 1 && path.indexOf('/', 1) < 0;
    }

    /**
     * The query services' StringToSign: method, lower-case host, path and every parameter but
     * {@code Signature}, sorted by name and RFC 3986 encoded.
     */
    static String queryStringToSign(String method, String host, String path, Map<String, List<String>> params) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        params.forEach((name, values) -> {
            if (!name.equals("Signature")) {
                sorted.put(SignatureVerifier.encode(name, true), values.stream()
                        .map(v -> SignatureVerifier.encode(v, true)).sorted().toList());
            }
        });
        StringBuilder query = new StringBuilder();
        sorted.forEach((name, values) -> values.forEach(v -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(name).append('=').append(v);
        }));
        return method + "\n" + host.toLowerCase(Locale.ROOT) + "\n" + (path.isEmpty() ? "/" : path) + "\n" + query;
    }

    /** Base64 of the HMAC ({@code HmacSHA1} or {@code HmacSHA256}) of {@code stringToSign} with the secret. */
    public static String sign(String secret, String stringToSign, String macAlgorithm) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The StringToSign's bytes as S3 shows them in a mismatch: two hex digits each, space separated. */
    static String hexBytes(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private static String headerOrEmpty(HttpServerExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value.trim();
    }

    private static String decode(String text) {
        try {
            return FormDecoder.percentDecode(text, false);
        } catch (IllegalArgumentException e) {
            throw new AwsException(CommonError.MALFORMED_QUERY_STRING, "Invalid percent-encoding in the query string");
        }
    }
}
