package dev.gureum.lambda.runtime;

import dev.gureum.core.EmulatorConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's settings, read from the server's service settings ({@code lambda.*}).
 *
 * @param keepAlive   how long an idle execution environment is kept warm ({@code lambda.keep-alive-seconds})
 * @param initTimeout how long a new environment may take to initialize ({@code lambda.init-timeout-seconds});
 *                    the invocation's own timeout is added, as Lambda retries a slow init within the invoke
 * @param interpreters runtime identifier ({@code python3.12}) or family ({@code python}, {@code nodejs},
 *                    {@code java}) to the interpreter to run it with ({@code lambda.runtime.<key>})
 * @param pidNamespaces whether environments run in PID namespaces of their own where {@code unshare} permits
 *                    ({@code lambda.pid-namespaces}, {@code true}); without, their processes are found by a marker
 * @param enforceMemory whether an environment using more memory than its function's {@code MemorySize} is
 *                    killed ({@code lambda.enforce-memory}, {@code true})
 * @param dockerHost  the Docker engine that runs functions of container images ({@code lambda.docker-host}, else
 *                    {@code DOCKER_HOST}, else {@code /var/run/docker.sock})
 */
public record LambdaSettings(Duration keepAlive, Duration initTimeout, Map<String, String> interpreters,
                             boolean pidNamespaces, boolean enforceMemory, String dockerHost) {

    public static final String KEEP_ALIVE = "lambda.keep-alive-seconds";
    public static final String INIT_TIMEOUT = "lambda.init-timeout-seconds";
    public static final String RUNTIME_PREFIX = "lambda.runtime.";
    public static final String PID_NAMESPACES = "lambda.pid-namespaces";
    public static final String ENFORCE_MEMORY = "lambda.enforce-memory";
    /** The Docker engine of container images, as {@code DOCKER_HOST} writes it (the variable's value by default). */
    public static final String DOCKER_HOST = "lambda.docker-host";

    public LambdaSettings {
        interpreters = Map.copyOf(interpreters);
    }

    public static LambdaSettings from(EmulatorConfig config, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(config.settings());
        all.putAll(overrides);
        Map<String, String> interpreters = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(RUNTIME_PREFIX)) {
                interpreters.put(k.substring(RUNTIME_PREFIX.length()), v);
            }
        });
        return new LambdaSettings(seconds(all.get(KEEP_ALIVE), 600), seconds(all.get(INIT_TIMEOUT), 10), interpreters,
                flag(all.get(PID_NAMESPACES)), flag(all.get(ENFORCE_MEMORY)),
                all.getOrDefault(DOCKER_HOST, System.getenv("DOCKER_HOST")));
    }

    private static boolean flag(String value) {
        return value == null || value.isBlank() || !value.trim().equalsIgnoreCase("false");
    }

    private static Duration seconds(String value, long defaultSeconds) {
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(defaultSeconds);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
    }
}
