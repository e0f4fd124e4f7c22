package dev.gureum.lambda.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Presigned download URLs for deployment packages ({@code GetFunction}'s {@code Code.Location}, a layer
 * version's {@code Content.Location}). As AWS's, they are valid for ten minutes; the signature is an
 * HMAC-SHA256, with a secret of this server made at random, over the kind of package, the function or layer
 * version ARN, the package's content hash (a URL made before the code changed does not serve the new code)
 * and the expiry.
 */
final class CodeUrls {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** What checking a URL found. */
    enum Verdict { VALID, MALFORMED, FORGED, EXPIRED }

    private final byte[] secret = new byte[32];
    private final Clock clock;

    CodeUrls(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /**
     * @param kind     {@code code} or {@code layer-code}, the path under {@code /_gureum/lambda/}
     * @param codeKey  the package's hex SHA-256
     */
    String location(String baseUrl, String kind, String arn, String codeKey) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        return baseUrl + "/_gureum/lambda/" + kind + "?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8)
                + "&code=" + codeKey + "&expires=" + expires + "&signature=" + sign(kind, arn, codeKey, expires);
    }

    /** Checks the query parameters of a download; every one of them is required. */
    Verdict verify(String kind, String arn, String codeKey, String expires, String signature) {
        if (arn == null || arn.isEmpty() || codeKey == null || !HEX64.matcher(codeKey).matches() || expires == null
                || !expires.matches("\\d{1,12}") || signature == null || !HEX64.matcher(signature).matches()) {
            return Verdict.MALFORMED;
        }
        long expiry = Long.parseLong(expires);
        byte[] expected = sign(kind, arn, codeKey, expiry).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORGED;
        }
        return clock.instant().getEpochSecond() > expiry ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String sign(String kind, String arn, String codeKey, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String text = kind + "\n" + arn + "\n" + codeKey + "\n" + expires;
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
