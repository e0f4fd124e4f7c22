package dev.gureum.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.persist.StateFile;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.server.GureumServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A state file carries Lambda's deployment packages: functions exported from one server run on another,
 * with or without a data directory, and on that one's restart.
 */
class LambdaStateFileIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String APP_V1 = """
            import helpers
            def handler(event, context):
                return helpers.greet("one")
            """;
    private static final String APP_V2 = """
            import helpers
            def handler(event, context):
                return helpers.greet("two")
            """;

    /** Built once: a zip records the time its entries were written. */
    private static final SdkBytes CODE_V1 = Packages.zip(Map.of("app.py", APP_V1));
    private static final SdkBytes CODE_V2 = Packages.zip(Map.of("app.py", APP_V2));

    @BeforeAll
    static void python() {
        Packages.assumeRuns("python3", "--version");
    }

    private static GureumServer server(Path dataDir) {
        GureumServer.Builder b = GureumServer.builder().port(0).services(Set.of("lambda", "logs"));
        return (dataDir == null ? b : b.dataDir(dataDir)).build().start();
    }

    private static LambdaClient lambda(GureumServer server) {
        return SdkClients.configure(LambdaClient.builder(), server.endpoint()).build();
    }

    private static String invoke(LambdaClient lambda, String function, String qualifier) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function).qualifier(qualifier)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        return response.payload().asUtf8String();
    }

    private static HttpResponse<String> load(URI endpoint, byte[] file) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_gureum/state"))
                .header("Content-Type", StateFile.MEDIA_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] download(String location) throws Exception {
        HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        return got.body();
    }

    /** The function's versions answer from their own code, with the layer version they were made with. */
    private static void runsAsExported(LambdaClient lambda, byte[] secondLayer) throws Exception {
        assertThat(invoke(lambda, "greeter", "1")).isEqualTo("\"hello one\"");
        assertThat(invoke(lambda, "greeter", "$LATEST")).isEqualTo("\"hello two\"");
        assertThat(download(lambda.getLayerVersion(r -> r.layerName("helpers").versionNumber(2L)).content().location()))
                .isEqualTo(secondLayer);
        assertThat(download(lambda.getFunction(r -> r.functionName("greeter").qualifier("1")).code().location()))
                .isEqualTo(CODE_V1.asByteArray());
    }

    @Test
    void functionsAndLayersRunWhereTheirStateIsLoaded(@TempDir Path source, @TempDir Path target) throws Exception {
        byte[] secondLayer = Packages.zip(Map.of("python/helpers.py", "def greet(n):\n    return 'hi ' + n\n"))
                .asByteArray();
        byte[] file;
        try (GureumServer server = server(source); LambdaClient lambda = lambda(server)) {
            String firstLayer = lambda.publishLayerVersion(r -> r.layerName("helpers").content(c -> c.zipFile(
                    Packages.zip(Map.of("python/helpers.py", "def greet(n):\n    return 'hello ' + n\n")))))
                    .layerVersionArn();
            lambda.publishLayerVersion(r -> r.layerName("helpers").content(c -> c.zipFile(
                    SdkBytes.fromByteArray(secondLayer))));
            lambda.createFunction(r -> r.functionName("greeter").runtime("python3.12").handler("app.handler")
                    .role(Packages.ROLE).layers(firstLayer).code(c -> c.zipFile(CODE_V1)));
            lambda.publishVersion(r -> r.functionName("greeter"));
            lambda.updateFunctionCode(r -> r.functionName("greeter").zipFile(CODE_V2));
            // the function keeps using the layer version deleted since: its package travels with the function
            lambda.deleteLayerVersion(r -> r.layerName("helpers").versionNumber(1L));
            runsAsExported(lambda, secondLayer);

            HttpResponse<byte[]> exported = HTTP.send(HttpRequest.newBuilder(server.endpoint()
                    .resolve("/_gureum/state?services=lambda")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(exported.statusCode()).isEqualTo(200);
            file = exported.body();
        }

        try (GureumServer server = server(target); LambdaClient lambda = lambda(server)) {
            // with a package of the file stored here already
            lambda.createFunction(r -> r.functionName("replaced").runtime("python3.12").handler("app.handler")
                    .role(Packages.ROLE).code(c -> c.zipFile(CODE_V1)));
            HttpResponse<String> loaded = load(server.endpoint(), file);
            assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
            JsonNode counts = Json.mapper().readTree(loaded.body()).path("loaded");
            // one function and one layer
            assertThat(counts.path("lambda").asLong()).isEqualTo(2);
            runsAsExported(lambda, secondLayer);
            // loading replaces the state: what was here before is gone
            assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("replaced")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        // what was loaded is durable, packages included
        try (GureumServer server = server(target); LambdaClient lambda = lambda(server)) {
            runsAsExported(lambda, secondLayer);
        }
        try (GureumServer server = server(null); LambdaClient lambda = lambda(server)) {
            HttpResponse<String> loaded = load(server.endpoint(), file);
            assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
            runsAsExported(lambda, secondLayer);
        }
    }
}
