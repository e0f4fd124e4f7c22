package dev.gureum.server;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestService;
import dev.gureum.core.protocol.Struct;
import io.undertow.server.HttpServerExchange;

import java.util.function.Function;

/**
 * Small stand-in services that exercise the front end's protocols and routing independently of the
 * real service modules.
 */
final class TestModules {

    private TestModules() {
    }

    static ServiceModule module(ServiceDescriptor descriptor, Function<EmulatorContext, AwsService> factory) {
        return new ServiceModule() {
            @Override
            public ServiceDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public AwsService create(EmulatorContext context) {
                return factory.apply(context);
            }
        };
    }

    /** Answers every request with what the router decided: service, account, region. */
    static ServiceModule echo(ServiceDescriptor descriptor) {
        return module(descriptor, ctx -> new AwsService() {
            @Override
            public ServiceDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public void handle(HttpServerExchange exchange, RequestContext context) {
                Responses.json(exchange, 200, "{\"service\":\"" + context.service().name() + "\",\"account\":\""
                        + context.accountId() + "\",\"region\":\"" + context.region() + "\"}");
            }

            @Override
            public void reset() {
            }
        });
    }

    /** An action-protocol service (in the descriptor's protocols) with one operation, {@code Echo}, and one that fails, {@code Explode}. */
    static ServiceModule actions(ServiceDescriptor descriptor) {
        return module(descriptor, ctx -> new ActionService(descriptor) {
            {
                register("Echo", r -> Struct.of().put("Value", r.params().string("Value"))
                        .put("Count", r.params().integer("Count")));
                register("Explode", r -> {
                    throw new IllegalStateException("boom");
                });
            }

            @Override
            public void reset() {
            }
        });
    }

    /** A REST service with one route, {@code GET /echo/{Name}}. */
    static ServiceModule rest(ServiceDescriptor descriptor) {
        return module(descriptor, ctx -> new RestService(descriptor) {
            {
                route("GET", "/2015-03-31/echo/{Name}", "Echo",
                        r -> RestJsonCodec.send(r.exchange(), 200, Struct.of().put("Name", r.label("Name"))));
            }

            @Override
            public void reset() {
            }
        });
    }
}
