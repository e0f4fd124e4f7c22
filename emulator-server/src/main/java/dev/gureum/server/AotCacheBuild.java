package dev.gureum.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's step ({@code mvn -Dgureum.aot package}) that records an ahead-of-time cache ({@code gureum.aot}
 * beside the jar) when a JDK 25 or later can be found: such a JDK runs {@link ArchiveTrainingRun} with its {@link TrainingWorkload} under
 * {@code -XX:AOTCacheOutput}, and the cache keeps the classes loaded and linked and the methods' profiles, so that
 * a server started with it ({@code gureum} does) begins with the JIT compiling what the training run found hot.
 * The JDK is the one named by the {@code gureum.aot.jdk} property if given, else {@code JAVA_HOME}, else the one
 * running this, else the newest under the system's JDK directory. {@code gureum.aot.jvm} names the {@code java}
 * that recorded the cache, the only one that can use it. Without such a JDK, or when the training fails, nothing
 * is left beside the jar and the launcher starts as before.
 */
public final class AotCacheBuild {

    /** The first JDK feature release with the AOT cache's one-step training and method profiles. */
    static final int FIRST_VERSION = 25;
    /** Where Debian and its derivatives install JDKs, one directory each. */
    static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    private static final long TRAINING_TIMEOUT_MINUTES = 10;

    private AotCacheBuild() {
    }

    /** @param args the build's directory (holding {@code gureum.jar}), then the JDK to use or an empty string */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path target = Path.of(args[0]).toAbsolutePath();
        String named = args.length > 1 ? args[1] : "";
        Path cache = target.resolve("gureum.aot");
        Path recordedBy = target.resolve("gureum.aot.jvm");
        Files.deleteIfExists(recordedBy);
        Files.deleteIfExists(cache);
        Optional<Path> jdk = find(named, System.getenv("JAVA_HOME"), System.getProperty("java.home"), SYSTEM_JDKS);
        if (jdk.isEmpty()) {
            System.out.println("no JDK " + FIRST_VERSION + " or later found (-Dgureum.aot.jdk=DIR names one); "
                    + "gureum will start with the class-data archive alone");
            return;
        }
        Path java = jdk.get().resolve("bin").resolve("java").toRealPath();
        System.out.println("recording the AOT cache with " + java);
        Process training = new ProcessBuilder(java.toString(), "-XX:AOTCacheOutput=" + cache,
                "-Xlog:aot=error", "-Xlog:cds=error", "--sun-misc-unsafe-memory-access=allow", "-cp", target.resolve("gureum.jar").toString(),
                ArchiveTrainingRun.class.getName(), "-", "--workload", "1").inheritIO().start();
        if (!training.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            training.destroyForcibly();
            System.out.println("the training run did not end in time; no AOT cache");
        } else if (training.exitValue() != 0 || !Files.isRegularFile(cache)) {
            System.out.println("the training run failed (exit " + training.exitValue() + "); no AOT cache");
        } else {
            Files.writeString(recordedBy, java + System.lineSeparator());
            return;
        }
        Files.deleteIfExists(cache);
    }

    /**
     * The JDK to record the cache with: {@code named} when given (and only it), else {@code javaHome}, else
     * {@code running}, the first of them of version {@link #FIRST_VERSION} or later; else the newest such JDK in
     * {@code systemJdks}.
     */
    static Optional<Path> find(String named, String javaHome, String running, Path systemJdks) throws IOException {
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(home -> version(home) >= FIRST_VERSION);
        }
        List<Path> candidates = new ArrayList<>();
        for (String home : new String[] {javaHome, running}) {
            if (home != null && !home.isBlank()) {
                candidates.add(Path.of(home));
            }
        }
        for (Path home : candidates) {
            if (version(home) >= FIRST_VERSION) {
                return Optional.of(home);
            }
        }
        if (!Files.isDirectory(systemJdks)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(systemJdks)) {
            return homes.filter(home -> version(home) >= FIRST_VERSION)
                    .max(Comparator.comparingInt(AotCacheBuild::version).thenComparing(Path::toString));
        }
    }

    /** The feature version of the JDK at {@code home} (its {@code release} file), or 0 when it is not a JDK. */
    static int version(Path home) {
        try {
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return 0;
            }
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
