package dev.gureum.server.console;

import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.RequestTap;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The console's paths: the page at {@code /_gureum/console}, its scripts, and its API under
 * {@code /_gureum/console/api/}. Nothing of the console is built, and none of its classes loaded, until
 * the first request to one of them.
 */
public final class ConsoleRoutes implements HttpHandler {

    static final String PAGE = "/_gureum/console";
    static final String API = PAGE + "/api/";
    /** The largest file the storage view uploads. */
    static final long MAX_UPLOAD = 64L * 1024 * 1024;

    private final ServiceRegistry services;
    private final Clock clock;
    private final Supplier<RequestTap> tap;
    private volatile ConsoleEndpoints endpoints;

    private ConsoleRoutes(ServiceRegistry services, Clock clock, Supplier<RequestTap> tap) {
        this.services = services;
        this.clock = clock;
        this.tap = tap;
    }

    /** Adds the console's routes; {@code tap} is the front end's, asked for once the console is first opened. */
    public static void install(InternalRoutes routes, ServiceRegistry services, Clock clock, Supplier<RequestTap> tap) {
        ConsoleRoutes console = new ConsoleRoutes(services, clock, tap);
        // one handler for every path: no class of the console's but this one is loaded at start-up
        for (String path : new String[] {PAGE, PAGE + "/", PAGE + "/console.js", PAGE + "/console.css",
                PAGE + "/functions.js", PAGE + "/metrics.js", PAGE + "/dashboards.js", API + "events"}) {
            routes.get(path, console);
        }
        for (String view : new String[] {"requests", "messaging", "queue-messages", "storage", "scaling", "object",
                "functions", "function-logs", "metrics", "metric-data", "alarms", "dashboards", "dashboard-data"}) {
            routes.getForAdmin(API + view, console);
        }
        routes.post(API + "purge-queue", console);
        routes.post(API + "terminate-instance", console);
        routes.post(API + "delete-object", console);
        // a file's bytes: a type no other page may send without a preflight, which is never answered
        routes.post(API + "upload", "application/octet-stream", MAX_UPLOAD, console);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        endpoints().handle(exchange);
    }

    private ConsoleEndpoints endpoints() {
        ConsoleEndpoints e = endpoints;
        if (e == null) {
            synchronized (this) {
                if (endpoints == null) {
                    endpoints = new ConsoleEndpoints(services, clock, tap);
                }
                e = endpoints;
            }
        }
        return e;
    }
}
