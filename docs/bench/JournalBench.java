import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.gureum.core.persist.Journal;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.persist.SyncMode;

/**
 * The persistence engine alone: acknowledged appends per second of 200-byte records with 1, 8 and 64
 * writers that each wait for their record, in every sync mode, and the time to open a journal of
 * 100,000 such records (replay only, no snapshot). See docs/bench/journal.sh.
 */
public class JournalBench {

    record Item(long id, String body) {
    }

    static final RecordTypes TYPES = RecordTypes.of(RecordType.of(1, Item.class, 1,
            (item, out) -> {
                out.writeLong(item.id());
                out.writeString(item.body());
            },
            (in, version) -> new Item(in.readLong(), in.readString())));

    static final String BODY = "x".repeat(185);

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        long millis = (long) (Double.parseDouble(args.length > 1 ? args[1] : "5") * 1000);
        for (SyncMode mode : SyncMode.values()) {
            for (int writers : new int[] {1, 8, 64}) {
                Path dir = Files.createTempDirectory(base, "journal-bench");
                JournalOptions options = JournalOptions.DEFAULTS.withSync(mode).withSnapshotOnClose(false);
                AtomicLong acknowledged = new AtomicLong();
                try (Journal journal = Journal.open(dir, TYPES, options, r -> { }, List::of)) {
                    long end = System.nanoTime() + millis * 1_000_000;
                    List<Thread> threads = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        Thread thread = new Thread(() -> {
                            while (System.nanoTime() < end) {
                                journal.append(new Item(acknowledged.get(), BODY)).toCompletableFuture().join();
                                acknowledged.incrementAndGet();
                            }
                        });
                        thread.start();
                        threads.add(thread);
                    }
                    for (Thread thread : threads) {
                        thread.join();
                    }
                }
                System.out.printf("%-6s writers=%-3d acknowledged appends/s=%,.0f%n", mode.value(), writers,
                        acknowledged.get() * 1000.0 / millis);
                delete(dir);
            }
        }
        Path dir = Files.createTempDirectory(base, "journal-bench");
        JournalOptions fill = JournalOptions.DEFAULTS.withSync(SyncMode.OFF).withSnapshotOnClose(false);
        try (Journal journal = Journal.open(dir, TYPES, fill, r -> { }, List::of)) {
            for (long i = 0; i < 100_000; i++) {
                journal.append(new Item(i, BODY));
            }
        }
        long start = System.nanoTime();
        AtomicLong replayed = new AtomicLong();
        try (Journal journal = Journal.open(dir, TYPES, fill, r -> replayed.incrementAndGet(), List::of)) {
            System.out.printf("open and replay %,d records (%,d bytes): %.0f ms%n", replayed.get(),
                    journal.sizeOnDisk(), (System.nanoTime() - start) / 1e6);
        }
        delete(dir);
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
