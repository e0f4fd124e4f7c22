package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.Runtimes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the local interpreter for a runtime: the one configured for the runtime ({@code python3.12}) or
 * its family ({@code python}), else {@code python3.12} or {@code python3} on the {@code PATH} for Python,
 * {@code node} for Node.js, and the JVM Gureum runs on for Java. Version managers' shims (pyenv, nvm)
 * are resolved once to the real executable, which starts faster.
 */
public final class Interpreters {

    /** A runtime's interpreter, or why there is none. */
    public record Resolution(String executable, String problem) {
        public boolean found() {
            return executable != null;
        }
    }

    private final Map<String, String> configured;
    private final Map<String, Resolution> resolved = new ConcurrentHashMap<>();

    public Interpreters(Map<String, String> configured) {
        this.configured = Map.copyOf(configured);
    }

    public Resolution resolve(String runtime) {
        return resolved.computeIfAbsent(runtime, this::find);
    }

    private Resolution find(String runtime) {
        Runtimes.Family family = Runtimes.family(runtime);
        String explicit = configured.getOrDefault(runtime, configured.get(family.key()));
        if (explicit != null) {
            return onPath(explicit).map(p -> probe(family, p)).filter(Optional::isPresent).map(Optional::get)
                    .map(real -> new Resolution(real, null)).orElseGet(() -> new Resolution(null,
                            "The interpreter configured for " + runtime + " (" + explicit + ") does not exist or does "
                                    + "not run."));
        }
        return switch (family) {
            case PYTHON -> first(family, runtime, "python3")
                    .orElseGet(() -> missing(runtime, runtime + " or python3", "/usr/bin/" + runtime));
            case NODEJS -> first(family, "node").orElseGet(() -> missing(runtime, "node", "/usr/local/bin/node"));
            case JAVA -> new Resolution(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()), null);
            case PROVIDED -> new Resolution("bootstrap", null);
            case OTHER -> new Resolution(null, "Gureum cannot run functions of runtime " + runtime
                    + ": it runs python3.x, nodejs*.x, java11 and later, and provided runtimes.");
        };
    }

    /** The first of the names that is on the PATH and runs. */
    private static Optional<Resolution> first(Runtimes.Family family, String... names) {
        for (String name : names) {
            Optional<String> real = onPath(name).flatMap(p -> probe(family, p));
            if (real.isPresent()) {
                return Optional.of(new Resolution(real.get(), null));
            }
        }
        return Optional.empty();
    }

    private static Resolution missing(String runtime, String looked, String example) {
        return new Resolution(null, "No interpreter for " + runtime + ": " + looked + " is not on the PATH of the "
                + "Gureum server. Install it, or name one with --lambda-runtime " + runtime + "=" + example + ".");
    }

    /** An absolute executable path as is, else the first match on the {@code PATH}. */
    static Optional<String> onPath(String name) {
        if (name.contains(File.separator)) {
            Path p = Path.of(name);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p.toString()) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the interpreter once to ask where it really lives (version managers' shims start slowly, and
     * may not run at all for versions that are installed but not selected); empty when it does not run.
     */
    private static Optional<String> probe(Runtimes.Family family, String executable) {
        String script = switch (family) {
            case PYTHON -> "import sys; print(sys.executable)";
            case NODEJS -> "console.log(process.execPath)";
            default -> null;
        };
        if (script == null) {
            return Optional.of(executable);
        }
        try {
            Process p = new ProcessBuilder(executable, family == Runtimes.Family.PYTHON ? "-c" : "-e", script)
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            String real = new String(out, StandardCharsets.UTF_8).trim();
            return Optional.of(!real.isEmpty() && Files.isExecutable(Path.of(real)) ? real : executable);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
