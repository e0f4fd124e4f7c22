package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.http.RequestTap;
import dev.gureum.core.http.Responses;
import dev.gureum.core.http.ServiceRouter;
import dev.gureum.core.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The console's handlers: its page and scripts, the live event stream, the views and the actions. */
final class ConsoleEndpoints {

    private static final int MAX_BODY = 4096;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private static final HttpString CONTENT_SECURITY_POLICY = HttpString.tryFromString("Content-Security-Policy");
    private static final HttpString X_CONTENT_TYPE_OPTIONS = HttpString.tryFromString("X-Content-Type-Options");

    private final Console console;
    private final ConsoleViews views;
    private final ConsoleActions actions;
    private final ConsoleScaling scaling;
    private final ConsoleStorage objects;
    private final ConsoleFunctions functions;
    private final ConsoleMetrics metrics;
    private final ConsoleDashboards dashboards;
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    ConsoleEndpoints(ServiceRegistry services, Clock clock, Supplier<RequestTap> tap) {
        this.console = new Console(tap, clock);
        this.views = new ConsoleViews(services);
        this.actions = new ConsoleActions(services);
        this.scaling = new ConsoleScaling(services);
        this.objects = new ConsoleStorage(services);
        this.functions = new ConsoleFunctions(services);
        this.metrics = new ConsoleMetrics(services);
        this.dashboards = new ConsoleDashboards(services);
    }

    /** Routes a request to one of the console's paths (the route table has checked its method and access). */
    void handle(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        switch (path.startsWith(ConsoleRoutes.API) ? path.substring(ConsoleRoutes.API.length()) : path) {
            case "events" -> events(exchange);
            case "requests" -> requests(exchange);
            case "messaging" -> messaging(exchange);
            case "storage" -> storage(exchange);
            case "queue-messages" -> queueMessages(exchange);
            case "scaling" -> Responses.json(exchange, 200, scaling.groups().toString());
            case "purge-queue" -> purgeQueue(exchange);
            case "terminate-instance" -> terminateInstance(exchange);
            case "object" -> attempt(exchange, () -> objects.download(exchange, query(exchange, "bucket"),
                    query(exchange, "key")));
            case "upload" -> upload(exchange);
            case "functions" -> Responses.json(exchange, 200, functions.functions().toString());
            case "function-logs" -> functionLogs(exchange);
            case "metrics" -> Responses.json(exchange, 200, metrics.metrics().toString());
            case "metric-data" -> metricData(exchange);
            case "alarms" -> Responses.json(exchange, 200, metrics.alarms().toString());
            case "dashboards" -> Responses.json(exchange, 200, metrics.dashboards().toString());
            case "dashboard-data" -> dashboardData(exchange);
            case "delete-object" -> act(exchange, body -> objects.delete(exchange, ConsoleActions.text(body, "bucket"),
                    ConsoleActions.text(body, "key")));
            case ConsoleRoutes.PAGE + "/console.js" -> asset(exchange, "console.js");
            case ConsoleRoutes.PAGE + "/functions.js" -> asset(exchange, "functions.js");
            case ConsoleRoutes.PAGE + "/metrics.js" -> asset(exchange, "metrics.js");
            case ConsoleRoutes.PAGE + "/dashboards.js" -> asset(exchange, "dashboards.js");
            case ConsoleRoutes.PAGE + "/console.css" -> asset(exchange, "console.css");
            default -> asset(exchange, "index.html");
        }
    }

