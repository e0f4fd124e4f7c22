package dev.gureum.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.core.http.ServiceRouter;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.PersistenceException;
import dev.gureum.core.persist.StateFile;
import dev.gureum.core.persist.StateJournal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The whole state of a server as one file: {@code GET /_gureum/state} exports it, {@code POST /_gureum/state}
 * and {@code serve --load-state} load it, replacing the state of the services it holds.
 */
final class ServerState {

    private static final Logger LOG = LoggerFactory.getLogger(ServerState.class);
    /** A signed upload is read whole to check its hash; one sent with the admin token is streamed. */
    private static final long MAX_SIGNED_UPLOAD = 64L << 20;

    private ServerState() {
    }

    /**
     * How long a load waits for the requests in flight to the services it replaces (an SQS long poll
     * ends within 20 s).
     */
    static final java.time.Duration IN_FLIGHT_WAIT = java.time.Duration.ofSeconds(30);

    /** Requests to the services to load did not end in time: a 409, nothing loaded. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    /** A request the state endpoints refuse: a 400 with a sentence for the user. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static void install(InternalRoutes routes, GureumServer server) {
        // every account's state, STS secrets included: under strict signatures, for administrators only
        routes.getForAdmin("/_gureum/state", exchange -> {
            Set<String> services;
            try {
                services = requested(server, exchange);
            } catch (Refused e) {
                error(exchange, e.getMessage());
                return;
            }
            exchange.startBlocking();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, StateFile.MEDIA_TYPE);
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"gureum.state\"");
            if (exchange.getRequestMethod().equals(io.undertow.util.Methods.HEAD)) {
                return;
            }
            // a failure half-way cuts the response, and a file without its end mark is refused when loaded
            StateFile.write(exchange.getOutputStream(), states(server, services));
        });
        routes.post("/_gureum/state", StateFile.MEDIA_TYPE, MAX_SIGNED_UPLOAD, exchange -> {
            try {
                Set<String> services = exchange.getQueryParameters().containsKey("services")
                        ? requested(server, exchange) : null;
                byte[] signed = exchange.getAttachment(ServiceRouter.BODY);
                InputStream body;
                if (signed != null) {
                    body = new ByteArrayInputStream(signed);
                } else {
                    exchange.startBlocking();
                    body = exchange.getInputStream();
                }
                Map<String, Long> loaded = load(server, body, services);
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                ObjectNode counts = answer.putObject("loaded");
                loaded.forEach(counts::put);
                Responses.json(exchange, 200, answer.toString());
            } catch (Refused | PersistenceException e) {
                error(exchange, e.getMessage());
            } catch (Busy e) {
                exchange.setPersistent(false);
                Responses.json(exchange, 409, JsonNodeFactory.instance.objectNode().put("error", "InvalidState")
                        .put("message", e.getMessage()).toString());
            }
        });
    }

    private static void error(HttpServerExchange exchange, String message) {
        exchange.setPersistent(false);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", "InvalidState").put("message", message);
        Responses.json(exchange, 400, body.toString());
    }

    /** The services {@code ?services=} names (all enabled ones without it), each checked. */
    private static Set<String> requested(GureumServer server, HttpServerExchange exchange) {
        java.util.Deque<String> values = exchange.getQueryParameters().get("services");
        if (values == null) {
            return enabled(server);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            for (String raw : value.split(",")) {
                String name = raw.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!server.services().isBuilt(name) || !server.services().isEnabled(name)) {
                    throw new Refused("Service '" + name + "' is not one this server runs; it runs "
                            + String.join(", ", enabled(server)));
                }
                names.add(name);
            }
        }
        return names;
    }

    private static Set<String> enabled(GureumServer server) {
        Set<String> names = new LinkedHashSet<>();
        server.services().modules().forEach(m -> names.add(m.descriptor().name()));
        names.removeIf(n -> !server.services().isEnabled(n));
        return names;
    }

    /** The states of the services, every one built first so that none is missed. */
    private static List<DurableState> states(GureumServer server, Set<String> services) {
        server.buildAll();
        List<DurableState> states = new ArrayList<>();
        server.persistence().states().forEach((name, state) -> {
            if (services.contains(name)) {
                states.add(state);
            }
        });
        return states;
    }

    /**
     * Reads a whole state file (checking it before anything changes) and replaces the state of each
     * service it holds, durably. Services the file holds that this server does not run are skipped, with
     * a warning.
     *
     * @param services the services to load from the file, {@code null} for all it holds
     * @return the number of records loaded, by service
     */
    static Map<String, Long> load(GureumServer server, InputStream in, Set<String> services) throws IOException {
        server.buildAll();
        Map<String, DurableState> states = server.persistence().states();
        List<String> skipped = new ArrayList<>();
        Path spool = Files.createDirectories(server.config().dataDir()).resolve(".state-" + java.util.UUID.randomUUID());
        Files.createDirectory(spool);
        try {
            Map<String, StateFile.Section> sections = StateFile.read(in, name -> {
                if (services != null && !services.contains(name)) {
                    return null;
                }
                DurableState state = states.get(name);
                if (state == null) {
                    skipped.add(name);
                }
                return state;
            }, spool);
            if (!skipped.isEmpty()) {
                LOG.warn("The state file holds state of {}, which this server does not run; it was not loaded",
                        String.join(", ", skipped));
            }
            List<String> names = sections.values().stream().map(s -> s.state().name()).toList();
            try {
                // between requests: those to the services loaded wait until the new state is durable
                return server.services().gate().exclusive(names, IN_FLIGHT_WAIT, () -> replace(server, sections));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new Busy("Requests to " + String.join(", ", names) + " were still in flight after "
                        + IN_FLIGHT_WAIT.toSeconds() + " s (" + e.getMessage() + "); nothing was loaded. Try again.");
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } finally {
            GureumServer.deleteRecursively(spool);
        }
    }

    private static Map<String, Long> replace(GureumServer server, Map<String, StateFile.Section> sections)
            throws IOException {
        Map<String, Long> loaded = new LinkedHashMap<>();
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (StateFile.Section section : sections.values()) {
            String name = section.state().name();
            StateJournal journal = server.persistence().journal(name).orElseThrow();
            durable.add(section.replace(journal).toCompletableFuture());
            loaded.put(name, (long) section.records().size());
        }
        try {
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PersistenceException p) {
                throw p;
            }
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
        return loaded;
    }

    /** The bytes the data directory takes on disk (journals, snapshots, object bytes, code). */
    static long sizeOnDisk(Path dir) {
        long[] size = {0};
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(p -> {
                try {
                    if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        size[0] += Files.size(p);
                    }
                } catch (IOException e) {
                    // a file deleted while walking takes no space
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // what could be counted is the answer
        }
        return size[0];
    }
}
