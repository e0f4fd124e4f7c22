package dev.gureum.testcontainers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The image under test, built once per test run from {@code emulator-server/Dockerfile} with the {@code docker}
 * command (whose layer cache makes a rebuild of an unchanged jar cheap): {@code -Dgureum.image} names it,
 * {@code -Dgureum.docker.base} is the base image to build it on (the Dockerfile's own when empty).
 */
final class GureumImage {

    private static String built;

    private GureumImage() {
    }

    static synchronized String name() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    private static String build() {
        String image = System.getProperty("gureum.image", "gureum:latest");
        Path repository = Path.of(System.getProperty("gureum.repository", "../..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(repository.resolve("emulator-server/target/gureum.jar"))) {
            throw new IllegalStateException("No emulator-server/target/gureum.jar in " + repository
                    + ": build the server first (mvn -B package)");
        }
        List<String> command = new ArrayList<>(List.of("docker", "build", "-q", "-f",
                repository.resolve("emulator-server/Dockerfile").toString(), "-t", image));
        String base = System.getProperty("gureum.docker.base", "");
        if (!base.isBlank()) {
            command.add("--build-arg");
            command.add("BASE_IMAGE=" + base.trim());
        }
        command.add(repository.toString());
        try {
            File log = File.createTempFile("gureum-docker-build", ".log");
            long start = System.nanoTime();
            Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            if (!build.waitFor(20, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + Files.readString(log.toPath(), StandardCharsets.UTF_8));
            }
            System.out.printf("Built %s in %.1f s%n", image, (System.nanoTime() - start) / 1e9);
            log.delete();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run the docker command to build " + image + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building " + image, e);
        }
        return image;
    }
}
