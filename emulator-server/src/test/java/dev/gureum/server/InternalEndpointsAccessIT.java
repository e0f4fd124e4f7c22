package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gureum's own endpoints refuse what a web page could send: a foreign Host (DNS rebinding), a foreign
 * Origin, and state changes that are not JSON (simple cross-site requests).
 */
class InternalEndpointsAccessIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(java.util.Set.of("s3", "sns", "sts", "lambda"))
            .allowedHost("gureum.test").allowedHost("*.corp.example"));

    private static final String BUCKET = "survives-hostile-resets";

    private static int port() {
        return gureum.server().port();
    }

    private static RawHttp.Answer send(String method, String path, String host, String... headers) throws Exception {
        return sendWithBody(method, path, host, null, headers);
    }

    private static RawHttp.Answer sendWithBody(String method, String path, String host, String body, String... headers)
            throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return RawHttp.request(port(), method, path, h, body);
    }

    private static String local() {
        return "127.0.0.1:" + port();
    }

    private static boolean bucketExists() {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build()) {
            return s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET));
        }
    }

    @BeforeEach
    void createBucket() {
        try (S3Client s3 = gureum.configure(S3Client.builder()).build()) {
            if (!bucketExists()) {
                s3.createBucket(r -> r.bucket(BUCKET));
            }
        }
    }

    @Test
    void driveByResetFromAForeignPageIsRefusedAndChangesNothing() throws Exception {
        RawHttp.Answer answer = sendWithBody("POST", "/_gureum/reset", "attacker.example", "{}",
                "Origin", "http://evil.example", "Content-Type", "text/plain");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.body()).contains("\"error\":\"Forbidden\"").contains("attacker.example");
        assertThat(answer.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(bucketExists()).isTrue();
    }

    @Test
    void theClockIsNotMovedByASimpleCrossSiteRequest() throws Exception {
        RawHttp.Answer answer = sendWithBody("POST", "/_gureum/clock", local(), "{\"advance\": \"P1D\"}",
                "Content-Type", "text/plain");
        assertThat(answer.status()).isEqualTo(415);
        answer = sendWithBody("POST", "/_gureum/clock", local(), "{\"advance\": \"P1D\"}",
                "Origin", "http://evil.example", "Content-Type", "application/json");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(gureum.server().clock().reading().offset()).isLessThan(java.time.Duration.ofSeconds(1));
    }

    @Test
    void foreignHostNamesAreRefusedOnEveryInternalPath() throws Exception {
        for (String path : new String[] {"/_gureum/health", "/_localstack/health", "/_gureum/info",
                "/_gureum/sns/messages", "/_gureum/no-such-endpoint"}) {
            assertThat(send("GET", path, "rebound.attacker.example:" + port()).status()).as(path).isEqualTo(403);
        }
        for (String host : new String[] {"corp.example", "localhost.attacker.example", "127.0.0.1.nip.io",
                "gureum.test.attacker.example", "evil-localhost"}) {
            assertThat(send("GET", "/_gureum/health", host).status()).as(host).isEqualTo(403);
        }
        // no Host at all (HTTP/1.0) is not a name Gureum serves either
        String answer = RawHttp.exchange(port(), "GET /_gureum/health HTTP/1.0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.0 403");
    }

    @Test
    void namesGureumServesAreAllowed() throws Exception {
        for (String host : new String[] {"localhost:" + port(), "127.0.0.1", local(), "[::1]:" + port(),
                "LOCALHOST", "app.localhost", "localhost.localstack.cloud:" + port(),
                "s3.us-east-1.localhost.localstack.cloud", "gureum.test", "ci.corp.example:" + port(),
                "a.b.corp.example"}) {
            assertThat(send("GET", "/_gureum/health", host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void onlyGureumsOwnOriginIsAllowed() throws Exception {
        assertThat(send("GET", "/_gureum/health", local(), "Origin", "http://" + local()).status()).isEqualTo(200);
        for (String origin : new String[] {"http://evil.example", "null", "http://localhost:" + port(),
                "https://" + local(), "http://127.0.0.1:1", "http://127.0.0.1", "file://"}) {
            RawHttp.Answer answer = send("GET", "/_gureum/health", local(), "Origin", origin);
            assertThat(answer.status()).as(origin).isEqualTo(403);
            assertThat(answer.body()).contains("origin");
        }
    }

    @Test
    void stateChangesMustBeJson() throws Exception {
        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/plain; charset=application/json"}) {
            RawHttp.Answer answer = sendWithBody("POST", "/_gureum/reset", local(), "{}", "Content-Type", contentType);
            assertThat(answer.status()).as(contentType).isEqualTo(415);
            assertThat(answer.body()).contains("application/json");
        }
        assertThat(sendWithBody("POST", "/_gureum/reset", local(), "").status()).isEqualTo(415);
        assertThat(send("DELETE", "/_gureum/sns/messages", local(), "Content-Type", "text/plain").status())
                .isEqualTo(415);
        assertThat(bucketExists()).isTrue();
    }

    @Test
    void resetTakesOnlyPost() throws Exception {
        RawHttp.Answer get = send("GET", "/_gureum/reset", local());
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers()).containsEntry("allow", "POST");
        assertThat(bucketExists()).isTrue();
    }

    @Test
    void corsPreflightsAreNeverGranted() throws Exception {
        RawHttp.Answer sameOrigin = send("OPTIONS", "/_gureum/reset", local(), "Origin", "http://" + local(),
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(sameOrigin.status()).isEqualTo(405);
        assertThat(sameOrigin.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
        RawHttp.Answer foreign = send("OPTIONS", "/_gureum/reset", local(), "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
    }

    @Test
    void jsonResetFromALocalClientWorks() throws Exception {
        RawHttp.Answer answer = sendWithBody("POST", "/_gureum/reset", "localhost:" + port(), "{}",
                "Content-Type", "application/json; charset=utf-8");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"reset\":true}");
        assertThat(bucketExists()).isFalse();
        // LocalStack's alias, as its clients send it, with an empty body
        assertThat(sendWithBody("POST", "/_localstack/state/reset", local(), "", "Content-Type", "application/json")
                .status()).isEqualTo(200);
        assertThat(send("DELETE", "/_gureum/sns/messages", local(), "Content-Type", "application/json").status())
                .isEqualTo(204);
    }

    @Test
    void badInputToAnInternalEndpointIsA4xxNotAHang() throws Exception {
        gureum.server().services().get("lambda");
        for (String arn : new String[] {"not%20an%20arn", "arn:aws:lambda:us-east-1:000000000000:function:a:b:c:d",
                "%00", ""}) {
            RawHttp.Answer answer = send("GET", "/_gureum/lambda/code?arn=" + arn, local());
            assertThat(answer.status()).as(arn).isBetween(400, 499);
            assertThat(answer.headers()).as(arn).containsEntry("content-type", "application/json");
        }
    }
}
