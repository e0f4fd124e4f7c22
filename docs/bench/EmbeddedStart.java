import dev.gureum.server.GureumServer;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;

/**
 * Start-up of an embedded GureumServer in a warm JVM, as a test suite sees it when it starts one server per
 * test class: the time from {@code GureumServer.builder()} to the first 200 of GET /_gureum/health, and to
 * the first answer of an AWS call (STS GetCallerIdentity). The first WARM starts are not counted.
 *
 * Usage, from the repository's root after mvn -q -B -DskipTests package:
 *   java -cp emulator-server/target/gureum.jar docs/bench/EmbeddedStart.java [RUNS] [WARM]
 */
public class EmbeddedStart {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long[] health = new long[runs];
        long[] call = new long[runs];
        for (int i = -warm; i < runs; i++) {
            long start = System.nanoTime();
            try (GureumServer server = GureumServer.builder().port(0).build().start()) {
                status(server.endpoint().resolve("/_gureum/health"), null);
                long ready = System.nanoTime();
                status(server.endpoint().resolve("/"), "Action=GetCallerIdentity&Version=2011-06-15");
                long answered = System.nanoTime();
                if (i >= 0) {
                    health[i] = (ready - start) / 1_000_000;
                    call[i] = (answered - start) / 1_000_000;
                }
            }
        }
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus, " + runs + " starts after " + warm + " unmeasured ones (min / median / max)");
        System.out.println("builder() to first 200 of health:     " + stats(health));
        System.out.println("builder() to first GetCallerIdentity: " + stats(call));
    }

    private static void status(URI uri, String form) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            c.getOutputStream().write(form.getBytes());
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException(uri + " answered " + c.getResponseCode());
        }
        c.getInputStream().readAllBytes();
    }

    private static String stats(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        long median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return s[0] + " / " + median + " / " + s[s.length - 1] + " ms";
    }
}
