package dev.gureum.server.console;

import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.RequestTap;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The console's paths: the page at {@code /_gureum/console}, its scripts, and its API under
 * {@code /_gureum/console/api/}. Nothing of the console is built, and none of its classes loaded, until
 * the first request to one of them.
 */
public final class ConsoleRoutes {

    static final String PAGE = "/_gureum/console";
    static final String API = PAGE + "/api/";

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
        routes.get(PAGE, e -> console.endpoints().asset(e, "index.html"));
        routes.get(PAGE + "/", e -> console.endpoints().asset(e, "index.html"));
        routes.get(PAGE + "/console.js", e -> console.endpoints().asset(e, "console.js"));
        routes.get(PAGE + "/console.css", e -> console.endpoints().asset(e, "console.css"));
        routes.get(API + "events", e -> console.endpoints().events(e));
        routes.getForAdmin(API + "requests", e -> console.endpoints().requests(e));
        routes.getForAdmin(API + "messaging", e -> console.endpoints().messaging(e));
        routes.getForAdmin(API + "storage", e -> console.endpoints().storage(e));
        routes.post(API + "purge-queue", e -> console.endpoints().purgeQueue(e));
        routes.post(API + "terminate-instance", e -> console.endpoints().terminateInstance(e));
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
