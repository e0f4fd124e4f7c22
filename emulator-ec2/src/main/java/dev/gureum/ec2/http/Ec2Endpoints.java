package dev.gureum.ec2.http;

import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.ec2.domain.Ec2World;

import java.util.function.Supplier;

/** Gureum's own views of the simulated data center: {@code /_gureum/ec2/hosts} and {@code /_gureum/ec2/usage}. */
public final class Ec2Endpoints {

    private Ec2Endpoints() {
    }

    public static void install(InternalRoutes routes, Supplier<Ec2World> world) {
        routes.get("/_gureum/ec2/hosts", exchange -> Responses.json(exchange, 501, "{}"));
    }
}
