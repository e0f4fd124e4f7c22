package dev.gureum.lambda.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lambda's literal paths for code that names them: the function's code at {@code /var/task} and its layers
 * at {@code /opt}, read-only, in a mount namespace of the runtime's own ({@code unshare --mount}) where the
 * system allows one (the server runs as root and {@code mount} is there). {@code /var/task} is created,
 * empty, if the system lacks it; {@code /opt} is only covered for a function with layers, and not when the
 * runtime's interpreter lives under it. Elsewhere the paths stay as they are, and the runtime finds its
 * code and layers through its variables only.
 */
final class TaskPaths {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPaths.class);
    static final Path TASK = Path.of("/var/task");
    static final Path OPT = Path.of("/opt");

    private final Supplier<Path> script;
    private volatile Boolean available;

    TaskPaths(Supplier<Path> script) {
        this.script = script;
    }

    /**
     * The command that runs {@code command} with {@code task} on {@code /var/task} and {@code layers} (top
     * first) on {@code /opt}; {@code command} itself where no mount namespace can be had.
     */
    List<String> wrap(List<String> command, Path task, List<Path> layers, String interpreter) {
        if (!available()) {
            return command;
        }
        boolean opt = !layers.isEmpty() && (interpreter == null || !under(interpreter, OPT)) && Files.isDirectory(OPT);
        List<String> layerDirs = new ArrayList<>();
        if (opt) {
            layers.forEach(l -> layerDirs.add(l.toString()));
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--mount", "sh", script.get().toString(),
                Files.isDirectory(TASK) ? task.toString() : "", String.join(File.pathSeparator, layerDirs)));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean under(String executable, Path dir) {
        try {
            return Path.of(executable).toRealPath().startsWith(dir);
        } catch (IOException | RuntimeException e) {
            return Path.of(executable).startsWith(dir);
        }
    }

    private boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (this) {
                if (available == null) {
                    available = probe();
                }
                a = available;
            }
        }
        return a;
    }

    private static boolean probe() {
        if (!Files.isExecutable(Path.of("/bin/sh"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "sh", "-c", "command -v mount >/dev/null")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return false;
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            Files.createDirectories(TASK);
        } catch (IOException e) {
            LOG.debug("Functions see no /var/task: {}", e.toString());
        }
        LOG.debug("Lambda runtimes see their code at /var/task and their layers at /opt");
        return true;
    }
}
