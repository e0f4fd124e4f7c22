package dev.gureum.core.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parses SigV4 (and the older SigV2 and the SigV4a header forms) into a {@link SigV4Credential}.
 * Parsing never fails the request: what cannot be read is reported as {@link Malformed} so that the
 * caller decides (lenient by default, an error in strict mode).
 */
public final class SigV4Parser {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String ALGORITHM_V4A = "AWS4-ECDSA-P256-SHA256";

    private SigV4Parser() {
    }

    /** The outcome of parsing: a credential, nothing (anonymous), or a malformed signature. */
    public sealed interface Result permits Parsed, Anonymous, Malformed {
    }

    public record Parsed(SigV4Credential credential) implements Result {
    }

    public record Anonymous() implements Result {
    }

    public record Malformed(String message) implements Result {
    }

    /**
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param query         the decoded query parameters (first value of each)
     */
    public static Result parse(String authorization, Map<String, String> query) {
        if (authorization != null && !authorization.isBlank()) {
            return parseHeader(authorization.trim());
        }
        if (query != null && query.containsKey("X-Amz-Credential")) {
            return parsePresigned(query);
        }
        if (query != null && query.containsKey("AWSAccessKeyId") && query.containsKey("Signature")) {
            // SigV2 presigned URL
            return new Parsed(new SigV4Credential("AWS", query.get("AWSAccessKeyId"), null, null, null,
                    List.of(), query.get("Signature"), true, null, null));
        }
        return new Anonymous();
    }

    /**
     * The credential of a query-protocol form body signed with SigV2 ({@code AWSAccessKeyId} and {@code Signature}
     * among its fields, as older SDKs send SQS, SNS and EC2 calls), or {@code null} when it carries none.
     */
    public static SigV4Credential fromV2Form(String accessKeyId, String signature) {
        if (accessKeyId == null || accessKeyId.isEmpty() || signature == null) {
            return null;
        }
        return new SigV4Credential("AWS", accessKeyId, null, null, null, List.of(), signature, false, null, null);
    }

    static Result parseHeader(String header) {
        int space = header.indexOf(' ');
        String algorithm = space < 0 ? header : header.substring(0, space);
        String rest = space < 0 ? "" : header.substring(space + 1).trim();
        if (algorithm.equals("AWS")) {
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                return new Malformed("Authorization header is invalid -- one and only one ' ' (space) required");
            }
            return new Parsed(new SigV4Credential("AWS", rest.substring(0, colon), null, null, null, List.of(),
                    rest.substring(colon + 1), false, null, null));
        }
        if (!algorithm.equals(ALGORITHM) && !algorithm.equals(ALGORITHM_V4A)) {
            return new Malformed("Unsupported Authorization Type");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : rest.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> {
                    // other components are not part of SigV4
                }
            }
        }
        if (credential == null) {
            return new Malformed("Authorization header requires 'Credential' parameter. Authorization=" + header);
        }
        if (signedHeaders == null) {
            return new Malformed("Authorization header requires 'SignedHeaders' parameter. Authorization=" + header);
        }
        if (signature == null) {
            return new Malformed("Authorization header requires 'Signature' parameter. Authorization=" + header);
        }
        return scope(algorithm, credential, signedHeaders, signature, false, null, null);
    }

    static Result parsePresigned(Map<String, String> query) {
        String algorithm = query.getOrDefault("X-Amz-Algorithm", ALGORITHM);
        String expires = query.get("X-Amz-Expires");
        Long expiresSeconds = null;
        if (expires != null) {
            try {
                expiresSeconds = Long.parseLong(expires);
            } catch (NumberFormatException e) {
                return new Malformed("X-Amz-Expires should be a number");
            }
        }
        return scope(algorithm, query.get("X-Amz-Credential"), query.getOrDefault("X-Amz-SignedHeaders", "host"),
                query.getOrDefault("X-Amz-Signature", ""), true, query.get("X-Amz-Date"), expiresSeconds);
    }

    private static Result scope(String algorithm, String credential, String signedHeaders, String signature,
                                boolean presigned, String amzDate, Long expires) {
        String[] parts = credential.split("/", -1);
        List<String> headers = signedHeaders.isEmpty() ? List.of() : Arrays.asList(signedHeaders.split(";"));
        // SigV4: AKID/date/region/service/aws4_request; SigV4a: AKID/date/service/aws4_request
        if (parts.length == 5 && parts[4].equals("aws4_request") && !parts[0].isEmpty()) {
            return new Parsed(new SigV4Credential(algorithm, parts[0], parts[1], parts[2], parts[3], headers,
                    signature, presigned, amzDate, expires));
        }
        if (parts.length == 4 && parts[3].equals("aws4_request") && !parts[0].isEmpty()) {
            return new Parsed(new SigV4Credential(algorithm, parts[0], parts[1], null, parts[2], headers,
                    signature, presigned, amzDate, expires));
        }
        return new Malformed("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
                + "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }
}
