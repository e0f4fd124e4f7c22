package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LayerRef;
import dev.gureum.lambda.domain.Runtimes;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command and environment of a runtime process. The working directory is the function's
 * code ({@code /var/task} on AWS); layers stand in for {@code /opt}: each one's {@code python},
 * {@code nodejs/node_modules}, {@code java/lib}, {@code bin} and {@code lib} directories join the
 * search paths, later layers first as they would overwrite earlier ones in {@code /opt}.
 */
final class ProcessLauncher {


    /** What a process needs besides its configuration. */
    record Launch(String runtimeApi, String endpointUrl, String accessKeyId, String secretAccessKey,
                  String sessionToken) {
    }

    /** The interpreter is missing or the package has no entry point. */
    static final class LaunchException extends Exception {
        final String errorType;

        LaunchException(String errorType, String message) {
            super(message, null, false, false);
            this.errorType = errorType;
        }
    }

    private final Interpreters interpreters;
    private final Bootstraps bootstraps;
    private final Sandbox sandbox;
    private final TaskPaths paths;

    ProcessLauncher(Interpreters interpreters, Bootstraps bootstraps, Sandbox sandbox) {
        this.interpreters = interpreters;
        this.bootstraps = bootstraps;
        this.sandbox = sandbox;
        this.paths = new TaskPaths(bootstraps::taskPaths);
    }

