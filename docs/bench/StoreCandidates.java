import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded stores Gureum's journal was measured against (docs/architecture.md, "State"), with the
 * same load as JournalBench: durable writes per second of 200-byte records by 1, 8 or 64 writers that
 * each wait for their write, and the time to read 100,000 records back in a fresh JVM.
 *
 * <pre>
 * java -cp h2-2.3.232.jar:sqlite-jdbc-3.50.3.0.jar docs/bench/StoreCandidates.java DIR mvstore|sqlite write WRITERS SECONDS
 * java -cp h2-2.3.232.jar:sqlite-jdbc-3.50.3.0.jar docs/bench/StoreCandidates.java DIR mvstore|sqlite recover
 * </pre>
 *
 * MVStore: one map, each write is put + commit + sync. SQLite: WAL, synchronous=FULL, one connection
 * per writer, each write an autocommitted INSERT. Neither groups the writes of concurrent writers.
 */
public class StoreCandidates {

    interface Store extends AutoCloseable {
        void put(long key, byte[] value) throws Exception;
    }

    static final class Mv implements Store {
        final MVStore store;
        final MVMap<Long, byte[]> map;

        Mv(Path dir) {
            store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).autoCommitDisabled().open();
            map = store.openMap("data");
        }

        public void put(long key, byte[] value) {
            map.put(key, value);
            store.commit();
            store.sync();
        }

        public void close() {
            store.close();
        }
    }

    static final class Lite implements Store {
        final String url;
        final List<Connection> all = Collections.synchronizedList(new ArrayList<>());
        final ThreadLocal<Connection> connection;

        Lite(Path dir) throws SQLException {
            url = "jdbc:sqlite:" + dir.resolve("s.db");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS r(k INTEGER PRIMARY KEY, v BLOB)");
            }
            connection = ThreadLocal.withInitial(() -> {
                try {
                    Connection c = DriverManager.getConnection(url);
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA synchronous=FULL");
                        s.execute("PRAGMA busy_timeout=30000");
                    }
                    all.add(c);
                    return c;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        public void put(long key, byte[] value) throws SQLException {
            try (PreparedStatement p = connection.get().prepareStatement("INSERT OR REPLACE INTO r VALUES(?,?)")) {
                p.setLong(1, key);
                p.setBytes(2, value);
                p.executeUpdate();
            }
        }

        public void close() throws SQLException {
            for (Connection c : all) {
                c.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(args[0]), "candidate");
        String kind = args[1];
        byte[] value = new byte[200];
        new Random(1).nextBytes(value);
        if (args[2].equals("write")) {
            int writers = Integer.parseInt(args[3]);
            long millis = (long) (Double.parseDouble(args[4]) * 1000);
            AtomicLong done = new AtomicLong();
            try (Store store = kind.equals("mvstore") ? new Mv(dir) : new Lite(dir)) {
                long end = System.nanoTime() + millis * 1_000_000;
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Thread thread = new Thread(() -> {
                        try {
                            while (System.nanoTime() < end) {
                                store.put(done.incrementAndGet(), value);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    thread.start();
                    threads.add(thread);
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            System.out.printf("%-7s writers=%-3d durable writes/s=%,.0f%n", kind, writers, done.get() * 1000.0 / millis);
        } else {
            fill(kind, dir, value);
            long start = System.nanoTime();
            Map<Long, byte[]> read = new HashMap<>();
            if (kind.equals("mvstore")) {
                MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).readOnly().open();
                MVMap<Long, byte[]> map = store.openMap("data");
                map.forEach(read::put);
                store.close();
            } else {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("s.db"));
                     Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT k, v FROM r")) {
                    while (rows.next()) {
                        read.put(rows.getLong(1), rows.getBytes(2));
                    }
                }
            }
            System.out.printf("%-7s open and read %,d records: %.0f ms%n", kind, read.size(), (System.nanoTime() - start) / 1e6);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void fill(String kind, Path dir, byte[] value) throws Exception {
        if (kind.equals("mvstore")) {
            MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv").toString()).open();
            MVMap<Long, byte[]> map = store.openMap("data");
            for (long i = 0; i < 100_000; i++) {
                map.put(i, value);
            }
            store.close();
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("s.db")); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE r(k INTEGER PRIMARY KEY, v BLOB)");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO r VALUES(?,?)")) {
                for (long i = 0; i < 100_000; i++) {
                    p.setLong(1, i);
                    p.setBytes(2, value);
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
    }
}
