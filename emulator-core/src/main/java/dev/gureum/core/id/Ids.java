package dev.gureum.core.id;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers in the formats AWS uses, so that clients that parse or validate them accept ours. */
public final class Ids {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] BASE62 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom SECURE = new SecureRandom();

    private Ids() {
    }

    /**
     * A random (version 4) UUID, as SQS message ids and most request ids are. Drawn from a fast
     * per-thread generator: ids must be unique, not secret.
     */
    public static String uuid() {
        return requestId();
    }

    /** A request id: a UUID in the JSON and query services; S3 uses {@link #s3RequestId()}. */
    public static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong() & 0xffffffffffff0fffL | 0x4000L, r.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L)
                .toString();
    }

    /** Sixteen upper-case hex characters, as S3's {@code x-amz-request-id}. */
    public static String s3RequestId() {
        return hex(16).toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code prefix-} followed by 17 hex characters: {@code i-0abc...}, {@code vpc-...}, {@code ami-...}. */
    public static String ec2(String prefix) {
        return prefix + "-" + hex(17);
    }

    public static String hex(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = HEX[r.nextInt(16)];
        }
        return new String(out);
    }

    /** An access key id as AWS issues them: a four-letter prefix ({@code AKIA}, {@code ASIA}) and 16 characters. */
    public static String accessKeyId(String prefix) {
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = UPPER_ALNUM[SECURE.nextInt(UPPER_ALNUM.length)];
        }
        return prefix + new String(out);
    }

    /** A random token of base-62 characters for ids that must be unique, not secret (version ids, receipts). */
    public static String token(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] out = new byte[length];
        long bits = 0;
        int draws = 0;
        // six bits a character, ten from each random long; 62 and 63 are drawn again, so every character is as likely
        for (int i = 0; i < length; ) {
            if (draws == 0) {
                bits = r.nextLong();
                draws = 10;
            }
            int v = (int) (bits & 63);
            bits >>>= 6;
            draws--;
            if (v < BASE62.length) {
                out[i++] = (byte) BASE62[v];
            }
        }
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A random secret of base-62 characters (secret access keys are 40). */
    public static String secret(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[SECURE.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
