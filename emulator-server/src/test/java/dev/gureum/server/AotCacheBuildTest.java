package dev.gureum.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the build chooses the JDK that records the AOT cache. */
class AotCacheBuildTest {

    /** A JDK's directory as far as the build looks at it: its {@code release} file and an executable java. */
    private static Path jdk(Path dir, String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void readsTheFeatureVersionOfAJdk(@TempDir Path dir) throws IOException {
        assertThat(AotCacheBuild.version(jdk(dir, "a", "25.0.3"))).isEqualTo(25);
        assertThat(AotCacheBuild.version(jdk(dir, "b", "17.0.15"))).isEqualTo(17);
        assertThat(AotCacheBuild.version(dir.resolve("none"))).isZero();
        Path noJava = jdk(dir, "c", "26");
        Files.delete(noJava.resolve("bin").resolve("java"));
        assertThat(AotCacheBuild.version(noJava)).isZero();
    }

    @Test
    void takesTheNewestSystemJdkOf25OrLaterWhenNeitherJavaHomeNorTheRunningJdkIs(@TempDir Path dir) throws IOException {
        Path seventeen = jdk(dir, "java-17", "17.0.15");
        jdk(dir, "jdk-25", "25.0.1");
        Path twentySix = jdk(dir, "jdk-26", "26");
        Files.createDirectories(dir.resolve("not-a-jdk"));
        assertThat(AotCacheBuild.find("", seventeen.toString(), seventeen.toString(), dir)).contains(twentySix);
        assertThat(AotCacheBuild.find(null, null, seventeen.toString(), dir)).contains(twentySix);
    }

    @Test
    void javaHomeOrTheRunningJdkComesFirstWhenRecentEnough(@TempDir Path dir) throws IOException {
        Path system = Files.createDirectories(dir.resolve("system"));
        jdk(system, "jdk-26", "26");
        Path home = jdk(dir, "home", "25.0.3");
        Path running = jdk(dir, "running", "25.0.2");
        assertThat(AotCacheBuild.find("", home.toString(), running.toString(), system)).contains(home);
        Path old = jdk(dir, "old", "17.0.15");
        assertThat(AotCacheBuild.find("", old.toString(), running.toString(), system)).contains(running);
    }

    @Test
    void aNamedJdkIsTheOnlyOneConsidered(@TempDir Path dir) throws IOException {
        Path system = Files.createDirectories(dir.resolve("system"));
        jdk(system, "jdk-26", "26");
        Path named = jdk(dir, "named", "25");
        assertThat(AotCacheBuild.find(named.toString(), null, null, system)).contains(named);
        Path tooOld = jdk(dir, "too-old", "21.0.2");
        assertThat(AotCacheBuild.find(tooOld.toString(), null, null, system)).isEmpty();
    }

    @Test
    void findsNothingWithoutAJdkOf25OrLater(@TempDir Path dir) throws IOException {
        Path seventeen = jdk(dir, "java-17", "17.0.15");
        jdk(dir, "java-21", "21");
        assertThat(AotCacheBuild.find("", seventeen.toString(), seventeen.toString(), dir)).isEqualTo(Optional.empty());
        assertThat(AotCacheBuild.find("", null, null, dir.resolve("missing"))).isEmpty();
    }
}
