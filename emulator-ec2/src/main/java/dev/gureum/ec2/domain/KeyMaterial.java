package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Real SSH key pairs and the fingerprints EC2 shows for them: for keys EC2 creates, the SHA-1 of the
 * PKCS#8 private key (RSA) or the SHA-256 of the public key (ED25519); for imported RSA keys, the MD5
 * of the DER public key.
 *
 * @param type        {@code rsa} or {@code ed25519}
 * @param privateKey  the private key in PEM (PKCS#1 for RSA, OpenSSH for ED25519), or {@code null} when imported
 * @param publicKey   the public key in OpenSSH format ({@code ssh-rsa AAAA...})
 * @param fingerprint the fingerprint EC2 reports
 */
public record KeyMaterial(String type, String privateKey, String publicKey, String fingerprint) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static KeyMaterial create(String type) {
        try {
            return "ed25519".equals(type) ? createEd25519() : createRsa();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create a " + type + " key", e);
        }
    }

    private static KeyMaterial createRsa() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String pem = pem("RSA PRIVATE KEY", pkcs1Of(pkcs8), 64);
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        String openSsh = "ssh-rsa " + Base64.getEncoder().encodeToString(rsaBlob(pub.getPublicExponent(), pub.getModulus()));
        return new KeyMaterial("rsa", pem, openSsh, colonHex(digest("SHA-1", pkcs8)));
    }

    private static KeyMaterial createEd25519() throws GeneralSecurityException, IOException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encodedPublic = pair.getPublic().getEncoded();
        byte[] pub = Arrays.copyOfRange(encodedPublic, encodedPublic.length - 32, encodedPublic.length);
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        byte[] blob = ed25519Blob(pub);
        ByteArrayOutputStream privateSection = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(privateSection);
        int check = RANDOM.nextInt();
        p.writeInt(check);
        p.writeInt(check);
        writeString(p, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        writeString(p, pub);
        byte[] secret = new byte[64];
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(pub, 0, secret, 32, 32);
        writeString(p, secret);
        writeString(p, new byte[0]);
        for (int pad = 1; privateSection.size() % 8 != 0; pad++) {
            p.writeByte(pad);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        writeString(f, "none".getBytes(StandardCharsets.US_ASCII));
        writeString(f, "none".getBytes(StandardCharsets.US_ASCII));
        writeString(f, new byte[0]);
        f.writeInt(1);
        writeString(f, blob);
        writeString(f, privateSection.toByteArray());
        String pem = pem("OPENSSH PRIVATE KEY", file.toByteArray(), 70);
        String openSsh = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob);
        return new KeyMaterial("ed25519", pem, openSsh, Base64.getEncoder().encodeToString(digest("SHA-256", blob)));
    }

    /**
     * Reads a public key as ImportKeyPair accepts it: OpenSSH ({@code ssh-rsa AAAA... comment}),
     * RFC 4716 ({@code ---- BEGIN SSH2 PUBLIC KEY ----}) or base64 DER.
     */
    public static KeyMaterial importPublicKey(byte[] material) {
        String text = new String(material, StandardCharsets.UTF_8).strip();
        try {
            byte[] blob;
            if (text.startsWith("ssh-rsa ") || text.startsWith("ssh-ed25519 ")) {
                blob = Base64.getDecoder().decode(text.split("\\s+")[1]);
            } else if (text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
                StringBuilder b64 = new StringBuilder();
                boolean continued = false;
                for (String line : text.split("\\R")) {
                    if (line.startsWith("----")) {
                        continue;
                    }
                    if (continued || line.contains(":")) {
                        continued = line.endsWith("\\");
                        continue;
                    }
                    b64.append(line.strip());
                }
                blob = Base64.getDecoder().decode(b64.toString());
            } else {
                byte[] der = Base64.getMimeDecoder().decode(text);
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                RSAPublicKey rsa = (RSAPublicKey) key;
                blob = rsaBlob(rsa.getPublicExponent(), rsa.getModulus());
            }
            return fromBlob(blob);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new AwsException(Ec2Error.INVALID_KEY_FORMAT, "Key is not in valid OpenSSH public key format");
        }
    }

    private static KeyMaterial fromBlob(byte[] blob) throws GeneralSecurityException, IOException {
        ByteBuffer in = ByteBuffer.wrap(blob);
        String keyType = new String(readString(in), StandardCharsets.US_ASCII);
        if (keyType.equals("ssh-rsa")) {
            BigInteger e = new BigInteger(readString(in));
            BigInteger n = new BigInteger(readString(in));
            int bits = n.bitLength();
            if (bits < 1024 || bits > 4096 || in.hasRemaining()) {
                throw new IllegalArgumentException("RSA keys are 1024 to 4096 bits");
            }
            byte[] spki = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)).getEncoded();
            return new KeyMaterial("rsa", null, "ssh-rsa " + Base64.getEncoder().encodeToString(blob),
                    colonHex(digest("MD5", spki)));
        }
        if (keyType.equals("ssh-ed25519")) {
            byte[] pub = readString(in);
            if (pub.length != 32 || in.hasRemaining()) {
                throw new IllegalArgumentException("ED25519 keys are 32 bytes");
            }
            return new KeyMaterial("ed25519", null, "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob),
                    Base64.getEncoder().encodeToString(digest("SHA-256", blob)));
        }
        throw new IllegalArgumentException("Unsupported key type " + keyType);
    }

    private static byte[] rsaBlob(BigInteger e, BigInteger n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        writeString(out, e.toByteArray());
        writeString(out, n.toByteArray());
        return bytes.toByteArray();
    }

    private static byte[] ed25519Blob(byte[] pub) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        writeString(out, pub);
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("truncated key");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    /** The PKCS#1 {@code RSAPrivateKey} inside a PKCS#8 {@code PrivateKeyInfo}: its OCTET STRING. */
    static byte[] pkcs1Of(byte[] pkcs8) {
        ByteBuffer der = ByteBuffer.wrap(pkcs8);
        readHeader(der, 0x30);
        skip(der, 0x02);
        skip(der, 0x30);
        int length = readHeader(der, 0x04);
        byte[] inner = new byte[length];
        der.get(inner);
        return inner;
    }

    private static void skip(ByteBuffer der, int tag) {
        int length = readHeader(der, tag);
        der.position(der.position() + length);
    }

    private static int readHeader(ByteBuffer der, int tag) {
        int actual = der.get() & 0xff;
        if (actual != tag) {
            throw new IllegalArgumentException("DER tag " + actual + " where " + tag + " belongs");
        }
        int length = der.get() & 0xff;
        if (length >= 0x80) {
            int bytes = length & 0x7f;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = length << 8 | (der.get() & 0xff);
            }
        }
        return length;
    }

    private static String pem(String label, byte[] der, int lineLength) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += lineLength) {
            out.append(b64, i, Math.min(b64.length(), i + lineLength)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----").toString();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
