package dev.gureum.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
    /** Where requests wait while a service's whole state is replaced. */
    private final dev.gureum.core.http.RequestGate gate = new dev.gureum.core.http.RequestGate();
    private final Map<String, ServiceModule> modules = new LinkedHashMap<>();
    private final Map<String, AwsService> instances = new ConcurrentHashMap<>();
    private final Map<String, FutureTask<AwsService>> building = new ConcurrentHashMap<>();
    private final Map<String, Thread> builders = new ConcurrentHashMap<>();
    private volatile boolean serving;

    public ServiceRegistry(EmulatorContext context) {
        this.context = context;
    }

    /** Where requests wait while a service's whole state is replaced (a state file loaded). */
    public dev.gureum.core.http.RequestGate gate() {
        return gate;
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

    /**
     * Builds the service once, whichever threads ask for it together; services build side by side (the
     * server opens those with kept state at the same time).
     */
    private AwsService create(String name) {
        ServiceModule module = modules.get(name);
        if (module == null || !isEnabled(name)) {
            return null;
        }
        FutureTask<AwsService> task = new FutureTask<>(() -> build(name, module));
        FutureTask<AwsService> existing = building.putIfAbsent(name, task);
        if (existing == null) {
            builders.put(name, Thread.currentThread());
            try {
                task.run();
            } finally {
                builders.remove(name);
            }
            existing = task;
        } else if (builders.get(name) == Thread.currentThread()) {
            throw new IllegalStateException("Building " + name + " needs " + name + " itself");
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + name + " was being built", e);
        } catch (ExecutionException e) {
            building.remove(name, existing); // a later request tries again
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private AwsService build(String name, ServiceModule module) {
        long start = System.nanoTime();
        AwsService service = module.create(context);
        LOG.debug("Started {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
        synchronized (this) {
            instances.put(name, service);
            if (serving) {
                service.serving();
            }
        }
        return service;
    }

    /** The server serves: tells the services built so far, and every one built from now on. */
    public synchronized void serving() {
        if (!serving) {
            serving = true;
            instances.values().forEach(AwsService::serving);
        }
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
        building.clear();
    }
}
