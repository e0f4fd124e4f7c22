package dev.gureum.lambda.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps every process a function starts inside its execution environment, so that all of them end
 * with it and with the server. An environment's runtime runs under a supervisor script whose standard
 * input is a pipe from the server (end of file: the server is gone, however it ended); where the system
 * allows it, supervisor and runtime run in a PID namespace of their own ({@code unshare --pid --fork
 * --kill-child}), which the kernel empties when the namespace's first process ends. Every process also
 * carries a marker in its environment, {@code GUREUM_LAMBDA_SANDBOX=<server pid>.<server start>.<environment>},
 * by which the ones that left the process tree are found: when an environment ends, and at start-up for
 * environments of a server that died.
 */
final class Sandbox {

    static final String MARKER = "GUREUM_LAMBDA_SANDBOX";
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    /** How {@code unshare} is tried: as root, then with a user namespace (unprivileged users). */
    private static final List<List<String>> UNSHARE = List.of(List.of(), List.of("--user", "--map-current-user"),
            List.of("--user", "--map-root-user"));

    private static final Path SHELL = Path.of("/bin/sh");

    private final boolean pidNamespaces;
    private final String server;
    private volatile List<String> prefix;

    Sandbox(boolean pidNamespaces) {
        this.pidNamespaces = pidNamespaces;
        ProcessHandle self = ProcessHandle.current();
        this.server = self.pid() + "." + startMillis(self).orElse(0L);
    }

    /** The marker of one environment of this server. */
    String marker(String environmentId) {
        return server + "." + environmentId;
    }

    /** Whether runtimes run under the supervisor (a Unix system). */
    boolean supervised() {
        return Files.isExecutable(SHELL);
    }

    /** The command that runs {@code command} under the supervisor, in a PID namespace where one can be had. */
    List<String> wrap(List<String> command, Path supervisor, String marker, Path pidFile) {
        if (!supervised()) {
            // not a Unix system: the runtime runs as it is, and what it starts is not followed
            return command;
        }
        List<String> wrapped = new ArrayList<>(prefix());
        wrapped.add(SHELL.toString());
        wrapped.add(supervisor.toString());
        wrapped.add(marker);
        wrapped.add(pidFile.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private List<String> prefix() {
        List<String> p = prefix;
        if (p == null) {
            synchronized (this) {
                if (prefix == null) {
                    prefix = pidNamespaces ? probe() : List.of();
                }
                p = prefix;
            }
        }
        return p;
    }

    private static List<String> probe() {
        for (List<String> flags : UNSHARE) {
            List<String> command = new ArrayList<>(List.of("unshare"));
            command.addAll(flags);
            command.addAll(List.of("--pid", "--fork", "--kill-child"));
            List<String> test = new ArrayList<>(command);
            test.add("true");
            try {
                Process p = new ProcessBuilder(test).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    LOG.debug("Lambda environments run in PID namespaces: {}", command);
                    return List.copyOf(command);
                }
                p.destroyForcibly();
            } catch (IOException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("Lambda environments run without PID namespaces (unshare is missing or not permitted); "
                + "their processes are found by the marker in their environment");
        return List.of();
    }

    /** Kills every process that carries the marker, again while new ones turn up (a fork racing the sweep). */
    void sweep(String marker) {
        for (int round = 0; round < 5; round++) {
            boolean found = false;
            for (long pid : pids()) {
                String value = markerOf(pid, marker.length() + 1);
                if (value != null && value.equals(marker)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    found = true;
                }
            }
            if (!found) {
                return;
            }
        }
    }

    /**
     * Kills the processes left by environments of Gureum servers that are gone (a server killed along
     * with its supervisors): those whose marker names a server process that no longer runs.
     *
     * @return how many were killed
     */
    int sweepOrphans() {
        int killed = 0;
        for (long pid : pids()) {
            String value = markerOf(pid, 4096);
            if (value == null) {
                continue;
            }
            String[] parts = value.split("\\.", 3);
            if (parts.length < 3) {
                continue;
            }
            try {
                long serverPid = Long.parseLong(parts[0]);
                long serverStart = Long.parseLong(parts[1]);
                Optional<ProcessHandle> owner = ProcessHandle.of(serverPid);
                boolean alive = owner.isPresent() && startMillis(owner.get()).map(s -> s == serverStart).orElse(true);
                if (!alive && ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    killed++;
                }
            } catch (NumberFormatException e) {
                // not a marker of ours
            }
        }
        if (killed > 0) {
            LOG.info("Killed {} process(es) left by Lambda environments of a Gureum server that ended", killed);
        }
        return killed;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            });
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to find
        }
        return pids;
    }

    /** The value of the marker variable in a process's environment, or {@code null}. */
    private static String markerOf(long pid, int maxValue) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        byte[] prefix = (MARKER + "=").getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        while (start < environ.length) {
            int end = start;
            while (end < environ.length && environ[end] != 0) {
                end++;
            }
            if (end - start >= prefix.length && java.util.Arrays.equals(environ, start, start + prefix.length, prefix,
                    0, prefix.length)) {
                int from = start + prefix.length;
                return new String(environ, from, Math.min(end - from, maxValue), StandardCharsets.UTF_8);
            }
            start = end + 1;
        }
        return null;
    }
}
