package dev.gureum.core.auth;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.FormDecoder;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks signatures as AWS does, for {@code --verify-signatures}: SigV4 by rebuilding the canonical
 * request from what arrived and comparing the signature derived from the configured secret; SigV2 in
 * S3's header and query forms and in the query services' {@code SignatureVersion=2} form. SigV4a
 * (ECDSA) is refused as an unsupported algorithm. Anonymous requests are refused except to S3, which
 * judges them itself (they act as no account there).
 */
public final class SignatureVerifier {

    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.";

    /** S3 names the unknown-key and mismatch errors its own way. */
    private enum S3Error implements AwsError {
        INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
        SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
        ACCESS_DENIED("AccessDenied", 403),
        INVALID_ARGUMENT("InvalidArgument", 400),
        AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400);

        private final String code;
        private final int status;

        S3Error(String code, int status) {
            this.code = code;
            this.status = status;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public int status() {
            return status;
        }
    }

    private final AccessKeys accessKeys;

    public SignatureVerifier(AccessKeys accessKeys) {
        this.accessKeys = accessKeys;
    }

    /**
     * @param body the request body when it has been read, else {@code null} (then the payload hash
     *             comes from {@code x-amz-content-sha256}, as S3 clients always send it)
     */
    public void verify(HttpServerExchange exchange, RequestContext ctx, byte[] body) {
        boolean s3 = ctx.service() != null && ctx.service().name().equals("s3");
        if (s3 && exchange.getRequestMethod().equalToString("OPTIONS")) {
            // a CORS preflight is never authenticated (browsers send it without credentials), even to a
            // presigned URL whose signature is for another method: S3 answers it from the bucket's CORS rules
            return;
        }
        SigV4Credential credential = ctx.credential();
        if (credential == null) {
            SigV4Credential formV2 = s3 ? null : SigV2Query.fromForm(exchange, body);
            if (formV2 != null) {
                new SigV2Query(this, exchange, ctx, body).verify(formV2);
                return;
            }
            // paths a service declares unsigned (Lambda's Runtime API, called by function processes, as on AWS)
            if (s3 || ctx.service() != null && ctx.service().routes().unsignedPath(exchange.getRequestPath())) {
                return;
            }
            throw new AwsException(CommonError.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        if (credential.algorithm().equals("AWS")) {
            if (s3) {
                verifyS3V2(exchange, credential);
            } else {
                new SigV2Query(this, exchange, ctx, body).verify(credential);
            }
            return;
        }
        if (!credential.isSigV4()) {
            throw unsupportedAlgorithm(s3, credential);
        }
        String secret = secretOf(credential.accessKeyId(), s3);
        String amzDate = credential.presigned() ? credential.amzDate() : header(exchange, "x-amz-date");
        if (amzDate == null) {
            amzDate = header(exchange, "date");
        }
        if (amzDate == null) {
            throw new AwsException(CommonError.INCOMPLETE_SIGNATURE,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        String canonical = canonicalRequest(exchange, credential, s3, payloadHash(exchange, credential, s3, body));
        String scope = credential.date() + "/" + credential.region() + "/" + credential.service() + "/aws4_request";
        String stringToSign = SigV4Parser.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(
                canonical.getBytes(StandardCharsets.UTF_8));
        String expected = signature(secret, credential.date(), credential.region(), credential.service(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credential.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            AwsException error = new AwsException(s3 ? S3Error.SIGNATURE_DOES_NOT_MATCH
                    : CommonError.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH);
            if (s3) {
                error.detail("AWSAccessKeyId", credential.accessKeyId())
                        .detail("StringToSign", stringToSign)
                        .detail("SignatureProvided", credential.signature())
                        .detail("CanonicalRequest", canonical);
            }
            throw error;
        }
    }

    /** The secret of a key, or the error AWS answers for a key it does not know. */
    String secretOf(String accessKeyId, boolean s3) {
        return accessKeys.secretOf(accessKeyId).orElseThrow(() -> s3
                ? new AwsException(S3Error.INVALID_ACCESS_KEY_ID,
                        "The AWS Access Key Id you provided does not exist in our records.")
                        .detail("AWSAccessKeyId", accessKeyId)
                : new AwsException(CommonError.INVALID_CLIENT_TOKEN_ID,
                        "The security token included in the request is invalid."));
    }

    /** S3's SigV2: HMAC-SHA1 of its StringToSign, from the Authorization header or the query string. */
    private void verifyS3V2(HttpServerExchange exchange, SigV4Credential credential) {
        String dateLine;
        if (credential.presigned()) {
            dateLine = exchange.getQueryParameters().containsKey("Expires")
                    ? exchange.getQueryParameters().get("Expires").getFirst() : null;
            if (dateLine == null) {
                throw new AwsException(S3Error.ACCESS_DENIED,
                        "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
            }
        } else if (header(exchange, "x-amz-date") != null) {
            dateLine = "";
        } else {
            dateLine = header(exchange, "date");
            if (dateLine == null) {
                throw new AwsException(S3Error.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header");
            }
        }
        String secret = secretOf(credential.accessKeyId(), true);
        String stringToSign = SigV2.s3StringToSign(exchange, dateLine.trim(), false);
        boolean matches = constantTimeEquals(SigV2.sign(secret, stringToSign, "HmacSHA1"), credential.signature());
        if (!matches && SigV2.isBucketPath(exchange)) {
            // a path-style request for the bucket itself ("/bucket?list-type=2") is signed as "/bucket/" by
            // botocore and as sent by others: both prove the secret
            matches = constantTimeEquals(SigV2.sign(secret, SigV2.s3StringToSign(exchange, dateLine.trim(), true),
                    "HmacSHA1"), credential.signature());
        }
        if (!matches) {
            throw new AwsException(S3Error.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH)
                    .detail("AWSAccessKeyId", credential.accessKeyId())
                    .detail("StringToSign", stringToSign)
                    .detail("SignatureProvided", credential.signature())
                    .detail("StringToSignBytes", SigV2.hexBytes(stringToSign));
        }
    }

    /** SigV4a (ECDSA P-256) is not verified here, so it is refused as S3 and the other services refuse an unknown algorithm. */
    private static AwsException unsupportedAlgorithm(boolean s3, SigV4Credential credential) {
        if (s3 && credential.presigned()) {
            return new AwsException(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        if (s3) {
            return new AwsException(S3Error.INVALID_ARGUMENT, "Unsupported Authorization Type")
                    .detail("ArgumentName", "Authorization")
                    .detail("ArgumentValue", credential.algorithm());
        }
        return new AwsException(CommonError.INCOMPLETE_SIGNATURE, "Unsupported Authorization Type: "
                + credential.algorithm() + " (sign with AWS4-HMAC-SHA256)");
    }

    String accountOf(String accessKeyId) {
        return accessKeys.accountOf(accessKeyId);
    }

    static boolean constantTimeEquals(String expected, String provided) {
        return provided != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                provided.getBytes(StandardCharsets.UTF_8));
    }

    static String mismatchMessage() {
        return SIGNATURE_MISMATCH;
    }

    static String payloadHash(HttpServerExchange exchange, SigV4Credential credential, boolean s3, byte[] body) {
        String declared = header(exchange, "x-amz-content-sha256");
        if (credential.presigned()) {
            Map<String, java.util.Deque<String>> query = exchange.getQueryParameters();
            if (query.containsKey("X-Amz-Content-Sha256")) {
                return query.get("X-Amz-Content-Sha256").getFirst();
            }
            if (s3) {
                return "UNSIGNED-PAYLOAD";
            }
        }
        if (declared != null) {
            return declared;
        }
        return sha256Hex(body == null ? new byte[0] : body);
    }

    static String canonicalRequest(HttpServerExchange exchange, SigV4Credential credential, boolean s3,
                                   String payloadHash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(exchange.getRequestMethod().toString()).append('\n');
        String rawPath = exchange.getRequestURI();
        if (rawPath.isEmpty()) {
            rawPath = "/";
        }
        // S3 signs the path as sent; other services sign it URI-encoded once more
        sb.append(s3 ? rawPath : encode(rawPath, false)).append('\n');
        sb.append(canonicalQuery(exchange.getQueryString(), credential.presigned())).append('\n');
        for (String name : credential.signedHeaders()) {
            sb.append(name).append(':').append(canonicalHeaderValue(exchange, name)).append('\n');
        }
        sb.append('\n').append(String.join(";", credential.signedHeaders())).append('\n');
        sb.append(payloadHash);
        return sb.toString();
    }

    static String canonicalQuery(String queryString, boolean presigned) {
        if (queryString == null || queryString.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {encode(name, true), encode(value, true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    private static String decode(String text) {
        try {
            return FormDecoder.percentDecode(text, false);
        } catch (IllegalArgumentException e) {
            throw new AwsException(CommonError.MALFORMED_QUERY_STRING, "Invalid percent-encoding in the query string");
        }
    }

    private static String canonicalHeaderValue(HttpServerExchange exchange, String name) {
        HeaderValues values = exchange.getRequestHeaders().get(name);
        if (values == null) {
            if (name.equals("host")) {
                return exchange.getHostAndPort();
            }
            return "";
        }
        List<String> trimmed = new ArrayList<>(values.size());
        for (String v : values) {
            trimmed.add(v.trim().replaceAll(" +", " "));
        }
        return String.join(",", trimmed);
    }

    /** RFC 3986 encoding of everything but unreserved characters (and {@code /} in paths). */
    static String encode(String text, boolean encodeSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' && !encodeSlash) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    public static String signature(String secret, String date, String region, String service, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpServerExchange exchange, String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }
}
