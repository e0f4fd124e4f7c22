package dev.gureum.lambda.runtime;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.protocol.LambdaError;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Schedules invocations over the execution environments: admits them within the concurrency limits,
 * hands each to an idle environment of its function configuration or to a new one, times it out,
 * completes it, and returns the environment to its pool or ends it. Environments are guarded by their
 * own monitors; nothing here waits on a thread.
 */
final class InvocationScheduler {

    /** Concurrent executions an account has in a region unless raised. */
    static final int ACCOUNT_CONCURRENCY = 1000;

    private final Clock clock;
    private final InvocationLogs logs;
    private final Sandbox sandbox;
    private final Path environmentsDir;
    private final ScheduledExecutorService timers;
    private final Executor background;
    private final Map<String, ExecutionEnvironment> environments = new ConcurrentHashMap<>();
    private final Map<FunctionConfig, EnvironmentPool> pools = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    InvocationScheduler(Clock clock, InvocationLogs logs, Sandbox sandbox, Path environmentsDir,
                        ScheduledExecutorService timers, Executor background) {
        this.clock = clock;
        this.logs = logs;
        this.sandbox = sandbox;
        this.environmentsDir = environmentsDir;
        this.timers = timers;
        this.background = background;
    }

    // ---- admitting and dispatching --------------------------------------------------------------

    /**
     * A new invocation, counted against the function's reserved concurrency and the account's limit
     * until its result is in.
     *
     * @throws AwsException {@code TooManyRequestsException} when either limit is reached
     */
    Invocation admit(FunctionConfig config, InvokeRequest request) {
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
        Invocation invocation = new Invocation(request.requestId() != null ? request.requestId() : Ids.uuid(), config,
                request, traceId());
        invocation.result.whenComplete((r, e) -> {
            functionCount.decrementAndGet();
            accountCount.decrementAndGet();
        });
        return invocation;
    }

    private static AwsException throttled(String reason) {
        return new AwsException(LambdaError.TOO_MANY_REQUESTS, "Rate Exceeded.").detail("Reason", reason)
                .header("Retry-After", "1");
    }

    /** The {@code X-Amzn-Trace-Id} of an invocation that came without one. */
    private String traceId() {
        long seconds = clock.instant().getEpochSecond();
        return "Root=1-" + Long.toHexString(seconds) + "-" + Ids.hex(24) + ";Parent=" + Ids.hex(16) + ";Sampled=0;Lineage="
                + Ids.hex(8) + ":0";
    }

    /** Invocations running now for a function (all its versions). */
    int inFlight(String functionArn) {
        AtomicInteger count = inFlight.get(functionArn);
        return count == null ? 0 : count.get();
    }

    /**
     * Gives the invocation to an idle environment, or to a new one, which is returned for its runtime
     * to be started; {@code null} when an idle one took it (or it failed at once).
     */
    ExecutionEnvironment dispatch(Invocation invocation) {
        EnvironmentPool pool = pools.computeIfAbsent(invocation.config, EnvironmentPool::new);
        ExecutionEnvironment env = pool.take();
        if (env != null) {
            assign(env, invocation);
            return null;
        }
        env = create(pool);
        if (env == null) {
            // the configuration was retired between lookup and use: its successor runs it
            invocation.result.completeExceptionally(new AwsException(LambdaError.RESOURCE_CONFLICT,
                    "The function was updated while it was invoked; retry the invocation."));
            return null;
        }
        assign(env, invocation);
        return env;
    }

    /**
     * A new environment of the configuration without an invocation, started ahead for a provisioned
     * concurrency configuration; {@code null} when the configuration was retired.
     */
    ExecutionEnvironment prepare(FunctionConfig config, String provisioned) {
        ExecutionEnvironment env = create(pools.computeIfAbsent(config, EnvironmentPool::new), provisioned);
        if (env != null) {
            // its invocations find it initialised: their REPORT lines carry no init duration
            env.cold = false;
        }
        return env;
    }

    /** An environment started ahead has initialised: it serves the next invocation of its configuration. */
    void ready(ExecutionEnvironment env) {
        if (!env.pool.release(env)) {
            end(env);
        }
    }

    private ExecutionEnvironment create(EnvironmentPool pool) {
        return create(pool, null);
    }

