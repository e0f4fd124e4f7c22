package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.FunctionConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The execution environments of one function configuration. Idle ones wait most recently used first,
 * so that under light load the same warm environment serves and the others cool down and are reaped.
 * A retired pool (its configuration was updated or deleted) hands out nothing and its environments
 * end when they next become idle.
 */
final class EnvironmentPool {

    final FunctionConfig config;
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final Set<ExecutionEnvironment> all = new LinkedHashSet<>();
    private boolean retired;

    EnvironmentPool(FunctionConfig config) {
        this.config = config;
    }

    /** An idle environment, or {@code null} when a new one must start. */
    synchronized ExecutionEnvironment take() {
        return retired ? null : idle.pollFirst();
    }

    synchronized boolean add(ExecutionEnvironment env) {
        if (retired) {
            return false;
        }
        all.add(env);
        return true;
    }

    /** Puts an environment back after an invocation; {@code false} when it should end instead. */
    synchronized boolean release(ExecutionEnvironment env) {
        if (retired || !all.contains(env)) {
            all.remove(env);
            return false;
        }
        idle.addFirst(env);
        return true;
    }

    /** Takes an idle environment out of the pool; {@code false} when it is busy or gone. */
    synchronized boolean removeIdle(ExecutionEnvironment env) {
        if (!idle.remove(env)) {
            return false;
        }
        all.remove(env);
        return true;
    }

    synchronized void remove(ExecutionEnvironment env) {
        all.remove(env);
        idle.remove(env);
    }

    /** Retires the pool; returns the idle environments, to be ended now. */
    synchronized List<ExecutionEnvironment> retire() {
        retired = true;
        List<ExecutionEnvironment> ending = new ArrayList<>(idle);
        all.removeAll(idle);
        idle.clear();
        return ending;
    }

    /** Removes and returns the environments idle since before {@code nanos}. */
    synchronized List<ExecutionEnvironment> expire(long nanos) {
        List<ExecutionEnvironment> expired = new ArrayList<>();
        Iterator<ExecutionEnvironment> it = idle.descendingIterator();
        while (it.hasNext()) {
            ExecutionEnvironment env = it.next();
            // environments of provisioned concurrency stay initialised until their configuration goes
            if (env.idleSinceNanos - nanos < 0 && env.provisioned == null) {
                it.remove();
                all.remove(env);
                expired.add(env);
            }
        }
        return expired;
    }
}
