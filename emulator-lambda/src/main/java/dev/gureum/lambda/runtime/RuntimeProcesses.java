package dev.gureum.lambda.runtime;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.RoleSessions;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.storage.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The runtime process of each execution environment: its start (the init phase, with credentials of
 * the function's execution role), the init timeout and init failures, its exit, and the memory watch
 * that kills an environment above its memory size, as Lambda's sandbox does.
 */
final class RuntimeProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeProcesses.class);

    private final LambdaSettings settings;
    private final Clock clock;
    private final AccessKeys accessKeys;
    private final ProcessLauncher launcher;
    private final ContainerLauncher containers;
    private final Sandbox sandbox;
    private final InvocationScheduler scheduler;
    private final InvocationLogs logs;
    private final ScheduledExecutorService timers;
    private final Supplier<String> endpoint;

    RuntimeProcesses(LambdaSettings settings, Clock clock, AccessKeys accessKeys, ProcessLauncher launcher,
                     ContainerLauncher containers, Sandbox sandbox, InvocationScheduler scheduler, InvocationLogs logs,
                     ScheduledExecutorService timers, Supplier<String> endpoint) {
        this.settings = settings;
        this.clock = clock;
        this.accessKeys = accessKeys;
        this.launcher = launcher;
        this.containers = containers;
        this.sandbox = sandbox;
        this.scheduler = scheduler;
        this.logs = logs;
        this.timers = timers;
        this.endpoint = endpoint;
    }

    /** Starts the environment's runtime; runs on a thread that may block. */
    void start(ExecutionEnvironment env) {
        FunctionConfig c = env.config;
        try {
            Files.createDirectories(env.directory);
            Files.deleteIfExists(env.output);
            Files.createFile(env.output);
            ProcessLauncher.Launch launch = launch(env);
            // a container image's runtime runs in the Docker engine, any other as a process of the server's
            ProcessBuilder builder = c.image == null ? launcher.build(env, launch) : null;
            logs.initStart(env);
            Process process = builder != null ? builder.start() : containers.start(env, launch);
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
            if (builder != null && sandbox.supervised()) {
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

    /** The Runtime API address and the credentials the environment gets. */
    private ProcessLauncher.Launch launch(ExecutionEnvironment env) {
        FunctionConfig c = env.config;
        String accessKeyId = Ids.accessKeyId("ASIA");
        String secret = Ids.secret(40);
        String token = Base64.getEncoder().encodeToString(Ids.secret(96).getBytes(StandardCharsets.US_ASCII));
        String roleName = c.role == null ? "lambda" : c.role.substring(c.role.lastIndexOf('/') + 1);
        Instant now = clock.instant();
        // the function acts as its execution role, as the credentials Lambda hands out do
        String assumedRole = new Arn(Arn.partitionOf(c.region), "sts", "", c.accountId,
                "assumed-role/" + roleName + "/" + c.name).toString();
        accessKeys.register(new AccessKeys.IssuedKey(accessKeyId, secret, token, c.accountId, assumedRole,
                "AROA" + Ids.hex(17).toUpperCase(Locale.ROOT) + ":" + c.name, now.plusSeconds(12 * 3600)));
        if (c.role != null) {
            // the session's policies are its role's: whoever authorises its requests finds the role here
            accessKeys.sessions().register(RoleSessions.RoleSession.of(accessKeyId, c.role, assumedRole));
        }
        String hostAndPort = endpoint.get();
        return new ProcessLauncher.Launch(hostAndPort + "/2018-06-01/runtime/environments/" + env.id,
                "http://" + hostAndPort, accessKeyId, secret, token);
    }

    private void initTimedOut(ExecutionEnvironment env) {
        synchronized (env) {
            if (env.initialized || env.dead) {
                return;
            }
        }
        failInit(env, "Sandbox.Timedout", "Task timed out after " + InvocationLogs.seconds(env.config.timeout)
                + " (the runtime did not start within " + settings.initTimeout().toSeconds()
                + " s plus the function timeout)");
    }

    /** The environment never reached its runtime loop: its invocation fails with the reason. */
    private void failInit(ExecutionEnvironment env, String errorType, String message) {
        Invocation inv;
        synchronized (env) {
            env.dead = true;
            env.kill();
            inv = env.current;
            if (inv != null && !env.delivered) {
                scheduler.deliver(env, inv, false);
            }
            logs.append(env, inv, env.drainOutput(true));
        }
        if (inv != null) {
            logs.appendTimed(env, inv, errorType + ": " + message);
            scheduler.finish(env, inv,
                    Invocation.errorDocument(errorType, "RequestId: " + inv.requestId + " Error: " + message),
                    "Unhandled", "error");
        }
        scheduler.end(env);
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
                    scheduler.deliver(env, inv, true);
                }
            } else {
                inv = null;
            }
            logs.append(env, null, env.drainOutput(true));
        }
        if (waiting != null) {
            waiting.cancel(false);
        }
        if (inv != null) {
            String message = "RequestId: " + inv.requestId + " Error: Runtime exited with error: " + exit;
            // Lambda tells a runtime killed for its memory size apart from one that exited
            String type = env.outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
            logs.append(env, inv, List.of(message, type));
            scheduler.finish(env, inv, Invocation.errorDocument(type, message), "Unhandled",
                    env.outOfMemory ? "error\tError Type: " + type : "error");
        }
        scheduler.end(env);
        if (!scheduler.closed()) {
            CodeStore.deleteTree(env.directory);
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

    /**
     * Measures the memory of every running environment's processes (REPORT's Max Memory Used) and, unless
     * told otherwise, kills an environment that uses more than its function's memory size, as Lambda's
     * sandbox does.
     */
    private static final long SELF = ProcessHandle.current().pid();

    void watchMemory() {
        try {
            if (scheduler.environments().isEmpty()) {
                return;
            }
            ProcessMemory table = ProcessMemory.snapshot();
            for (ExecutionEnvironment env : scheduler.environments()) {
                Process p;
                synchronized (env) {
                    p = env.dead || env.outOfMemory ? null : env.process;
                }
                if (p == null || !table.isChildOf(p.pid(), SELF)) {
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
}
