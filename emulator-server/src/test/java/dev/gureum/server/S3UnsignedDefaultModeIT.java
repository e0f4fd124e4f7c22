package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code --verify-signatures}, an unsigned S3 request still acts as the default account, as it always has. */
class S3UnsignedDefaultModeIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    @Test
    void unsignedRequestsActAsTheDefaultAccount() throws Exception {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build()) {
            s3.createBucket(b -> b.bucket("local-dev"));
            s3.putObject(b -> b.bucket("local-dev").key("k.txt"), RequestBody.fromString("local"));
        }
        HttpResponse<String> get = RawHttp.get(gureum.endpoint(), "/local-dev/k.txt");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("local");
        assertThat(RawHttp.get(gureum.endpoint(), "/").body()).contains("<Name>local-dev</Name>");
        // junk SigV2 and SigV4a signatures are not checked either
        assertThat(RawHttp.send(gureum.endpoint(), "GET", "/local-dev/k.txt",
                java.util.Map.of("Authorization", "AWS test:junk")).statusCode()).isEqualTo(200);
    }
}
