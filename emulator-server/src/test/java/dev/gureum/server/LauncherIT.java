package dev.gureum.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code gureum} launcher the build writes beside the jar: it starts the jar with the AOT cache and the java
 * that recorded it when there is one for the jar (and {@code JAVA_HOME} does not name another JDK), else with the
 * class-data archive when there is one for it, and without either otherwise, saying so in one line when a cache or
 * an archive is older than the jar or recorded by another java, and not at all when the JVM itself refuses it.
 */
class LauncherIT {

    static final Path TARGET = Path.of("target");
    static final Path LAUNCHER = TARGET.resolve("gureum");
    static final Path JAR = TARGET.resolve("gureum.jar");
    private static final Path ARCHIVE = TARGET.resolve("gureum.jsa");
    static final Pattern SERVING = Pattern.compile("serving (http://\\S+)");

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.isBlank() ? List.of() : List.of(err.strip().split("\n"));
        }
    }

    @BeforeAll
    static void unixOnly() {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "the launcher is a POSIX shell script");
    }

    /** {@code JAVA_HOME} is this JVM's unless {@code env} sets it; an empty value unsets it. */
    static ProcessBuilder launcher(Path launcher, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        if (pb.environment().get("JAVA_HOME").isEmpty()) {
            pb.environment().remove("JAVA_HOME");
        }
        return pb;
    }

    static Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
        Process p = launcher(launcher, env, args).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The launcher and the jar, copied to a directory of their own. */
    static Path copy(Path dir) throws IOException {
        Files.copy(JAR, dir.resolve("gureum.jar"));
        Path launcher = Files.copy(LAUNCHER, dir.resolve("gureum"));
        launcher.toFile().setExecutable(true);
        return launcher;
    }

    @Test
    void theBuildWritesAnExecutableLauncherBesideTheJar() {
        assertThat(LAUNCHER).isRegularFile();
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
    }

    /** Whether the build recorded an archive for this jar with this JVM (it leaves none where it cannot). */
    static boolean builtWithAnArchive() throws IOException {
        Path recordedBy = TARGET.resolve("gureum.jvm");
        return Files.isRegularFile(ARCHIVE) && Files.isRegularFile(recordedBy)
                && Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) > 0
                && Files.readString(recordedBy).strip().equals(
                        Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString());
    }

    @Test
    void theBuildsArchiveIsUsed() throws Exception {
        assumeTrue(builtWithAnArchive(), "the build recorded no class-data archive for this jar and JVM");
        Run run = run(LAUNCHER, Map.of("JAVA_OPTS", "-Xshare:on -Xlog:class+load=info"), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("dev.gureum.server.Main source: shared objects file")
                .contains("gureum " + Version.get());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withoutAnArchiveItSaysSoInOneLineAndStarts(@TempDir Path dir) throws Exception {
        Run run = run(copy(dir), Map.of(), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum ");
        assertThat(run.errLines()).singleElement().asString().contains("no class-data archive");
    }

    @Test
    void anArchiveOlderThanTheJarIsNotUsed(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        Path archive = Files.write(dir.resolve("gureum.jsa"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(dir.resolve("gureum.jar"), FileTime.from(Instant.now()));
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum ");
        assertThat(run.errLines()).singleElement().asString().contains("no class-data archive");
    }

    /** Names this JVM's java as the one that recorded the archive, as the build does. */
    static void recordedByThisJava(Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        Files.writeString(dir.resolve("gureum.jvm"), java + "\n");
    }

    @Test
    void anArchiveOfAnotherJavaIsNotUsed(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        Files.setLastModifiedTime(dir.resolve("gureum.jar"), FileTime.from(Instant.now().minusSeconds(3600)));
        Files.write(dir.resolve("gureum.jsa"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("gureum.jvm"), "/opt/another-jdk/bin/java\n");
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum ");
        assertThat(run.errLines()).singleElement().asString().contains("recorded by another java", "another-jdk");

        Files.delete(dir.resolve("gureum.jvm"));
        Run unknown = run(launcher, Map.of(), "--version");
        assertThat(unknown.exit()).isZero();
        assertThat(unknown.errLines()).singleElement().asString().contains("recorded by another java (unknown)");
    }

    @Test
    void anArchiveTheJvmCannotUseIsPassedOverSilently(@TempDir Path dir) throws Exception {
        Path launcher = copy(dir);
        recordedByThisJava(dir);
        // an archive of a JDK updated in place, or of another jar, is refused by the JVM just like this one
        Path archive = Files.write(dir.resolve("gureum.jsa"), "not a class-data archive".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(dir.resolve("gureum.jar"), FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        Run run = run(launcher, Map.of(), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("gureum ");
        assertThat(run.err()).isEmpty();

        if (builtWithAnArchive()) {
            // the build's archive names the jar it was recorded for, not this copy
            Files.copy(ARCHIVE, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
            Run other = run(launcher, Map.of(), "--version");
            assertThat(other.exit()).isZero();
            assertThat(other.out()).startsWith("gureum ");
            assertThat(other.err()).isEmpty();
        }
    }

    @Test
    void itServesAndStopsWithItsProcess() throws Exception {
        Process p = launcher(LAUNCHER, Map.of(), "--port", "0", "--services", "sts").redirectErrorStream(true).start();
        try {
            URI endpoint = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; endpoint == null && (line = out.readLine()) != null; ) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
            }
            assertThat(endpoint).as("the endpoint the server prints").isNotNull();
            HttpURLConnection health = (HttpURLConnection) endpoint.resolve("/_gureum/health").toURL().openConnection();
            assertThat(health.getResponseCode()).isEqualTo(200);
            assertThat(new String(health.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("\"sts\"");
        } finally {
            // the launcher replaced itself with the JVM: stopping the process stops the server
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
