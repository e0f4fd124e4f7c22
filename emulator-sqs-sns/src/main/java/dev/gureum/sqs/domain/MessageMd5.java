package dev.gureum.sqs.domain;

import dev.gureum.core.spi.MessageAttribute;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and clients verify: of the body, and of the message attributes encoded
 * as SQS specifies — attributes sorted by name, each as length-prefixed name, length-prefixed data
 * type, a transport byte (1 for string values, 2 for binary) and the length-prefixed value.
 */
public final class MessageMd5 {

    // a digest per thread, reused: looking one up in the security providers costs more than the digest of a short body
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(MessageMd5::newMd5);

    private MessageMd5() {
    }

    public static String ofBody(String body) {
        return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code null} when there are no attributes, as SQS then omits the digest. */
    public static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        MessageDigest md5 = md5();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            lengthPrefixed(md5, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(md5, a.dataType().getBytes(StandardCharsets.UTF_8));
            if (a.binaryValue() != null) {
                md5.update((byte) 2);
                lengthPrefixed(md5, a.binaryValue());
            } else {
                md5.update((byte) 1);
                lengthPrefixed(md5, (a.stringValue() == null ? "" : a.stringValue()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md5.update(bytes);
    }

    /** This thread's digest, reset. */
    private static MessageDigest md5() {
        MessageDigest md5 = MD5.get();
        md5.reset();
        return md5;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
