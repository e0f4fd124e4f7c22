package dev.gureum.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import io.undertow.server.HttpHandler;

/**
 * Gureum's own endpoints: health and init scripts' states (also at LocalStack's paths), server info, and reset (which takes
 * {@code Content-Type: application/json}, as every state-changing internal endpoint does).
 */
final class InternalEndpoints {

    private InternalEndpoints() {
    }

    static void install(InternalRoutes routes, GureumServer server) {
        // written by hand: health is the first call after start-up, and JSON libraries take time to load
        HttpHandler health = exchange -> {
            StringBuilder body = new StringBuilder("{\"services\":{");
            for (dev.gureum.core.ServiceModule m : server.services().modules()) {
                ServiceDescriptor d = m.descriptor();
                if (body.charAt(body.length() - 1) != '{') {
                    body.append(',');
                }
                body.append('"').append(d.name()).append("\":\"").append(server.services().status(d.name()).text())
                        .append('"');
            }
            body.append("},\"version\":\"").append(Version.get()).append("\"}");
            Responses.json(exchange, 200, body.toString());
        };
        routes.get("/_gureum/health", health);
        routes.get("/_localstack/health", health);
        for (String prefix : new String[] {"/_gureum/init", "/_localstack/init"}) {
            routes.get(prefix, exchange -> Responses.json(exchange, 200, server.initHooks().report(null)));
            for (InitHooks.Stage stage : InitHooks.Stage.values()) {
                routes.get(prefix + "/" + stage.name().toLowerCase(java.util.Locale.ROOT),
                        exchange -> Responses.json(exchange, 200, server.initHooks().report(stage)));
            }
        }
        routes.get("/_gureum/info", exchange -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("version", Version.get());
            body.put("uptimeSeconds", server.uptime().toMillis() / 1000.0);
            body.put("host", server.host());
            body.put("port", server.port());
            body.put("defaultAccount", server.config().defaultAccount());
            body.put("defaultRegion", server.config().defaultRegion());
            body.put("dataDir", server.config().dataDir().toString());
            body.put("verifySignatures", server.config().verifySignatures());
            ObjectNode state = body.putObject("persistence");
            state.put("kept", server.persistence().durable());
            state.put("dataDir", server.config().dataDir().toString());
            state.put("deletedAtExit", server.temporaryDataDir());
            state.put("sizeOnDiskBytes", ServerState.sizeOnDisk(server.config().dataDir()));
            state.put("journalBytes", server.persistence().sizeOnDisk());
            state.put("sync", server.persistence().options().map(o -> o.sync().value()).orElse(null));
            state.put("lastDurable", server.persistence().lastDurable().map(Object::toString).orElse(null));
            body.put("java", System.getProperty("java.version"));
            Responses.json(exchange, 200, body.toString());
        });
        // internal routes run on a worker thread: services may delete files when they drop their state
        HttpHandler reset = exchange -> {
            server.reset();
            Responses.json(exchange, 200, "{\"reset\":true}");
        };
        routes.post("/_gureum/reset", reset);
        ServerState.install(routes, server);
        ClockEndpoints.install(routes, server);
        routes.post("/_localstack/state/reset", reset);
    }
}
