package dev.gureum.core.persist;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link JournalCrashTest} kills: appends from several threads and prints
 * {@code ack <key> <value>} for every record once its stage has completed.
 */
public final class JournalCrashChild {

    private JournalCrashChild() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        SyncMode mode = SyncMode.fromValue(args[1]);
        String round = args[2];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        TestState state = new TestState();
        // Small snapshots, so that kills land during snapshots and compactions too.
        JournalOptions options = new JournalOptions(mode, Duration.ofMillis(1), Duration.ofMillis(50), 32 << 10, true);
        Journal journal = state.open(directory, options);
        out.println("ready " + journal.recoveredRecords());
        for (int t = 0; t < 8; t++) {
            String writer = round + "-w" + t;
            Thread thread = new Thread(() -> {
                for (long i = 0; ; i++) {
                    TestState.Entry entry = TestState.entry(writer + "-" + i, i);
                    state.apply(entry);
                    journal.append(entry).toCompletableFuture().join();
                    synchronized (out) {
                        out.println("ack " + entry.key() + " " + entry.value());
                    }
                }
            });
            thread.start();
        }
    }
}
