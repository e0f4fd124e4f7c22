package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --verify-signatures}, SigV2 (S3's header and query forms, the query services'
 * {@code SignatureVersion=2}) is verified and SigV4a is refused. Expected signatures are computed here
 * from AWS's documented algorithms.
 */
class LegacySignaturesIT {

    private static final String KEY = "AKIAGUREUMLEGACY0001";
    private static final String SECRET = "legacy/Secret+Key=0123456789abcdefghij";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(KEY, SECRET));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void bucket() {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build()) {
            s3.createBucket(b -> b.bucket("legacy"));
            s3.putObject(b -> b.bucket("legacy").key("doc.txt"), RequestBody.fromString("document"));
        }
    }

    static String hmacBase64(String algorithm, String secret, String text) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gureum.endpoint().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An S3 PUT signed with SigV2 in the Authorization header: x-amz-date replaces Date in the string to sign. */
    private static HttpResponse<String> s3V2Put(String key, String secret, String body) throws Exception {
        String amzDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
        String toSign = "PUT\n\ntext/plain\n\nx-amz-date:" + amzDate + "\nx-amz-meta-tag:v2\n/legacy/" + key;
        return send("PUT", "/legacy/" + key, Map.of("Content-Type", "text/plain", "x-amz-date", amzDate,
                "x-amz-meta-tag", "v2", "Authorization", "AWS " + KEY + ":" + hmacBase64("HmacSHA1", secret, toSign)), body);
    }

    @Test
    void s3SigV2HeaderSignaturesAreVerified() throws Exception {
        HttpResponse<String> ok = s3V2Put("v2.txt", SECRET, "signed with v2");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(send("GET", "/legacy/v2.txt", Map.of(), null).statusCode()).isEqualTo(403);

        HttpResponse<String> wrong = s3V2Put("v2.txt", "not-the-secret", "tampered");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>")
                .contains("<StringToSign>PUT&#xA;&#xA;text/plain&#xA;&#xA;x-amz-date:").contains("/legacy/v2.txt</StringToSign>")
                .contains("<AWSAccessKeyId>" + KEY + "</AWSAccessKeyId>");

        HttpResponse<String> junk = send("GET", "/legacy/doc.txt", Map.of("x-amz-date", "Mon, 07 Dec 2026 08:00:00 GMT",
                "Authorization", "AWS " + KEY + ":am9rZQ=="), null);
        assertThat(junk.statusCode()).isEqualTo(403);
        assertThat(junk.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        HttpResponse<String> unknown = send("GET", "/legacy/doc.txt", Map.of("x-amz-date", "Mon, 07 Dec 2026 08:00:00 GMT",
                "Authorization", "AWS AKIAUNKNOWN000000000:am9rZQ=="), null);
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("<Code>InvalidAccessKeyId</Code>");
    }

    private static String s3V2Query(String path, long expires, String secret) throws Exception {
        String signature = hmacBase64("HmacSHA1", secret, "GET\n\n\n" + expires + "\n" + path);
        return path + "?AWSAccessKeyId=" + KEY + "&Expires=" + expires + "&Signature=" + rfc3986(signature);
    }

    @Test
    void s3SigV2QueryStringAuthenticationIsVerifiedAndExpires() throws Exception {
        long future = Instant.now().plusSeconds(600).getEpochSecond();
        HttpResponse<String> ok = send("GET", s3V2Query("/legacy/doc.txt", future, SECRET), Map.of(), null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("document");

        HttpResponse<String> otherKey = send("GET", s3V2Query("/legacy/doc.txt", future, SECRET)
                .replace("/legacy/doc.txt?", "/legacy/other.txt?"), Map.of(), null);
        assertThat(otherKey.statusCode()).isEqualTo(403);
        assertThat(otherKey.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        long past = Instant.now().minusSeconds(60).getEpochSecond();
        HttpResponse<String> expired = send("GET", s3V2Query("/legacy/doc.txt", past, SECRET), Map.of(), null);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Request has expired</Message>");

        HttpResponse<String> wrongSecret = send("GET", s3V2Query("/legacy/doc.txt", future, "wrong"), Map.of(), null);
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(wrongSecret.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    /** An SQS query call with SignatureVersion 2, its parameters in the form body. */
    private static HttpResponse<String> sqsV2(String method, String secret, Map<String, String> extra) throws Exception {
        Map<String, String> params = new TreeMap<>(Map.of("Action", "ListQueues", "Version", "2012-11-05",
                "AWSAccessKeyId", KEY, "SignatureVersion", "2", "SignatureMethod", method,
                "Timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))));
        params.putAll(extra);
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(rfc3986(k)).append('=')
                .append(rfc3986(v)));
        String host = gureum.endpoint().getHost() + ":" + gureum.endpoint().getPort();
        String signature = hmacBase64(method.equals("HmacSHA1") ? "HmacSHA1" : "HmacSHA256", secret,
                "POST\n" + host + "\n/\n" + query);
        return send("POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                query + "&Signature=" + rfc3986(signature));
    }

    @Test
    void querySignatureVersion2IsVerified() throws Exception {
        HttpResponse<String> sha256 = sqsV2("HmacSHA256", SECRET, Map.of());
        assertThat(sha256.statusCode()).as(sha256.body()).isEqualTo(200);
        assertThat(sha256.body()).contains("<ListQueuesResponse");
        assertThat(sqsV2("HmacSHA1", SECRET, Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = sqsV2("HmacSHA256", "wrong-secret", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        HttpResponse<String> expired = sqsV2("HmacSHA256", SECRET, Map.of("Expires", "2020-01-01T00:00:00Z"));
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("<Code>RequestExpired</Code>");

        HttpResponse<String> unknown = send("POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=ListQueues&Version=2012-11-05&AWSAccessKeyId=AKIAUNKNOWN000000000&SignatureVersion=2"
                        + "&SignatureMethod=HmacSHA256&Timestamp=2026-12-07T08%3A00%3A00Z&Signature=am9rZQ%3D%3D");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("<Code>InvalidClientTokenId</Code>");
    }

    @Test
    void sigV4aIsRefusedNotWavedThrough() throws Exception {
        String v4a = "AWS4-ECDSA-P256-SHA256 Credential=" + KEY + "/20261207/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045022100ab";
        HttpResponse<String> s3 = send("GET", "/legacy/doc.txt", Map.of("Authorization", v4a,
                "X-Amz-Date", "20261207T080000Z", "X-Amz-Region-Set", "*"), null);
        assertThat(s3.statusCode()).isEqualTo(400);
        assertThat(s3.body()).contains("<Code>InvalidArgument</Code>").contains("Unsupported Authorization Type")
                .doesNotContain("document");

        HttpResponse<String> sqs = send("POST", "/", Map.of("Authorization", v4a.replace("/s3/", "/sqs/"),
                "X-Amz-Date", "20261207T080000Z", "Content-Type", "application/x-www-form-urlencoded"),
                "Action=ListQueues&Version=2012-11-05");
        assertThat(sqs.statusCode()).isEqualTo(400);
        assertThat(sqs.body()).contains("IncompleteSignature");
    }
}
