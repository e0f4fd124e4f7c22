package dev.gureum.server;

import dev.gureum.core.EmulatorConfig;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.http.FrontEnd;
import dev.gureum.core.persist.DirectoryLock;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.PersistenceException;
import dev.gureum.core.persist.SyncMode;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.MetricAlarms;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.InstanceActions;
import dev.gureum.core.spi.IamRoles;
import dev.gureum.core.spi.IdentityPolicies;
import dev.gureum.core.spi.InstanceWorkloads;
import dev.gureum.core.spi.ObjectReader;
import dev.gureum.core.spi.QueueConsumer;
import dev.gureum.core.spi.QueueDelivery;
import dev.gureum.core.spi.ScalingPolicies;
import dev.gureum.core.spi.TopicPublisher;
import dev.gureum.core.time.ServerClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gureum as a library: all services behind one port, for tests and tools that run it in-process.
 * <pre>{@code
 * try (GureumServer gureum = GureumServer.builder().port(0).build().start()) {
 *     S3Client s3 = S3Client.builder().endpointOverride(gureum.endpoint())...
 * }
 * }</pre>
 */
public final class GureumServer implements AutoCloseable {

    static {
        // Undertow and XNIO log through JBoss Logging: send that to SLF4J like the rest of Gureum
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }

    /** The setting of {@code --console}. */
    static final String CONSOLE = "console";

    private final String host;
    private final int requestedPort;
    private final EmulatorConfig config;
    private final boolean temporaryDataDir;
    private final ServiceRegistry registry;
    private final Persistence persistence;
    private final DirectoryLock lock;
    private final Path loadState;
    private final Clock clock;
    private final ServerClock serverClock;
    private final ClockState clockState;
    private final InitHooks initHooks;
    private FrontEnd frontEnd;
    private Instant startedAt;

