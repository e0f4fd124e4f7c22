package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests whose operation S3 picks from several parameters, sent as raw HTTP (SDKs add none of the extras). */
class RoutingQuirksIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("routing");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void aPartUploadWithAnotherSubresourceIsStillAPartUpload() throws Exception {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("parts")).uploadId();

        HttpResponse<String> response = RawS3.sendText(server.endpoint(), "PUT",
                "/" + bucket + "/parts?uploadId=" + uploadId + "&partNumber=1&acl", Map.of("Authorization", RawS3.AUTH),
                "part one");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + md5Hex("part one") + "\"");
        ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key("parts").uploadId(uploadId));
        assertThat(parts.parts()).singleElement().satisfies(p -> assertThat(p.size()).isEqualTo(8L));
    }

    @Test
    void anObjectUploadNamingAnUnsupportedSubresourceIsNotImplemented() throws Exception {
        HttpResponse<String> response = RawS3.sendText(server.endpoint(), "PUT", "/" + bucket + "/locked?renameObject",
                Map.of("Authorization", RawS3.AUTH), "<RenameObject/>");

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(RawS3.xmlText(response.body(), "Code")).isEqualTo("NotImplemented");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("locked")).contents()).isEmpty();
    }

    private static String md5Hex(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
