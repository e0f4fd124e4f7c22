package dev.gureum.core.http;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.TestServices;
import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that throws after handing its exchange to a worker thread still answers: a 500 (or the
 * status of the AWS error it threw), never a client left waiting.
 */
class DispatchedFailuresIT {

    /** Internal routes that fail in the ways handlers can, and an AWS service that fails on a worker. */
    private static final class FailingModule implements ServiceModule {
        @Override
        public ServiceDescriptor descriptor() {
            return TestServices.SQS;
        }

        @Override
        public AwsService create(EmulatorContext context) {
            return new AwsService() {
                @Override
                public ServiceDescriptor descriptor() {
                    return TestServices.SQS;
                }

                @Override
                public boolean nonBlocking() {
                    return true;
                }

                @Override
                public void handle(HttpServerExchange exchange, RequestContext context) {
                    // the Undertow idiom for blocking work: hand the exchange to a worker
                    exchange.dispatch(() -> {
                        throw new IllegalStateException("failed on a worker");
                    });
                }

                @Override
                public void reset() {
                }
            };
        }

        @Override
        public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
            routes.get("/_gureum/test/throws", exchange -> {
                throw new IllegalStateException("failed in the handler");
            });
            routes.get("/_gureum/test/throws-after-dispatch", exchange -> exchange.dispatch(() -> {
                throw new IllegalArgumentException("failed after a hand-off");
            }));
            routes.get("/_gureum/test/bad-input", exchange -> exchange.dispatch(() -> {
                throw new dev.gureum.core.error.AwsException(dev.gureum.core.error.CommonError.INVALID_PARAMETER_VALUE,
                        "Not an ARN");
            }));
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedFrontEnd server;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new FailingModule());
        // built, the in-memory service is handed small requests on the IO thread, and hands off from there
        server.registry().get("sqs");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void internalHandlerThatThrowsAnswers500InJson() throws Exception {
        HttpResponse<String> response = get("/_gureum/test/throws");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"InternalError\"").doesNotContain("failed in the handler");
    }

    @Test
    void internalHandlerThatThrowsOnAWorkerItHandedOffToAnswers500() throws Exception {
        HttpResponse<String> response = get("/_gureum/test/throws-after-dispatch");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"error\":\"InternalError\"");
    }

    @Test
    void badInputRaisedOnAWorkerIsA4xx() throws Exception {
        HttpResponse<String> response = get("/_gureum/test/bad-input");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"InvalidParameterValue\"").contains("Not an ARN");
    }

    @Test
    void awsHandlerThatThrowsOnAWorkerItHandedOffAnswersInItsProtocol() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .timeout(Duration.ofSeconds(5))
                .header("X-Amz-Target", "AmazonSQS.ListQueues").header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("InternalError");
    }

    @Test
    void theServerStillAnswersAfterwards() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/_gureum/test/throws-after-dispatch").statusCode()).isEqualTo(500);
        }
        assertThat(get("/_gureum/nothing").statusCode()).isEqualTo(404);
    }
}
