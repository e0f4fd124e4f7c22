package dev.gureum.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.datacenter.Region;
import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.http.HostRoutes;
import dev.gureum.core.json.Json;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.lambda.protocol.LambdaService;
import dev.gureum.lambda.runtime.LambdaSettings;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Deque;
import java.util.Map;

/**
 * Lambda, wired into the server, with the CloudWatch Logs API its function logs are read through
 * ({@link #logs()}). Settings ({@code lambda.keep-alive-seconds}, {@code lambda.runtime.<runtime>}...)
 * come from the server's configuration; those given here win.
 */
public final class LambdaModule implements ServiceModule {

    /** Lambda's API versions are the first segment of its paths; the Runtime API is one of them. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("lambda", java.util.Set.of("lambda"),
            Protocol.REST_JSON, null, "2015-03-31", null, false)
            .with(java.util.Set.of(), ServiceRoutes.builder().hostLabels("lambda")
                    .pathPrefixes("/2014-11-13/", "/2015-03-31/", "/2016-08-19/", "/2017-03-31/", "/2017-10-31/",
                            "/2018-06-01/runtime/", "/2018-10-31/", "/2019-09-25/", "/2019-09-30/", "/2020-04-22/",
                            "/2020-06-30/", "/2021-10-31/", "/2021-11-15/", "/2022-07-01/", "/2024-08-31/")
                    .unsignedPathPrefixes("/2018-06-01/runtime/")
                    .build());


    private static final ObjectMapper JSON = Json.mapper();
    /** The path form of a function URL: {@code /_gureum/lambda-url/<url-id>/<path>}. */
    public static final String URL_PATH_PREFIX = "/_gureum/lambda-url/";
    /** Lambda's limit on a synchronous invocation's request, a function URL's body included. */
    private static final int MAX_URL_BODY = 6 * 1024 * 1024;

    private final Map<String, String> settings;
    private final LogStores logStores = new LogStores();
    private final LogsModule logs = new LogsModule(logStores);

    public LambdaModule() {
        this(Map.of());
    }

    public LambdaModule(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The CloudWatch Logs module that serves this Lambda's function logs. */
    public LogsModule logs() {
        return logs;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new LambdaService(context, LambdaSettings.from(context.config(), settings), logStores.of(context));
    }

    /**
     * Function URLs: {@code <url-id>.lambda-url.<region>.localhost.localstack.cloud} (which resolves to 127.0.0.1),
     * the AWS name {@code <url-id>.lambda-url.<region>.on.aws} for clients that send it as their {@code Host},
     * and the path form {@code /_gureum/lambda-url/<url-id>/...} on any host name.
     */
    @Override
    public void installHostRoutes(HostRoutes routes, ServiceRegistry registry) {
        for (Region region : Regions.standard().all()) {
            for (String suffix : java.util.List.of(".localhost.localstack.cloud", ".on.aws")) {
                routes.add(".lambda-url." + region.name() + suffix, exchange -> {
                    String host = exchange.getHostName().toLowerCase(java.util.Locale.ROOT);
                    int colon = host.indexOf(':');
                    host = colon < 0 ? host : host.substring(0, colon);
                    String urlId = host.substring(0, host.indexOf('.'));
                    String path = exchange.getRequestPath().isEmpty() ? "/" : exchange.getRequestPath();
                    serveUrl(exchange, registry, urlId, host, path);
                });
            }
        }
        routes.addPathPrefix(URL_PATH_PREFIX, exchange -> {
            String rest = exchange.getRequestPath().substring(URL_PATH_PREFIX.length());
            int slash = rest.indexOf('/');
            serveUrl(exchange, registry, slash < 0 ? rest : rest.substring(0, slash), null,
                    slash < 0 ? "/" : rest.substring(slash));
        });
    }

    /** Reads the body without a thread waiting on the client, then answers on a worker. */
    private static void serveUrl(HttpServerExchange exchange, ServiceRegistry registry, String urlId, String host,
                                 String path) {
        exchange.setMaxEntitySize(MAX_URL_BODY);
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> ex.dispatch(() -> {
            if (!(registry.get(DESCRIPTOR.name()) instanceof LambdaService lambda)) {
                Responses.json(ex, 404, "{\"Message\":\"Not Found\"}");
                return;
            }
            lambda.serveUrl(ex, urlId, host, path, body);
        }), (ex, e) -> {
            if (e instanceof io.undertow.server.RequestTooBigException
                    || e instanceof io.undertow.io.Receiver.RequestToLargeException) {
                ex.setPersistent(false);
                Responses.json(ex, 413, "{\"Message\":\"Request must be smaller than " + MAX_URL_BODY
                        + " bytes for the InvokeFunction operation\"}");
            } else {
                ex.setPersistent(false);
                ex.endExchange();
            }
        });
    }

    /** {@code GetFunction}'s {@code Code.Location} and {@code GetLayerVersion}'s {@code Content.Location} point here. */
    @Override
    public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
        routes.get("/_gureum/lambda/code", exchange -> archive(exchange, registry, "code"));
        routes.get("/_gureum/lambda/layer-code", exchange -> archive(exchange, registry, "layer-code"));
        routes.get("/_gureum/lambda/environments", exchange -> {
            Object service = registry.peek("lambda");
            java.util.List<java.util.Map<String, Object>> environments = service instanceof LambdaService lambda
                    ? lambda.runner().describeEnvironments() : java.util.List.of();
            Responses.json(exchange, 200, JSON.writeValueAsString(Map.of("environments", environments)));
        });
    }

    private static void archive(HttpServerExchange exchange, ServiceRegistry registry, String kind) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> archive(exchange, registry, kind));
            return;
        }
        try {
            Object service = registry.peek("lambda");
            if (!(service instanceof LambdaService lambda)) {
                Responses.json(exchange, 404, "{\"error\":\"Lambda is not running.\"}");
                return;
            }
            LambdaService.Download download = lambda.download(kind, single(exchange, "arn"), single(exchange, "code"),
                    single(exchange, "expires"), single(exchange, "signature"));
            if (download.zip() == null) {
                Responses.json(exchange, download.status(), JSON.writeValueAsString(Map.of("error", download.message())));
                return;
            }
            exchange.startBlocking();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/zip");
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, Files.size(download.zip()));
            if (!io.undertow.util.Methods.HEAD.equals(exchange.getRequestMethod())) {
                Files.copy(download.zip(), exchange.getOutputStream());
            }
            exchange.endExchange();
        } catch (IOException | RuntimeException e) {
            if (!exchange.isResponseStarted()) {
                exchange.setStatusCode(500);
            }
            exchange.endExchange();
        }
    }

    /** A query parameter given exactly once, decoded (the front end leaves query strings as sent), else {@code null}. */
    private static String single(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.size() != 1) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(values.getFirst(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
