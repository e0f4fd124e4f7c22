package dev.gureum.sns.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.sns.domain.Notification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.naming.ldap.LdapName;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated certificate is one the JDK's X.509 parser accepts, and messages signed with its key
 * verify the way AWS's SNS message validators check them: the string to sign rebuilt from the JSON
 * fields, SHA1withRSA for SignatureVersion 1 and SHA256withRSA for 2.
 */
class SigningCertificateTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static SigningCertificate signing;
    static X509Certificate certificate;

    @BeforeAll
    static void generate() throws Exception {
        signing = SigningCertificate.generate(NOW);
        // read back from the PEM, as a subscriber that fetched SigningCertURL would
        certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(signing.pem().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void certificateIsAValidSelfSignedV3Certificate() throws Exception {
        assertThat(signing.pem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(new LdapName(certificate.getSubjectX500Principal().getName()).getRdns())
                .anySatisfy(rdn -> {
                    assertThat(rdn.getType()).isEqualTo("CN");
                    assertThat(rdn.getValue()).isEqualTo("sns.amazonaws.com");
                });
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "sns.amazonaws.com"));
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        certificate.verify(certificate.getPublicKey());
        certificate.checkValidity(Date.from(NOW));
        certificate.checkValidity(Date.from(NOW.plusSeconds(9L * 365 * 24 * 3600)));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(NOW);
    }

    @Test
    void notificationsVerifyWithBothSignatureVersions() throws Exception {
        Envelopes envelopes = new Envelopes(signing, "0123456789abcdef0123456789abcdef");
        Notification n = new Notification("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", "arn:aws:sns:us-west-2:123456789012:MyTopic",
                "My First Message", "Hello world!\n\"quoted\" 구름", Map.of(), Map.of(), NOW, null, null, null);
        for (String version : new String[] {"1", "2"}) {
            String message = n.message();
            String document = envelopes.notification(n, message, envelopes.sign(n, message, version), version,
                    n.topicArn() + ":c9135db0-26c4-47ec-8998-413945fb5a96", "http://localhost:4566");
            JsonNode json = new ObjectMapper().readTree(document);
            assertThat(json.path("SignatureVersion").asText()).isEqualTo(version);
            assertThat(json.path("SigningCertURL").asText())
                    .isEqualTo("http://localhost:4566/_gureum/sns/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem");
            assertThat(verify(json, version.equals("1") ? "SHA1withRSA" : "SHA256withRSA")).isTrue();
            // a changed message no longer verifies
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("Message", "Hello world?");
            assertThat(verify(json, version.equals("1") ? "SHA1withRSA" : "SHA256withRSA")).isFalse();
        }
    }

    @Test
    void confirmationsVerify() throws Exception {
        Envelopes envelopes = new Envelopes(signing, "0123456789abcdef0123456789abcdef");
        String document = envelopes.confirmation("SubscriptionConfirmation", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
                "arn:aws:sns:us-west-2:123456789012:MyTopic", "2336412f37", "You have chosen to subscribe...", NOW, "1",
                "http://localhost:4566");
        JsonNode json = new ObjectMapper().readTree(document);
        assertThat(json.path("SubscribeURL").asText()).isEqualTo("http://localhost:4566/?Action=ConfirmSubscription"
                + "&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37&Version=2010-03-31");
        assertThat(json.path("Timestamp").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(verify(json, "SHA1withRSA")).isTrue();
    }

    @Test
    void stringsToSignFollowAwsFormat() {
        assertThat(Envelopes.notificationStringToSign("Hello", "id-1", null, "2026-03-01T10:00:00.000Z", "arn:t"))
                .isEqualTo("Message\nHello\nMessageId\nid-1\nTimestamp\n2026-03-01T10:00:00.000Z\nTopicArn\narn:t\n"
                        + "Type\nNotification\n");
        assertThat(Envelopes.notificationStringToSign("Hello", "id-1", "Subj", "t", "arn:t"))
                .isEqualTo("Message\nHello\nMessageId\nid-1\nSubject\nSubj\nTimestamp\nt\nTopicArn\narn:t\nType\nNotification\n");
        assertThat(Envelopes.confirmationStringToSign("SubscriptionConfirmation", "m", "id", "url", "t", "tok", "arn:t"))
                .isEqualTo("Message\nm\nMessageId\nid\nSubscribeURL\nurl\nTimestamp\nt\nToken\ntok\nTopicArn\narn:t\n"
                        + "Type\nSubscriptionConfirmation\n");
    }

    @Test
    void derEncodesAsX690Says() {
        assertThat(Der.oid("1.2.840.113549.1.1.11")).containsExactly(
                0x06, 0x09, 0x2A, 0x86 - 256, 0x48, 0x86 - 256, 0xF7 - 256, 0x0D, 0x01, 0x01, 0x0B);
        assertThat(Der.tlv(0x04, new byte[200])).startsWith((byte) 0x04, (byte) 0x81, (byte) 200);
        assertThat(Der.tlv(0x04, new byte[300])).startsWith((byte) 0x04, (byte) 0x82, (byte) 0x01, (byte) 0x2C);
        assertThat(Der.integer(java.math.BigInteger.valueOf(128))).containsExactly(0x02, 0x02, 0x00, 0x80 - 256);
        assertThat(new String(Der.time(Instant.parse("2049-12-31T23:59:59Z")), StandardCharsets.US_ASCII))
                .endsWith("491231235959Z");
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
    }

    /** What a validator does with a received message. */
    private static boolean verify(JsonNode message, String algorithm) throws Exception {
        String type = message.path("Type").asText();
        String[] fields = type.equals("Notification")
                ? new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
                : new String[] {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
        StringBuilder toSign = new StringBuilder();
        for (String f : fields) {
            if (message.hasNonNull(f)) {
                toSign.append(f).append('\n').append(message.get(f).asText()).append('\n');
            }
        }
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }
}
