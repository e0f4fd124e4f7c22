package dev.gureum.s3.http;

import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.auth.SignatureVerifier;
import dev.gureum.core.error.AwsException;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the signatures of a {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} body (and its {@code -TRAILER}
 * form) as the chunks arrive: each chunk's signature signs the SHA-256 of its data and the signature of
 * the chunk before it, the first one chaining from the request's own signature, so no chunk can be
 * changed, dropped or reordered. The trailer's signature chains from the last chunk's.
 */
final class ChunkSignatures {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final String secret;
    private final SigV4Credential credential;
    private final String amzDate;
    private final String scope;
    private final boolean trailer;
    private final MessageDigest chunkDigest = sha256();
    private String previous;
    private String current;

    private ChunkSignatures(String secret, SigV4Credential credential, String amzDate, boolean trailer) {
        this.secret = secret;
        this.credential = credential;
        this.amzDate = amzDate;
        this.scope = credential.date() + "/" + credential.region() + "/" + credential.service() + "/aws4_request";
        this.trailer = trailer;
        this.previous = credential.signature().toLowerCase(Locale.ROOT);
    }

    /** The checks for a request with signed chunks when signatures are verified, else {@code null}. */
    static ChunkSignatures of(S3Request request, S3State state) {
        String payload = request.header("x-amz-content-sha256");
        SigV4Credential credential = request.context().credential();
        if (!state.context.config().verifySignatures() || payload == null
                || !payload.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") || credential == null
                || !credential.isSigV4() || credential.presigned() || credential.signature() == null) {
            return null;
        }
        String secret = state.context.accessKeys().secretOf(credential.accessKeyId()).orElse(null);
        String amzDate = request.header("x-amz-date") != null ? request.header("x-amz-date") : request.header("Date");
        if (secret == null || amzDate == null) {
            // the request's own signature check has refused it already
            return null;
        }
        return new ChunkSignatures(secret, credential, amzDate, payload.endsWith("-TRAILER"));
    }

    /** A chunk begins: the one before it is complete and is checked. The last chunk has size 0. */
    void chunk(long size, String signature) {
        if (current != null) {
            check();
        }
        if (signature == null) {
            throw mismatch();
        }
        current = signature.toLowerCase(Locale.ROOT);
        chunkDigest.reset();
        if (size == 0) {
            check();
        }
    }

    void data(byte[] bytes, int offset, int length) {
        chunkDigest.update(bytes, offset, length);
    }

    /** The body has ended: with trailers, their signature is checked. */
    void finish(Map<String, String> trailers) {
        if (current != null) {
            throw mismatch();
        }
        if (!trailer) {
            return;
        }
        String signature = trailers.get("x-amz-trailer-signature");
        if (signature == null) {
            throw mismatch();
        }
        StringBuilder canonical = new StringBuilder();
        trailers.forEach((name, value) -> {
            if (!name.equals("x-amz-trailer-signature")) {
                canonical.append(name).append(':').append(value).append('\n');
            }
        });
        String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + SignatureVerifier.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        verify(stringToSign, signature.toLowerCase(Locale.ROOT));
    }

    private void check() {
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + EMPTY_SHA256 + "\n" + HexFormat.of().formatHex(chunkDigest.digest());
        verify(stringToSign, current);
        previous = current;
        current = null;
    }

    private void verify(String stringToSign, String provided) {
        String expected = SignatureVerifier.signature(secret, credential.date(), credential.region(),
                credential.service(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.US_ASCII))) {
            throw mismatch().detail("StringToSign", stringToSign).detail("SignatureProvided", provided);
        }
    }

    private AwsException mismatch() {
        return new AwsException(S3Error.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated does not match "
                + "the signature you provided. Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details.")
                .detail("AWSAccessKeyId", credential.accessKeyId());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
