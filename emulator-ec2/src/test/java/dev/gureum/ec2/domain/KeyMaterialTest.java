package dev.gureum.ec2.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class KeyMaterialTest {

    @Test
    void rsaKeysArePkcs1PemWithTheSha1OfTheirPkcs8AsFingerprint() throws Exception {
        KeyMaterial key = KeyMaterial.create("rsa");
        assertThat(key.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        String body = key.privateKey().replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        byte[] pkcs1 = Base64.getDecoder().decode(body);
        // wrap the PKCS#1 key back into PKCS#8 to load it, as OpenSSL would
        byte[] header = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");
        byte[] octet = der(0x04, pkcs1);
        byte[] pkcs8 = der(0x30, concat(header, octet));
        RSAPrivateCrtKey loaded = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        assertThat(loaded.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.fingerprint()).isEqualTo(HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("SHA-1").digest(pkcs8)));
        assertThat(key.publicKey()).startsWith("ssh-rsa AAAAB3NzaC1yc2E");
        KeyMaterial imported = KeyMaterial.importPublicKey(key.publicKey().getBytes(StandardCharsets.UTF_8));
        byte[] spki = KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(loaded.getModulus(), loaded.getPublicExponent())).getEncoded();
        assertThat(imported.fingerprint()).isEqualTo(HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("MD5").digest(spki)));
    }

    @Test
    void ed25519KeysAreOpenSshFilesAndRfc4716IsImported() {
        KeyMaterial key = KeyMaterial.create("ed25519");
        String body = key.privateKey().replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        assertThat(new String(Base64.getDecoder().decode(body), StandardCharsets.US_ASCII)).startsWith("openssh-key-v1\0");
        String b64 = key.publicKey().split(" ")[1];
        String rfc4716 = "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"test\"\n" + b64 + "\n---- END SSH2 PUBLIC KEY ----\n";
        assertThat(KeyMaterial.importPublicKey(rfc4716.getBytes(StandardCharsets.UTF_8)).fingerprint())
                .isEqualTo(key.fingerprint());
    }

    private static byte[] der(int tag, byte[] content) {
        byte[] length;
        if (content.length < 128) {
            length = new byte[] {(byte) content.length};
        } else if (content.length < 256) {
            length = new byte[] {(byte) 0x81, (byte) content.length};
        } else {
            length = new byte[] {(byte) 0x82, (byte) (content.length >> 8), (byte) content.length};
        }
        return concat(new byte[] {(byte) tag}, concat(length, content));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
