package dev.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Checks an SNS message the way AWS's message validators do: fetch the certificate from
 * {@code SigningCertURL}, rebuild the string to sign from the message's fields for its type, and
 * verify the signature with the algorithm its {@code SignatureVersion} names.
 */
public final class SnsSignatures {

    private SnsSignatures() {
    }

    public static boolean verify(JsonNode message) throws Exception {
        String url = text(message, "SigningCertURL", "SigningCertUrl");
        HttpResponse<String> pem = SnsTestSupport.get(url);
        if (pem.statusCode() != 200) {
            throw new AssertionError("SigningCertURL answered " + pem.statusCode() + ": " + url);
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII)));
        certificate.checkValidity();
        return verify(message, certificate);
    }

    public static boolean verify(JsonNode message, X509Certificate certificate) throws Exception {
        Signature verifier = Signature.getInstance("2".equals(message.path("SignatureVersion").asText())
                ? "SHA256withRSA" : "SHA1withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(stringToSign(message).getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }

    static String stringToSign(JsonNode m) {
        String type = m.path("Type").asText();
        String[] fields = type.equals("Notification")
                ? new String[] {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
                : new String[] {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"};
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            JsonNode value = m.get(f);
            if (value != null && !value.isNull()) {
                sb.append(f).append('\n').append(value.asText()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String text(JsonNode m, String... names) {
        for (String n : names) {
            if (m.hasNonNull(n)) {
                return m.get(n).asText();
            }
        }
        throw new AssertionError("No signing certificate URL in " + m);
    }
}
