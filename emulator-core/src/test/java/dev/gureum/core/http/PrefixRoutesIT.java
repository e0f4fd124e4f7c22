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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routes under a prefix take every method on every path below it, without a content type; exact routes win. */
class PrefixRoutesIT {

    private static final class EchoModule implements ServiceModule {
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
                public void handle(HttpServerExchange exchange, RequestContext context) {
                    Responses.json(exchange, 200, "{}");
                }

                @Override
                public void reset() {
                }
            };
        }

        @Override
        public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
            routes.under("/_gureum/test/tree/", exchange -> Responses.send(exchange, "text/plain",
                    exchange.getRequestMethod() + " " + exchange.getRequestPath()));
            routes.under("/_gureum/test/tree/deeper/", exchange -> Responses.send(exchange, "text/plain", "deeper"));
            routes.get("/_gureum/test/tree/exact", exchange -> Responses.send(exchange, "text/plain", "exact"));
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedFrontEnd server;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new EchoModule());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyMethodBelowThePrefixReachesItsHandler() throws Exception {
        assertThat(send("GET", "/_gureum/test/tree/a/b").body()).isEqualTo("GET /_gureum/test/tree/a/b");
        HttpResponse<String> put = send("PUT", "/_gureum/test/tree/latest/api/token");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("PUT /_gureum/test/tree/latest/api/token");
        assertThat(send("GET", "/_gureum/test/tree/deeper/x").body()).isEqualTo("deeper");
        assertThat(send("GET", "/_gureum/test/tree/exact").body()).isEqualTo("exact");
        assertThat(send("GET", "/_gureum/test/other").statusCode()).isEqualTo(404);
    }

    @Test
    void aPrefixMustBeOneOfGureumsOwnPathsEndingInASlash() {
        InternalRoutes routes = new InternalRoutes(exchange -> { }, new dev.gureum.core.EmulatorConfig(
                "000000000000", "us-east-1", java.nio.file.Path.of("."), false, java.util.Map.of(), java.util.Set.of()),
                "127.0.0.1", null);
        assertThatThrownBy(() -> routes.under("/latest/", exchange -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routes.under("/_gureum/x", exchange -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
