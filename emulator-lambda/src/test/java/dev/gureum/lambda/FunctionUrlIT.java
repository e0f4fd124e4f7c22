package dev.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Function URLs answering HTTP: the payload format 2.0 event, the response mapping, auth types and CORS. */
class FunctionUrlIT {

    static final String CODE = """
            import base64, json
            def handler(event, context):
                path = event['rawPath']
                if path == '/echo':
                    return {'statusCode': 200, 'headers': {'content-type': 'application/json'}, 'body': json.dumps(event)}
                if path == '/status':
                    return {'statusCode': 201, 'headers': {'content-type': 'text/plain', 'x-custom': 'yes'},
                            'cookies': ['a=1; Path=/', 'b=2'], 'body': 'created'}
                if path == '/binary':
                    return {'statusCode': 200, 'headers': {'content-type': 'application/octet-stream'},
                            'body': base64.b64encode(bytes([0, 1, 2, 255])).decode(), 'isBase64Encoded': True}
                if path == '/inferred':
                    return {'message': 'hi'}
                if path == '/arn':
                    return context.invoked_function_arn
                if path == '/fail':
                    raise Exception('boom')
                return 'hello'
            """;

    static LambdaTestSupport t;
    static HttpClient http;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        http = HttpClient.newHttpClient();
        t.create("web", "python3.12", "app.handler", Map.of("app.py", CODE));
        LambdaTestSupport.waitActive(t.lambda, "web");
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** A NONE URL made public as AWS requires: both actions allowed to everyone through the URL. */
    static String publicUrl(String function, String qualifier) {
        String url = t.lambda.createFunctionUrlConfig(r -> r.functionName(function).qualifier(qualifier)
                .authType(FunctionUrlAuthType.NONE)).functionUrl();
        t.lambda.addPermission(r -> r.functionName(function).qualifier(qualifier).statementId("url-" + qualifier)
                .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        t.lambda.addPermission(r -> r.functionName(function).qualifier(qualifier).statementId("invoke-" + qualifier)
                .action("lambda:InvokeFunction").principal("*").invokedViaFunctionUrl(true));
        return url;
    }

    static String id(String functionUrl) {
        return URI.create(functionUrl).getHost().split("\\.")[0];
    }

    /** The path form of the URL, on the server's own address. */
    static URI local(String functionUrl, String pathAndQuery) {
        return URI.create(t.server.endpoint() + "/_gureum/lambda-url/" + id(functionUrl) + pathAndQuery);
    }

    static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aNoneUrlAnswersOnlyOnceItsPolicyAllowsEveryone() throws Exception {
        t.create("closed", "python3.12", "app.handler", Map.of("app.py", CODE));
        LambdaTestSupport.waitActive(t.lambda, "closed");
        String url = t.lambda.createFunctionUrlConfig(r -> r.functionName("closed").authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        assertThat(url).matches("http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost\\.localstack\\.cloud:\\d+/");
        HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(local(url, "/")).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(text(refused)).isEqualTo("{\"Message\":\"Forbidden\"}");

        t.lambda.addPermission(r -> r.functionName("closed").statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        // AWS asks for lambda:InvokeFunction too
        assertThat(send(HttpRequest.newBuilder(local(url, "/")).build()).statusCode()).isEqualTo(403);
        t.lambda.addPermission(r -> r.functionName("closed").statementId("invoke").action("lambda:InvokeFunction")
                .principal("*").invokedViaFunctionUrl(true));
        HttpResponse<byte[]> answered = send(HttpRequest.newBuilder(local(url, "/")).build());
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(text(answered)).isEqualTo("hello");
        assertThat(answered.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void theEventIsPayloadFormatTwo() throws Exception {
        String url = publicUrl("web", null);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(local(url, "/echo?b=2&a=1&a=x%20y"))
                .header("X-Multi", "one").header("X-Multi", "two").header("Cookie", "c1=v1; c2=v2")
                .header("Content-Type", "text/plain").header("User-Agent", "url-test")
                .POST(HttpRequest.BodyPublishers.ofString("hello body")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = Json.mapper().readTree(response.body());
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("$default");
        assertThat(event.get("rawPath").asText()).isEqualTo("/echo");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("b=2&a=1&a=x%20y");
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("c1=v1", "c2=v2");
        assertThat(event.get("headers").get("x-multi").asText()).isEqualTo("one,two");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("queryStringParameters").get("a").asText()).isEqualTo("1,x y");
        assertThat(event.get("queryStringParameters").get("b").asText()).isEqualTo("2");
        JsonNode context = event.get("requestContext");
        assertThat(context.get("accountId").asText()).isEqualTo("anonymous");
        assertThat(context.get("apiId").asText()).isEqualTo(id(url));
        assertThat(context.get("domainPrefix").asText()).isEqualTo(id(url));
        assertThat(context.get("domainName").asText()).isEqualTo(URI.create(url).getHost());
        assertThat(context.get("http").get("method").asText()).isEqualTo("POST");
        assertThat(context.get("http").get("path").asText()).isEqualTo("/echo");
        assertThat(context.get("http").get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("http").get("userAgent").asText()).isEqualTo("url-test");
        assertThat(context.get("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(context.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.get("timeEpoch").asLong()).isPositive();
        assertThat(context.has("authorizer")).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("hello body");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff};
        JsonNode binaryEvent = Json.mapper().readTree(send(HttpRequest.newBuilder(local(url, "/echo"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build()).body());
        assertThat(binaryEvent.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binaryEvent.get("body").asText())).isEqualTo(binary);
        assertThat(binaryEvent.has("queryStringParameters")).isFalse();
        assertThat(binaryEvent.has("cookies")).isFalse();
        t.lambda.deleteFunctionUrlConfig(r -> r.functionName("web"));
        t.lambda.removePermission(r -> r.functionName("web").statementId("url-null"));
        t.lambda.removePermission(r -> r.functionName("web").statementId("invoke-null"));
    }

    @Test
    void theAnswerBecomesTheResponse() throws Exception {
        t.create("answers", "python3.12", "app.handler", Map.of("app.py", CODE));
        LambdaTestSupport.waitActive(t.lambda, "answers");
        String url = publicUrl("answers", null);
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(local(url, "/status")).build());
        assertThat(status.statusCode()).isEqualTo(201);
        assertThat(status.headers().firstValue("x-custom")).hasValue("yes");
        assertThat(status.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(status.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        assertThat(text(status)).isEqualTo("created");

        HttpResponse<byte[]> binary = send(HttpRequest.newBuilder(local(url, "/binary")).build());
        assertThat(binary.body()).isEqualTo(new byte[]{0, 1, 2, (byte) 255});
        assertThat(binary.headers().firstValue("content-type")).hasValue("application/octet-stream");

        HttpResponse<byte[]> inferred = send(HttpRequest.newBuilder(local(url, "/inferred")).build());
        assertThat(inferred.statusCode()).isEqualTo(200);
        assertThat(inferred.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Json.mapper().readTree(inferred.body()).get("message").asText()).isEqualTo("hi");

        HttpResponse<byte[]> failed = send(HttpRequest.newBuilder(local(url, "/fail")).build());
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(text(failed)).isEqualTo("{\"Message\":\"Internal Server Error\"}");

        // the host form: the URL's own name as the Host, on the server's port
        assertThat(byHost(URI.create(url).getHost(), "/status")).startsWith("HTTP/1.1 201 ").endsWith("created");
        String awsName = byHost(id(url) + ".lambda-url.us-east-1.on.aws", "/echo");
        assertThat(Json.mapper().readTree(awsName.substring(awsName.indexOf("\r\n\r\n") + 4)).get("requestContext")
                .get("domainName").asText()).isEqualTo(id(url) + ".lambda-url.us-east-1.on.aws");

        HttpResponse<byte[]> unknown = send(HttpRequest.newBuilder(URI.create(t.server.endpoint()
                + "/_gureum/lambda-url/" + "0".repeat(32) + "/")).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void anAliasHasAUrlOfItsOwn() throws Exception {
        t.create("aliased", "python3.12", "app.handler", Map.of("app.py", CODE));
        LambdaTestSupport.waitActive(t.lambda, "aliased");
        String version = t.lambda.publishVersion(r -> r.functionName("aliased")).version();
        t.lambda.createAlias(r -> r.functionName("aliased").name("live").functionVersion(version));
        String url = publicUrl("aliased", "live");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(local(url, "/arn")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).endsWith(":function:aliased:live");
    }

    @Test
    void corsIsAnsweredFromTheUrlsConfiguration() throws Exception {
        t.create("cors", "python3.12", "app.handler", Map.of("app.py", CODE));
        LambdaTestSupport.waitActive(t.lambda, "cors");
        String url = publicUrl("cors", null);
        t.lambda.updateFunctionUrlConfig(r -> r.functionName("cors").cors(c -> c.allowOrigins("https://app.example")
                .allowMethods("GET", "POST").allowHeaders("x-token").exposeHeaders("x-custom").maxAge(600)
                .allowCredentials(true)));
        HttpResponse<byte[]> preflight = send(HttpRequest.newBuilder(local(url, "/status"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "x-token").build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("x-token");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("600");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        assertThat(preflight.body()).isEmpty();

        HttpResponse<byte[]> actual = send(HttpRequest.newBuilder(local(url, "/status"))
                .header("Origin", "https://app.example").build());
        assertThat(actual.statusCode()).isEqualTo(201);
        assertThat(actual.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
        assertThat(actual.headers().firstValue("access-control-expose-headers")).hasValue("x-custom");

        HttpResponse<byte[]> foreign = send(HttpRequest.newBuilder(local(url, "/status"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build());
        assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void anIamUrlAnswersSignedRequestsOnly() throws Exception {
        t.create("private", "python3.12", "app.handler", Map.of("app.py", CODE));
        LambdaTestSupport.waitActive(t.lambda, "private");
        String url = t.lambda.createFunctionUrlConfig(r -> r.functionName("private")
                .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl();
        URI uri = local(url, "/echo");
        HttpResponse<byte[]> unsigned = send(HttpRequest.newBuilder(uri).build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(text(unsigned)).isEqualTo("{\"Message\":\"Forbidden\"}");

        JsonNode event = Json.mapper().readTree(send(signed(uri, "000000000000")).body());
        JsonNode iam = event.get("requestContext").get("authorizer").get("iam");
        assertThat(iam.get("accessKey").asText()).isEqualTo("000000000000");
        assertThat(iam.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(event.get("requestContext").get("accountId").asText()).isEqualTo("000000000000");

        // another account needs the function's policy
        assertThat(send(signed(uri, "111111111111")).statusCode()).isEqualTo(403);
        t.lambda.addPermission(r -> r.functionName("private").statementId("other-url").action("lambda:InvokeFunctionUrl")
                .principal("111111111111").functionUrlAuthType(FunctionUrlAuthType.AWS_IAM));
        t.lambda.addPermission(r -> r.functionName("private").statementId("other-invoke").action("lambda:InvokeFunction")
                .principal("111111111111"));
        assertThat(send(signed(uri, "111111111111")).statusCode()).isEqualTo(200);
    }

    /** The whole response to a GET sent to the server's port with {@code host} as its Host (the JDK client refuses that header). */
    static String byHost(String host, String path) throws Exception {
        URI endpoint = URI.create(t.server.endpoint().toString());
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A GET signed with SigV4 for Lambda as the SDK signs it, by an access key naming {@code account}. */
    static HttpRequest signed(URI uri, String account) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create(account, "test"))
                .request(request).putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }
}
