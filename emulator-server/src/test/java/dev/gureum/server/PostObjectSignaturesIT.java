package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Browser form uploads with {@code --verify-signatures}: the policy's signature is checked, as S3 checks it. */
class PostObjectSignaturesIT {

    private static final String KEY = "AKIAGUREUMFORMS00001";
    private static final String SECRET = "form/Secret+0123456789abcdefghijklmnop";
    private static final String BOUNDARY = "----gureum-signed-form-boundary";
    private static final String DATE = "20261207";
    private static final String CREDENTIAL = KEY + "/" + DATE + "/us-east-1/s3/aws4_request";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(KEY, SECRET));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static S3Client s3;

    @BeforeAll
    static void bucket() {
        s3 = gureum.configure(S3Client.builder()).build();
        s3.createBucket(b -> b.bucket("forms"));
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** SigV4 of a POST policy: the HMAC of the base64 policy with the date/region/service signing key, in hex. */
    private static String sigV4(String secret, String policy) throws Exception {
        byte[] key = hmac("HmacSHA256", ("AWS4" + secret).getBytes(StandardCharsets.UTF_8), DATE);
        for (String part : new String[] {"us-east-1", "s3", "aws4_request"}) {
            key = hmac("HmacSHA256", key, part);
        }
        return HexFormat.of().formatHex(hmac("HmacSHA256", key, policy));
    }

    private static String policy(Instant expiration, String keyPrefix, String... more) {
        String json = "{\"expiration\":\"" + expiration + "\",\"conditions\":[{\"bucket\":\"forms\"},"
                + "[\"starts-with\",\"$key\",\"" + keyPrefix + "\"],{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
                + "{\"x-amz-credential\":\"" + CREDENTIAL + "\"},{\"x-amz-date\":\"" + DATE + "T000000Z\"}"
                + (more.length == 0 ? "" : "," + String.join(",", more)) + "]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> signed(String key, String policy, String signature) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", CREDENTIAL);
        fields.put("x-amz-date", DATE + "T000000Z");
        fields.put("policy", policy);
        fields.put("x-amz-signature", signature);
        return fields;
    }

    private static HttpResponse<String> post(Map<String, String> fields, String content) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(gureum.endpoint().resolve("/forms")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Instant inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aCorrectlySignedFormUploads() throws Exception {
        String policy = policy(inAnHour(), "uploads/");
        HttpResponse<String> ok = post(signed("uploads/a.txt", policy, sigV4(SECRET, policy)), "signed");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("forms").key("uploads/a.txt")).asUtf8String()).isEqualTo("signed");
    }

    @Test
    void aSigV2SignedFormUploads() throws Exception {
        String json = "{\"expiration\":\"" + inAnHour() + "\",\"conditions\":[{\"bucket\":\"forms\"},"
                + "[\"starts-with\",\"$key\",\"v2/\"]]}";
        String policy = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "v2/b.txt");
        fields.put("AWSAccessKeyId", KEY);
        fields.put("policy", policy);
        fields.put("signature", Base64.getEncoder().encodeToString(
                hmac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), policy)));
        assertThat(post(fields, "v2").statusCode()).isEqualTo(204);

        fields.put("signature", Base64.getEncoder().encodeToString(
                hmac("HmacSHA1", "wrong".getBytes(StandardCharsets.UTF_8), policy)));
        fields.put("key", "v2/c.txt");
        HttpResponse<String> wrong = post(fields, "v2");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void aBadSignatureOrUnknownKeyIsRefused() throws Exception {
        String policy = policy(inAnHour(), "uploads/");
        HttpResponse<String> bad = post(signed("uploads/bad.txt", policy, sigV4("not-the-secret", policy)), "x");
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        Map<String, String> unknown = signed("uploads/unknown.txt", policy, sigV4(SECRET, policy));
        unknown.put("x-amz-credential", CREDENTIAL.replace(KEY, "AKIAUNKNOWN000000000"));
        HttpResponse<String> unknownKey = post(unknown, "x");
        assertThat(unknownKey.statusCode()).isEqualTo(403);
        assertThat(unknownKey.body()).contains("<Code>InvalidAccessKeyId</Code>");

        // a signature over another policy does not cover this one
        String wider = policy(inAnHour(), "");
        HttpResponse<String> swapped = post(signed("anything.txt", wider, sigV4(SECRET, policy)), "x");
        assertThat(swapped.statusCode()).isEqualTo(403);
        assertThat(swapped.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        for (String key : new String[] {"uploads/bad.txt", "uploads/unknown.txt", "anything.txt"}) {
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("forms").key(key))).isInstanceOf(S3Exception.class);
        }
    }

    @Test
    void aSignatureWithoutAPolicyIsABadRequest() throws Exception {
        String policy = policy(inAnHour(), "uploads/");
        Map<String, String> fields = signed("uploads/nopolicy.txt", policy, sigV4(SECRET, policy));
        fields.remove("policy");
        HttpResponse<String> response = post(fields, "x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void theSignedPolicyStillRules() throws Exception {
        String expired = policy(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), "uploads/");
        HttpResponse<String> late = post(signed("uploads/late.txt", expired, sigV4(SECRET, expired)), "x");
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("<Message>Invalid according to Policy: Policy expired.</Message>");

        String policy = policy(inAnHour(), "uploads/", "[\"content-length-range\",1,5]");
        HttpResponse<String> elsewhere = post(signed("other/x.txt", policy, sigV4(SECRET, policy)), "x");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("Invalid according to Policy: Policy Condition failed");

        HttpResponse<String> tooBig = post(signed("uploads/big.txt", policy, sigV4(SECRET, policy)), "more than five");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("<Code>EntityTooLarge</Code>");

        Map<String, String> extra = signed("uploads/extra.txt", policy, sigV4(SECRET, policy));
        extra.put("x-amz-meta-sneaky", "1");
        HttpResponse<String> extraField = post(extra, "x");
        assertThat(extraField.statusCode()).isEqualTo(403);
        assertThat(extraField.body()).contains("Invalid according to Policy: Extra input fields: x-amz-meta-sneaky");
    }

    @Test
    void anUnsignedFormIsAnonymous() throws Exception {
        HttpResponse<String> response = post(Map.of("key", "uploads/anonymous.txt"), "x");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Access Denied</Message>");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("forms").key("uploads/anonymous.txt")))
                .isInstanceOf(S3Exception.class);
    }
}
