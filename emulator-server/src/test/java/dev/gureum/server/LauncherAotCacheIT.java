package dev.gureum.server;

import dev.gureum.server.LauncherIT.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static dev.gureum.server.LauncherIT.copy;
import static dev.gureum.server.LauncherIT.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher's fast path: the AOT cache the build records with a JDK 25 or later ({@code gureum.aot}, and
 * {@code gureum.aot.jvm} naming its java), used with that java when it is newer than the jar and {@code JAVA_HOME}
 * is unset or names the same JDK; otherwise the launcher goes on to the class-data archive as before, saying in one
 * line why when the cache is older than the jar or its java is gone.
 */
class LauncherAotCacheIT {

    private static final Map<String, String> NO_JAVA_HOME = Map.of("JAVA_HOME", "");

    @BeforeAll
    static void unixOnly() {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "the launcher is a POSIX shell script");
    }

    /** A stand-in for the java that recorded the cache, which prints the arguments it was started with. */
    private static Path recordingJava(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk").resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"recording java: $*\"\n");
        java.toFile().setExecutable(true);
        return java.toRealPath();
    }

    /** A cache in {@code dir}, newer than the jar (or older), recorded by {@code java}. */
    private static void cache(Path dir, Path java, boolean newerThanTheJar) throws IOException {
        Path cache = Files.write(dir.resolve("gureum.aot"), new byte[] {1, 2, 3});
        Instant jar = Instant.now().minusSeconds(600);
        Files.setLastModifiedTime(dir.resolve("gureum.jar"), FileTime.from(jar));
        Files.setLastModifiedTime(cache, FileTime.from(newerThanTheJar ? jar.plusSeconds(60) : jar.minusSeconds(60)));
        Files.writeString(dir.resolve("gureum.aot.jvm"), java + "\n");
    }

    @Test
    void aFreshCacheIsUsedWithTheJavaThatRecordedItWhenJavaHomeIsUnset(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        Path java = recordingJava(dir);
        cache(dir, java, true);
        Run run = run(launcher, NO_JAVA_HOME, "--version");
        assertThat(run.exit()).isZero();
        Path real = dir.toRealPath();
        assertThat(run.out().strip()).startsWith("recording java: -XX:AOTCache=" + real.resolve("gureum.aot") + " ")
                .endsWith("-jar " + real.resolve("gureum.jar") + " --version");
        assertThat(run.err()).isEmpty();

        Run sameJdk = run(launcher, Map.of("JAVA_HOME", java.getParent().getParent().toString(),
                "JAVA_OPTS", "-Dsome.option=1"), "--version");
        assertThat(sameJdk.out()).startsWith("recording java: ").contains(" -Dsome.option=1 -jar ");
    }

    @Test
    void javaHomeNamingAnotherJdkStartsThatJdkWithoutTheCache(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        cache(dir, recordingJava(dir), true);
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum " + Version.get());
        // the copy has no class-data archive of its own, which the launcher says as before
        assertThat(run.errLines()).singleElement().asString().contains("no class-data archive");
    }

    @Test
    void aCacheOlderThanTheJarIsNotUsed(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        cache(dir, recordingJava(dir), false);
        Run run = run(launcher, NO_JAVA_HOME, "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum " + Version.get());
        assertThat(run.errLines()).hasSize(2).first().asString().contains("AOT cache is older than the jar");
    }

    @Test
    void aCacheWhoseJavaIsGoneIsNotUsed(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        cache(dir, dir.resolve("removed-jdk/bin/java"), true);
        Run run = run(launcher, NO_JAVA_HOME, "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum " + Version.get());
        assertThat(run.errLines()).first().asString().contains("recorded the AOT cache is gone", "removed-jdk");

        Files.delete(dir.resolve("gureum.aot.jvm"));
        Run unknown = run(launcher, NO_JAVA_HOME, "--version");
        assertThat(unknown.errLines()).first().asString().contains("is gone (unknown)");
    }

    /** A JDK 25 or later on this machine, found as the build finds one. */
    private static Optional<Path> recentJdk() throws IOException {
        return AotCacheBuild.find("", System.getenv("JAVA_HOME"), System.getProperty("java.home"),
                AotCacheBuild.SYSTEM_JDKS);
    }

    @Test
    void aCacheTheJvmRefusesIsPassedOverSilently(@TempDir Path dir) throws Exception {
        Optional<Path> jdk = recentJdk();
        assumeTrue(jdk.isPresent(), "no JDK 25 or later on this machine");
        Path launcher = copy(dir);
        // a cache of a JDK updated in place, or of another jar, is refused by the JVM just like this one
        cache(dir, jdk.get().resolve("bin/java").toRealPath(), true);
        Files.writeString(dir.resolve("gureum.aot"), "not an AOT cache");
        Run run = run(launcher, NO_JAVA_HOME, "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum " + Version.get());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theBuildsCacheIsUsedAndTheServerAnswers() throws Exception {
        Path recordedBy = LauncherIT.TARGET.resolve("gureum.aot.jvm");
        assumeTrue(Files.isRegularFile(LauncherIT.TARGET.resolve("gureum.aot")) && Files.isRegularFile(recordedBy),
                "the build recorded no AOT cache (no JDK 25 or later)");
        Run version = run(LauncherIT.LAUNCHER, Map.of("JAVA_HOME", "", "JAVA_OPTS", "-Xlog:aot=info"), "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("Using AOT-linked classes: true").contains("gureum " + Version.get());

        Process p = LauncherIT.launcher(LauncherIT.LAUNCHER, NO_JAVA_HOME, "--port", "0")
                .redirectErrorStream(true).start();
        try {
            URI endpoint = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; endpoint == null && (line = out.readLine()) != null; ) {
                Matcher m = LauncherIT.SERVING.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
            }
            assertThat(endpoint).as("the endpoint the server prints").isNotNull();
            assertThat(p.info().command()).contains(Files.readString(recordedBy).strip());
            assertThat(ArchiveTrainingRun.exercise(endpoint)).isEmpty();
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
