package dev.gureum.server;

/** {@code java -jar gureum.jar [serve] [options]}. */
public final class Main {

    /** Classes the server needs on its way to serving, loaded on the second core while options are parsed. */
    private static final String[] WARM_UP = {
        "io.undertow.Undertow", "org.xnio.nio.NioXnioProvider", "org.xnio.nio.NioXnioWorker",
        "io.undertow.server.protocol.http.HttpOpenListener", "io.undertow.server.protocol.http.HttpReadListener",
        "io.undertow.server.HttpServerExchange", "io.undertow.server.handlers.GracefulShutdownHandler",
        "dev.gureum.core.http.FrontEnd", "dev.gureum.core.http.ServiceRouter", "dev.gureum.core.http.EdgeHandler",
        "dev.gureum.core.http.ServiceDispatcher", "dev.gureum.core.auth.SigV4Parser",
        "dev.gureum.core.http.InternalRoutes", "dev.gureum.core.http.InternalAccess", "dev.gureum.core.http.AllowedHosts",
    };

    private Main() {
    }

    public static void main(String[] args) {
        // the worker pool's management bean: nothing reads it, and registering it costs start-up time
        if (System.getProperty("jboss.threads.eqe.disable-mbean") == null) {
            System.setProperty("jboss.threads.eqe.disable-mbean", "true");
        }
        Thread warmUp = new Thread(Main::warmUp, "gureum-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        System.exit(GureumCommand.execute(args));
    }

    private static void warmUp() {
        try {
            // the Lambda module's descriptor comes with a JSON mapper, and building the first one takes a while
            dev.gureum.core.json.Json.mapper();
            // XNIO registers management beans when it starts; the platform MBean server is slow to create
            java.lang.management.ManagementFactory.getPlatformMBeanServer();
            ClassLoader loader = Main.class.getClassLoader();
            for (String name : WARM_UP) {
                // loaded, not initialised: static initialisers log, and logging is configured by the command
                Class.forName(name, false, loader);
            }
        } catch (Throwable e) {
            // only an optimisation: the server loads what it needs itself
        }
    }
}
