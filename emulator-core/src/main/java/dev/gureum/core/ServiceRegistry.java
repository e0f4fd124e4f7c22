package dev.gureum.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services of one server: which are built into it, which are enabled, and the instances, each
 * created on its first request (or when another service first needs it).
 */
public final class ServiceRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRegistry.class);

    /** What health reports for a service. */
    public enum Status {
        RUNNING("running"), DISABLED("disabled"), UNAVAILABLE("unavailable");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final EmulatorContext context;
    private final Map<String, ServiceModule> modules = new LinkedHashMap<>();
    private final Map<String, AwsService> instances = new java.util.concurrent.ConcurrentHashMap<>();

    public ServiceRegistry(EmulatorContext context) {
        this.context = context;
    }

    public EmulatorContext context() {
        return context;
    }

    public ServiceRegistry register(ServiceModule module) {
        modules.put(module.descriptor().name(), module);
        return this;
    }

    /** The registered modules, in registration order. */
    public java.util.Collection<ServiceModule> modules() {
        return java.util.Collections.unmodifiableCollection(modules.values());
    }

    public boolean isBuilt(String name) {
        return modules.containsKey(name);
    }

    public boolean isEnabled(String name) {
        return context.config().isEnabled(name);
    }

    /** The service instance, built on first use; {@code null} when the service is not built in or disabled. */
    /** The service instance if it has been built already, without building it. */
    public AwsService peek(String name) {
        return instances.get(name);
    }

    public AwsService get(String name) {
        AwsService service = instances.get(name);
        return service != null ? service : create(name);
    }

    private synchronized AwsService create(String name) {
        AwsService service = instances.get(name);
        if (service != null) {
            return service;
        }
        ServiceModule module = modules.get(name);
        if (module == null || !isEnabled(name)) {
            return null;
        }
        long start = System.nanoTime();
        service = module.create(context);
        instances.put(name, service);
        LOG.debug("Started {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
        return service;
    }

    /**
     * A built-in, enabled service answers {@code running}; services start on first use, so health
     * does not wait for them.
     */
    public Status status(String name) {
        if (!modules.containsKey(name)) {
            return Status.UNAVAILABLE;
        }
        if (!isEnabled(name)) {
            return Status.DISABLED;
        }
        return Status.RUNNING;
    }

    /** Drops the state of every service that has been started. */
    public synchronized void reset() {
        instances.values().forEach(AwsService::reset);
        context.accessKeys().reset();
    }

    /** Tells the services that have been started that the server is stopping (see {@link AwsService#stopping()}). */
    public synchronized void stopping() {
        for (AwsService service : instances.values()) {
            try {
                service.stopping();
            } catch (RuntimeException e) {
                LOG.warn("Stopping {} failed", service.descriptor().name(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        for (AwsService service : instances.values()) {
            try {
                service.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed", service.descriptor().name(), e);
            }
        }
        instances.clear();
    }
}
