package dev.gureum.lambda.runtime;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.time.Timers;
import dev.gureum.lambda.container.ContainerImages;
import dev.gureum.lambda.container.DockerEngine;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.storage.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs invocations in execution environments and serves them the Lambda Runtime API. An invocation
 * goes to an idle environment of its function configuration, or to a new one
 * ({@link InvocationScheduler}); the environment's parked {@code next} call answers with it; the
 * runtime's {@code response} or {@code error} call completes it ({@link RuntimeApi}); runtime
 * processes are started, watched and ended by {@link RuntimeProcesses}; their logs are framed by
 * {@link InvocationLogs}. No thread waits on any of this: futures complete from the Runtime API
 * calls, timers and process exits.
 */
public final class FunctionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRunner.class);
    /** Concurrent executions an account has in a region unless raised. */
    public static final int ACCOUNT_CONCURRENCY = InvocationScheduler.ACCOUNT_CONCURRENCY;
    /** How often the memory of running environments is measured. */
    static final long MEMORY_WATCH_MILLIS = 100;

    private final LambdaSettings settings;
    private final Path environmentsDir;
    /** Real time: processes, their timeouts and their idle reaping do not follow a moved server clock. */
    private final ScheduledThreadPoolExecutor timers;
    /** The server clock: retries and event-source polling wait for it. */
    private final Timers serverTimers;
    private final ExecutorService starter;
    private final InvocationScheduler scheduler;
    private final RuntimeProcesses processes;
    private final RuntimeApi runtimeApi;
    private final FunctionMetrics metrics;
    private final ProvisionedEnvironments provisioned;
    private final ContainerLauncher containers;
    private volatile String endpoint = "127.0.0.1:4566";

    public FunctionRunner(LambdaSettings settings, Clock clock, Timers serverTimers, AccessKeys accessKeys, LogSink logs,
                          Path dataDir, Interpreters interpreters, FunctionMetrics metrics) {
        this.settings = settings;
        this.serverTimers = serverTimers;
        this.metrics = metrics;
        this.environmentsDir = dataDir.resolve("environments");
        Sandbox sandbox = new Sandbox(settings.pidNamespaces());
        ProcessLauncher launcher = new ProcessLauncher(interpreters, new Bootstraps(dataDir.resolve("runtimes")), sandbox);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("gureum-lambda-timers"));
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        this.starter = Executors.newCachedThreadPool(daemon("gureum-lambda-start"));
        InvocationLogs framing = new InvocationLogs(logs, clock);
        this.scheduler = new InvocationScheduler(clock, framing, sandbox, environmentsDir, timers, starter);
        this.containers = new ContainerLauncher(new ContainerImages(DockerEngine.of(settings.dockerHost())));
        this.processes = new RuntimeProcesses(settings, clock, accessKeys, launcher, containers, sandbox, scheduler,
                framing, timers, this::endpoint);
        this.runtimeApi = new RuntimeApi(scheduler, framing);
        this.provisioned = new ProvisionedEnvironments(scheduler, env -> starter.execute(() -> processes.start(env)));
        long sweep = Math.max(100, Math.min(5_000, settings.keepAlive().toMillis() / 4));
        timers.scheduleWithFixedDelay(this::reapIdle, sweep, sweep, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(processes::watchMemory, MEMORY_WATCH_MILLIS, MEMORY_WATCH_MILLIS,
                TimeUnit.MILLISECONDS);
        // processes of environments whose server was killed along with their supervisors
        starter.execute(sandbox::sweepOrphans);
    }

    private static ThreadFactory daemon(String name) {
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

    /** The images of the Docker engine that runs functions of container images. */
    public ContainerImages images() {
        return containers.images();
    }

    /** The Runtime API the environments' runtimes call. */
    public RuntimeApi runtimeApi() {
        return runtimeApi;
    }

    // ---- invoking ------------------------------------------------------------------------------

    /**
     * Starts an invocation; the future completes with its result (function errors included) or
     * fails with an {@link AwsException} (throttled).
     */
    public CompletableFuture<InvocationResult> invoke(FunctionConfig config, InvokeRequest request) {
        return invoke(config, request, null);
    }

    /**
     * Starts an invocation whose response, if the function streams it, goes to {@code chunks} as it is
     * written; otherwise as {@link #invoke(FunctionConfig, InvokeRequest)}.
     */
    public CompletableFuture<InvocationResult> invoke(FunctionConfig config, InvokeRequest request,
                                                      ResponseChunks chunks) {
        Invocation invocation;
        try {
            invocation = scheduler.admit(config, request);
        } catch (AwsException e) {
            if (e.error() == dev.gureum.lambda.protocol.LambdaError.TOO_MANY_REQUESTS) {
                metrics.throttled(config, request);
            }
            throw e;
        }
        invocation.chunks = chunks;
        metrics.started(config);
        // the metrics are put before those waiting for the result hear of it
        CompletableFuture<InvocationResult> measured = invocation.result.whenComplete((result, failure) -> {
            metrics.ended(config);
            if (result != null) {
                // as REPORT's Duration: from the runtime taking the event to its answer
                metrics.invoked(config, request, result.functionError() != null, invocation.deliveredNanos == 0 ? 0
                        : (System.nanoTime() - invocation.deliveredNanos) / 1e6);
            }
        });
        try {
            ExecutionEnvironment starting = scheduler.dispatch(invocation);
            if (starting != null) {
                starter.execute(() -> processes.start(starting));
            }
        } catch (RuntimeException e) {
            invocation.result.completeExceptionally(e);
        }
        return measured;
    }

    /**
     * Runs a task once {@code delayMillis} of server-clock time has passed (retries of asynchronous
     * invocations, event-source polling after a pause): moving the clock brings them forward.
     */
    public void schedule(Runnable task, long delayMillis) {
        if (!scheduler.closed()) {
            serverTimers.after(Duration.ofMillis(delayMillis), () -> {
                if (!scheduler.closed()) {
                    task.run();
                }
            });
        }
    }

    /** Runs housekeeping now and then in real time on the runner's timer thread. */
    public void every(Duration period, Runnable task) {
        timers.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- provisioned concurrency ----------------------------------------------------------------

    /**
     * Starts {@code count} environments of a published version ahead of its invocations, for the provisioned
     * concurrency configuration {@code key} (its function ARN and qualifier); a configuration replaced ends
     * the environments it had.
     */
    public void provision(String key, FunctionConfig config, int count) {
        provisioned.provision(key, config, count);
    }

    /** Ends the environments of a provisioned concurrency configuration that was removed. */
    public void unprovision(String key) {
        provisioned.release(key);
    }

    /** How many environments of a provisioned concurrency configuration are initialised. */
    public int provisionedReady(String key) {
        return provisioned.initialised(key);
    }

    /** Invocations running now for a function (all its versions). */
    public int inFlight(String functionArn) {
        return scheduler.inFlight(functionArn);
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Ends the environments of a configuration that was updated or deleted (busy ones after their invocation). */
    public void retire(FunctionConfig config) {
        scheduler.retire(config);
    }

    private void reapIdle() {
        try {
            scheduler.expireIdle(System.nanoTime() - settings.keepAlive().toNanos());
        } catch (RuntimeException e) {
            LOG.warn("Reaping idle Lambda environments failed", e);
        }
    }

    /** The packages (and layers) live environments run, which must stay on disk while they do. */
    public Set<String> codeInUse() {
        Set<String> keys = new HashSet<>();
        for (ExecutionEnvironment env : scheduler.environments()) {
            if (env.config.code != null) {
                keys.add(env.config.code.key());
            }
            env.config.layers.forEach(l -> keys.add(l.code().key()));
        }
        return keys;
    }

    /** A description of every environment, for {@code /_gureum/lambda/environments}. */
    public List<Map<String, Object>> describeEnvironments() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExecutionEnvironment env : scheduler.environments()) {
            Map<String, Object> d = new LinkedHashMap<>();
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
        provisioned.clear();
        scheduler.endAll();
    }

    /** Ends every environment and waits, briefly, for their processes to be gone. */
    @Override
    public void close() {
        scheduler.close();
        List<Process> running = new ArrayList<>();
        for (ExecutionEnvironment env : scheduler.environments()) {
            synchronized (env) {
                if (env.process != null) {
                    running.add(env.process);
                }
            }
        }
        endAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Process p : running) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Lambda runtime process {} did not end", p.pid());
            }
        }
        timers.shutdownNow();
        starter.shutdownNow();
        containers.close();
        CodeStore.deleteTree(environmentsDir);
    }
}
