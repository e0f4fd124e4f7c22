package dev.gureum.server.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No main source file of any module grows past what a reader takes in: 600 lines. */
class SourceFileLengthTest {

    static final int MAX_LINES = 600;

    /**
     * Main source files (paths from the project root) that are still longer. Each is removed from this list
     * as soon as it is split: {@link #knownExceptionsAreStillTooLong} fails for one that already is. The list
     * is to become empty; never add to it.
     */
    static final Set<String> KNOWN_LONG_FILES = Set.of(
            "emulator-lambda/src/main/java/dev/gureum/lambda/runtime/FunctionRunner.java");

    @Test
    void noMainSourceFileIsLongerThan600Lines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>(mainSourceFileLengths());
        tooLong.values().removeIf(lines -> lines <= MAX_LINES);
        tooLong.keySet().removeAll(KNOWN_LONG_FILES);
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void knownExceptionsAreStillTooLong() throws IOException {
        Map<String, Long> lengths = mainSourceFileLengths();
        assertThat(lengths).as("main source files found").isNotEmpty();
        for (String file : KNOWN_LONG_FILES) {
            assertThat(lengths.getOrDefault(file, 0L))
                    .as("%s is no longer over %d lines: remove it from KNOWN_LONG_FILES", file, MAX_LINES)
                    .isGreaterThan(MAX_LINES);
        }
    }

    /** Every {@code src/main/java} file of every module, nested modules included, with its line count. */
    private static Map<String, Long> mainSourceFileLengths() throws IOException {
        Path root = projectRoot();
        Map<String, Long> lengths = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skipped = !dir.equals(root) && (name.startsWith(".") || name.equals("target")
                        || name.equals("node_modules"));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith(".java") && relative.contains("src/main/java/")) {
                    try (Stream<String> lines = Files.lines(file)) {
                        lengths.put(relative, lines.count());
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return lengths;
    }

    /** The directory of the parent POM: tests run in their module's directory. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("emulator-core"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
