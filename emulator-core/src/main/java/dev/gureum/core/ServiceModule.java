package dev.gureum.core;

/**
 * A service as the server wires it: its descriptor is known at once, the service itself is built on
 * first use so that start-up does no work that can wait.
 */
public interface ServiceModule {

    ServiceDescriptor descriptor();

    AwsService create(EmulatorContext context);

    /**
     * Adds the module's own endpoints under {@code /_gureum/<service>/} (EC2's host view, SNS's sent
     * messages...). The service behind them is built on first use: get it with
     * {@code registry.get(descriptor().name())}.
     */
    default void installInternalRoutes(dev.gureum.core.http.InternalRoutes routes, ServiceRegistry registry) {
    }

    /**
     * Claims the host names of the module's data plane (a load balancer's DNS names), answered before any
     * AWS API routing. Called once, when the front end is built, for enabled services only.
     */
    default void installHostRoutes(dev.gureum.core.http.HostRoutes routes, ServiceRegistry registry) {
    }
}
