package dev.gureum.sns.delivery;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The key SNS signs its messages with, and the self-signed X.509 certificate that subscribers
 * fetch from {@code SigningCertURL} to check them. Generated when the service starts: the JDK has no
 * public API to build certificates, so the DER of an X.509 v3 certificate (RFC 5280) is written here.
 */
public final class SigningCertificate {

    /** The name AWS's certificates carry, which some message validators check. */
    static final String COMMON_NAME = "sns.amazonaws.com";

    private static final String RSA_ENCRYPTION_SHA256 = "1.2.840.113549.1.1.11";
    private static final String COUNTRY = "2.5.4.6";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String COMMON_NAME_OID = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final String pem;
    private final ThreadLocal<Signature> sha1 = ThreadLocal.withInitial(() -> signature("SHA1withRSA"));
    private final ThreadLocal<Signature> sha256 = ThreadLocal.withInitial(() -> signature("SHA256withRSA"));

    private SigningCertificate(PrivateKey privateKey, X509Certificate certificate, String pem) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.pem = pem;
    }

    /** A new 2048-bit RSA key and a certificate for it, valid from a day before {@code now} for ten years. */
    public static SigningCertificate generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            byte[] signatureAlgorithm = Der.sequence(Der.oid(RSA_ENCRYPTION_SHA256), Der.nothing());
            byte[] name = Der.sequence(
                    Der.set(Der.sequence(Der.oid(COUNTRY), Der.printable("US"))),
                    Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8("Gureum local AWS emulator"))),
                    Der.set(Der.sequence(Der.oid(COMMON_NAME_OID), Der.utf8(COMMON_NAME))));
            byte[] extensions = Der.sequence(
                    extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                    // digitalSignature only: the first bit of the KeyUsage bit string
                    extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x80}, 7)),
                    extension(SUBJECT_ALT_NAME, false, Der.sequence(
                            Der.implicitPrimitive(2, COMMON_NAME.getBytes(StandardCharsets.US_ASCII)))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    signatureAlgorithm,
                    name,
                    Der.sequence(Der.time(now.minus(Duration.ofDays(1))), Der.time(now.plus(Duration.ofDays(3650)))),
                    name,
                    keys.getPublic().getEncoded(),
                    Der.explicit(3, extensions));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, signatureAlgorithm, Der.bitString(signer.sign(), 0));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
            return new SigningCertificate(keys.getPrivate(), certificate, pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the SNS signing certificate", e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form, as {@code SigningCertURL} serves it. */
    public String pem() {
        return pem;
    }

    /**
     * Signs a string to sign: SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA.
     *
     * @return the signature, base64-encoded as SNS messages carry it
     */
    public String sign(String stringToSign, String signatureVersion) {
        Signature signer = "2".equals(signatureVersion) ? sha256.get() : sha1.get();
        try {
            signer.initSign(privateKey);
            signer.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    private static Signature signature(String algorithm) {
        try {
            return Signature.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
