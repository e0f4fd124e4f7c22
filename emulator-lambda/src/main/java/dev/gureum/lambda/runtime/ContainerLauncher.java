package dev.gureum.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.json.Json;
import dev.gureum.lambda.container.ContainerImages;
import dev.gureum.lambda.container.DockerEngine;
import dev.gureum.lambda.domain.ContainerImage;
import dev.gureum.lambda.domain.FunctionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the execution environments of container images in the Docker engine: one container per environment,
 * running the image's {@code ENTRYPOINT} and {@code CMD} (or the function's {@code ImageConfig} ones) with
 * Lambda's variables and {@code AWS_LAMBDA_RUNTIME_API} pointing at this server's Runtime API, on the host's
 * network (so the server's loopback address reaches it), its memory limited to the function's memory size.
 * Containers are removed when their environment ends, at shutdown, and (by their label) when a server that
 * ran them died without removing them.
 */
final class ContainerLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);
    /** The label of every container of a Gureum server: the server's process id and start time. */
    static final String SERVER_LABEL = "dev.gureum.lambda.server";
    private static final long OUTPUT_LAG_MILLIS = 50;
    private static final long OUTPUT_WAIT_MILLIS = 1000;

    private final ContainerImages images;
    private final DockerEngine engine;
    private final String server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gureum-lambda-containers");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private volatile boolean swept;

    ContainerLauncher(ContainerImages images) {
        this.images = images;
        this.engine = images.engine();
        ProcessHandle self = ProcessHandle.current();
        this.server = self.pid() + "." + self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    ContainerImages images() {
        return images;
    }

    /** Creates and starts the environment's container; runs on a thread that may block. */
    ContainerProcess start(ExecutionEnvironment env, ProcessLauncher.Launch launch) throws ProcessLauncher.LaunchException {
        FunctionConfig c = env.config;
        ContainerImage image = c.image;
        String problem = engine.unreachable();
        if (problem != null) {
            throw new ProcessLauncher.LaunchException("Runtime.InvalidEntrypoint", "Cannot run the image "
                    + image.imageUri() + ": " + problem);
        }
        if (!swept) {
            swept = true;
            sweepOrphans();
        }
        try {
            JsonNode config = inspectImage(image).path("Config");
            List<String> entryPoint = image.entryPoint() != null ? image.entryPoint() : ContainerImages.strings(config.path("Entrypoint"));
            List<String> command = image.command() != null ? image.command() : ContainerImages.strings(config.path("Cmd"));
            List<String> argv = new ArrayList<>(entryPoint);
            argv.addAll(command);
            if (argv.isEmpty()) {
                throw new ProcessLauncher.LaunchException("Runtime.InvalidEntrypoint", "The image " + image.imageUri()
                        + " has no ENTRYPOINT or CMD, and the function's ImageConfig gives none.");
            }
            String id = create(env, image, argv, command, launch);
            ContainerProcess process = new ContainerProcess(id, () -> threads.execute(() -> remove(id)));
            try {
                engine.call("POST", "/containers/" + id + "/start", null);
            } catch (IOException e) {
                remove(id);
                throw e;
            }
            recordPid(env, id);
            AtomicLong lastOutput = new AtomicLong(System.nanoTime());
            env.outputBarrier = () -> awaitOutput(lastOutput);
            Future<?> logs = threads.submit(() -> copyLogs(env, id, lastOutput));
            threads.execute(() -> process.watch(() -> awaitExit(env, id, logs)));
            return process;
        } catch (IOException e) {
            throw new ProcessLauncher.LaunchException("Runtime.InvalidEntrypoint", "Cannot start a container of "
                    + image.imageUri() + ": " + e.getMessage());
        }
    }

    private JsonNode inspectImage(ContainerImage image) throws IOException, ProcessLauncher.LaunchException {
        try {
            return engine.call("GET", "/images/" + image.imageId() + "/json", null);
        } catch (DockerEngine.EngineException e) {
            if (e.status == 404) {
                throw new ProcessLauncher.LaunchException("Runtime.InvalidEntrypoint", "The image " + image.imageUri()
                        + " (" + image.resolvedImageUri() + ") is no longer in the Docker engine.");
            }
            throw e;
        }
    }

    private String create(ExecutionEnvironment env, ContainerImage image, List<String> argv, List<String> command,
                          ProcessLauncher.Launch launch) throws IOException {
        FunctionConfig c = env.config;
        Map<String, String> vars = ProcessLauncher.lambdaVariables(env, launch);
        // where Lambda puts a container image's function and runtime, and the handler its CMD names
        vars.put("LAMBDA_TASK_ROOT", "/var/task");
        vars.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        vars.put("_HANDLER", command.isEmpty() ? "" : command.get(0));
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("Image", image.imageId());
        ArrayNode entry = body.putArray("Entrypoint");
        argv.forEach(entry::add);
        body.putArray("Cmd");
        String workingDirectory = image.workingDirectory();
        if (workingDirectory != null && !workingDirectory.isEmpty()) {
            body.put("WorkingDir", workingDirectory);
        }
        ArrayNode envList = body.putArray("Env");
        vars.forEach((k, v) -> envList.add(k + "=" + v));
        body.put("Tty", false);
        ObjectNode labels = body.putObject("Labels");
        labels.put(SERVER_LABEL, server);
        labels.put("dev.gureum.lambda.environment", env.id);
        labels.put("dev.gureum.lambda.function", c.qualifiedArn());
        ObjectNode host = body.putObject("HostConfig");
        host.put("NetworkMode", "host");
        long bytes = c.memorySize * 1024L * 1024L;
        host.put("Memory", bytes);
        host.put("MemorySwap", bytes);
        JsonNode created = engine.call("POST", "/containers/create?name=gureum-lambda-" + env.id, body);
        String id = created.path("Id").asText();
        live.add(id);
        return id;
    }

    /** The container's first process as this system sees it, where the runner reads a runtime's memory. */
    private void recordPid(ExecutionEnvironment env, String id) {
        try {
            long pid = engine.call("GET", "/containers/" + id + "/json", null).path("State").path("Pid").asLong();
            if (pid > 0) {
                Files.createDirectories(env.directory);
                Files.writeString(env.pidFile, Long.toString(pid));
            }
        } catch (IOException e) {
            // memory is then not measured
        }
    }

    /** Appends the container's output, as it comes, to the environment's output file. */
    private void copyLogs(ExecutionEnvironment env, String id, AtomicLong lastOutput) {
        try (DockerEngine.Streamed logs = engine.open("GET", "/containers/" + id
                + "/logs?follow=1&stdout=1&stderr=1", null);
             OutputStream out = Files.newOutputStream(env.output, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (logs.status >= 400) {
                return;
            }
            demultiplex(logs.body, out, lastOutput);
        } catch (IOException e) {
            LOG.debug("The log stream of container {} ended: {}", id, e.toString());
        }
    }

    /** Copies the payloads of the engine's multiplexed stream: frames of an 8-byte header (stream, size) and bytes. */
    static void demultiplex(InputStream in, OutputStream out, AtomicLong lastOutput) throws IOException {
        DataInputStream frames = new DataInputStream(in);
        byte[] header = new byte[8];
        byte[] buffer = new byte[8192];
        while (true) {
            try {
                frames.readFully(header);
            } catch (EOFException e) {
                return;
            }
            int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            while (size > 0) {
                int n = frames.read(buffer, 0, Math.min(buffer.length, size));
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
                size -= n;
            }
            out.flush();
            lastOutput.set(System.nanoTime());
        }
    }

    /**
     * Waits for output the runtime wrote before answering to come through the engine's log stream, which
     * carries it a few milliseconds later: at least {@link #OUTPUT_LAG_MILLIS}, then until the stream has been
     * quiet that long, at most {@link #OUTPUT_WAIT_MILLIS}.
     */
    private static void awaitOutput(AtomicLong lastOutput) {
        long start = System.nanoTime();
        long lag = TimeUnit.MILLISECONDS.toNanos(OUTPUT_LAG_MILLIS);
        long limit = start + TimeUnit.MILLISECONDS.toNanos(OUTPUT_WAIT_MILLIS);
        try {
            long now = start;
            while (now < limit && (now - start < lag || now - lastOutput.get() < lag)) {
                Thread.sleep(2);
                now = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the container to stop; then its output is all in, and it is removed. */
    private int awaitExit(ExecutionEnvironment env, String id, Future<?> logs) {
        int status = 137;
        try (DockerEngine.Streamed wait = engine.open("POST", "/containers/" + id + "/wait", null)) {
            JsonNode answer = Json.mapper().readTree(wait.body.readAllBytes());
            status = answer.path("StatusCode").asInt(137);
            if (engine.call("GET", "/containers/" + id + "/json", null).path("State").path("OOMKilled").asBoolean()) {
                // killed by its memory limit, as Lambda's sandbox kills a function over its memory size
                env.outOfMemory = true;
            }
        } catch (IOException e) {
            LOG.debug("Waiting for container {} failed: {}", id, e.toString());
        }
        try {
            logs.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            logs.cancel(true);
        }
        remove(id);
        return status;
    }

    /** Removes a container; {@code false} while another removal of it is under way. */
    private boolean remove(String id) {
        try {
            engine.call("DELETE", "/containers/" + id + "?force=1&v=1", null);
        } catch (DockerEngine.EngineException e) {
            if (e.status == 409) {
                return false;
            }
            // 404: gone already
        } catch (IOException e) {
            LOG.warn("Cannot remove Lambda container {}: {}", id, e.getMessage());
            return true;
        }
        live.remove(id);
        return true;
    }

    /** Removes the containers of servers that are no longer running. */
    private void sweepOrphans() {
        try {
            String filters = DockerEngine.escape("{\"label\":[\"" + SERVER_LABEL + "\"]}");
            for (JsonNode container : engine.call("GET", "/containers/json?all=1&filters=" + filters, null)) {
                String owner = container.path("Labels").path(SERVER_LABEL).asText("");
                if (!owner.equals(server) && !running(owner)) {
                    remove(container.path("Id").asText());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Looking for containers of stopped servers failed: {}", e.toString());
        }
    }

    private static boolean running(String owner) {
        int dot = owner.indexOf('.');
        try {
            long pid = Long.parseLong(dot < 0 ? owner : owner.substring(0, dot));
            long start = dot < 0 ? 0 : Long.parseLong(owner.substring(dot + 1));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> p.info().startInstant().map(i -> i.toEpochMilli() == start).orElse(true)).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Removes every container still there (shutdown), waiting for the engine to have removed them. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            for (String id : new ArrayList<>(live)) {
                while (!remove(id) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
