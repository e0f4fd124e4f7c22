package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** An error answer to a cross-origin request carries the CORS headers of the rule that admits it, as a success does. */
class CorsErrorAnswersIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void aMissingKeyAnswers404WithTheMatchingRulesHeaders() throws Exception {
        String bucket = bucketName("cors-errors");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins("*suffix").allowedMethods("GET").build())));

        HttpResponse<String> missing = RawS3.sendText(server.endpoint(), "GET", "/" + bucket + "/absent",
                Map.of("Origin", "foo.suffix"), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<Code>NoSuchKey</Code>");
        assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).hasValue("foo.suffix");
        assertThat(missing.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET");

        HttpResponse<String> otherOrigin = RawS3.sendText(server.endpoint(), "GET", "/" + bucket + "/absent",
                Map.of("Origin", "foo.bar"), null);
        assertThat(otherOrigin.statusCode()).isEqualTo(404);
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
