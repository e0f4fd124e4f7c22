package dev.gureum.lambda;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP address a function calls to wait: the call is answered only once the test opens the gate,
 * so a test knows what the function has not done yet without sleeping.
 */
final class Gate implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CompletableFuture<Void> open = new CompletableFuture<>();
    /** Completes when the function reaches the gate. */
    final CompletableFuture<Void> reached = new CompletableFuture<>();

    Gate() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/gate", exchange -> {
            reached.complete(null);
            open.join();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gate";
    }

    void open() {
        open.complete(null);
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        threads.shutdownNow();
    }
}
