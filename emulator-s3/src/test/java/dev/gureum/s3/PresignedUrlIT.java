package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Presigned URLs fetched by a plain HTTP client, as a browser or curl would, and their expiry. */
class PresignedUrlIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static MutableClock clock;
    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static String bucket;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        server = new EmbeddedFrontEnd(clock, new S3Module());
        s3 = S3Clients.client(server);
        presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        bucket = bucketName("presigned");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        presigner.close();
        s3.close();
        server.close();
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void presignedGet() throws Exception {
        String key = "shared/보고서 final.txt";
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain; charset=utf-8"),
                RequestBody.fromString("안녕하세요"));
        PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentDisposition("attachment")));
        assertThat(presigned.url().getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");

        HttpResponse<String> response = get(presigned.url().toURI());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("안녕하세요");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment");
    }

    @Test
    void presignedPut() throws Exception {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(r -> r.bucket(bucket).key("uploads/from-browser.json").contentType("application/json")));
        HttpRequest.Builder put = HttpRequest.newBuilder(presigned.url().toURI()).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ok\":true}"));
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> put.header(name, v));
            }
        });
        HttpResponse<String> response = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + S3Clients.md5Hex("{\"ok\":true}"
                .getBytes(StandardCharsets.UTF_8)) + "\"");
        var stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/from-browser.json"));
        assertThat(stored.asUtf8String()).isEqualTo("{\"ok\":true}");
        assertThat(stored.response().contentType()).isEqualTo("application/json");
    }

    @Test
    void expiredUrlsAreRefused() throws Exception {
        // the presigner signs with the time of this machine; the server's clock starts there
        clock.set(Instant.now());
        s3.putObject(b -> b.bucket(bucket).key("expiring"), RequestBody.fromString("soon gone"));
        URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(60))
                .getObjectRequest(g -> g.bucket(bucket).key("expiring"))).url().toURI();
        assertThat(get(url).statusCode()).isEqualTo(200);

        Instant now = clock.instant();
        clock.advance(Duration.ofSeconds(61));
        try {
            HttpResponse<String> expired = get(url);
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>AccessDenied</Code>")
                    .contains("<Message>Request has expired</Message>").contains("<X-Amz-Expires>60</X-Amz-Expires>");
        } finally {
            clock.set(now);
        }

        // a URL signed in the past, by hand
        String past = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(clock.instant().minus(Duration.ofHours(2)));
        URI backdated = URI.create(url.toString().replaceAll("X-Amz-Date=[0-9TZ]+", "X-Amz-Date=" + past));
        HttpResponse<String> old = get(backdated);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(old.body()).contains("<Message>Request has expired</Message>");
    }

    @Test
    void expiryLongerThanAWeekIsRefused() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("week"), RequestBody.fromString("x"));
        URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(g -> g.bucket(bucket).key("week"))).url().toURI();
        HttpResponse<String> tooLong = get(URI.create(url.toString().replace("X-Amz-Expires=60", "X-Amz-Expires=604801")));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("<Code>AuthorizationQueryParametersError</Code>")
                .contains("X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires"
                        + " must be less than 604800 seconds");
    }

    @Test
    void sigV2QueryExpiry() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("v2"), RequestBody.fromString("legacy"));
        long future = clock.instant().plusSeconds(300).getEpochSecond();
        long past = clock.instant().minusSeconds(300).getEpochSecond();
        HttpResponse<String> valid = get(URI.create(server.endpoint() + "/" + bucket + "/v2?AWSAccessKeyId=test&Expires="
                + future + "&Signature=abc%3D"));
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.body()).isEqualTo("legacy");
        HttpResponse<String> expired = get(URI.create(server.endpoint() + "/" + bucket + "/v2?AWSAccessKeyId=test&Expires="
                + past + "&Signature=abc%3D"));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Message>Request has expired</Message>");
    }
}
