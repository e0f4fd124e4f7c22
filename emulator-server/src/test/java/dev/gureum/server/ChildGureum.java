package dev.gureum.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code gureum serve} in a JVM of its own, as a user runs it, for tests that kill it or read what it prints. */
final class ChildGureum implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+)");

    private final Process process;
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();

    private ChildGureum(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            endpoint.completeExceptionally(new IllegalStateException("The child ended: " + String.join("\n", output)));
        }, "child-gureum-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code gureum serve --port 0 --data-dir DIR} with more arguments, its output and errors merged. */
    static ChildGureum start(Path dataDir, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.gureum.server.Main", "serve", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        return new ChildGureum(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The endpoint once it serves; fails with what it printed if it ends first. */
    URI endpoint() throws Exception {
        return endpoint.get(60, TimeUnit.SECONDS);
    }

    /** Waits for it to end by itself (a refused start), returning its exit code. */
    int exitCode() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Still running: " + output());
        }
        // let the reader take the last lines
        Thread.sleep(100);
        return process.exitValue();
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
