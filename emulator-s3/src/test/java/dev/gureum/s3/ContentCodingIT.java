package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** A Content-Encoding naming aws-chunked over a body that is not framed: the coding is dropped, the body kept. */
class ContentCodingIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("coding");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static HeadObjectResponse putWithCoding(String key, String coding, String body) throws Exception {
        HttpResponse<byte[]> put = RawS3.send(server.endpoint(), "PUT", "/" + bucket + "/" + key,
                Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD", "Content-Encoding", coding),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo(body);
        return s3.headObject(b -> b.bucket(bucket).key(key));
    }

    @Test
    void theBodyIsFramedOnlyWhenItsHashSaysStreaming() throws Exception {
        assertThat(putWithCoding("gzip-last", "gzip, aws-chunked", "plain").contentEncoding()).isEqualTo("gzip");
        assertThat(putWithCoding("gzip-first", "aws-chunked, gzip", "plain").contentEncoding()).isEqualTo("gzip");
        assertThat(putWithCoding("only", "aws-chunked", "").contentEncoding()).isNull();
        assertThat(putWithCoding("twice", "aws-chunked, aws-chunked", "x").contentEncoding()).isNull();

        s3.putObject(b -> b.bucket(bucket).key("sdk").contentEncoding("deflate, gzip"), RequestBody.fromString("y"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("sdk")).contentEncoding()).isEqualTo("deflate, gzip");
    }
}
