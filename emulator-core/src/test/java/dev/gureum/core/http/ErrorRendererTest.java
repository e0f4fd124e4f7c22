package dev.gureum.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.testing.TestServer;
import dev.gureum.core.testing.TestServices;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gureum.core.testing.XmlAssert.assertXmlEquals;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders errors on a real Undertow exchange and reads them back over HTTP, as a client would.
 */
class ErrorRendererTest {

    /** Errors shaped like those the services declare. */
    enum TestError implements AwsError {
        QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", 400) {
            @Override
            public String queryCode() {
                return "AWS.SimpleQueueService.NonExistentQueue";
            }
        },
        NOT_FOUND("NotFound", 404),
        NO_SUCH_KEY("NoSuchKey", 404),
        RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
        INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound", 400);

        private final String code;
        private final int status;

        TestError(String code, int status) {
            this.code = code;
            this.status = status;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public int status() {
            return status;
        }
    }

    private record Scenario(RequestContext context, AwsException error) {
    }

    private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ObjectMapper JSON = Json.mapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(exchange -> {
            Scenario s = SCENARIOS.get(exchange.getRequestPath());
            ErrorRenderer.render(exchange, s.context(), s.error());
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RequestContext context(String requestId, ServiceDescriptor service, Protocol protocol) {
        return new RequestContext(requestId, Clock.systemUTC()).service(service).protocol(protocol);
    }

    private static HttpResponse<String> send(String method, RequestContext ctx, AwsException error,
                                             String... headers) throws Exception {
        String path = "/case/" + NEXT.incrementAndGet();
        SCENARIOS.put(path, new Scenario(ctx, error));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(RequestContext ctx, AwsException error) throws Exception {
        return send("POST", ctx, error);
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    @Test
    void queryProtocolErrorResponse() throws Exception {
        HttpResponse<String> r = post(context("9dd01905-5012-5f99-8663-4b3ecd0dfaef", TestServices.SNS, Protocol.QUERY),
                new AwsException(TestError.NOT_FOUND, "Topic does not exist"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(contentType(r)).isEqualTo("text/xml");
        assertXmlEquals(r.body(), """
                <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>NotFound</Code>
                    <Message>Topic does not exist</Message>
                  </Error>
                  <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
                </ErrorResponse>""");
    }

    @Test
    void sqsOverTheQueryProtocolUsesTheQueryCode() throws Exception {
        HttpResponse<String> r = post(context("42d59b56-7407-4c4a-be0f-4c88daeea257", TestServices.SQS, Protocol.QUERY),
                new AwsException(TestError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist."));

        assertThat(r.statusCode()).isEqualTo(400);
        assertXmlEquals(r.body(), """
                <ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>AWS.SimpleQueueService.NonExistentQueue</Code>
                    <Message>The specified queue does not exist.</Message>
                  </Error>
                  <RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId>
                </ErrorResponse>""");
    }

    @Test
    void queryProtocolServerFaultsAreReceiverErrors() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.STS, Protocol.QUERY),
                new AwsException(CommonError.INTERNAL_ERROR, "boom"));

        assertThat(r.statusCode()).isEqualTo(500);
        assertXmlEquals(r.body(), """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Receiver</Type><Code>InternalError</Code><Message>boom</Message></Error>
                  <RequestId>r</RequestId>
                </ErrorResponse>""");
    }

    @Test
    void ec2ErrorResponse() throws Exception {
        HttpResponse<String> r = post(context("ea966190-f9aa-478e-9ede-example", TestServices.EC2, Protocol.EC2),
                new AwsException(TestError.INVALID_INSTANCE_ID_NOT_FOUND, "The instance ID 'i-1a2b3c4d' does not exist"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(contentType(r)).isEqualTo("text/xml;charset=UTF-8");
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertXmlEquals(r.body(), """
                <Response>
                  <Errors>
                    <Error>
                      <Code>InvalidInstanceID.NotFound</Code>
                      <Message>The instance ID 'i-1a2b3c4d' does not exist</Message>
                    </Error>
                  </Errors>
                  <RequestID>ea966190-f9aa-478e-9ede-example</RequestID>
                </Response>""");
    }

    @Test
    void jsonErrorOfAQueryCompatibleService() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.SQS, Protocol.JSON),
                new AwsException(TestError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist."));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(contentType(r)).isEqualTo("application/x-amz-json-1.0");
        assertThat(r.headers().firstValue("x-amzn-query-error")).hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body).isEqualTo(JSON.readTree(
                "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}"));
    }

    @Test
    void jsonServerFaultsAreReceiverInTheQueryErrorHeader() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.SQS, Protocol.JSON),
                new AwsException(CommonError.INTERNAL_ERROR, "We encountered an internal error."));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("x-amzn-query-error")).hasValue("InternalError;Receiver");
    }

    @Test
    void jsonFrontEndErrorsAreInCoralsNamespace() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.SQS, Protocol.JSON),
                new AwsException(CommonError.SERIALIZATION_EXCEPTION, "Could not parse request body into json"));

        assertThat(JSON.readTree(r.body()).get("__type").asText())
                .isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(r.headers().firstValue("x-amzn-query-error")).hasValue("SerializationException;Sender");
    }

    @Test
    void jsonErrorOfAServiceThatIsNotQueryCompatibleHasNoQueryErrorHeader() throws Exception {
        ServiceDescriptor plainJson = new ServiceDescriptor("example", Set.of("example"), Protocol.JSON,
                "Example_20240101", "2024-01-01", null, false);

        HttpResponse<String> r = post(context("r", plainJson, Protocol.JSON),
                new AwsException(TestError.RESOURCE_NOT_FOUND, "nope").detail("ResourceName", "x"));

        assertThat(r.headers().firstValue("x-amzn-query-error")).isEmpty();
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
                "{\"__type\":\"com.amazonaws.example#ResourceNotFoundException\",\"message\":\"nope\",\"ResourceName\":\"x\"}"));
    }

    @Test
    void restXmlErrorWithDetails() throws Exception {
        HttpResponse<String> r = send("GET", context("4442587FB7D0A2F9", TestServices.S3, null),
                new AwsException(TestError.NO_SUCH_KEY, "The specified key does not exist.")
                        .detail("Key", "myfoto.jpg"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(contentType(r)).isEqualTo("application/xml");
        assertXmlEquals(r.body(), """
                <Error>
                  <Code>NoSuchKey</Code>
                  <Message>The specified key does not exist.</Message>
                  <Key>myfoto.jpg</Key>
                  <RequestId>4442587FB7D0A2F9</RequestId>
                  <HostId>%s</HostId>
                </Error>""".formatted(ErrorRenderer.hostId("4442587FB7D0A2F9")));
    }

    @Test
    void restJsonErrorNamesTheCodeInAHeader() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.LAMBDA, null),
                new AwsException(TestError.RESOURCE_NOT_FOUND,
                        "Function not found: arn:aws:lambda:us-east-1:123456789012:function:my-function"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(contentType(r)).isEqualTo("application/json");
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"Type\":\"User\","
                + "\"Message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:my-function\"}"));
    }

    @Test
    void restJsonServerFaultsAreServiceErrors() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.LAMBDA, null),
                new AwsException(CommonError.SERVICE_UNAVAILABLE, "down"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).get("Type").asText()).isEqualTo("Service");
    }

    @Test
    void headRequestsGetTheStatusAndHeadersButNoBody() throws Exception {
        HttpResponse<String> r = send("HEAD", context("r", TestServices.S3, null),
                new AwsException(TestError.NO_SUCH_KEY, "The specified key does not exist.")
                        .header("x-amz-delete-marker", "true"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
        assertThat(contentType(r)).isEqualTo("application/xml");
        assertThat(r.headers().firstValue("x-amz-delete-marker")).hasValue("true");
    }

    @Test
    void errorHeadersAreSentWithTheBody() throws Exception {
        HttpResponse<String> r = send("GET", context("r", TestServices.S3, null),
                new AwsException(TestError.NO_SUCH_KEY, "gone").header("x-amz-delete-marker", "true")
                        .header("x-amz-version-id", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"));

        assertThat(r.headers().firstValue("x-amz-delete-marker")).hasValue("true");
        assertThat(r.headers().firstValue("x-amz-version-id")).hasValue("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
    }

    @Test
    void markupInMessagesIsEscaped() throws Exception {
        HttpResponse<String> r = post(context("r", TestServices.SNS, Protocol.QUERY),
                new AwsException(CommonError.INVALID_PARAMETER_VALUE, "Value <a&b> for \"Name\" is invalid"));

        assertXmlEquals(r.body(), """
                <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <Error><Type>Sender</Type><Code>InvalidParameterValue</Code>
                    <Message>Value &lt;a&amp;b&gt; for "Name" is invalid</Message></Error>
                  <RequestId>r</RequestId>
                </ErrorResponse>""");
    }

    @Test
    void withoutAContextJsonClientsGetJson() throws Exception {
        HttpResponse<String> r = send("POST", null, new AwsException(CommonError.UNKNOWN_OPERATION, "no"),
                "X-Amz-Target", "AmazonSQS.Nope");

        assertThat(contentType(r)).isEqualTo("application/x-amz-json-1.0");
        assertThat(JSON.readTree(r.body()).get("__type").asText())
                .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void withoutAContextOtherClientsGetQueryXml() throws Exception {
        HttpResponse<String> r = send("POST", null, new AwsException(CommonError.MISSING_ACTION, "no action"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertXmlEquals(r.body(), """
                <ErrorResponse>
                  <Error><Type>Sender</Type><Code>MissingAction</Code><Message>no action</Message></Error>
                  <RequestId></RequestId>
                </ErrorResponse>""");
    }

    @Test
    void guessProtocolLooksAtTargetAndContentType() {
        assertThat(ErrorRenderer.guessProtocol(exchange(Map.of("X-Amz-Target", "AmazonSQS.SendMessage"))))
                .isEqualTo(Protocol.JSON);
        assertThat(ErrorRenderer.guessProtocol(exchange(Map.of("Content-Type", "application/x-amz-json-1.0"))))
                .isEqualTo(Protocol.JSON);
        assertThat(ErrorRenderer.guessProtocol(exchange(Map.of("Content-Type", "application/x-www-form-urlencoded"))))
                .isEqualTo(Protocol.QUERY);
        assertThat(ErrorRenderer.guessProtocol(exchange(Map.of()))).isEqualTo(Protocol.QUERY);
    }

    @Test
    void hostIdIsStableBase64() {
        assertThat(ErrorRenderer.hostId("abc")).isEqualTo(ErrorRenderer.hostId("abc"))
                .isNotEqualTo(ErrorRenderer.hostId("abd"))
                .matches("[A-Za-z0-9+/]+=*");
    }

    static HttpServerExchange exchange(Map<String, String> headers) {
        HttpServerExchange exchange = new HttpServerExchange(null);
        headers.forEach((k, v) -> exchange.getRequestHeaders().put(HttpString.tryFromString(k), v));
        return exchange;
    }
}
