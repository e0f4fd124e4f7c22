package dev.gureum.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime files Gureum ships as resources (its Python and Node.js bootstraps, the Java runtime
 * interface client's jars), written to the data directory the first time a runtime needs them.
 */
public final class Bootstraps {

    private static final String BASE = "/dev/gureum/lambda/runtime/";
    /** AWS's runtime interface client and what it needs, as the build stages them (see the module's POM). */
    static final List<String> JAVA_JARS = List.of("aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-core.jar", "aws-lambda-java-serialization.jar", "utils-lite.jar");

    private final Path root;
    private final Map<String, Path> written = new ConcurrentHashMap<>();

    public Bootstraps(Path root) {
        this.root = root;
    }

    public Path python() {
        return file("python/bootstrap.py");
    }

    public Path node() {
        return file("nodejs/bootstrap.mjs");
    }

    /** The script each execution environment runs under (see {@link Sandbox}). */
    public Path supervisor() {
        return file("sandbox/supervisor.sh");
    }

    /** The script that mounts a runtime's code and layers on Lambda's paths (see {@link TaskPaths}). */
    public Path taskPaths() {
        return file("sandbox/paths.sh");
    }

    public List<Path> javaJars() {
        List<Path> jars = new ArrayList<>();
        for (String jar : JAVA_JARS) {
            jars.add(file("java/" + jar));
        }
        return jars;
    }

    private Path file(String resource) {
        return written.computeIfAbsent(resource, r -> {
            Path target = root.resolve(r);
            try (InputStream in = Bootstraps.class.getResourceAsStream(BASE + r)) {
                if (in == null) {
                    throw new IllegalStateException("Gureum was built without its Lambda runtime file " + r);
                }
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), ".write-", ".tmp");
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the Lambda runtime file " + target, e);
            }
        });
    }
}