    ProcessBuilder build(ExecutionEnvironment env, Launch launch) throws LaunchException {
        FunctionConfig c = env.config;
        Path task = c.code.dir();
        List<Path> layers = new ArrayList<>();
        for (int i = c.layers.size() - 1; i >= 0; i--) {
            LayerRef layer = c.layers.get(i);
            layers.add(layer.code().dir());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        String inheritedPath = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        vars.put("PATH", join(existing(layers, "bin"), inheritedPath));
        List<String> libraries = new ArrayList<>();
        libraries.add(task.resolve("lib").toString());
        libraries.addAll(existing(layers, "lib"));
        vars.put("LD_LIBRARY_PATH", join(libraries, System.getenv("LD_LIBRARY_PATH")));
        vars.put("LANG", "en_US.UTF-8");
        vars.putAll(lambdaVariables(env, launch));
        vars.put("AWS_EXECUTION_ENV", Runtimes.executionEnv(c.runtime));
        vars.put("LAMBDA_TASK_ROOT", task.toString());
        vars.put("LAMBDA_RUNTIME_DIR", env.directory.toString());
        vars.put("_HANDLER", c.handler == null ? "" : c.handler);

        List<String> command = new ArrayList<>();
        Runtimes.Family family = c.family();
        Interpreters.Resolution interpreter = interpreters.resolve(c.runtime);
        if (!interpreter.found()) {
            throw new LaunchException("Runtime.InvalidRuntime", interpreter.problem());
        }
        switch (family) {
            case PYTHON -> {
                List<String> pythonPath = new ArrayList<>();
                pythonPath.add(task.toString());
                String version = c.runtime.substring("python".length());
                for (Path layer : layers) {
                    addIfDirectory(pythonPath, layer.resolve("python"));
                    addIfDirectory(pythonPath, layer.resolve("python/lib/python" + version + "/site-packages"));
                }
                vars.put("PYTHONPATH", String.join(File.pathSeparator, pythonPath));
                vars.put("PYTHONUNBUFFERED", "1");
                command.add(interpreter.executable());
                command.add(bootstraps.python().toString());
            }
            case NODEJS -> {
                List<String> nodePath = new ArrayList<>();
                String major = c.runtime.replaceAll("[^0-9]", "");
                for (Path layer : layers) {
                    addIfDirectory(nodePath, layer.resolve("nodejs/node" + major + "/node_modules"));
                    addIfDirectory(nodePath, layer.resolve("nodejs/node_modules"));
                }
                nodePath.add(task.toString());
                nodePath.add(task.resolve("node_modules").toString());
                vars.put("NODE_PATH", String.join(File.pathSeparator, nodePath));
                command.add(interpreter.executable());
                // the heap limits AWS's Node.js bootstrap derives from the memory size
                command.add("--max-semi-space-size=" + Math.max(1, c.memorySize / 20));
                command.add("--max-old-space-size=" + (c.memorySize - c.memorySize / 10));
                command.add(bootstraps.node().toString());
            }
            case JAVA -> {
                List<String> classPath = new ArrayList<>();
                for (Path jar : bootstraps.javaJars()) {
                    classPath.add(jar.toString());
                }
                for (Path layer : layers) {
                    if (Files.isDirectory(layer.resolve("java/lib"))) {
                        classPath.add(layer.resolve("java/lib") + File.separator + "*");
                    }
                }
                command.add(interpreter.executable());
                // what AWS's Java runtimes start with: a quick JIT and a small collector for short-lived work
                command.add("-XX:+TieredCompilation");
                command.add("-XX:TieredStopAtLevel=1");
                command.add("-XX:+UseSerialGC");
                command.add("-Xshare:auto");
                command.add("-Xmx" + Math.max(64, c.memorySize * 85 / 100) + "m");
                command.add("-Djava.net.preferIPv4Stack=true");
                command.add("-cp");
                command.add(String.join(File.pathSeparator, classPath));
                command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
                command.add(c.handler == null ? "" : c.handler);
            }
            case PROVIDED -> {
                Path bootstrap = task.resolve("bootstrap");
                if (!Files.isRegularFile(bootstrap)) {
                    bootstrap = null;
                    for (Path layer : layers) {
                        if (Files.isRegularFile(layer.resolve("bootstrap"))) {
                            bootstrap = layer.resolve("bootstrap");
                            break;
                        }
                    }
                }
                if (bootstrap == null) {
                    throw new LaunchException("Runtime.InvalidEntrypoint", "Couldn't find valid bootstrap(s): ["
                            + task.resolve("bootstrap") + " /opt/bootstrap]");
                }
                // zip files made without Unix modes (Java's ZipOutputStream, Windows tools) lose the execute bit;
                // through a link, only a file of the same package is changed
                makeExecutable(bootstrap);
                command.add(bootstrap.toString());
            }
            default -> throw new LaunchException("Runtime.InvalidRuntime", interpreter.problem());
        }
        command = paths.wrap(command, task, layers, family == Runtimes.Family.PROVIDED ? null : interpreter.executable());
        ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command, bootstraps.supervisor(), env.marker,
                env.pidFile)).directory(task.toFile());
        builder.environment().clear();
        builder.environment().putAll(vars);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(env.output.toFile()));
        // standard input stays a pipe from the server: the supervisor ends the environment when it closes
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        return builder;
    }

    /**
     * The variables Lambda sets in every execution environment, the function's own among them, whatever runs
     * it (a local runtime or a container image).
     */
    static Map<String, String> lambdaVariables(ExecutionEnvironment env, Launch launch) {
        FunctionConfig c = env.config;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("TZ", ":UTC");
        vars.put("AWS_ENDPOINT_URL", launch.endpointUrl());
        if (c.environment != null) {
            vars.putAll(c.environment);
        }
        vars.put("AWS_LAMBDA_FUNCTION_NAME", c.name);
        vars.put("AWS_LAMBDA_FUNCTION_VERSION", c.version);
        vars.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(c.memorySize));
        vars.put("AWS_LAMBDA_LOG_GROUP_NAME", c.logGroup);
        vars.put("AWS_LAMBDA_LOG_STREAM_NAME", env.logStream);
        vars.put("AWS_LAMBDA_INITIALIZATION_TYPE", env.provisioned != null ? "provisioned-concurrency" : "on-demand");
        vars.put("AWS_REGION", c.region);
        vars.put("AWS_DEFAULT_REGION", c.region);
        vars.put("AWS_ACCESS_KEY_ID", launch.accessKeyId());
        vars.put("AWS_SECRET_ACCESS_KEY", launch.secretAccessKey());
        vars.put("AWS_SESSION_TOKEN", launch.sessionToken());
        vars.put("AWS_LAMBDA_RUNTIME_API", launch.runtimeApi());
        vars.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        if ("JSON".equals(c.logFormat)) {
            vars.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        }
        if (c.applicationLogLevel != null) {
            vars.put("AWS_LAMBDA_LOG_LEVEL", c.applicationLogLevel);
        }
        return vars;
    }

    private static void makeExecutable(Path bootstrap) {
        try {
            Path real = bootstrap.toRealPath();
            if (real.startsWith(bootstrap.getParent().toRealPath()) && Files.isRegularFile(real)) {
                real.toFile().setExecutable(true);
            }
        } catch (java.io.IOException e) {
            // a dangling link: starting it reports the problem
        }
    }

    private static void addIfDirectory(List<String> paths, Path dir) {
        if (Files.isDirectory(dir)) {
            paths.add(dir.toString());
        }
    }

    private static List<String> existing(List<Path> layers, String sub) {
        List<String> dirs = new ArrayList<>();
        for (Path layer : layers) {
            addIfDirectory(dirs, layer.resolve(sub));
        }
        return dirs;
    }

    private static String join(List<String> first, String rest) {
        List<String> all = new ArrayList<>(first);
        if (rest != null && !rest.isEmpty()) {
            all.add(rest);
        }
        return String.join(File.pathSeparator, all);
    }
}
