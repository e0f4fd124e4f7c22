package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CORS preflight ({@code OPTIONS}) to a presigned URL is answered from the bucket's CORS rules, its signature (made
 * for another method) not checked, even with signatures verified: browsers send preflights without credentials.
 */
class S3PresignedPreflightIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true));

    private final S3Client s3 = gureum.configure(S3Client.builder()).build();

    private static HttpResponse<String> options(URI url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPreflightToAPresignedUrlIsAnsweredFromTheCorsRules() throws Exception {
        s3.createBucket(b -> b.bucket("presigned-preflight"));
        s3.putObject(b -> b.bucket("presigned-preflight").key("foo"), RequestBody.fromString("bar"));
        URI url;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(gureum.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "test")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(g -> g.bucket("presigned-preflight").key("foo"))).url().toURI();
        }

        HttpResponse<String> noOrigin = options(url);
        assertThat(noOrigin.statusCode()).isEqualTo(400);
        assertThat(noOrigin.body()).contains("Insufficient information. Origin request header needed.");

        s3.putBucketCors(b -> b.bucket("presigned-preflight").corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("example").allowedMethods("GET").build())));
        HttpResponse<String> preflight = options(url, "Origin", "example", "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET");
    }
}
