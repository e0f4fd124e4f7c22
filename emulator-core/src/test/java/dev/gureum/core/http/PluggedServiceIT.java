package dev.gureum.core.http;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service the core has never heard of, contributed by a module of the test alone, is routed by the
 * rules its descriptor names (the host rule: {@link ServiceTableTest}); and what is not supported answers 501 {@code NotImplemented} in the protocol
 * the client speaks.
 */
class PluggedServiceIT {

    /** An imaginary service: query and JSON, with a target prefix, actions, a host label and a path. */
    static final ServiceDescriptor WIDGETS = new ServiceDescriptor("widgets", Set.of("widgets"), Protocol.QUERY,
            "WidgetService_20260101", "2026-01-01", "https://widgets.example/doc/2026-01-01/", false)
            .with(Set.of(Protocol.JSON), ServiceRoutes.builder()
                    .queryActions(Set.of("MakeWidget", "Polish"))
                    .hostLabels("widgets")
                    .pathPrefixes("/widgets-api/")
                    .build());

    private static final class WidgetsModule implements ServiceModule {
        @Override
        public ServiceDescriptor descriptor() {
            return WIDGETS;
        }

        @Override
        public AwsService create(EmulatorContext context) {
            return new ActionService(WIDGETS) {
                {
                    register("MakeWidget", r -> Struct.of().put("Service", r.context().service().name())
                            .put("Region", r.context().region()));
                    register("Polish", r -> {
                        throw new AwsException(CommonError.NOT_IMPLEMENTED, "Polish is not supported by Gureum.");
                    });
                }

                @Override
                public void reset() {
                }
            };
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedFrontEnd server;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new WidgetsModule());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/x-amz-json-1.1";

    private static String authorization(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=abc";
    }

    @Test
    void routedByItsTargetPrefix() throws Exception {
        HttpResponse<String> r = post("/", "{}", "X-Amz-Target", "WidgetService_20260101.MakeWidget",
                "Content-Type", JSON);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"Service\":\"widgets\"");
    }

    @Test
    void routedByItsActionName() throws Exception {
        HttpResponse<String> r = post("/", "Action=MakeWidget", "Content-Type", FORM);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<MakeWidgetResponse").contains("<Service>widgets</Service>");
    }

    @Test
    void routedByItsQueryVersion() throws Exception {
        HttpResponse<String> r = post("/", "Action=MakeWidget&Version=2026-01-01", "Content-Type", FORM);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<Service>widgets</Service>");
    }

    @Test
    void routedByItsSigningName() throws Exception {
        HttpResponse<String> r = post("/", "Action=MakeWidget", "Content-Type", FORM,
                "Authorization", authorization("widgets"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<Region>eu-west-1</Region>");
    }

    @Test
    void routedByItsPathPrefix() throws Exception {
        HttpResponse<String> r = post("/widgets-api/anything", "", "X-Unused", "1");
        // reaches the service (which then finds no Action), not the "no service" answer
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void unsupportedOperationAnswersNotImplementedInJsonToAJsonClient() throws Exception {
        HttpResponse<String> r = post("/", "{}", "X-Amz-Target", "WidgetService_20260101.Polish", "Content-Type", JSON);
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(r.body()).contains("\"__type\":\"com.amazonaws.widgets#NotImplemented\"")
                .contains("Polish is not supported");
    }

    @Test
    void unsupportedOperationAnswersNotImplementedInXmlToAQueryClient() throws Exception {
        HttpResponse<String> r = post("/", "Action=Polish", "Content-Type", FORM);
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).startsWith("<ErrorResponse xmlns=\"https://widgets.example/doc/2026-01-01/\">")
                .contains("<Code>NotImplemented</Code>");
    }

    @Test
    void unsupportedServiceAnswersNotImplementedInJsonToAJsonClient() throws Exception {
        HttpResponse<String> r = post("/", "{}", "X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type",
                "application/x-amz-json-1.0");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("\"__type\":\"com.amazon.coral.service#NotImplemented\"")
                .contains("Service 'DynamoDB_20120810' is not supported by Gureum (it serves widgets).");
    }

    @Test
    void unsupportedServiceAnswersNotImplementedInXmlToAQueryClient() throws Exception {
        HttpResponse<String> r = post("/", "Action=ListUsers&Version=2010-05-08", "Content-Type", FORM,
                "Authorization", authorization("iam"));
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).startsWith("<ErrorResponse").contains("<Code>NotImplemented</Code>")
                .contains("Service &apos;iam&apos; is not supported");
    }

    @Test
    void aServerWithoutAFallbackServiceAnswersNotImplementedForUnclaimedRequests() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/some-bucket/key"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("<Code>NotImplemented</Code>")
                .contains("No service of this server takes the request (it serves widgets).");
        HttpResponse<String> form = post("/", "Action=Unclaimed", "Content-Type", FORM);
        assertThat(form.statusCode()).isEqualTo(501);
        assertThat(form.body()).contains("<Code>NotImplemented</Code>");
    }
}
