package dev.gureum.core.http;

import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.auth.SignatureVerifier;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The HTTP server: one Undertow listener whose handler chain is the request pipeline
 * (edge, data planes by host name, request id, internal routes, service router, dispatch to the service).
 */
public final class FrontEnd implements AutoCloseable {

    /** Thrown when the port cannot be bound, so the CLI can say so in one line. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String host, int port, Throwable cause) {
            super("Port " + port + " on " + host + " is already in use", cause);
        }

        PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String host;
    private final int requestedPort;
    private final GracefulShutdownHandler root;
    private final ServiceRegistry registry;
    private final HttpLimits limits;
    private final RequestTap tap;
    private Undertow undertow;
    private int port;

    /**
     * @param routes adds the internal endpoints ({@code /_gureum/...}) to the route table
     */
    public FrontEnd(String host, int port, ServiceRegistry registry, Consumer<InternalRoutes> routes) {
        this.host = host;
        this.requestedPort = port;
        this.registry = registry;
        SignatureVerifier verifier = registry.context().config().verifySignatures()
                ? new SignatureVerifier(registry.context().accessKeys()) : null;
        this.limits = HttpLimits.from(registry.context().config());
        HttpHandler dispatch = new ServiceDispatcher(registry, verifier, null, limits.requestTimeoutMillis());
        ServiceTable services = ServiceTable.of(registry.modules().stream().map(m -> m.descriptor()).toList());
        HttpHandler router = new ServiceRouter(services, registry.context().accessKeys(),
                registry.context().config().defaultRegion(), verifier != null, dispatch, limits.requestTimeoutMillis())
                .unsignedAnonymous(registry.context().config().enforceIam());
        InternalRoutes internal = new InternalRoutes(router, registry.context().config(), host, verifier);
        routes.accept(internal);
        this.tap = new RequestTap(internal);
        HostRoutes hosts = new HostRoutes(new RequestIdHandler(registry.context().clock(), tap));
        registry.modules().stream().filter(m -> registry.isEnabled(m.descriptor().name()))
                .forEach(m -> m.installHostRoutes(hosts, registry));
        HttpHandler chain = new EdgeHandler(hosts);
        this.root = new GracefulShutdownHandler(chain);
    }

    public synchronized FrontEnd start() {
        long fileLimit = HttpLimits.fileDescriptorLimit();
        if (fileLimit > 0 && limits.maxConnections() > HttpLimits.defaultMaxConnections()
                && 2L * limits.maxConnections() + 512 > fileLimit) {
            LoggerFactory.getLogger(FrontEnd.class).warn("{} connections may need more open files than the limit of {} "
                    + "(ulimit -n): uploads will fail once it is reached", limits.maxConnections(), fileLimit);
        }
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        undertow = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setIoThreads(ioThreads)
                .setWorkerThreads(Math.max(64, ioThreads * 16))
                // paths are decoded by the services that need them (S3 keys are raw bytes)
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 10_000)
                // services bound their bodies themselves (S3 streams objects of up to 5 GiB)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setServerOption(UndertowOptions.MAX_HEADERS, 500)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                // a client trickling its headers (slowloris) never reaches a handler, and is dropped
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(limits.headerTimeoutMillis()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(limits.idleConnectionMillis()))
                // no IDLE_TIMEOUT: long polls (Lambda's invocation/next) may legitimately stay quiet for minutes;
                // bodies have their own idle timeout (StreamingBody, BufferedBody)
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections())
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setHandler(root)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undertow = null;
            BindException bind = cause(e, BindException.class);
            if (bind != null) {
                String reason = bind.getMessage() == null ? "" : bind.getMessage();
                if (reason.contains("in use")) {
                    throw new PortInUseException(host, requestedPort, e);
                }
                throw new PortInUseException("Cannot listen on " + host + ":" + requestedPort + ": " + reason, e);
            }
            throw e;
        }
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        port = address.getPort();
        return this;
    }

    /** Where an observer may listen to every answered request. */
    public RequestTap requestTap() {
        return tap;
    }

    public int port() {
        return port;
    }

    public HttpLimits limits() {
        return limits;
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    public String host() {
        return host;
    }

    /** Stops taking requests, lets the ones in flight finish (a few seconds at most), then stops. */
    @Override
    public synchronized void close() {
        if (undertow == null) {
            return;
        }
        root.shutdown();
        registry.stopping();
        try {
            root.awaitShutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        undertow = null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
