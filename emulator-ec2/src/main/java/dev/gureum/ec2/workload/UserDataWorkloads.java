package dev.gureum.ec2.workload;

import dev.gureum.core.time.Timers;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.UserDataScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user data scripts of running instances as processes on this machine ({@code --ec2-run-user-data}):
 * each gets {@code PORT}, a free local port that stands for every port of the instance, and
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, its metadata service. A script starts when its instance is
 * running, stops when the instance stops or terminates, and starts again at the next start; what it prints
 * is appended to the instance's console output. The processes are started and stopped on a thread of
 * their own, after each EC2 operation and when a transition comes due on the server clock.
 */
public final class UserDataWorkloads implements AutoCloseable, dev.gureum.ec2.domain.CpuSource {

    private static final Logger LOG = LoggerFactory.getLogger(UserDataWorkloads.class);

    /** A running script: whose it is, which boot it belongs to, its process and port. */
    private record Workload(UserDataScripts.Script script, Process process, int port, Path file, long startedNanos) {
    }

    /** The CPU time a workload's processes had used at a moment of real time (both in nanoseconds). */
    private record CpuReading(Process process, long cpuNanos, long atNanos) {
    }

    private final Ec2World world;
    private final Timers timers;
    private final boolean enabled;
    private final ExecutorService executor;
    private final Map<String, Workload> running = new ConcurrentHashMap<>();
    private final Map<String, CpuReading> cpuReadings = new ConcurrentHashMap<>();
    private volatile String endpoint;
    private Timers.Timer timer;
    private Instant timerAt;
    private volatile boolean closed;

    public UserDataWorkloads(Ec2World world, Timers timers, boolean enabled) {
        this.world = world;
        this.timers = timers;
        this.enabled = enabled;
        this.executor = enabled ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ec2-user-data");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where this server was reached ({@code host:port}), which scripts reach their metadata service at. */
    public void endpoint(String hostAndPort) {
        if (enabled && !hostAndPort.equals(endpoint)) {
            endpoint = hostAndPort;
            changed();
        }
    }

    /** Something may have changed which instances run: compares, on the workloads' thread. */
    public void changed() {
        if (enabled && !closed && endpoint != null) {
            try {
                executor.execute(this::reconcile);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** The address standing for {@code port} of a running instance's workload. */
    public Optional<InetSocketAddress> address(String account, String region, String instanceId, int port) {
        Workload w = running.get(instanceId);
        if (w == null || !w.process().isAlive() || !w.script().account().equals(account)
                || !w.script().region().equals(region)) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress("127.0.0.1", w.port()));
    }

    /**
     * The CPU the instance's script and its descendants used since the last call (since it started, the first
     * time), over that much real time, as a share of the instance's vCPUs: processes run in real time whatever
     * the server clock does. Empty when the instance runs no script or where processes cannot be measured.
     */
    @Override
    public java.util.OptionalDouble utilization(String instanceId, int vcpus, java.time.Duration period) {
        Workload w = running.get(instanceId);
        if (w == null) {
            return java.util.OptionalDouble.empty();
        }
        java.util.OptionalLong cpu = ProcessCpu.nanos(w.process().toHandle());
        if (cpu.isEmpty()) {
            return java.util.OptionalDouble.empty();
        }
        long now = System.nanoTime();
        CpuReading last = cpuReadings.get(instanceId);
        CpuReading reading = new CpuReading(w.process(), cpu.getAsLong(), now);
        cpuReadings.put(instanceId, reading);
        if (last == null || last.process() != w.process()) {
            last = new CpuReading(w.process(), 0, w.startedNanos());
        }
        long used = Math.max(0, reading.cpuNanos() - last.cpuNanos());
        long elapsed = Math.max(1, reading.atNanos() - last.atNanos());
        return java.util.OptionalDouble.of(Math.min(100, 100.0 * used / elapsed / Math.max(1, vcpus)));
    }

    @Override
    public void retainOnly(Set<String> instances) {
        cpuReadings.keySet().retainAll(instances);
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        UserDataScripts.Plan plan = UserDataScripts.now(world);
        Set<String> wanted = new HashSet<>();
        for (UserDataScripts.Script s : plan.scripts()) {
            wanted.add(s.instanceId());
            Workload w = running.get(s.instanceId());
            if (w != null && w.script().boot().equals(s.boot())) {
                continue;
            }
            if (w != null) {
                stop(w);
            }
            start(s);
        }
        for (Workload w : running.values()) {
            if (!wanted.contains(w.script().instanceId())) {
                stop(w);
            }
        }
        schedule(plan.nextTransition());
    }

    private synchronized void schedule(Instant next) {
        if (next == null || timerAt != null && !timerAt.isAfter(next) && timerAt.isAfter(timers.clock().instant())) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timerAt = next;
        timer = timers.at(next, this::changed);
    }

    private void start(UserDataScripts.Script s) {
        try {
            int port = freePort();
            Path file = Files.createTempFile("gureum-user-data-" + s.instanceId() + "-", ".sh");
            Files.write(file, s.script());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                file.toFile().setExecutable(true, true);
            }
            ProcessBuilder pb = new ProcessBuilder(file.toString()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("PORT", String.valueOf(port));
            env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://" + endpoint
                    + dev.gureum.ec2.domain.InstanceMetadataService.PATH + s.instanceId() + "/");
            env.put("AWS_ENDPOINT_URL", "http://" + endpoint);
            env.put("AWS_REGION", s.region());
            env.put("AWS_DEFAULT_REGION", s.region());
            env.put("EC2_INSTANCE_ID", s.instanceId());
            Process process = pb.start();
            // a boot script reads nothing
            process.getOutputStream().close();
            Workload w = new Workload(s, process, port, file, System.nanoTime());
            running.put(s.instanceId(), w);
            Thread reader = new Thread(() -> copyOutput(w), "ec2-user-data-" + s.instanceId());
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            LOG.warn("The user data of {} could not start: {}", s.instanceId(), e.getMessage());
            s.instance().appendConsoleOutput("[user-data] could not start: " + e.getMessage() + "\n");
        }
    }

    private static void copyOutput(Workload w) {
        byte[] buffer = new byte[4096];
        try (InputStream in = w.process().getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                w.script().instance().appendConsoleOutput(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    private void stop(Workload w) {
        running.remove(w.script().instanceId(), w);
        ProcessHandle handle = w.process().toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        // what does not end on SIGTERM within 5 seconds is killed
        w.process().onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).thenRun(() -> {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            try {
                Files.deleteIfExists(w.file());
            } catch (IOException e) {
                // a temporary file left behind
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every script (the server stopping). */
    @Override
    public void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
            }
        }
        running.values().forEach(this::stop);
    }
}
