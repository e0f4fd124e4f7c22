package dev.gureum.server;

import dev.gureum.core.http.HttpLimits;
import dev.gureum.core.persist.PersistenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code gureum} command. {@code serve} is the default: {@code gureum --port 4567} and
 * {@code gureum serve --port 4567} do the same.
 */
@Command(name = "gureum", mixinStandardHelpOptions = true, versionProvider = GureumCommand.VersionProvider.class,
        description = "A local AWS cloud: S3, SQS, SNS, Lambda, EC2 and STS on one port.")
public final class GureumCommand implements Callable<Integer> {

    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    @Mixin
    ServeOptions options;

    @Spec
    CommandSpec spec;

    /** A hook for tests: when set, a started server is handed here instead of waiting for a signal. */
    static volatile java.util.function.Consumer<GureumServer> onStarted;

    /**
     * Runs the command. A plain {@code serve} (the default, with options that need no help or message)
     * starts without picocli's command model; everything else goes through picocli.
     */
    public static int execute(String... args) {
        ServeOptions plain = ServeArguments.parse(args, System::getenv);
        if (plain != null) {
            Integer code = serve(plain, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            if (code != null) {
                return code;
            }
        }
        return commandLine(args).execute(args);
    }

    static CommandLine commandLine() {
        return commandLine(new String[] {"--help"});
    }

    /**
     * The command line. The {@code serve} subcommand is only modelled when the arguments may name it
     * or ask for help: picocli builds its model by reflection, which costs start-up time.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new GureumCommand());
        boolean needed = java.util.Arrays.stream(args).anyMatch(a -> a.equals("serve") || a.equals("help")
                || a.equals("-h") || a.equals("--help"));
        if (needed) {
            cli.addSubcommand("serve", new Serve());
        }
        return cli;
    }

    @Override
    public Integer call() {
        return serve(options, spec);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Serve the AWS APIs (the default command).")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ServeOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return serve(options, spec);
        }
    }

    /** {@code --lambda-*} options, as the Lambda service's settings. */
    private static void lambdaSettings(ServeOptions o, GureumServer.Builder builder) {
        if (!(o.lambdaKeepAlive >= 0) || Double.isInfinite(o.lambdaKeepAlive)) {
            throw new IllegalArgumentException("Invalid value for option '--lambda-keep-alive': " + o.lambdaKeepAlive
                    + " (expected 0 or more seconds)");
        }
        builder.setting("lambda.keep-alive-seconds", String.valueOf(o.lambdaKeepAlive));
        builder.setting("lambda.pid-namespaces", String.valueOf(o.lambdaPidNamespaces));
        builder.setting("lambda.enforce-memory", String.valueOf(o.lambdaEnforceMemory));
        if (o.lambdaRuntimes == null) {
            return;
        }
        for (String pair : o.lambdaRuntimes) {
            int eq = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("Invalid value for option '--lambda-runtime': '" + pair
                        + "' is not RUNTIME=PATH (e.g. python3.12=/usr/bin/python3.12)");
            }
            builder.setting("lambda.runtime." + pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    /** {@code --request-timeout}, {@code --header-timeout} and {@code --max-connections}, as the front end's settings. */
    private static void httpSettings(ServeOptions o, GureumServer.Builder builder) {
        seconds("--request-timeout", o.requestTimeout);
        seconds("--header-timeout", o.headerTimeout);
        builder.setting(HttpLimits.REQUEST_TIMEOUT, String.valueOf(o.requestTimeout))
                .setting(HttpLimits.HEADER_TIMEOUT, String.valueOf(o.headerTimeout))
                .setting(HttpLimits.IDLE_CONNECTION_TIMEOUT, String.valueOf(o.headerTimeout));
        if (o.maxConnections != null) {
            if (o.maxConnections < 1) {
                throw new IllegalArgumentException("Invalid value for option '--max-connections': " + o.maxConnections
                        + " (expected at least 1)");
            }
            builder.setting(HttpLimits.MAX_CONNECTIONS, String.valueOf(o.maxConnections));
        }
    }

    private static void seconds(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Invalid value for option '" + option + "': " + value
                    + " (expected more than 0 seconds)");
        }
    }

    static int serve(ServeOptions o, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        GureumServer.Builder builder;
        try {
            builder = configure(o);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (java.io.IOException e) {
            return cannotUseDataDir(o, e, err);
        }
        return run(builder, spec.commandLine().getOut(), err);
    }

    /** Serves, or answers null for a usage error, which picocli then reports. */
    private static Integer serve(ServeOptions o, PrintWriter out, PrintWriter err) {
        GureumServer.Builder builder;
        try {
            builder = configure(o);
        } catch (IllegalArgumentException e) {
            return null;
        } catch (java.io.IOException e) {
            return cannotUseDataDir(o, e, err);
        }
        return run(builder, out, err);
    }

    private static int cannotUseDataDir(ServeOptions o, java.io.IOException e, PrintWriter err) {
        String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : e.getClass().getSimpleName();
        err.println("gureum: cannot use data directory " + o.dataDir + ": " + reason);
        err.flush();
        return 1;
    }

    /** The server the options describe; a usage error is an {@link IllegalArgumentException}. */
    private static GureumServer.Builder configure(ServeOptions o) throws java.io.IOException {
        GureumServer.Builder builder = GureumServer.builder();
        configureLogging(o.logLevel);
        builder.host(o.host).port(o.port).defaultRegion(o.defaultRegion).defaultAccount(o.defaultAccount)
                .verifySignatures(o.verifySignatures).services(services(o));
        if (!(o.ec2BootSeconds >= 0) || Double.isInfinite(o.ec2BootSeconds)) {
            throw new IllegalArgumentException("Invalid value for option '--ec2-boot-seconds': "
                    + o.ec2BootSeconds + " (expected 0 or more seconds)");
        }
        if (o.ec2HostsPerFamily < 1) {
            throw new IllegalArgumentException("Invalid value for option '--ec2-hosts-per-family': "
                    + o.ec2HostsPerFamily + " (expected at least 1)");
        }
        if (!o.sqsEndpointStrategy.equals("path") && !o.sqsEndpointStrategy.equals("domain")) {
            throw new IllegalArgumentException("Invalid value for option '--sqs-endpoint-strategy': '"
                    + o.sqsEndpointStrategy + "' (expected path or domain)");
        }
        builder.setting("sqs.endpoint-strategy", o.sqsEndpointStrategy);
        httpSettings(o, builder);
        builder.setting("ec2.boot-seconds", String.valueOf(o.ec2BootSeconds))
                .setting("ec2.hosts-per-family", String.valueOf(o.ec2HostsPerFamily));
        builder.setting("ec2.run-user-data", String.valueOf(o.ec2RunUserData));
        builder.enforceIam(o.enforceIam);
        builder.setting("s3.legacy-defaults", String.valueOf(o.s3LegacyDefaults));
        builder.console(o.console);
        for (String pair : o.credentials) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "Invalid value for option '--credentials': '" + pair + "' is not KEY:SECRET");
            }
            builder.credentials(pair.substring(0, colon), pair.substring(colon + 1));
        }
        if (o.allowedHosts != null) {
            for (String host : o.allowedHosts) {
                if (host.isBlank()) {
                    continue;
                }
                try {
                    builder.allowedHost(host);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid value for option '--allowed-hosts': " + e.getMessage());
                }
            }
        }
        builder.adminToken(o.adminToken);
        lambdaSettings(o, builder);
        try {
            builder.persistenceSync(dev.gureum.core.persist.SyncMode.fromValue(o.persistenceSync.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '--persistence-sync': '" + o.persistenceSync
                    + "' (expected always, batch or off)");
        }
        builder.loadState(o.loadState);
        builder.initDirs(initDirs(o));
        if (o.dataDir != null) {
            Files.createDirectories(o.dataDir);
            builder.dataDir(o.dataDir);
        }
        return builder;
    }