    private ExecutionEnvironment create(EnvironmentPool pool, String provisioned) {
        FunctionConfig c = pool.config;
        String id = Ids.hex(32);
        ExecutionEnvironment env = new ExecutionEnvironment(id, c, pool, logs.streamName(c, id),
                environmentsDir.resolve(id), sandbox.marker(id));
        env.provisioned = provisioned;
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
            deliver(env, invocation, true);
        }
        waiting.complete(invocation);
    }

    /**
     * The environment is about to hand the invocation to its runtime: START, and the timeout runs.
     * With {@code initOutput} false, output so far stays for the invocation's own log (a failed init's).
     * Guarded by the environment.
     */
    void deliver(ExecutionEnvironment env, Invocation invocation, boolean initOutput) {
        env.delivered = true;
        invocation.deliveredNanos = System.nanoTime();
        invocation.deadlineEpochMillis = clock.millis() + invocation.config.timeout * 1000L;
        if (initOutput) {
            logs.append(env, null, env.drainOutput(false));
        }
        logs.start(env, invocation);
        if (env.timer != null) {
            env.timer.cancel(false);
        }
        env.timer = timers.schedule(() -> timedOut(env, invocation), invocation.config.timeout * 1000L,
                TimeUnit.MILLISECONDS);
    }

    /** The environment named in a Runtime API call, or {@code null}. */
    ExecutionEnvironment environment(String id) {
        return environments.get(id);
    }

    Collection<ExecutionEnvironment> environments() {
        return environments.values();
    }

    // ---- ending invocations and environments ---------------------------------------------------

    /**
     * Completes the invocation: collects its output, writes END and REPORT, and returns the environment
     * to its pool (or ends it). {@code status} is REPORT's {@code Status} ({@code timeout}, {@code error}).
     */
    void finish(ExecutionEnvironment env, Invocation inv, byte[] payload, String functionError, String status) {
        String tail;
        boolean reusable;
        Runnable barrier = env.outputBarrier;
        if (barrier != null && status == null) {
            barrier.run();
        }
        synchronized (env) {
            if (env.current != inv || inv.result.isDone()) {
                return;
            }
            if (env.timer != null) {
                env.timer.cancel(false);
                env.timer = null;
            }
            double durationMs = (System.nanoTime() - inv.deliveredNanos) / 1e6;
            logs.append(env, inv, env.drainOutput(true));
            if ("timeout".equals(status)) {
                logs.appendTimed(env, inv, inv.requestId + " Task timed out after "
                        + InvocationLogs.seconds(inv.config.timeout));
            }
            logs.end(env, inv, durationMs, status);
            tail = InvocationLogs.tail(inv);
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

    private void timedOut(ExecutionEnvironment env, Invocation inv) {
        synchronized (env) {
            if (env.current != inv || inv.result.isDone()) {
                return;
            }
            // the environment is beyond use: its runtime may be anywhere in the handler
            env.dead = true;
            logs.append(env, inv, env.drainOutput(true));
            env.peakMemoryMb = Math.max(env.peakMemoryMb, env.maxMemoryUsedMb());
            env.kill();
        }
        String message = "RequestId: " + inv.requestId + " Error: Task timed out after "
                + InvocationLogs.seconds(inv.config.timeout);
        finish(env, inv, Invocation.errorDocument("Sandbox.Timedout", message), "Unhandled", "timeout");
    }

    /** Takes the environment out of service and ends its process. */
    void end(ExecutionEnvironment env) {
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
                background.execute(() -> sandbox.sweep(env.marker));
                return;
            } catch (RejectedExecutionException e) {
                // shutting down: sweep here
            }
        }
        sandbox.sweep(env.marker);
    }

    // ---- pools -----------------------------------------------------------------------------------

    /** Ends the environments of a configuration that was updated or deleted (busy ones after their invocation). */
    void retire(FunctionConfig config) {
        EnvironmentPool pool = pools.remove(config);
        if (pool != null) {
            pool.retire().forEach(this::end);
        }
    }

    /** Ends the environments idle since before {@code cutoffNanos}. */
    void expireIdle(long cutoffNanos) {
        for (EnvironmentPool pool : pools.values()) {
            pool.expire(cutoffNanos).forEach(this::end);
        }
    }

    /** Ends every environment (reset, shutdown); their invocations fail. */
    void endAll() {
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

    boolean closed() {
        return closed;
    }

    /** Admits nothing more; environments then end with their sweep on the caller's thread. */
    void close() {
        closed = true;
    }
}
