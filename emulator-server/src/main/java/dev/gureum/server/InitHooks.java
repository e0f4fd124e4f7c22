package dev.gureum.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Init hooks: scripts in {@code boot.d}, {@code start.d}, {@code ready.d} and {@code shutdown.d} under each
 * init directory, run in name order at their stage, as LocalStack's {@code /etc/localstack/init} does.
 * {@code .sh} files run with {@code sh} (or directly when they are executable), {@code .py} files with
 * {@code python3}; other files are left alone. Their output goes to the log, line by line. A failing script
 * is reported as {@code ERROR} and the stage goes on with the next one.
 */
final class InitHooks {

    private static final Logger LOG = LoggerFactory.getLogger("dev.gureum.init");

    /** The stages, in the order they run. */
    enum Stage {
        /** Before the server listens. */
        BOOT,
        /** Once it listens, before ready.d. */
        START,
        /** Once it listens; the server reports itself ready ({@code Ready.}) after these. */
        READY,
        /** When the server stops, while it still answers. */
        SHUTDOWN;

        String directory() {
            return name().toLowerCase(Locale.ROOT) + ".d";
        }
    }

    /** A script's state, with LocalStack's names. */
    enum State { UNKNOWN, RUNNING, SUCCESSFUL, ERROR }

    /** One script of one stage and what became of it. */
    static final class Script {
        final Stage stage;
        final Path file;
        volatile State state = State.UNKNOWN;

        Script(Stage stage, Path file) {
            this.stage = stage;
            this.file = file;
        }

        String name() {
            return file.getFileName().toString();
        }
    }

    private final List<Script> scripts;
    private final Map<Stage, Boolean> completed = new EnumMap<>(Stage.class);

    private InitHooks(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
        for (Stage stage : Stage.values()) {
            completed.put(stage, false);
        }
    }

    /** The scripts of every stage in these directories, which exist (a missing stage directory has none). */
    static InitHooks in(List<Path> directories) {
        List<Script> found = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            for (Path directory : directories) {
                Path stageDir = directory.resolve(stage.directory());
                if (!Files.isDirectory(stageDir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(stageDir)) {
                    files.filter(f -> Files.isRegularFile(f) && runner(f) != null).sorted()
                            .forEach(f -> found.add(new Script(stage, f)));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list the init scripts in " + stageDir, e);
                }
            }
        }
        return new InitHooks(found);
    }

    List<Script> scripts() {
        return scripts;
    }

    synchronized boolean completed(Stage stage) {
        return completed.get(stage);
    }

    /**
     * Runs the stage's scripts one after the other, with {@code environment} added to the server's own.
     * Never throws for a script: its failure is logged and kept as its state.
     */
    void run(Stage stage, Map<String, String> environment) {
        for (Script script : scripts) {
            if (script.stage == stage) {
                runOne(script, environment);
            }
        }
        synchronized (this) {
            completed.put(stage, true);
        }
    }

    private static void runOne(Script script, Map<String, String> environment) {
        String label = script.stage.directory() + "/" + script.name();
        script.state = State.RUNNING;
        LOG.info("{}: running", label);
        ProcessBuilder process = new ProcessBuilder(command(script.file)).redirectErrorStream(true)
                .directory(script.file.getParent().toFile());
        process.environment().putAll(environment);
        try {
            Process p = process.start();
            p.getOutputStream().close();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    LOG.info("{}: {}", label, line);
                }
            }
            int exit = p.waitFor();
            if (exit == 0) {
                script.state = State.SUCCESSFUL;
                LOG.info("{}: done", label);
            } else {
                script.state = State.ERROR;
                LOG.warn("{}: failed with exit code {}", label, exit);
            }
        } catch (IOException e) {
            script.state = State.ERROR;
            LOG.warn("{}: cannot run {}: {}", label, command(script.file).get(0), e.getMessage());
        } catch (InterruptedException e) {
            script.state = State.ERROR;
            Thread.currentThread().interrupt();
        }
    }

    private static String runner(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sh")) {
            return "sh";
        }
        return name.endsWith(".py") ? "python3" : null;
    }

    /** An executable script runs with its own #! line; others with the runner of their kind. */
    private static List<String> command(Path file) {
        if (Files.isExecutable(file) && startsWithInterpreterLine(file)) {
            return List.of(file.toAbsolutePath().toString());
        }
        return List.of(runner(file), file.toAbsolutePath().toString());
    }

    private static boolean startsWithInterpreterLine(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The report of {@code GET /_gureum/init} (and LocalStack's {@code /_localstack/init}): which stages have
     * completed, and every script with its stage, name and state.
     */
    synchronized String report(Stage only) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (only != null) {
            body.put("completed", completed.get(only));
        } else {
            ObjectNode stages = body.putObject("completed");
            completed.forEach((stage, done) -> stages.put(stage.name(), done));
        }
        ArrayNode list = body.putArray("scripts");
        for (Script script : scripts) {
            if (only == null || script.stage == only) {
                list.addObject().put("stage", script.stage.name()).put("name", script.name())
                        .put("state", script.state.name());
            }
        }
        return body.toString();
    }
}