    /** Starts the server and serves until the process is stopped. */
    private static int run(GureumServer.Builder builder, PrintWriter out, PrintWriter err) {
        GureumServer server;
        try {
            server = builder.build();
        } catch (PersistenceException e) {
            // the data directory is locked by another Gureum, or cannot be created
            err.println("gureum: " + e.getMessage());
            err.flush();
            return 1;
        }
        try {
            server.start();
        } catch (dev.gureum.core.http.FrontEnd.PortInUseException e) {
            server.close();
            err.println("gureum: " + e.getMessage() + (e.getMessage().contains("in use")
                    ? " (is another Gureum or LocalStack running? try --port)" : ""));
            err.flush();
            return 1;
        } catch (PersistenceException e) {
            // a damaged journal, one written by a newer Gureum, or a state file that cannot be loaded
            server.close();
            err.println("gureum: " + e.getMessage());
            err.flush();
            return 1;
        } catch (RuntimeException e) {
            server.close();
            err.println("gureum: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println("Gureum " + Version.get() + " serving " + server.endpoint() + " (account "
                + server.config().defaultAccount() + ", region " + server.config().defaultRegion() + ")");
        out.println("Ready.");
        out.flush();
        if (onStarted != null) {
            onStarted.accept(server);
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gureum-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static java.util.List<java.nio.file.Path> initDirs(ServeOptions o) {
        java.util.List<java.nio.file.Path> dirs = new java.util.ArrayList<>();
        if (o.initDirs == null) {
            return dirs;
        }
        for (String name : o.initDirs) {
            if (name.isBlank()) {
                continue;
            }
            java.nio.file.Path dir = java.nio.file.Path.of(name.trim());
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("Invalid value for option '--init-dir': " + name.trim()
                        + " is not a directory");
            }
            dirs.add(dir);
        }
        return dirs;
    }

    private static Set<String> services(ServeOptions o) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : o.services) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                names.addAll(ServiceModules.names());
            } else if (!ServiceModules.names().contains(name)) {
                throw new IllegalArgumentException("Invalid value for option '--services': unknown service '"
                        + raw.trim() + "' (known: " + String.join(", ", ServiceModules.names())
                        + ", all; logs is CloudWatch Logs)");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** slf4j-simple reads its settings once, at the first logger: this runs before any. */
    private static void configureLogging(String level) {
        String l = level.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(l)) {
            throw new IllegalArgumentException("Invalid value for option '--log-level': '" + level
                    + "' (expected one of error, warn, info, debug, trace)");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l);
        System.setProperty("org.slf4j.simpleLogger.log.dev.gureum.access", l.equals("debug") || l.equals("trace") ? "debug" : "info");
        System.setProperty("org.slf4j.simpleLogger.log.org.xnio", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.undertow", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.jboss.logging.provider", "slf4j");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gureum " + Version.get()};
        }
    }
}
