package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.FunctionConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One execution environment: a runtime process serving one invocation at a time through the Runtime
 * API. Its output goes to a file, not a pipe, so nothing reads it on a thread of its own and all of
 * it is there when the runtime reports a response: {@link #drainOutput()} takes the new lines.
 * Fields besides the final ones are guarded by the environment's monitor.
 */
final class ExecutionEnvironment {

    /** Output read but not yet ended by a line break. */
    private static final int MAX_PARTIAL = 256 * 1024;
    /** Output already read is dropped from the file beyond this size. */
    private static final long MAX_OUTPUT_FILE = 16L * 1024 * 1024;

    final String id;
    final FunctionConfig config;
    final EnvironmentPool pool;
    final String logStream;
    final Path directory;
    final Path output;
    /** Where the supervisor writes the runtime's process id. */
    final Path pidFile;
    /** {@code GUREUM_LAMBDA_SANDBOX}'s value in every process of this environment. */
    final String marker;
    final long createdNanos = System.nanoTime();

    Process process;
    Invocation current;
    boolean delivered;
    CompletableFuture<Invocation> waitingNext;
    boolean initialized;
    long initNanos;
    boolean dead;
    volatile long idleSinceNanos = System.nanoTime();
    ScheduledFuture<?> timer;
    /** Whether the next REPORT is this environment's first, which carries the init duration. */
    boolean cold = true;
    /**
     * Waits until the runtime's output written before now is in the output file, where it reaches the file
     * later than the runtime's call (a container's log stream); {@code null} where it is there already.
     */
    volatile Runnable outputBarrier;
    /** The provisioned concurrency configuration that started it ahead of invocations, or {@code null}. */
    volatile String provisioned;
    /** Peak memory of the environment's processes, as the memory watch last saw it. */
    volatile long peakMemoryMb;
    /** Killed for using more than its memory size. */
    volatile boolean outOfMemory;
    private volatile long runtimePid;

    private long offset;
    private final StringBuilder partial = new StringBuilder();

    ExecutionEnvironment(String id, FunctionConfig config, EnvironmentPool pool, String logStream, Path directory,
                         String marker) {
        this.id = id;
        this.config = config;
        this.pool = pool;
        this.logStream = logStream;
        this.directory = directory;
        this.output = directory.resolve("output.log");
        this.pidFile = directory.resolve("runtime.pid");
        this.marker = marker;
    }

    /** The complete lines written since the last call; with {@code all}, a last unfinished line too. */
    List<String> drainOutput(boolean all) {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(output, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size > offset) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 8 * 1024 * 1024));
                channel.read(buffer, offset);
                buffer.flip();
                offset += buffer.remaining();
                partial.append(StandardCharsets.UTF_8.decode(buffer));
            }
            // the runtime appends (O_APPEND), so once all is read a long-lived environment's file can start over
            if (offset > MAX_OUTPUT_FILE && channel.size() == offset) {
                channel.truncate(0);
                offset = 0;
            }
        } catch (IOException e) {
            // no output yet (the process has not started) or already cleaned up
        }
        int start = 0;
        for (int i = 0; i < partial.length(); i++) {
            if (partial.charAt(i) == '\n') {
                int end = i > start && partial.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(partial.substring(start, end));
                start = i + 1;
            }
        }
        partial.delete(0, start);
        if ((all || partial.length() > MAX_PARTIAL) && partial.length() > 0) {
            lines.add(partial.toString());
            partial.setLength(0);
        }
        return lines;
    }

    /**
     * The runtime's process id as the server sees it (the process the server starts is the supervisor,
     * perhaps in a PID namespace), or 0 before the supervisor has written it. Reads a file the first time.
     */
    long runtimePid() {
        if (runtimePid == 0) {
            try {
                runtimePid = Long.parseLong(Files.readString(pidFile).trim());
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
        return runtimePid;
    }

    /** {@link #runtimePid()} as last read, without reading; else the started process's id, or 0. */
    long knownPid() {
        long pid = runtimePid;
        Process p = process;
        return pid != 0 ? pid : p == null ? 0 : p.pid();
    }

    /** Peak resident memory of the runtime process in MB, where the system tells it. */
    long maxMemoryUsedMb() {
        long pid = knownPid();
        if (pid == 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kb + 1023) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Ends the process and everything it started that is still in its tree (in a PID namespace: all of
     * it); what left the tree is found by its marker ({@link Sandbox#sweep}).
     */
    void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // the supervisor is gone already
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
