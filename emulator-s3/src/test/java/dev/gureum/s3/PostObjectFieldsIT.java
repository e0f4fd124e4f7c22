package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Browser POST uploads: the key's ${filename} under the policy's conditions, and Object Lock fields. */
class PostObjectFieldsIT {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final String BOUNDARY = "----gureum-form-boundary-Qm9yZGVyTGluZQ";
    private static final String CREDENTIAL = "test/20260501/us-east-1/s3/aws4_request";

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new MutableClock(NOW), new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static byte[] form(Map<String, String> fields, String fileName, String content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static HttpResponse<byte[]> post(String bucket, byte[] body) throws Exception {
        return RawS3.send(server.endpoint(), "POST", "/" + bucket,
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY), body);
    }

    /** A policy with these conditions and the ones the credential fields need. */
    private static String policy(String bucket, String... conditions) {
        String json = "{\"expiration\":\"" + NOW.plus(Duration.ofHours(1)) + "\",\"conditions\":[{\"bucket\":\""
                + bucket + "\"}," + String.join(",", conditions)
                + ",{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + CREDENTIAL + "\"}"
                + ",{\"x-amz-date\":\"20260501T100000Z\"}]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theKeysConditionsHoldForTheKeyWithTheFilesName() throws Exception {
        String bucket = bucketName("filename");
        s3.createBucket(b -> b.bucket(bucket));
        // as the SDKs presign a key ending in ${filename}: a condition on its prefix
        String policy = policy(bucket, "[\"starts-with\",\"$key\",\"uploads/\"]");
        HttpResponse<byte[]> ok = post(bucket, form(PostObjectIT.signed(Map.of("key", "uploads/${filename}"), policy),
                "notes.txt", "bar"));
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/notes.txt")).asUtf8String()).isEqualTo("bar");

        // a condition on the file's name itself
        String named = policy(bucket, "[\"starts-with\",\"$key\",\"foo\"]");
        assertThat(post(bucket, form(PostObjectIT.signed(Map.of("key", "${filename}"), named), "foo.txt", "x"))
                .statusCode()).isEqualTo(204);
        HttpResponse<byte[]> refused = post(bucket, form(PostObjectIT.signed(Map.of("key", "${filename}"), named),
                "bar.txt", "x"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(RawS3.xmlText(new String(refused.body(), StandardCharsets.UTF_8), "Code")).isEqualTo("AccessDenied");
    }

    @Test
    void lockFieldsLockTheUploadAsPutObjectsHeadersDo() throws Exception {
        String bucket = bucketName("locked-form");
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        Instant until = NOW.plus(Duration.ofDays(3));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "kept.txt");
        fields.put("x-amz-object-lock-mode", "GOVERNANCE");
        fields.put("x-amz-object-lock-retain-until-date", until.toString());
        fields.put("x-amz-object-lock-legal-hold", "ON");
        String policy = policy(bucket, "{\"key\":\"kept.txt\"}", "{\"x-amz-object-lock-mode\":\"GOVERNANCE\"}",
                "{\"x-amz-object-lock-retain-until-date\":\"" + until + "\"}", "{\"x-amz-object-lock-legal-hold\":\"ON\"}");
        assertThat(post(bucket, form(PostObjectIT.signed(fields, policy), "kept.txt", "keep")).statusCode()).isEqualTo(204);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("kept.txt"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        S3Clients.assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("kept.txt").versionId(head.versionId())),
                403, "AccessDenied");

        // as for PutObject: lock fields need a bucket with Object Lock
        String plain = bucketName("plain-form");
        s3.createBucket(b -> b.bucket(plain));
        Map<String, String> hold = new LinkedHashMap<>();
        hold.put("key", "held.txt");
        hold.put("x-amz-object-lock-legal-hold", "ON");
        HttpResponse<byte[]> refused = post(plain, form(PostObjectIT.signed(hold, policy(plain, "{\"key\":\"held.txt\"}",
                "{\"x-amz-object-lock-legal-hold\":\"ON\"}")), "held.txt", "x"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(new String(refused.body(), StandardCharsets.UTF_8), "Code")).isEqualTo("InvalidRequest");
    }

    @Test
    void theDocumentAnswerIsAPostResponseWithoutNamespace() throws Exception {
        String bucket = bucketName("answer");
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "doc.txt");
        fields.put("success_action_status", "201");
        HttpResponse<byte[]> created = post(bucket, form(PostObjectIT.signed(fields, policy(bucket,
                "{\"key\":\"doc.txt\"}", "{\"success_action_status\":\"201\"}")), "doc.txt", "x"));
        assertThat(created.statusCode()).isEqualTo(201);
        // as S3 answers it: the elements in no namespace, so that a browser's script finds them by name
        assertThat(new String(created.body(), StandardCharsets.UTF_8)).contains("<PostResponse><Location>")
                .contains("<Key>doc.txt</Key>").doesNotContain("xmlns");
    }
}
