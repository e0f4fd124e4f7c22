package dev.gureum.lambda;

import dev.gureum.core.testing.EmbeddedFrontEnd;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A Lambda server in a JVM of its own, for tests that kill it: prints {@code <port> <data directory>}, then serves until killed. */
public final class ChildServer {

    private ChildServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        LambdaModule module = new LambdaModule(Map.of("lambda.pid-namespaces", args.length > 0 ? args[0] : "true"));
        EmbeddedFrontEnd server = new EmbeddedFrontEnd(module, module.logs());
        System.out.println(server.port() + " " + server.dataDir());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
