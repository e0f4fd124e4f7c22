package dev.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The execution environments {@code /_gureum/lambda/environments} lists for a function. */
final class LambdaEnvironments {

    private LambdaEnvironments() {
    }

    static List<JsonNode> environments(LambdaTestSupport t, String functionName) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(t.server.endpoint() + "/_gureum/lambda/environments")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode env : Json.mapper().readTree(response.body()).path("environments")) {
                if (env.path("functionArn").asText().contains(":function:" + functionName + ":")) {
                    matching.add(env);
                }
            }
            return matching;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
