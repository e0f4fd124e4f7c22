package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.FunctionConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The execution environments Lambda keeps initialised for provisioned concurrency: a configuration of a
 * version or alias starts its count of environments of that version ahead of any invocation; they wait
 * among the idle ones, are not reaped for idleness, and serve invocations without a cold start. Removing
 * or replacing the configuration ends them (a busy one after its invocation, like any other).
 */
final class ProvisionedEnvironments {

    private final InvocationScheduler scheduler;
    private final Consumer<ExecutionEnvironment> starter;
    private final Map<String, List<ExecutionEnvironment>> byConfiguration = new ConcurrentHashMap<>();

    ProvisionedEnvironments(InvocationScheduler scheduler, Consumer<ExecutionEnvironment> starter) {
        this.scheduler = scheduler;
        this.starter = starter;
    }

    /** Starts {@code count} environments of {@code config} for the configuration {@code key}, ending any it had. */
    synchronized void provision(String key, FunctionConfig config, int count) {
        release(key);
        List<ExecutionEnvironment> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ExecutionEnvironment env = scheduler.prepare(config, key);
            if (env == null) {
                break;
            }
            started.add(env);
        }
        byConfiguration.put(key, started);
        started.forEach(starter);
    }

    /** Ends the environments of the configuration {@code key}: idle ones now, busy ones when their invocation ends. */
    synchronized void release(String key) {
        List<ExecutionEnvironment> envs = byConfiguration.remove(key);
        if (envs == null) {
            return;
        }
        for (ExecutionEnvironment env : envs) {
            env.provisioned = null;
            boolean initialising;
            synchronized (env) {
                initialising = !env.initialized && env.current == null;
            }
            if (initialising || env.pool.removeIdle(env)) {
                scheduler.end(env);
            }
        }
    }

    /** How many environments of the configuration {@code key} are initialised and alive. */
    int initialised(String key) {
        List<ExecutionEnvironment> envs = byConfiguration.get(key);
        int n = 0;
        if (envs != null) {
            for (ExecutionEnvironment env : envs) {
                synchronized (env) {
                    if (env.initialized && !env.dead) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Forgets every configuration (reset, shutdown: the environments end with the others). */
    synchronized void clear() {
        byConfiguration.clear();
    }
}
