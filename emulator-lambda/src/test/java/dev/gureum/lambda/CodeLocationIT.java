package dev.gureum.lambda;

import dev.gureum.core.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Code.Location} and a layer's {@code Content.Location} are presigned URLs: they serve the package
 * they were made for, for ten minutes, and nothing to a request without a valid signature.
 */
class CodeLocationIT {

    static final MutableClock clock = new MutableClock();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        t = new LambdaTestSupport(Map.of(), clock);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String location(String function) {
        return t.lambda.getFunction(r -> r.functionName(function)).code().location();
    }

    static String query(String url, String name, String value) {
        return url.replaceFirst("([?&]" + name + "=)[^&]*", "$1" + value);
    }

    @Test
    void aSignedUrlServesThePackageForTenMinutes() throws Exception {
        byte[] zip = LambdaTestSupport.zipBytes(Map.of("app.py", "def handler(e, c):\n    return 1\n".getBytes()));
        t.lambda.createFunction(r -> r.functionName("timed").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(zip))));
        String url = location("timed");
        assertThat(url).contains("expires=").contains("signature=");
        HttpResponse<byte[]> ok = get(url);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(zip);
        clock.advance(Duration.ofMinutes(9));
        assertThat(get(url).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        HttpResponse<byte[]> expired = get(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body())).contains("Request has expired.");
        assertThat(get(location("timed")).statusCode()).isEqualTo(200);
    }

    @Test
    void unsignedTamperedOrMalformedUrlsServeNothing() throws Exception {
        t.create("guarded", "python3.12", "app.handler", Map.of("app.py", "X = 1\n"));
        t.create("other", "python3.12", "app.handler", Map.of("app.py", "X = 2\n"));
        String url = location("guarded");
        String base = t.server.endpoint() + "/_gureum/lambda/code";
        String arn = "arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aguarded";

        assertThat(get(base + "?arn=" + arn).statusCode()).isEqualTo(400);
        assertThat(get(base).statusCode()).isEqualTo(400);
        assertThat(get(url.replaceFirst("&signature=[0-9a-f]+", "")).statusCode()).isEqualTo(400);
        assertThat(get(query(url, "expires", "soon")).statusCode()).isEqualTo(400);
        // another function's ARN, a later expiry or another signature under this URL's signature
        assertThat(get(query(url, "arn", arn.replace("guarded", "other"))).statusCode()).isEqualTo(403);
        assertThat(get(query(url, "expires", "99999999999")).statusCode()).isEqualTo(403);
        String signature = url.replaceFirst(".*signature=", "");
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(get(query(url, "signature", flipped)).statusCode()).isEqualTo(403);
        // a function URL is no layer URL
        assertThat(get(url.replace("/_gureum/lambda/code", "/_gureum/lambda/layer-code")).statusCode()).isEqualTo(403);
        // a bad ARN is answered at once
        assertThat(get(base + "?arn=not%20an%20arn&code=" + "0".repeat(64) + "&expires=1&signature=" + "0".repeat(64))
                .statusCode()).isEqualTo(403);
        assertThat(get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void aUrlServesOnlyTheCodeItWasMadeForAndNothingOnceTheFunctionIsGone() throws Exception {
        t.create("changing", "python3.12", "app.handler", Map.of("app.py", "X = 'old'\n"));
        String old = location("changing");
        t.lambda.updateFunctionCode(r -> r.functionName("changing")
                .zipFile(LambdaTestSupport.zip(Map.of("app.py", "X = 'new'\n"))));
        assertThat(get(old).statusCode()).isEqualTo(404);
        String current = location("changing");
        assertThat(get(current).statusCode()).isEqualTo(200);
        t.lambda.deleteFunction(r -> r.functionName("changing"));
        assertThat(get(current).statusCode()).isEqualTo(404);
    }

    @Test
    void layerContentLocationsAreSignedToo() throws Exception {
        String url = t.lambda.publishLayerVersion(r -> r.layerName("signed")
                .content(c -> c.zipFile(LambdaTestSupport.zip(Map.of("python/lib.py", "Y = 1\n"))))).content().location();
        assertThat(get(url).statusCode()).isEqualTo(200);
        assertThat(get(url.replaceFirst("&signature=[0-9a-f]+", "&signature=" + "a".repeat(64))).statusCode())
                .isEqualTo(403);
        assertThat(get(url.replace("/_gureum/lambda/layer-code", "/_gureum/lambda/code")).statusCode()).isEqualTo(403);
        t.lambda.deleteLayerVersion(r -> r.layerName("signed").versionNumber(1L));
        assertThat(get(url).statusCode()).isEqualTo(404);
    }
}
