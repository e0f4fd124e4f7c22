package dev.gureum.elb.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A self-signed X.509 v3 certificate with an EC P-256 key, for a load balancer whose listener names a
 * certificate Gureum cannot resolve (there is no ACM). The JDK signs but has no public API to build a
 * certificate, so the few DER structures of RFC 5280 it needs are written here: the subject's common
 * name, a validity, the public key as the JDK encodes it, and a subject alternative name extension. The
 * JDK's own parser reads the result back, so an encoding it would not accept fails here, not in a client.
 *
 * @param key         its private key and public key
 * @param certificate the certificate, as the JDK parses it
 */
public record SelfSignedCertificate(KeyPair key, X509Certificate certificate) {

    private static final byte SEQUENCE = 0x30;
    private static final byte SET = 0x31;
    private static final byte INTEGER = 0x02;
    private static final byte BIT_STRING = 0x03;
    private static final byte OCTET_STRING = 0x04;
    private static final byte OID = 0x06;
    private static final byte UTF8_STRING = 0x0C;
    private static final byte GENERALIZED_TIME = 0x18;
    private static final byte DNS_NAME = (byte) 0x82;
    private static final byte IP_ADDRESS = (byte) 0x87;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * A certificate for {@code dnsNames} (the first is the common name) and {@code addresses}, valid from a day
     * before {@code now} for {@code days} days.
     */
    public static SelfSignedCertificate generate(List<String> dnsNames, List<InetAddress> addresses, Instant now,
                                                 int days) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        byte[] ecdsaWithSha256 = tlv(SEQUENCE, oid(1, 2, 840, 10045, 4, 3, 2));
        byte[] name = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, oid(2, 5, 4, 3),
                tlv(UTF8_STRING, dnsNames.get(0).getBytes(StandardCharsets.UTF_8)))));
        byte[] serial = new BigInteger(64, new SecureRandom()).setBit(63).toByteArray();
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        dnsNames.forEach(n -> names.writeBytes(tlv(DNS_NAME, n.getBytes(StandardCharsets.US_ASCII))));
        addresses.forEach(a -> names.writeBytes(tlv(IP_ADDRESS, a.getAddress())));
        byte[] subjectAltName = tlv(SEQUENCE, oid(2, 5, 29, 17), tlv(OCTET_STRING, tlv(SEQUENCE, names.toByteArray())));
        byte[] tbs = tlv(SEQUENCE,
                tlv((byte) 0xA0, tlv(INTEGER, new byte[] {2})),
                tlv(INTEGER, serial),
                ecdsaWithSha256,
                name,
                tlv(SEQUENCE, time(now.minusSeconds(86_400)), time(now.plusSeconds(86_400L * days))),
                name,
                key.getPublic().getEncoded(),
                tlv((byte) 0xA3, tlv(SEQUENCE, subjectAltName)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = tlv(SEQUENCE, tbs, ecdsaWithSha256, tlv(BIT_STRING, bits));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        return new SelfSignedCertificate(key, certificate);
    }

    private static byte[] time(Instant instant) {
        return tlv(GENERALIZED_TIME, TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, 40L * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            base128(out, arcs[i]);
        }
        return tlv(OID, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        while (value >>> (7 * groups) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) ((value >>> (7 * g)) & 0x7F);
            out.write(g == 0 ? b : b | 0x80);
        }
    }

    /** A DER type-length-value with the definite length form. */
    private static byte[] tlv(byte tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
