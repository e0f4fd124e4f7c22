package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.core.http.ServiceRouter;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.Values;
import dev.gureum.core.time.ServerClock;
import io.undertow.server.HttpServerExchange;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code GET /_gureum/clock} tells the server clock's time, how far it is ahead of real time and its speed;
 * {@code POST /_gureum/clock} moves it: {@code {"advance": "PT5M"}} (everything due in between runs, in
 * order, before the answer), {@code {"speed": 60}}, or {@code {"realTime": true}} to put it back.
 */
final class ClockEndpoints {

    private static final Set<String> FIELDS = Set.of("advance", "speed", "realTime");
    /** A body is one small JSON object. */
    private static final int MAX_BODY = 4096;

    private ClockEndpoints() {
    }

    /** A body the clock refuses: a 400 with a sentence for the user. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    static void install(InternalRoutes routes, GureumServer server) {
        routes.get("/_gureum/clock", exchange -> Responses.json(exchange, 200, render(server.clock().reading())));
        routes.post("/_gureum/clock", exchange -> {
            JsonNode body;
            try {
                body = parse(read(exchange));
                // all checked before anything changes
                Duration advance = body.has("advance") ? duration(body.get("advance")) : null;
                Double speed = body.has("speed") ? speed(body.get("speed")) : null;
                ServerClock clock = server.clock();
                if (body.path("realTime").asBoolean(false)) {
                    clock.realTime();
                }
                if (advance != null) {
                    clock.advance(advance);
                }
                if (speed != null) {
                    clock.speed(speed);
                }
            } catch (Refused e) {
                exchange.setPersistent(false);
                ObjectNode error = JsonNodeFactory.instance.objectNode().put("error", "InvalidClockChange")
                        .put("message", e.getMessage());
                Responses.json(exchange, 400, error.toString());
                return;
            }
            // with a data directory, answered once where the clock stands is durable
            server.keepClock().toCompletableFuture().join();
            Responses.json(exchange, 200, render(server.clock().reading()));
        });
    }

    private static String render(ServerClock.Reading reading) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("time", Values.iso(reading.time()));
        body.put("offset", reading.offset().toString());
        body.put("offsetSeconds", reading.offset().toMillis() / 1000.0);
        body.put("speed", reading.speed());
        body.put("realTime", reading.offset().isZero() && reading.speed() == 1.0);
        return body.toString();
    }

    private static byte[] read(HttpServerExchange exchange) throws IOException, Refused {
        byte[] signed = exchange.getAttachment(ServiceRouter.BODY);
        if (signed != null) {
            return signed;
        }
        exchange.startBlocking();
        byte[] body = exchange.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new Refused("The body is larger than " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static JsonNode parse(byte[] bytes) throws Refused {
        JsonNode body;
        try {
            body = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new Refused("The body is not JSON: give {\"advance\": \"PT5M\"}, {\"speed\": 60} or {\"realTime\": true}");
        }
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new Refused("Give {\"advance\": \"PT5M\"}, {\"speed\": 60} or {\"realTime\": true}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Refused("Unknown field '" + name + "': the clock takes advance, speed and realTime");
            }
        }
        if (body.has("realTime") && !body.get("realTime").isBoolean()) {
            throw new Refused("realTime must be true or false");
        }
        return body;
    }

    private static Duration duration(JsonNode value) throws Refused {
        if (!value.isTextual()) {
            throw new Refused("advance must be an ISO-8601 duration such as \"PT5M\", not " + value);
        }
        Duration amount;
        try {
            amount = Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new Refused("advance must be an ISO-8601 duration such as \"PT5M\" or \"P1DT2H\", not \""
                    + value.asText() + "\"");
        }
        if (amount.isNegative()) {
            throw new Refused("The clock only moves forward: advance " + value.asText() + " is negative");
        }
        return amount;
    }

    private static double speed(JsonNode value) throws Refused {
        if (!value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
            throw new Refused("speed must be a number greater than 0 (1 is real speed), not " + value);
        }
        return value.asDouble();
    }
}
