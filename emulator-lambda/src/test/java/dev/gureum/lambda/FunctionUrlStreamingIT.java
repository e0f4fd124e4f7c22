package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Function URLs in {@code RESPONSE_STREAM} mode, read with a plain HTTP client: the status, headers and
 * cookies of {@code awslambda.HttpResponseStream.from}, then the body as the function writes it (the
 * function waits at a {@link Gate} the test opens only once it has read the first bytes).
 */
class FunctionUrlStreamingIT {

    static final String NODE_HANDLER = """
            const http = require('node:http');
            const wait = (url) => new Promise((resolve, reject) =>
              http.get(url, (r) => { r.resume(); r.on('end', resolve); }).on('error', reject));
            exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
              const params = event.queryStringParameters || {};
              if (params.early) {
                throw new Error('failed before answering');
              }
              const out = awslambda.HttpResponseStream.from(responseStream, {
                statusCode: 201,
                headers: { 'Content-Type': 'text/plain', 'X-Streamed': 'yes' },
                cookies: ['a=1; Path=/', 'b=2'],
              });
              out.write('first,');
              if (params.gate) {
                await wait(params.gate);
              }
              out.write('second');
              if (params.fail) {
                throw new Error('failed part-way');
              }
              out.end();
            });
            """;

    static LambdaTestSupport t;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("node", "--version");
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        t.create("url-stream", "nodejs20.x", "index.handler", Map.of("index.js", NODE_HANDLER));
        t.create("url-custom", "provided.al2023", "unused", Map.of("bootstrap", ResponseStreamingIT.BOOTSTRAP));
        t.create("url-whole", "nodejs20.x", "index.handler", Map.of("index.js",
                "exports.handler = async () => ({ statusCode: 202, body: 'all at once' });\n"));
        for (String name : new String[]{"url-stream", "url-custom", "url-whole"}) {
            LambdaTestSupport.waitActive(t.lambda, name);
        }
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static final Map<String, URI> URLS = new java.util.concurrent.ConcurrentHashMap<>();

    static URI streamingUrl(String function) {
        return URLS.computeIfAbsent(function, FunctionUrlStreamingIT::createStreamingUrl);
    }

    static URI createStreamingUrl(String function) {
        String url = t.lambda.createFunctionUrlConfig(r -> r.functionName(function).authType(FunctionUrlAuthType.NONE)
                .invokeMode(InvokeMode.RESPONSE_STREAM).cors(c -> c.allowOrigins("https://example.com")
                        .exposeHeaders("X-Streamed"))).functionUrl();
        t.lambda.addPermission(r -> r.functionName(function).statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        t.lambda.addPermission(r -> r.functionName(function).statementId("invoke").action("lambda:InvokeFunction")
                .principal("*").invokedViaFunctionUrl(true));
        String id = URI.create(url).getHost().split("\\.")[0];
        return URI.create(t.server.endpoint() + "/_gureum/lambda-url/" + id + "/");
    }

    static HttpResponse<InputStream> open(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    static String read(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static String gated(URI base, Gate gate, String extra) {
        return base + "?gate=" + gate.url() + extra;
    }

    @Test
    void theMetadataThenTheBodyArriveAsTheFunctionWritesThem() throws Exception {
        URI base = streamingUrl("url-stream");
        try (Gate gate = new Gate()) {
            HttpResponse<InputStream> response = open(URI.create(gated(base, gate, "")));
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
            assertThat(response.headers().firstValue("X-Streamed")).hasValue("yes");
            assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
            try (InputStream body = response.body()) {
                // its first bytes are here, and the function waits at the gate (its call may reach the gate after them)
                assertThat(read(body, 6)).isEqualTo("first,");
                assertThat(gate.reached.get(60, java.util.concurrent.TimeUnit.SECONDS)).isNull();
                gate.open();
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
            }
        }
    }

    @Test
    void aFailurePartWayCutsTheBodyShort() throws Exception {
        URI base = streamingUrl("url-stream");
        HttpResponse<InputStream> response = open(URI.create(base + "?fail=1"));
        assertThat(response.statusCode()).isEqualTo(201);
        try (InputStream body = response.body()) {
            // what the function wrote before it failed arrives, and the body never ends
            assertThat(read(body, 12)).isEqualTo("first,second");
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFailureBeforeTheFirstByteIsA502() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(streamingUrl("url-stream")
                + "?early=1")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"Message\":\"Internal Server Error\"}");
    }

    @Test
    void aStreamWithoutMetadataIsA200OfItsContentType() throws Exception {
        URI base = streamingUrl("url-custom");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(60))
                .header("Origin", "https://example.com").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://example.com");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Streamed");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("first,second");
    }

    @Test
    void aFunctionThatAnswersWholeIsAnsweredAsABufferedUrl() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(streamingUrl("url-whole"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("all at once");
    }
}