    private GureumServer(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.clock = b.clock;
        Path dataDir = b.dataDir;
        this.temporaryDataDir = dataDir == null;
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("gureum-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary data directory", e);
            }
        }
        Map<String, String> credentials = new LinkedHashMap<>(b.credentials);
        this.config = new EmulatorConfig(b.defaultAccount, b.defaultRegion, dataDir, b.verifySignatures,
                credentials, b.services, b.settings, b.allowedHosts, b.adminToken);
        this.loadState = b.loadState;
        this.initHooks = InitHooks.in(b.initDirs);
        // a kept directory is one Gureum's alone: services' files and journals would be written by two
        this.lock = temporaryDataDir ? null : DirectoryLock.acquire(dataDir);
        this.persistence = temporaryDataDir ? Persistence.inMemory() : Persistence.in(dataDir, b.journalOptions);
        // one clock for every service, on the builder's clock (real time unless a test gives its own)
        this.serverClock = new ServerClock(clock);
        this.clockState = new ClockState(serverClock);
        try {
            clockState.open(persistence);
        } catch (RuntimeException e) {
            // a damaged clock journal stops the start like a service's: leave the directory to the next try
            persistence.close();
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        CrossService crossService = new CrossService();
        EmulatorContext context = new EmulatorContext(config, serverClock,
                new AccessKeys(b.defaultAccount, credentials), crossService, persistence, serverClock.timers());
        this.registry = new ServiceRegistry(context);
        // services reach each other through core interfaces, bound to whichever module implements them
        crossService.bind(QueueDelivery.class, () -> implementation(registry, "sqs", QueueDelivery.class));
        crossService.bind(TopicPublisher.class, () -> implementation(registry, "sns", TopicPublisher.class));
        crossService.bind(FunctionInvoker.class, () -> implementation(registry, "lambda", FunctionInvoker.class));
        crossService.bind(ObjectReader.class, () -> implementation(registry, "s3", ObjectReader.class));
        crossService.bind(QueueConsumer.class, () -> implementation(registry, "sqs", QueueConsumer.class));
        crossService.bind(MetricSink.class, () -> implementation(registry, "cloudwatch", MetricSink.class));
        crossService.bind(InstanceActions.class, () -> implementation(registry, "ec2", InstanceActions.class));
        crossService.bind(InstanceWorkloads.class, () -> implementation(registry, "ec2", InstanceWorkloads.class));
        crossService.bind(IamRoles.class, () -> implementation(registry, "iam", IamRoles.class));
        crossService.bind(IdentityPolicies.class, () -> implementation(registry, "iam", IdentityPolicies.class));
        crossService.bind(MetricAlarms.class, () -> implementation(registry, "cloudwatch", MetricAlarms.class));
        crossService.bind(ScalingPolicies.class, () -> implementation(registry, "autoscaling", ScalingPolicies.class));
        b.bindings.forEach(binding -> binding.accept(crossService));
        for (ServiceModule module : b.modules) {
            registry.register(module);
        }
    }

    private static <T> T implementation(ServiceRegistry registry, String service, Class<T> type) {
        Object instance = registry.get(service);
        return type.isInstance(instance) ? type.cast(instance) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the services whose state the data directory holds (so that a damaged or newer journal is
     * reported now, and the state is there for the first request), loads {@code --load-state}, then serves.
     *
     * @throws PersistenceException if the data directory cannot be read, or the state file loaded
     */
    public synchronized GureumServer start() {
        if (frontEnd != null) {
            return this;
        }
        if (persistence.durable()) {
            openKeptServices();
        }
        if (loadState != null) {
            loadState(loadState);
        }
        initHooks.run(InitHooks.Stage.BOOT, scriptEnvironment(URI.create("http://127.0.0.1:" + requestedPort)));
        frontEnd = new FrontEnd(host, requestedPort, registry, routes -> {
            InternalEndpoints.install(routes, this);
            registry.modules().forEach(m -> m.installInternalRoutes(routes, registry));
            if (!"false".equals(config.setting(CONSOLE))) {
                dev.gureum.server.console.ConsoleRoutes.install(routes, registry, serverClock, () -> frontEnd.requestTap());
            }
        });
        frontEnd.start();
        registry.serving();
        startedAt = clock.instant();
        initHooks.run(InitHooks.Stage.START, scriptEnvironment(endpoint()));
        initHooks.run(InitHooks.Stage.READY, scriptEnvironment(endpoint()));
        return this;
    }

    /** What init scripts find in their environment: this server as the AWS endpoint, its region and a key. */
    private Map<String, String> scriptEnvironment(URI endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_DEFAULT_REGION", config.defaultRegion());
        env.put("AWS_REGION", config.defaultRegion());
        config.credentials().entrySet().stream().findFirst().ifPresent(key -> {
            env.put("AWS_ACCESS_KEY_ID", key.getKey());
            env.put("AWS_SECRET_ACCESS_KEY", key.getValue());
        });
        return env;
    }

    /** The init scripts of {@link Builder#initDirs} and their states. */
    InitHooks initHooks() {
        return initHooks;
    }

    /** The port served on (the one chosen when the builder asked for port 0). */
    public int port() {
        if (frontEnd == null) {
            throw new IllegalStateException("Server is not started");
        }
        return frontEnd.port();
    }

    public String host() {
        return host;
    }

    /** The URL to point AWS clients at, e.g. {@code http://127.0.0.1:4566}. */
    public URI endpoint() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port());
    }

    public EmulatorConfig config() {
        return config;
    }

    public ServiceRegistry services() {
        return registry;
    }

    /** The server clock every service reads; {@code /_gureum/clock} moves it. */
    public ServerClock clock() {
        return serverClock;
    }

    /** Keeps where the server clock stands in the data directory; completes once that is durable. */
    java.util.concurrent.CompletionStage<Void> keepClock() {
        return clockState.keep();
    }

    /** How long the server has served, in real time (moving the server clock does not change it). */
    public Duration uptime() {
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, clock.instant());
    }

    /**
     * Builds the services whose state the data directory holds, side by side: each reads its own snapshot
     * and journal. The first failure (a damaged or newer journal) is thrown once all have finished.
     */
    private void openKeptServices() {
        List<String> kept = new ArrayList<>();
        for (ServiceModule module : registry.modules()) {
            String name = module.descriptor().name();
            if (registry.isEnabled(name) && Files.isDirectory(config.dataDir().resolve(name).resolve("journal"))) {
                kept.add(name);
            }
        }
        List<CompletableFuture<Void>> opened = new ArrayList<>();
        for (String name : kept.subList(Math.min(1, kept.size()), kept.size())) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread opener = new Thread(() -> {
                try {
                    registry.get(name);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "gureum-open-" + name);
            opener.setDaemon(true);
            opener.start();
            opened.add(done);
        }
        RuntimeException first = null;
        if (!kept.isEmpty()) {
            try {
                registry.get(kept.get(0)); // the first one on this thread
            } catch (RuntimeException e) {
                first = e;
            }
        }
        for (CompletableFuture<Void> done : opened) {
            try {
                done.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Where services keep their state: journals in the data directory, or nothing kept. */
    public Persistence persistence() {
        return persistence;
    }

    /** Whether the data directory is a temporary one, deleted at close. */
    public boolean temporaryDataDir() {
        return temporaryDataDir;
    }

    /** Builds every enabled service, so that each one's state is open (for an export, which must miss none). */
    void buildAll() {
        for (ServiceModule module : registry.modules()) {
            if (registry.isEnabled(module.descriptor().name())) {
                registry.get(module.descriptor().name());
            }
        }
    }

    /** Loads a state file, as {@code POST /_gureum/state} does: see {@link ServerState#load}. */
    void loadState(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            ServerState.load(this, in, null);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PersistenceException(PersistenceException.Reason.IO, "The state file " + file
                    + " does not exist. Give --load-state a file exported with GET /_gureum/state.", e);
        } catch (IOException e) {
            throw new PersistenceException(PersistenceException.Reason.IO, "Could not read the state file " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Drops all state of every service, as {@code POST /_gureum/reset} does; returns once that is durable. */
    public void reset() {
        registry.reset();
        persistence.snapshot().toCompletableFuture().join();
    }

    @Override
    public synchronized void close() {
        if (frontEnd != null) {
            if (startedAt != null) {
                // only a server that has served says goodbye: one whose start failed has no endpoint
                initHooks.run(InitHooks.Stage.SHUTDOWN, scriptEnvironment(endpoint()));
            }
            frontEnd.close();
            frontEnd = null;
        }
        registry.close();
        persistence.close();
        serverClock.close();
        if (lock != null) {
            lock.close();
        }
        if (temporaryDataDir) {
            deleteRecursively(config.dataDir());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing shutdown for
        }
    }

    /** Settings of an embedded server; the defaults are those of the {@code gureum} command. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 4566;
        private String defaultAccount = EmulatorConfig.DEFAULT_ACCOUNT;
        private String defaultRegion = EmulatorConfig.DEFAULT_REGION;
        private Path dataDir;
        private boolean verifySignatures;
        private final Map<String, String> credentials = new LinkedHashMap<>(Map.of("test", "test"));
        private Set<String> services = allServiceNames();
        private Clock clock = Clock.systemUTC();
        private final List<ServiceModule> modules = new ArrayList<>(ServiceModules.builtIn());
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> allowedHosts = new ArrayList<>();
        private String adminToken;
        private JournalOptions journalOptions = JournalOptions.DEFAULTS;
        private Path loadState;
        private List<Path> initDirs = List.of();
        private final List<java.util.function.Consumer<CrossService>> bindings = new ArrayList<>();

        /**
         * Binds a cross-service interface in place of the server's own (a recording {@code MetricSink} in
         * a test, say).
         */
        public <T> Builder bind(Class<T> type, java.util.function.Supplier<? extends T> implementation) {
            Objects.requireNonNull(type);
            Objects.requireNonNull(implementation);
            bindings.add(crossService -> crossService.bind(type, implementation));
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port; 0 picks a free one (see {@link GureumServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder defaultAccount(String account) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("An account id is 12 digits: " + account);
            }
            this.defaultAccount = account;
            return this;
        }

        public Builder defaultRegion(String region) {
            this.defaultRegion = Objects.requireNonNull(region);
            return this;
        }

        /**
         * How journals make writes durable when a data directory is given: {@link SyncMode#ALWAYS} (the
         * default) acknowledges a write once it is on the disk.
         */
        public Builder persistenceSync(SyncMode mode) {
            this.journalOptions = journalOptions.withSync(Objects.requireNonNull(mode));
            return this;
        }

        /** A state file (exported with {@code GET /_gureum/state}) to load at start, replacing its services' state. */
        public Builder loadState(Path file) {
            this.loadState = file;
            return this;
        }

        /**
         * Directories of init scripts: each one's {@code boot.d} scripts run before the server listens,
         * {@code start.d} and {@code ready.d} once it listens (before {@link #start()} returns), and
         * {@code shutdown.d} at {@link #close()}, with {@code AWS_ENDPOINT_URL}, the region and a key set.
         */
        public Builder initDirs(List<Path> directories) {
            this.initDirs = List.copyOf(directories);
            return this;
        }

        /**
         * Where state is kept: with a directory, every service's state survives a restart (and the
         * directory is locked while the server runs); by default a temporary directory, deleted at close,
         * and nothing is kept.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Whether the console is served at {@code /_gureum/console} ({@code --console}). */
        public Builder console(boolean enabled) {
            return setting(CONSOLE, String.valueOf(enabled));
        }

        /** Whether every request is authorized by IAM policies ({@code --enforce-iam}). */
        public Builder enforceIam(boolean enforce) {
            return setting(EmulatorConfig.ENFORCE_IAM, String.valueOf(enforce));
        }

        public Builder verifySignatures(boolean verify) {
            this.verifySignatures = verify;
            return this;
        }

        /** An access key the server accepts when it verifies signatures ({@code test}/{@code test} is built in). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            credentials.put(accessKeyId, secretAccessKey);
            return this;
        }

        /**
         * A host name Gureum's own endpoints ({@code /_gureum/...}) answer to besides the local ones:
         * {@code name}, or {@code *.domain} for every name under it.
         */
        public Builder allowedHost(String name) {
            String n = name.trim();
            if (n.isEmpty() || n.contains("/") || n.contains(" ") || n.indexOf('*') > 0
                    || n.startsWith("*") && !n.startsWith("*.")) {
                throw new IllegalArgumentException("Not a host name or *.domain: '" + name + "'");
            }
            allowedHosts.add(n);
            return this;
        }

        /**
         * The token that, sent as {@code Authorization: Bearer <token>}, authorizes state-changing internal
         * endpoints when signatures are verified.
         */
        public Builder adminToken(String token) {
            this.adminToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /** The services that answer; the others say they are disabled. */
        public Builder services(Set<String> names) {
            Set<String> known = new LinkedHashSet<>();
            modules.forEach(m -> known.add(m.descriptor().name()));
            for (String name : names) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("Unknown service '" + name + "'; known: " + String.join(", ", known));
                }
            }
            this.services = new LinkedHashSet<>(names);
            return this;
        }

        /** A setting of one service, e.g. {@code ec2.boot-seconds}; services read theirs from the configuration. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * The real time the server clock runs on ({@link Clock#systemUTC()} by default): tests give one they
         * move by hand, and the server clock's due work follows it (it is looked at every few milliseconds).
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Adds or replaces a service module (the built-in ones are registered already). */
        public Builder module(ServiceModule module) {
            // a replacement keeps its place, so that health lists services in the same order
            for (int i = 0; i < modules.size(); i++) {
                if (modules.get(i).descriptor().name().equals(module.descriptor().name())) {
                    modules.set(i, module);
                    return this;
                }
            }
            modules.add(module);
            return this;
        }

        public GureumServer build() {
            return new GureumServer(this);
        }

        static Set<String> allServiceNames() {
            return ServiceModules.names();
        }
    }
}
