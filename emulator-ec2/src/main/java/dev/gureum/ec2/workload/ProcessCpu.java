package dev.gureum.ec2.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The CPU time a process tree has used, from Linux's {@code /proc/<pid>/stat}: for the process and each of its
 * living descendants, its user and system time and that of its children it has waited for (so that the time
 * of a command that ran and ended is kept). Where there is no {@code /proc}, nothing is known.
 */
final class ProcessCpu {

    /** Linux's {@code USER_HZ}: the unit of the times in {@code /proc/<pid>/stat}. */
    static final long TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {
    }

    /** Whether this machine's processes can be measured. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    /** The tree's CPU time in nanoseconds, or empty when it cannot be read. */
    static OptionalLong nanos(ProcessHandle root) {
        if (!available() || !root.isAlive()) {
            return OptionalLong.empty();
        }
        OptionalLong own = ticks(root.pid());
        if (own.isEmpty()) {
            return OptionalLong.empty();
        }
        long ticks = own.getAsLong();
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            ticks += descendants.mapToLong(p -> ticks(p.pid()).orElse(0)).sum();
        }
        return OptionalLong.of(ticks * (1_000_000_000L / TICKS_PER_SECOND));
    }

    /** utime + stime + cutime + cstime of one process. */
    static OptionalLong ticks(long pid) {
        try {
            return parse(Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The times of a {@code stat} line, whose second field (the command, in parentheses) may hold spaces. */
    static OptionalLong parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is the third field of the line (state); utime, stime, cutime, cstime are the 14th to 17th
        if (fields.length < 15) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (int i = 11; i <= 14; i++) {
            sum += Long.parseLong(fields[i]);
        }
        return OptionalLong.of(sum);
    }
}
