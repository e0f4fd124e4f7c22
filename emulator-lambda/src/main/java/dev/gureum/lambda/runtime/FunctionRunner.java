package dev.gureum.lambda.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.protocol.LambdaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs invocations in execution environments and serves them the Lambda Runtime API. An invocation
 * goes to an idle environment of its function configuration, or to a new one; the environment's
 * parked {@code next} call answers with it; the runtime's {@code response} or {@code error} call
 * completes it. No thread waits on any of this: futures complete from the Runtime API calls, timers
 * and process exits.
 */
public final class FunctionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRunner.class);
    /** The largest synchronous response Lambda returns. */
    static final int MAX_RESPONSE = 6 * 1024 * 1024;
    /** How much of the log {@code LogType=Tail} returns. */
    static final int TAIL_BYTES = 4096;
    /** Concurrent executions an account has in a region unless raised. */
    public static final int ACCOUNT_CONCURRENCY = 1000;
    /** How often the memory of running environments is measured. */
    static final long MEMORY_WATCH_MILLIS = 100;
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A Runtime API call that cannot be served: its status and AWS's error document. */
    public static final class RuntimeApiException extends RuntimeException {
        public final int status;
        public final String errorType;

        RuntimeApiException(int status, String errorType, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorType = errorType;
        }
    }

    private final LambdaSettings settings;
    private final Clock clock;
    private final AccessKeys accessKeys;
    private final LogSink logs;
    private final Path environmentsDir;
    private final ProcessLauncher launcher;
    private final Sandbox sandbox;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService starter;
    private final Map<String, ExecutionEnvironment> environments = new ConcurrentHashMap<>();
    private final Map<FunctionConfig, EnvironmentPool> pools = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile String endpoint = "127.0.0.1:4566";
    private volatile boolean closed;

    public FunctionRunner(LambdaSettings settings, Clock clock, AccessKeys accessKeys, LogSink logs, Path dataDir,
                          Interpreters interpreters) {
        this.settings = settings;
        this.clock = clock;
        this.accessKeys = accessKeys;
        this.logs = logs;
        this.environmentsDir = dataDir.resolve("environments");
        this.sandbox = new Sandbox(settings.pidNamespaces());
        this.launcher = new ProcessLauncher(interpreters, new Bootstraps(dataDir.resolve("runtimes")), sandbox);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("gureum-lambda-timers"));
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        this.starter = Executors.newCachedThreadPool(daemon("gureum-lambda-start"));
        long sweep = Math.max(100, Math.min(5_000, settings.keepAlive().toMillis() / 4));
        timers.scheduleWithFixedDelay(this::reapIdle, sweep, sweep, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::watchMemory, MEMORY_WATCH_MILLIS, MEMORY_WATCH_MILLIS,
                TimeUnit.MILLISECONDS);
        // processes of environments whose server was killed along with their supervisors
        starter.execute(sandbox::sweepOrphans);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Where runtimes reach the Runtime API and the AWS APIs: the server's local address, {@code host:port}. */
    public void endpoint(String hostAndPort) {
        this.endpoint = hostAndPort;
    }

    public String endpoint() {
        return endpoint;
    }

    // ---- invoking ------------------------------------------------------------------------------

    /**
     * Starts an invocation; the future completes with its result (function errors included) or
     * fails with an {@link AwsException} (throttled).
     */
    public CompletableFuture<InvocationResult> invoke(FunctionConfig config, InvokeRequest request) {
        if (closed) {
            throw new AwsException(LambdaError.SERVICE, "Lambda is shutting down");
        }
        AtomicInteger functionCount = inFlight.computeIfAbsent(config.functionArn, k -> new AtomicInteger());
        AtomicInteger accountCount = inFlight.computeIfAbsent(config.accountId + "/" + config.region,
                k -> new AtomicInteger());
        Integer reserved = request.reservedConcurrency();
        if (reserved != null && functionCount.incrementAndGet() > reserved) {
            functionCount.decrementAndGet();
            throw throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
        }
        if (reserved == null) {
            functionCount.incrementAndGet();
        }
        if (accountCount.incrementAndGet() > ACCOUNT_CONCURRENCY) {
            accountCount.decrementAndGet();
            functionCount.decrementAndGet();
            throw throttled("ConcurrentInvocationLimitExceeded");
        }
        Invocation invocation = new Invocation(Ids.uuid(), config, request, traceId());
        invocation.result.whenComplete((r, e) -> {
            functionCount.decrementAndGet();
            accountCount.decrementAndGet();
        });
        try {
            dispatch(invocation);
        } catch (RuntimeException e) {
            invocation.result.completeExceptionally(e);
        }
        return invocation.result;
    }

    private static AwsException throttled(String reason) {
        return new AwsException(LambdaError.TOO_MANY_REQUESTS, "Rate Exceeded.").detail("Reason", reason)
                .header("Retry-After", "1");
    }

    /** Runs a task later on the runner's timer thread (retries of asynchronous invocations). */
    public void schedule(Runnable task, long delayMillis) {
        if (!closed) {
            timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Invocations running now for a function (all its versions). */
    public int inFlight(String functionArn) {
        AtomicInteger count = inFlight.get(functionArn);
        return count == null ? 0 : count.get();
    }

    private void dispatch(Invocation invocation) {
        EnvironmentPool pool = pools.computeIfAbsent(invocation.config, EnvironmentPool::new);
        ExecutionEnvironment env = pool.take();
        if (env != null) {
            assign(env, invocation);
            return;
        }
        env = create(pool);
        if (env == null) {
            // the configuration was retired between lookup and use: its successor runs it
            invocation.result.completeExceptionally(new AwsException(LambdaError.RESOURCE_CONFLICT,
                    "The function was updated while it was invoked; retry the invocation."));
            return;
        }
        assign(env, invocation);
        ExecutionEnvironment starting = env;
        starter.execute(() -> start(starting));
    }

    private ExecutionEnvironment create(EnvironmentPool pool) {
        FunctionConfig c = pool.config;
        String id = Ids.hex(32);
        String stream = STREAM_DATE.format(clock.instant()) + "/[" + c.version + "]" + id;
        ExecutionEnvironment env = new ExecutionEnvironment(id, c, pool, stream, environmentsDir.resolve(id),
                sandbox.marker(id));
        if (!pool.add(env)) {
            return null;
        }
        environments.put(id, env);
        return env;
    }

    private void assign(ExecutionEnvironment env, Invocation invocation) {
        CompletableFuture<Invocation> waiting;
        synchronized (env) {
            env.current = invocation;
            env.delivered = false;
            waiting = env.waitingNext;
            if (waiting == null) {
                return;
            }
            env.waitingNext = null;
            deliver(env, invocation);
        }
        waiting.complete(invocation);
    }

    /** The environment is about to hand the invocation to its runtime; guarded by the environment. */
    private void deliver(ExecutionEnvironment env, Invocation invocation) {
        deliver(env, invocation, true);
    }

    /** With {@code initOutput} false, output so far stays for the invocation's own log (a failed init's). */
    private void deliver(ExecutionEnvironment env, Invocation invocation, boolean initOutput) {
        env.delivered = true;
        invocation.deliveredNanos = System.nanoTime();
        invocation.deadlineEpochMillis = clock.millis() + invocation.config.timeout * 1000L;
        if (initOutput) {
            log(env, null, env.drainOutput(false));
        }
        log(env, invocation, List.of("START RequestId: " + invocation.requestId + " Version: "
                + invocation.config.version));
        if (env.timer != null) {
            env.timer.cancel(false);
        }
        env.timer = timers.schedule(() -> timedOut(env, invocation), invocation.config.timeout * 1000L,
                TimeUnit.MILLISECONDS);
    }

    private void start(ExecutionEnvironment env) {
        FunctionConfig c = env.config;
        try {
            Files.createDirectories(env.directory);
            Files.deleteIfExists(env.output);
            Files.createFile(env.output);
            ProcessBuilder builder = launcher.build(env, launch(env));
            log(env, null, List.of("INIT_START Runtime Version: " + c.runtime + ".gureum"));
            Process process = builder.start();
            synchronized (env) {
                env.process = process;
                if (env.dead) {
                    env.kill();
                    return;
                }
                long limit = settings.initTimeout().toMillis() + c.timeout * 1000L;
                env.timer = timers.schedule(() -> initTimedOut(env), limit, TimeUnit.MILLISECONDS);
            }
            process.onExit().whenComplete((p, e) -> exited(env));
            if (sandbox.supervised()) {
                awaitRuntimePid(env, process);
            }
        } catch (ProcessLauncher.LaunchException e) {
            failInit(env, e.errorType, e.getMessage());
        } catch (IOException | RuntimeException e) {
            failInit(env, "Runtime.InvalidEntrypoint", "Cannot start the runtime: " + e.getMessage());
        }
    }

    /**
     * Waits, on the starting thread, for the supervisor to tell the runtime's process id, which it does
     * before the runtime starts (and so before the runtime can ask for an invocation).
     */
    private static void awaitRuntimePid(ExecutionEnvironment env, Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (env.runtimePid() == 0 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProcessLauncher.Launch launch(ExecutionEnvironment env) {
        FunctionConfig c = env.config;
        String accessKeyId = Ids.accessKeyId("ASIA");
        String secret = Ids.secret(40);
        String token = Base64.getEncoder().encodeToString(Ids.secret(96).getBytes(StandardCharsets.US_ASCII));
        String roleName = c.role == null ? "lambda" : c.role.substring(c.role.lastIndexOf('/') + 1);
        Instant now = clock.instant();
        // the function acts as its execution role, as the credentials Lambda hands out do
        accessKeys.register(new AccessKeys.IssuedKey(accessKeyId, secret, token, c.accountId,
                "arn:aws:sts::" + c.accountId + ":assumed-role/" + roleName + "/" + c.name,
                "AROA" + Ids.hex(17).toUpperCase(Locale.ROOT) + ":" + c.name, now.plusSeconds(12 * 3600)));
        return new ProcessLauncher.Launch(endpoint + "/2018-06-01/runtime/environments/" + env.id,
                "http://" + endpoint, accessKeyId, secret, token);
    }

    // ---- the Runtime API -----------------------------------------------------------------------

    private ExecutionEnvironment environment(String id) {
        ExecutionEnvironment env = environments.get(id);
        if (env == null) {
            throw new RuntimeApiException(403, "InvalidEnvironment", "No such execution environment: " + id);
        }
        return env;
    }

    /** {@code GET /invocation/next}: the environment's next invocation, when there is one. */
    public CompletableFuture<NextInvocation> next(String environmentId) {
        ExecutionEnvironment env = environment(environmentId);
        CompletableFuture<Invocation> next;
        synchronized (env) {
            if (!env.initialized) {
                env.initialized = true;
                env.initNanos = System.nanoTime() - env.createdNanos;
                if (env.timer != null) {
                    env.timer.cancel(false);
                    env.timer = null;
                }
            }
            if (env.waitingNext != null) {
                env.waitingNext.cancel(false);
            }
            if (env.current != null && !env.delivered) {
                deliver(env, env.current);
                next = CompletableFuture.completedFuture(env.current);
            } else {
                next = new CompletableFuture<>();
                env.waitingNext = next;
            }
        }
        return next.thenApply(this::describe);
    }

    /** What {@code next} answers: the event and the {@code Lambda-Runtime-*} headers. */
    public record NextInvocation(byte[] payload, Map<String, String> headers) {
    }

    private NextInvocation describe(Invocation inv) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Lambda-Runtime-Aws-Request-Id", inv.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", String.valueOf(inv.deadlineEpochMillis));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", inv.request.invokedArn());
        headers.put("Lambda-Runtime-Trace-Id", inv.traceId);
        if (inv.request.clientContext() != null) {
            headers.put("Lambda-Runtime-Client-Context", inv.request.clientContext());
        }
        byte[] payload = inv.request.payload() == null || inv.request.payload().length == 0
                ? "{}".getBytes(StandardCharsets.UTF_8) : inv.request.payload();
        return new NextInvocation(payload, headers);
    }

    /** {@code POST /invocation/{id}/response}. */
    public void respond(String environmentId, String requestId, byte[] body) {
        ExecutionEnvironment env = environment(environmentId);
        Invocation inv = running(env, requestId);
        if (body.length > MAX_RESPONSE) {
            finish(env, inv, errorDocument("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum "
                    + "allowed payload size (" + MAX_RESPONSE + " bytes)."), "Unhandled", null);
            throw new RuntimeApiException(413, "RequestEntityTooLarge", "Response payload size exceeded maximum allowed "
                    + "payload size (" + MAX_RESPONSE + " bytes).");
        }
        finish(env, inv, body, null, null);
    }

    /** {@code POST /invocation/{id}/error}: the function failed; its document goes to the caller. */
    public void fail(String environmentId, String requestId, byte[] body, String errorType) {
        ExecutionEnvironment env = environment(environmentId);
        Invocation inv = running(env, requestId);
        finish(env, inv, errorBody(body, errorType), "Unhandled", null);
    }

    /** {@code POST /init/error}: the runtime could not start the function; the environment ends. */
    public void initError(String environmentId, byte[] body, String errorType) {
        ExecutionEnvironment env = environment(environmentId);
        byte[] document = errorBody(body, errorType);
        String type = errorType != null ? errorType : "Runtime.Unknown";
        Invocation inv;
        synchronized (env) {
            inv = env.current;
            env.dead = true;
            if (!env.initialized) {
                env.initNanos = System.nanoTime() - env.createdNanos;
            }
            String report = "INIT_REPORT Init Duration: " + String.format(Locale.ROOT, "%.2f", env.initNanos / 1e6)
                    + " ms\tPhase: init\tStatus: error\tError Type: " + type;
            if (inv != null && !inv.result.isDone()) {
                if (!env.delivered) {
                    deliver(env, inv, false);
                }
                log(env, inv, env.drainOutput(true));
                log(env, inv, List.of(report));
            } else {
                inv = null;
                log(env, null, env.drainOutput(true));
                log(env, null, List.of(report));
            }
        }
        if (inv != null) {
            finish(env, inv, document, "Unhandled", "error\tError Type: " + type);
        }
        end(env);
    }

    private Invocation running(ExecutionEnvironment env, String requestId) {
        synchronized (env) {
            Invocation inv = env.current;
            if (inv == null || !env.delivered || !inv.requestId.equals(requestId)) {
                throw new RuntimeApiException(400, "InvalidRequestID", "Invalid request ID");
            }
            return inv;
        }
    }

    private static byte[] errorBody(byte[] body, String errorType) {
        if (body != null && body.length > 0) {
            return body;
        }
        return errorDocument(errorType == null ? "Runtime.Unknown" : errorType, "");
    }

    static byte[] errorDocument(String type, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("errorType", type);
        error.put("errorMessage", message);
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- ending invocations and environments ---------------------------------------------------

    /**
     * Completes the invocation: collects its output, writes END and REPORT, and returns the environment
     * to its pool (or ends it). {@code status} is REPORT's {@code Status} ({@code timeout}, {@code error}).
     */
    private void finish(ExecutionEnvironment env, Invocation inv, byte[] payload, String functionError,
                        String status) {
        String tail;
        boolean reusable;
        synchronized (env) {
            if (env.current != inv || inv.result.isDone()) {
                return;
            }
            if (env.timer != null) {
                env.timer.cancel(false);
                env.timer = null;
            }
            double durationMs = (System.nanoTime() - inv.deliveredNanos) / 1e6;
            log(env, inv, env.drainOutput(true));
            if ("timeout".equals(status)) {
                log(env, inv, List.of(LOG_TIME.format(clock.instant()) + " " + inv.requestId + " Task timed out after "
                        + String.format(Locale.ROOT, "%.2f", (double) inv.config.timeout) + " seconds"));
            }
            StringBuilder report = new StringBuilder("REPORT RequestId: ").append(inv.requestId)
                    .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                    .append("\tBilled Duration: ").append((long) Math.ceil(Math.max(1, durationMs))).append(" ms")
                    .append("\tMemory Size: ").append(inv.config.memorySize).append(" MB")
                    .append("\tMax Memory Used: ").append(Math.max(env.peakMemoryMb, env.maxMemoryUsedMb())).append(" MB");
            if (env.cold) {
                report.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", env.initNanos / 1e6))
                        .append(" ms");
                env.cold = false;
            }
            if (status != null) {
                report.append("\tStatus: ").append(status);
            }
            log(env, inv, List.of("END RequestId: " + inv.requestId, report.append('\t').toString()));
            tail = tail(inv.log);
            env.current = null;
            env.delivered = false;
            env.idleSinceNanos = System.nanoTime();
            reusable = !env.dead;
        }
        inv.result.complete(new InvocationResult(payload, functionError, tail, inv.config.version));
        if (!reusable || !env.pool.release(env)) {
            end(env);
        }
    }

    private static String tail(StringBuilder log) {
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, bytes.length - TAIL_BYTES);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    private void timedOut(ExecutionEnvironment env, Invocation inv) {
        synchronized (env) {
            if (env.current != inv || inv.result.isDone()) {
                return;
            }
            // the environment is beyond use: its runtime may be anywhere in the handler
            env.dead = true;
            log(env, inv, env.drainOutput(true));
            env.peakMemoryMb = Math.max(env.peakMemoryMb, env.maxMemoryUsedMb());
            env.kill();
        }
        String message = "RequestId: " + inv.requestId + " Error: Task timed out after "
                + String.format(Locale.ROOT, "%.2f", (double) inv.config.timeout) + " seconds";
        finish(env, inv, errorDocument("Sandbox.Timedout", message), "Unhandled", "timeout");
    }

    private void initTimedOut(ExecutionEnvironment env) {
        synchronized (env) {
            if (env.initialized || env.dead) {
                return;
            }
        }
        failInit(env, "Sandbox.Timedout", "Task timed out after "
                + String.format(Locale.ROOT, "%.2f", (double) env.config.timeout) + " seconds (the runtime did not "
                + "start within " + settings.initTimeout().toSeconds() + " s plus the function timeout)");
    }

    /** The environment never reached its runtime loop: its invocation fails with the reason. */
    private void failInit(ExecutionEnvironment env, String errorType, String message) {
        Invocation inv;
        synchronized (env) {
            env.dead = true;
            env.kill();
            inv = env.current;
            if (inv != null && !env.delivered) {
                deliver(env, inv, false);
            }
            log(env, inv, env.drainOutput(true));
        }
        if (inv != null) {
            log(env, inv, List.of(LOG_TIME.format(clock.instant()) + " " + errorType + ": " + message));
            finish(env, inv, errorDocument(errorType, "RequestId: " + inv.requestId + " Error: " + message),
                    "Unhandled", "error");
        }
        end(env);
    }

    private void exited(ExecutionEnvironment env) {
        Invocation inv;
        CompletableFuture<Invocation> waiting;
        String exit;
        synchronized (env) {
            boolean expected = env.dead;
            env.dead = true;
            inv = env.current;
            waiting = env.waitingNext;
            env.waitingNext = null;
            Process p = env.process;
            int code = p.exitValue();
            // killed for its memory, the environment got SIGKILL, whatever status unshare passes on for it
            exit = env.outOfMemory ? "signal: killed" : code > 128 ? "signal: " + signal(code - 128) : "exit status " + code;
            if (inv != null && !inv.result.isDone() && !expected) {
                if (!env.delivered) {
                    deliver(env, inv);
                }
            } else {
                inv = null;
            }
            log(env, null, env.drainOutput(true));
        }
        if (waiting != null) {
            waiting.cancel(false);
        }
        if (inv != null) {
            String message = "RequestId: " + inv.requestId + " Error: Runtime exited with error: " + exit;
            // Lambda tells a runtime killed for its memory size apart from one that exited
            String type = env.outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
            log(env, inv, List.of(message, type));
            finish(env, inv, errorDocument(type, message), "Unhandled",
                    env.outOfMemory ? "error\tError Type: " + type : "error");
        }
        end(env);
        if (!closed) {
            dev.gureum.lambda.storage.CodeStore.deleteTree(env.directory);
        }
    }

    private static String signal(int number) {
        return switch (number) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + number;
        };
    }

    /** Takes the environment out of service and ends its process. */
    private void end(ExecutionEnvironment env) {
        CompletableFuture<Invocation> waiting;
        synchronized (env) {
            env.dead = true;
            if (env.timer != null) {
                env.timer.cancel(false);
                env.timer = null;
            }
            waiting = env.waitingNext;
            env.waitingNext = null;
            env.kill();
        }
        if (waiting != null) {
            waiting.cancel(false);
        }
        env.pool.remove(env);
        environments.remove(env.id, env);
        sweepLater(env);
    }

    /** Kills what the environment started and what left its process tree (setsid daemons), off the caller's thread. */
    private void sweepLater(ExecutionEnvironment env) {
        if (!closed) {
            try {
                starter.execute(() -> sandbox.sweep(env.marker));
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: sweep here
            }
        }
        sandbox.sweep(env.marker);
    }

    /**
     * Measures the memory of every running environment's processes (REPORT's Max Memory Used) and, unless
     * told otherwise, kills an environment that uses more than its function's memory size, as Lambda's
     * sandbox does.
     */
    private void watchMemory() {
        try {
            if (environments.isEmpty()) {
                return;
            }
            ProcessMemory table = ProcessMemory.snapshot();
            for (ExecutionEnvironment env : environments.values()) {
                Process p;
                synchronized (env) {
                    p = env.dead || env.outOfMemory ? null : env.process;
                }
                if (p == null) {
                    continue;
                }
                env.runtimePid();
                long usedMb = (table.treeKb(p.pid()) + 1023) / 1024;
                env.peakMemoryMb = Math.max(env.peakMemoryMb, usedMb);
                if (settings.enforceMemory() && usedMb > env.config.memorySize) {
                    env.outOfMemory = true;
                    synchronized (env) {
                        env.kill();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Measuring the memory of Lambda environments failed", e);
        }
    }

    private void log(ExecutionEnvironment env, Invocation inv, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (inv != null) {
            for (String line : lines) {
                inv.log.append(line).append('\n');
            }
        }
        FunctionConfig c = env.config;
        try {
            logs.append(c.accountId, c.region, c.logGroup, env.logStream, lines, clock.instant());
        } catch (RuntimeException e) {
            LOG.debug("Could not write the logs of {}: {}", c.name, e.toString());
        }
    }

    private String traceId() {
        long seconds = clock.instant().getEpochSecond();
        return "Root=1-" + Long.toHexString(seconds) + "-" + Ids.hex(24) + ";Parent=" + Ids.hex(16) + ";Sampled=0;Lineage="
                + Ids.hex(8) + ":0";
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Ends the environments of a configuration that was updated or deleted (busy ones after their invocation). */
    public void retire(FunctionConfig config) {
        EnvironmentPool pool = pools.remove(config);
        if (pool != null) {
            pool.retire().forEach(this::end);
        }
    }

    private void reapIdle() {
        try {
            long cutoff = System.nanoTime() - settings.keepAlive().toNanos();
            for (EnvironmentPool pool : pools.values()) {
                pool.expire(cutoff).forEach(this::end);
            }
        } catch (RuntimeException e) {
            LOG.warn("Reaping idle Lambda environments failed", e);
        }
    }

    /** The packages (and layers) live environments run, which must stay on disk while they do. */
    public java.util.Set<String> codeInUse() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (ExecutionEnvironment env : environments.values()) {
            keys.add(env.config.code.key());
            env.config.layers.forEach(l -> keys.add(l.code().key()));
        }
        return keys;
    }

    /** Runs a task now and then on the runner's timer thread. */
    public void every(java.time.Duration period, Runnable task) {
        timers.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A description of every environment, for {@code /_gureum/lambda/environments}. */
    public List<Map<String, Object>> describeEnvironments() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExecutionEnvironment env : environments.values()) {
            Map<String, Object> d = new java.util.LinkedHashMap<>();
            synchronized (env) {
                d.put("id", env.id);
                d.put("functionArn", env.config.qualifiedArn());
                d.put("runtime", env.config.runtime);
                d.put("state", env.dead ? "ending" : !env.initialized ? "initializing"
                        : env.current != null ? "busy" : "idle");
                long pid = env.knownPid();
                d.put("pid", pid == 0 ? null : Long.valueOf(pid));
                d.put("logStream", env.logStream);
                d.put("ageSeconds", (System.nanoTime() - env.createdNanos) / 1_000_000_000L);
                if (env.current == null) {
                    d.put("idleSeconds", (System.nanoTime() - env.idleSinceNanos) / 1_000_000_000L);
                } else {
                    d.put("requestId", env.current.requestId);
                }
            }
            out.add(d);
        }
        return out;
    }

    /** Ends every environment (reset, shutdown). */
    public void endAll() {
        List<EnvironmentPool> all = new ArrayList<>(pools.values());
        pools.clear();
        for (EnvironmentPool pool : all) {
            pool.retire();
        }
        for (ExecutionEnvironment env : new ArrayList<>(environments.values())) {
            Invocation inv;
            synchronized (env) {
                inv = env.current;
            }
            end(env);
            if (inv != null) {
                inv.result.completeExceptionally(new AwsException(LambdaError.SERVICE,
                        "The execution environment was shut down."));
            }
        }
    }

    /** Ends every environment and waits, briefly, for their processes to be gone. */
    @Override
    public void close() {
        closed = true;
        List<Process> processes = new ArrayList<>();
        for (ExecutionEnvironment env : environments.values()) {
            synchronized (env) {
                if (env.process != null) {
                    processes.add(env.process);
                }
            }
        }
        endAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Process p : processes) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("Lambda runtime process {} did not end", p.pid());
            }
        }
        timers.shutdownNow();
        starter.shutdownNow();
        dev.gureum.lambda.storage.CodeStore.deleteTree(environmentsDir);
    }
}