    void asset(HttpServerExchange exchange, String name) throws IOException {
        byte[] body = assets.get(name);
        if (body == null) {
            try (InputStream in = ConsoleEndpoints.class.getResourceAsStream(name)) {
                if (in == null) {
                    Responses.json(exchange, 404, "{\"error\":\"Not found\"}");
                    return;
                }
                body = in.readAllBytes();
            }
            assets.put(name, body);
        }
        // the page's scripts and styles come from this server only
        exchange.getResponseHeaders().put(CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(X_CONTENT_TYPE_OPTIONS, "nosniff");
        Responses.send(exchange, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }

    void events(HttpServerExchange exchange) throws Exception {
        console.events().handleRequest(exchange);
    }

    void requests(HttpServerExchange exchange) {
        String after = query(exchange, "after");
        long from;
        try {
            from = after == null ? -1 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            refuse(exchange, 400, "InvalidParameter", "after must be a number");
            return;
        }
        Responses.json(exchange, 200, views.requests(console.feed(), from).toString());
    }

    void messaging(HttpServerExchange exchange) {
        Responses.json(exchange, 200, views.messaging().toString());
    }

    void storage(HttpServerExchange exchange) {
        ObjectNode body = views.storage(query(exchange, "bucket"), query(exchange, "prefix"));
        if (body == null) {
            refuse(exchange, 404, "NoSuchBucket", "There is no bucket " + query(exchange, "bucket"));
            return;
        }
        Responses.json(exchange, 200, body.toString());
    }

    void functionLogs(HttpServerExchange exchange) {
        ObjectNode body = functions.logs(query(exchange, "functionArn"));
        if (body == null) {
            refuse(exchange, 404, "ResourceNotFoundException", "There is no function " + query(exchange, "functionArn"));
            return;
        }
        Responses.json(exchange, 200, body.toString());
    }

    void dashboardData(HttpServerExchange exchange) {
        ObjectNode body = dashboards.data(query(exchange, "accountId"), query(exchange, "name"));
        if (body == null) {
            refuse(exchange, 404, "ResourceNotFound", "Dashboard " + query(exchange, "name") + " does not exist");
            return;
        }
        Responses.json(exchange, 200, body.toString());
    }

    void metricData(HttpServerExchange exchange) {
        ObjectNode body;
        try {
            Deque<String> dimensions = exchange.getQueryParameters().get("dimension");
            body = metrics.metricData(query(exchange, "accountId"), query(exchange, "region"), query(exchange, "namespace"),
                    query(exchange, "metric"), dimensions == null ? java.util.List.of() : dimensions.stream()
                            .map(d -> URLDecoder.decode(d, StandardCharsets.UTF_8)).toList(),
                    java.util.Objects.requireNonNullElse(query(exchange, "stat"), "Average"),
                    number(exchange, "period", 60), number(exchange, "minutes", 60));
        } catch (ConsoleMetrics.Invalid e) {
            refuse(exchange, 400, "InvalidParameterValue", e.getMessage());
            return;
        }
        Responses.json(exchange, 200, body.toString());
    }

    private static int number(HttpServerExchange exchange, String name, int otherwise) throws ConsoleMetrics.Invalid {
        String value = query(exchange, name);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConsoleMetrics.Invalid(name + " must be a number");
        }
    }

    void queueMessages(HttpServerExchange exchange) {
        ObjectNode body = views.queueMessages(query(exchange, "queueArn"));
        if (body == null) {
            refuse(exchange, 404, "QueueDoesNotExist", "There is no queue " + query(exchange, "queueArn"));
            return;
        }
        Responses.json(exchange, 200, body.toString());
    }

    void purgeQueue(HttpServerExchange exchange) throws IOException {
        act(exchange, actions::purgeQueue);
    }

    void terminateInstance(HttpServerExchange exchange) throws IOException {
        act(exchange, actions::terminateInstance);
    }

    void upload(HttpServerExchange exchange) throws IOException {
        if (attempt(exchange, () -> objects.upload(exchange, query(exchange, "bucket"), query(exchange, "key"),
                query(exchange, "contentType")))) {
            Responses.json(exchange, 200, "{\"done\":true}");
        }
    }

    private interface Attempt {
        void run() throws ConsoleActions.Refused, IOException;
    }

    /** Runs {@code attempt}, answering its refusal; whether it ran through. */
    private static boolean attempt(HttpServerExchange exchange, Attempt attempt) throws IOException {
        try {
            attempt.run();
            return true;
        } catch (ConsoleActions.Refused e) {
            refuse(exchange, e.status, e.error, e.getMessage());
            return false;
        }
    }

    private interface Action {
        void run(JsonNode body) throws ConsoleActions.Refused;
    }

    private static void act(HttpServerExchange exchange, Action action) throws IOException {
        JsonNode body;
        try {
            body = Json.mapper().readTree(read(exchange));
        } catch (IOException e) {
            refuse(exchange, 400, "InvalidRequest", "The body is not a JSON object");
            return;
        }
        if (body == null || !body.isObject()) {
            refuse(exchange, 400, "InvalidRequest", "The body is not a JSON object");
            return;
        }
        try {
            action.run(body);
        } catch (ConsoleActions.Refused e) {
            refuse(exchange, e.status, e.error, e.getMessage());
            return;
        }
        Responses.json(exchange, 200, "{\"done\":true}");
    }

    private static byte[] read(HttpServerExchange exchange) throws IOException {
        byte[] signed = exchange.getAttachment(ServiceRouter.BODY);
        if (signed != null) {
            return signed;
        }
        exchange.startBlocking();
        byte[] body = exchange.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("too large");
        }
        return body;
    }

    private static void refuse(HttpServerExchange exchange, int status, String error, String message) {
        exchange.setPersistent(false);
        ObjectNode body = Json.mapper().createObjectNode().put("error", error).put("message", message);
        Responses.json(exchange, status, body.toString());
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isEmpty()) {
            return null;
        }
        return URLDecoder.decode(values.peekFirst(), StandardCharsets.UTF_8);
    }
}
