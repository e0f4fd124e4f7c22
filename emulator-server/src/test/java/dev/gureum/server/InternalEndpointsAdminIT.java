package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --verify-signatures}, state-changing internal endpoints need an administrator: a request
 * signed (SigV4) with a configured key, or the admin token. Health and info stay open.
 */
class InternalEndpointsAdminIT {

    private static final String KEY = "AKIAGUREUMADMIN00001";
    private static final String SECRET = "admin/Secret+0123456789abcdefghijklmnop";
    private static final String TOKEN = "correct-horse-battery-staple";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(java.util.Set.of("sts", "sns"))
            .verifySignatures(true).credentials(KEY, SECRET).adminToken(TOKEN));

    private static int port() {
        return gureum.server().port();
    }

    private static RawHttp.Answer reset(String... headers) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port());
        h.put("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return RawHttp.request(port(), "POST", "/_gureum/reset", h, "{}");
    }

    /** The headers of a POST /_gureum/reset signed as the AWS SDKs sign, with the scope's service name given. */
    private static Map<String, String> signed(String key, String secret, String service) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:" + port() + "/_gureum/reset"))
                .putHeader("Content-Type", "application/json").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String("{}"))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> headers.put(name, values.get(0)));
        headers.putIfAbsent("Host", "127.0.0.1:" + port());
        return headers;
    }

    private static RawHttp.Answer sendSigned(Map<String, String> headers) throws Exception {
        return RawHttp.request(port(), "POST", "/_gureum/reset", headers, "{}");
    }

    @Test
    void healthAndInfoStayOpen() throws Exception {
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/health").statusCode()).isEqualTo(200);
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/info").statusCode()).isEqualTo(200);
    }

    @Test
    void resetWithoutCredentialsIsUnauthorized() throws Exception {
        RawHttp.Answer answer = reset();
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("www-authenticate", "Bearer realm=\"gureum\"");
        assertThat(answer.body()).contains("\"error\":\"Unauthorized\"");
    }

    @Test
    void movingTheClockNeedsAnAdministratorButReadingItDoesNot() throws Exception {
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/clock").statusCode()).isEqualTo(200);
        Map<String, String> h = new LinkedHashMap<>(Map.of("Host", "127.0.0.1:" + port(),
                "Content-Type", "application/json"));
        RawHttp.Answer refused = RawHttp.request(port(), "POST", "/_gureum/clock", h, "{\"advance\": \"PT1M\"}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(gureum.server().clock().reading().offset()).isLessThan(java.time.Duration.ofSeconds(1));
        h.put("Authorization", "Bearer " + TOKEN);
        RawHttp.Answer moved = RawHttp.request(port(), "POST", "/_gureum/clock", h, "{\"advance\": \"PT1M\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body()).contains("\"offset\":\"PT1M");
        // a signature's date is judged against real time, so that a clock moved far ahead locks no one out
        assertThat(RawHttp.request(port(), "POST", "/_gureum/clock", h, "{\"advance\": \"P2D\"}").status())
                .isEqualTo(200);
        assertThat(sendSigned(signed(KEY, SECRET, "gureum")).status()).isEqualTo(200);
        RawHttp.request(port(), "POST", "/_gureum/clock", h, "{\"realTime\": true}");
    }

    @Test
    void theAdminTokenAuthorizes() throws Exception {
        assertThat(reset("Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(reset("Authorization", "Bearer " + TOKEN + "x").status()).isEqualTo(403);
        assertThat(reset("Authorization", "Bearer ").status()).isEqualTo(403);
        assertThat(reset("Authorization", "Basic " + TOKEN).status()).isEqualTo(403);
        // the token does not excuse a content type a web page could send
        Map<String, String> h = new LinkedHashMap<>(Map.of("Host", "127.0.0.1:" + port(),
                "Content-Type", "text/plain", "Authorization", "Bearer " + TOKEN));
        assertThat(RawHttp.request(port(), "POST", "/_gureum/reset", h, "{}").status()).isEqualTo(415);
    }

    @Test
    void aSignatureByAConfiguredKeyAuthorizes() throws Exception {
        for (String service : List.of("gureum", "execute-api")) {
            assertThat(sendSigned(signed(KEY, SECRET, service)).status()).as(service).isEqualTo(200);
        }
        assertThat(sendSigned(signed("test", "test", "gureum")).status()).isEqualTo(200);
    }

    @Test
    void badSignaturesAndUnconfiguredKeysAreRefused() throws Exception {
        RawHttp.Answer wrongSecret = sendSigned(signed(KEY, "not-the-secret", "gureum"));
        assertThat(wrongSecret.status()).isEqualTo(403);
        assertThat(wrongSecret.body()).contains("SignatureDoesNotMatch");

        Map<String, String> tampered = signed(KEY, SECRET, "gureum");
        assertThat(RawHttp.request(port(), "POST", "/_gureum/reset", tampered, "{\"x\":1}").status()).isEqualTo(403);

        RawHttp.Answer unknown = sendSigned(signed("AKIAUNKNOWN000000000", "whatever", "gureum"));
        assertThat(unknown.status()).isEqualTo(403);

        // keys STS issued are an account's, not an administrator's
        Credentials c;
        try (StsClient sts = gureum.configure(StsClient.builder()).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build()) {
            c = sts.getSessionToken().credentials();
        }
        assertThat(sendSigned(signed(c.accessKeyId(), c.secretAccessKey(), "gureum")).status()).isEqualTo(403);
    }

    @Test
    void deletingRecordedMessagesNeedsAnAdministratorToo() throws Exception {
        Map<String, String> h = new LinkedHashMap<>(Map.of("Host", "127.0.0.1:" + port(),
                "Content-Type", "application/json"));
        assertThat(RawHttp.request(port(), "DELETE", "/_gureum/sns/messages", h, null).status()).isEqualTo(401);
        h.put("Authorization", "Bearer " + TOKEN);
        assertThat(RawHttp.request(port(), "DELETE", "/_gureum/sns/messages", h, null).status()).isEqualTo(204);
        // reading them stays open
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/sns/messages").statusCode()).isEqualTo(200);
    }
}
