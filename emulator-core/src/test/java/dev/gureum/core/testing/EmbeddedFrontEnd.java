package dev.gureum.core.testing;

import dev.gureum.core.EmulatorConfig;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.http.FrontEnd;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.time.Timers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A front end with just the given service modules on a free port, for a service module's integration
 * tests (the full server, with every module, lives in emulator-server).
 */
public final class EmbeddedFrontEnd implements AutoCloseable {

    private final ServiceRegistry registry;
    private final FrontEnd frontEnd;
    private final Path dataDir;
    private final boolean keepDataDir;
    private final Persistence persistence;
    private final dev.gureum.core.time.ServerClock serverClock;
    private final CrossService crossService = new CrossService();

    public EmbeddedFrontEnd(Clock clock, ServiceModule... modules) {
        this(clock, Map.of(), modules);
    }

    /** With settings ({@code http.request-timeout-seconds}...). */
    public EmbeddedFrontEnd(Map<String, String> settings, ServiceModule... modules) {
        this(Clock.systemUTC(), settings, modules);
    }

    public EmbeddedFrontEnd(Clock clock, Map<String, String> settings, ServiceModule... modules) {
        this(null, new dev.gureum.core.time.ServerClock(clock).timers(), settings, modules);
    }

    /** With timed work on {@code timers} (a {@link ManualTimers} lets the test move time). */
    public EmbeddedFrontEnd(Timers timers, ServiceModule... modules) {
        this(null, timers, Map.of(), modules);
    }

    /**
     * A front end that keeps its services' state in {@code dataDir} (journals with the default options),
     * as {@code serve --data-dir} does: close it and start another on the same directory to test a restart.
     * The directory is kept at close.
     */
    public static EmbeddedFrontEnd persistent(Path dataDir, Clock clock, ServiceModule... modules) {
        return new EmbeddedFrontEnd(dataDir, new dev.gureum.core.time.ServerClock(clock).timers(), Map.of(), modules);
    }

    private EmbeddedFrontEnd(Path keptDataDir, Timers timers, Map<String, String> settings, ServiceModule... modules) {
        keepDataDir = keptDataDir != null;
        try {
            dataDir = keepDataDir ? Files.createDirectories(keptDataDir) : Files.createTempDirectory("gureum-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        persistence = keepDataDir ? Persistence.in(dataDir, JournalOptions.DEFAULTS) : Persistence.inMemory();
        Set<String> all = java.util.Arrays.stream(modules).map(m -> m.descriptor().name()).collect(Collectors.toSet());
        EmulatorConfig config = new EmulatorConfig(EmulatorConfig.DEFAULT_ACCOUNT, EmulatorConfig.DEFAULT_REGION, dataDir,
                false, Map.of("test", "test"), all, settings);
        // as in a server: one server clock, whose timers notice when a test moves the clock it is on (unless
        // the test brings timers of its own)
        serverClock = timers.clock() instanceof dev.gureum.core.time.ServerClock c ? c : null;
        registry = new ServiceRegistry(new EmulatorContext(config, timers.clock(),
                new AccessKeys(config.defaultAccount(), config.credentials()), crossService, persistence, timers));
        crossService.bind(dev.gureum.core.spi.QueueDelivery.class,
                () -> implementation("sqs", dev.gureum.core.spi.QueueDelivery.class));
        crossService.bind(dev.gureum.core.spi.TopicPublisher.class,
                () -> implementation("sns", dev.gureum.core.spi.TopicPublisher.class));
        crossService.bind(dev.gureum.core.spi.FunctionInvoker.class,
                () -> implementation("lambda", dev.gureum.core.spi.FunctionInvoker.class));
        crossService.bind(dev.gureum.core.spi.ObjectReader.class,
                () -> implementation("s3", dev.gureum.core.spi.ObjectReader.class));
        crossService.bind(dev.gureum.core.spi.QueueConsumer.class,
                () -> implementation("sqs", dev.gureum.core.spi.QueueConsumer.class));
        crossService.bind(dev.gureum.core.spi.InstanceActions.class,
                () -> implementation("ec2", dev.gureum.core.spi.InstanceActions.class));
        crossService.bind(dev.gureum.core.spi.InstanceWorkloads.class,
                () -> implementation("ec2", dev.gureum.core.spi.InstanceWorkloads.class));
        for (ServiceModule m : modules) {
            registry.register(m);
        }
        frontEnd = new FrontEnd("127.0.0.1", 0, registry,
                routes -> List.copyOf(registry.modules()).forEach(m -> m.installInternalRoutes(routes, registry)));
        frontEnd.start();
        registry.serving();
    }

    public EmbeddedFrontEnd(ServiceModule... modules) {
        this(Clock.systemUTC(), modules);
    }

    private <T> T implementation(String service, Class<T> type) {
        Object instance = registry.isBuilt(service) ? registry.get(service) : null;
        return type.isInstance(instance) ? type.cast(instance) : null;
    }

    /** The server clock the services read, on the clock this front end was given. */
    public dev.gureum.core.time.ServerClock serverClock() {
        return serverClock;
    }

    /**
     * Binds a cross-service interface (a recording {@code MetricSink}...) for the services built after
     * this call: bind before the first request.
     */
    public <T> EmbeddedFrontEnd bind(Class<T> type, java.util.function.Supplier<? extends T> implementation) {
        crossService.bind(type, implementation);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + frontEnd.port());
    }

    public int port() {
        return frontEnd.port();
    }

    public ServiceRegistry registry() {
        return registry;
    }

    public Persistence persistence() {
        return persistence;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        frontEnd.close();
        registry.close();
        persistence.close();
        if (serverClock != null) {
            serverClock.close();
        }
        if (keepDataDir) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files left behind do not fail a test
        }
    }
}
