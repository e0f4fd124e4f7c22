package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Uploads from an HTML form (presigned POST): fields, policies and the answers the form asks for. */
class PostObjectIT {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final String BOUNDARY = "----gureum-form-boundary-7MA4YWxkTrZu0gW";
    private static final String CREDENTIAL = "test/20260501/us-east-1/s3/aws4_request";

    private static MutableClock clock;
    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        clock = new MutableClock(NOW);
        server = new EmbeddedFrontEnd(clock, new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("forms");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    /** A multipart/form-data body: the fields in order, then the file, as browsers send it. */
    private static byte[] form(Map<String, String> fields, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** What the browser sees. */
    private record Answer(int statusCode, HttpHeaders headers, String body) {
    }

    private static Answer post(byte[] body) throws Exception {
        HttpResponse<byte[]> r = RawS3.send(server.endpoint(), "POST", "/" + bucket,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY), body);
        return new Answer(r.statusCode(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
    }

    /** A policy: its conditions, and the ones every signed form needs for its credential fields. */
    private static String policy(Instant expiration, String... conditions) {
        String json = "{\"expiration\":\"" + expiration + "\",\"conditions\":[" + String.join(",", conditions)
                + ",{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + CREDENTIAL + "\"}"
                + ",{\"x-amz-date\":\"20260501T100000Z\"}]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A policy that allows exactly these fields, in this bucket. */
    private static String allowing(Map<String, String> fields) {
        String[] conditions = new String[fields.size() + 1];
        conditions[0] = "{\"bucket\":\"" + bucket + "\"}";
        int i = 1;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            conditions[i++] = "[\"eq\",\"$" + f.getKey() + "\",\"" + f.getValue() + "\"]";
        }
        return policy(NOW.plus(Duration.ofHours(1)), conditions);
    }

    /** The fields plus a SigV4 credential, the policy and the policy's signature with the secret {@code test}. */
    static Map<String, String> signed(Map<String, String> fields, String policy) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        all.put("x-amz-credential", CREDENTIAL);
        all.put("x-amz-date", "20260501T100000Z");
        all.put("policy", policy);
        all.put("x-amz-signature", sigV4("test", "20260501", policy));
        return all;
    }

    /** AWS's SigV4 signing key (date, region, service, "aws4_request"), then the HMAC of the policy, in hex. */
    static String sigV4(String secret, String date, String policy) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        for (String part : new String[] {"us-east-1", "s3", "aws4_request"}) {
            key = hmac(key, part);
        }
        return java.util.HexFormat.of().formatHex(hmac(key, policy));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void largeFilesStreamUpToThePolicysLengthRange() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "large/${filename}");
        String policy = policy(NOW.plus(Duration.ofHours(1)), "{\"bucket\":\"" + bucket + "\"}",
                "[\"starts-with\",\"$key\",\"large/\"]", "[\"content-length-range\",1,8388608]");
        byte[] content = S3Clients.randomBytes(7 * 1024 * 1024, 11);
        Answer response = post(form(signed(fields, policy), "big.bin", content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("large/big.bin")).asByteArray()).isEqualTo(content);

        Answer tooLarge = post(form(signed(fields, policy), "bigger.bin", S3Clients.randomBytes(8 * 1024 * 1024 + 1, 12)));
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(tooLarge.body(), "Code")).isEqualTo("EntityTooLarge");
    }

    @Test
    void uploadWithFieldsAndADocumentAnswer() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "photos/${filename}");
        fields.put("Content-Type", "image/png");
        fields.put("x-amz-meta-uploaded-by", "browser");
        fields.put("success_action_status", "201");
        Answer response = post(form(signed(fields, allowing(fields)), "고양이.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("<PostResponse").contains("<Bucket>" + bucket + "</Bucket>")
                .contains("<Key>photos/고양이.png</Key>");
        assertThat(RawS3.xmlText(response.body(), "ETag")).startsWith("\"").endsWith("\"");

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("photos/고양이.png"));
        assertThat(head.contentType()).isEqualTo("image/png");
        assertThat(head.metadata()).containsExactly(Map.entry("uploaded-by", "browser"));
        assertThat(head.contentLength()).isEqualTo(4);
        assertThat(response.headers().firstValue("ETag")).hasValue(head.eTag());
    }

    @Test
    void answers204ByDefaultAndRedirectsWhenAsked() throws Exception {
        Answer plain = post(form(signed(Map.of("key", "plain.txt"), allowing(Map.of("key", "plain.txt"))), "a.txt",
                "hello".getBytes()));
        assertThat(plain.statusCode()).isEqualTo(204);
        assertThat(plain.headers().firstValue("Location")).hasValue(server.endpoint() + "/" + bucket + "/plain.txt");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain.txt")).asUtf8String()).isEqualTo("hello");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("plain.txt")).contentType()).isEqualTo("binary/octet-stream");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "redirected.txt");
        fields.put("success_action_redirect", "https://app.example.com/done");
        Answer redirect = post(form(signed(fields, allowing(fields)), "b.txt", "x".getBytes()));
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location").orElseThrow())
                .startsWith("https://app.example.com/done?bucket=" + bucket + "&key=redirected.txt&etag=%22");
    }

    @Test
    void aPolicyMustAllowEveryField() throws Exception {
        String allows = policy(NOW.plus(Duration.ofHours(1)), "{\"bucket\":\"" + bucket + "\"}",
                "[\"starts-with\",\"$key\",\"user/42/\"]", "[\"content-length-range\",1,10]",
                "[\"eq\",\"$Content-Type\",\"text/plain\"]");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "user/42/note.txt");
        fields.put("Content-Type", "text/plain");
        fields = signed(fields, allows);
        // without --verify-signatures the signature is not checked, the policy is
        fields.put("x-amz-signature", "0".repeat(64));
        assertThat(post(form(fields, "note.txt", "short".getBytes())).statusCode()).isEqualTo(204);

        fields.put("key", "user/7/note.txt");
        Answer otherUser = post(form(fields, "note.txt", "short".getBytes()));
        assertThat(otherUser.statusCode()).isEqualTo(403);
        assertThat(RawS3.xmlText(otherUser.body(), "Code")).isEqualTo("AccessDenied");
        assertThat(RawS3.xmlText(otherUser.body(), "Message"))
                .isEqualTo("Invalid according to Policy: Policy Condition failed: [\"starts-with\",\"$key\",\"user/42/\"]");

        fields.put("key", "user/42/big.txt");
        Answer tooBig = post(form(fields, "big.txt", "far more than ten bytes".getBytes()));
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("<Code>EntityTooLarge</Code>");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("user/42/big.txt")), 404, null);

        fields.put("key", "user/42/extra.txt");
        fields.put("x-amz-meta-unexpected", "1");
        Answer extra = post(form(fields, "extra.txt", "short".getBytes()));
        assertThat(extra.statusCode()).isEqualTo(403);
        assertThat(RawS3.xmlText(extra.body(), "Message"))
                .isEqualTo("Invalid according to Policy: Extra input fields: x-amz-meta-unexpected");
    }

    @Test
    void anExpiredPolicyIsRefused() throws Exception {
        Map<String, String> fields = signed(Map.of("key", "late.txt"),
                policy(NOW.minusSeconds(1), "{\"bucket\":\"" + bucket + "\"}", "{\"key\":\"late.txt\"}"));
        Answer response = post(form(fields, "late.txt", "x".getBytes()));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>AccessDenied</Code>")
                .contains("<Message>Invalid according to Policy: Policy expired.</Message>");

        fields.put("policy", "not base64 json");
        Answer garbage = post(form(fields, "late.txt", "x".getBytes()));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("<Code>InvalidPolicyDocument</Code>");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("late.txt")), 404, null);
    }

    @Test
    void formsWithoutAFileOrAKey() throws Exception {
        Answer noFile = post(form(Map.of("key", "k"), null, null));
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("<Code>InvalidArgument</Code>")
                .contains("POST requires exactly one file upload per request.");

        Answer noKey = post(form(Map.of("acl", "private"), "f.txt", "x".getBytes()));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(noKey.body(), "Code")).isEqualTo("InvalidArgument");
        assertThat(RawS3.xmlText(noKey.body(), "Message")).startsWith("Bucket POST must contain a field named 'key'.");

        Map<String, String> publicRead = Map.of("key", "public.txt", "acl", "public-read");
        Answer publicAcl = post(form(signed(publicRead, allowing(publicRead)), "f.txt", "x".getBytes()));
        assertThat(publicAcl.statusCode()).isEqualTo(400);
        assertThat(publicAcl.body()).contains("<Code>AccessControlListNotSupported</Code>");
    }

    @Test
    void aFormWithoutCredentialIsAnonymousAndCannotWriteToAPrivateBucket() throws Exception {
        // any web page could send this form: it must not act as the bucket owner, even without --verify-signatures
        Answer response = post(form(Map.of("key", "drive-by.txt"), "f.txt", "x".getBytes()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(RawS3.xmlText(response.body(), "Code")).isEqualTo("AccessDenied");
        assertThat(RawS3.xmlText(response.body(), "Message")).isEqualTo("Access Denied");
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("drive-by.txt")), 404, null);
    }

    @Test
    void anonymousFormsWriteWhereTheBucketLetsEveryoneWrite() throws Exception {
        String open = bucketName("open-forms");
        s3.createBucket(b -> b.bucket(open).objectOwnership("ObjectWriter").acl("public-read-write"));
        HttpResponse<byte[]> viaAcl = RawS3.send(server.endpoint(), "POST", "/" + open,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
                form(Map.of("key", "guestbook.txt"), "f.txt", "hi".getBytes()));
        assertThat(viaAcl.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(open).key("guestbook.txt")).asUtf8String()).isEqualTo("hi");

        String uploads = bucketName("policy-forms");
        s3.createBucket(b -> b.bucket(uploads));
        s3.putBucketPolicy(b -> b.bucket(uploads).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + uploads
                + "/inbox/*\"}]}"));
        byte[] body = form(Map.of("key", "inbox/a.txt"), "f.txt", "a".getBytes());
        assertThat(RawS3.send(server.endpoint(), "POST", "/" + uploads,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY), body).statusCode()).isEqualTo(204);
        byte[] outside = form(Map.of("key", "elsewhere.txt"), "f.txt", "a".getBytes());
        assertThat(RawS3.send(server.endpoint(), "POST", "/" + uploads,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY), outside).statusCode()).isEqualTo(403);
    }

    @Test
    void aCredentialComesWithAPolicyAndASignature() throws Exception {
        Map<String, String> noPolicy = new LinkedHashMap<>(signed(Map.of("key", "k.txt"), allowing(Map.of("key", "k.txt"))));
        noPolicy.remove("policy");
        Answer withoutPolicy = post(form(noPolicy, "f.txt", "x".getBytes()));
        assertThat(withoutPolicy.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(withoutPolicy.body(), "Code")).isEqualTo("InvalidArgument");
        assertThat(RawS3.xmlText(withoutPolicy.body(), "Message")).startsWith("Bucket POST must contain a field named 'Policy'.");

        Map<String, String> noSignature = new LinkedHashMap<>(signed(Map.of("key", "k.txt"), allowing(Map.of("key", "k.txt"))));
        noSignature.remove("x-amz-signature");
        Answer withoutSignature = post(form(noSignature, "f.txt", "x".getBytes()));
        assertThat(withoutSignature.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(withoutSignature.body(), "Message"))
                .startsWith("Bucket POST must contain a field named 'X-Amz-Signature'.");

        Map<String, String> v2 = new LinkedHashMap<>();
        v2.put("key", "k.txt");
        v2.put("AWSAccessKeyId", "test");
        v2.put("signature", "c2lnbmF0dXJl");
        Answer v2WithoutPolicy = post(form(v2, "f.txt", "x".getBytes()));
        assertThat(v2WithoutPolicy.statusCode()).isEqualTo(400);
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("k.txt")), 404, null);
    }

    @Test
    void aBrokenFormIsMalformed() throws Exception {
        Answer response = post("--not-the-boundary\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>");
        assertThat(s3.listBuckets().buckets()).isNotEmpty();
    }
}
