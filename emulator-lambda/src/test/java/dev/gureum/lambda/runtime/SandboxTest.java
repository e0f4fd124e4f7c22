package dev.gureum.lambda.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** At start-up, processes left by environments of a server that died are killed, and only those. */
class SandboxTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleeper(String marker) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sleep", "60");
        if (marker != null) {
            builder.environment().put(Sandbox.MARKER, marker);
        }
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /** A process id that no longer runs, with the start time a server would have had. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void orphansOfADeadServerAreKilledAndNothingElse() throws Exception {
        Sandbox sandbox = new Sandbox(false);
        Process orphan = sleeper(deadPid() + ".1700000000000.0123abcd");
        Process live = sleeper(sandbox.marker("4567abcd"));
        Process unmarked = sleeper(null);
        Process foreign = sleeper("not-a-gureum-marker");
        assertThat(sandbox.sweepOrphans()).isGreaterThanOrEqualTo(1);
        assertThat(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(live.isAlive()).isTrue();
        assertThat(unmarked.isAlive()).isTrue();
        assertThat(foreign.isAlive()).isTrue();
    }

    @Test
    void anEnvironmentsSweepKillsOnlyItsOwnProcesses() throws Exception {
        Sandbox sandbox = new Sandbox(false);
        Process mine = sleeper(sandbox.marker("aaaa"));
        Process other = sleeper(sandbox.marker("aaaab"));
        sandbox.sweep(sandbox.marker("aaaa"));
        assertThat(mine.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(other.isAlive()).isTrue();
    }
}
