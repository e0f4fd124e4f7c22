package dev.gureum.lambda.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The processes of the system with their parents and resident memory, as {@code /proc} shows them at one moment. */
final class ProcessMemory {

    private final Map<Long, List<Long>> children = new HashMap<>();
    private final Map<Long, Long> residentKb = new HashMap<>();
    private final Map<Long, Long> parents = new HashMap<>();

    private ProcessMemory() {
    }

    static ProcessMemory snapshot() {
        ProcessMemory table = new ProcessMemory();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                table.read(dir);
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing measured
        }
        return table;
    }

    private void read(Path dir) {
        long pid;
        try {
            pid = Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return;
        }
        long parent = -1;
        long rss = 0;
        try {
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("PPid:")) {
                    parent = Long.parseLong(line.substring(5).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        residentKb.put(pid, rss);
        parents.put(pid, parent);
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(pid);
    }

    /**
     * Whether {@code pid} is, at the snapshot, a child of {@code parent}: a process that has ended may have its
     * pid taken by another process of the machine before {@code /proc} is read.
     */
    boolean isChildOf(long pid, long parent) {
        Long actual = parents.get(pid);
        return actual != null && actual == parent;
    }

    /** The resident memory of a process and all its descendants, in KiB. */
    long treeKb(long root) {
        long total = 0;
        Deque<Long> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            total += residentKb.getOrDefault(pid, 0L);
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return total;
    }
}
