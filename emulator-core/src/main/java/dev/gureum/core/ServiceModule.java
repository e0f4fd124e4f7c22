package dev.gureum.core;

/**
 * A service as the server wires it: its descriptor is known at once, the service itself is built on
 * first use so that start-up does no work that can wait.
 */
public interface ServiceModule {

    ServiceDescriptor descriptor();

    AwsService create(EmulatorContext context);
}
