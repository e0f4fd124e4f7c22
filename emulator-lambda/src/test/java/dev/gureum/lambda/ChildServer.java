package dev.gureum.lambda;

import dev.gureum.core.testing.EmbeddedFrontEnd;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A Lambda server in a JVM of its own, for tests that kill it: prints {@code <port> <data directory>}, then
 * serves until killed. Arguments: whether to use PID namespaces, and a data directory to keep state in
 * (else a temporary one that keeps nothing).
 */
public final class ChildServer {

    private ChildServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        LambdaModule module = new LambdaModule(Map.of("lambda.pid-namespaces", args.length > 0 ? args[0] : "true"));
        EmbeddedFrontEnd server = args.length > 1
                ? EmbeddedFrontEnd.persistent(java.nio.file.Path.of(args[1]), java.time.Clock.systemUTC(), module,
                        module.logs())
                : new EmbeddedFrontEnd(module, module.logs());
        System.out.println(server.port() + " " + server.dataDir());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
