package dev.gureum.server.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No main source file of any module grows past what a reader takes in: 600 lines. */
class SourceFileLengthTest {

    static final int MAX_LINES = 600;

    @Test
    void noMainSourceFileIsLongerThan600Lines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>(mainSourceFileLengths());
        tooLong.values().removeIf(lines -> lines <= MAX_LINES);
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void everyModuleIsMeasured() throws IOException {
        assertThat(mainSourceFileLengths().keySet()).anyMatch(f -> f.startsWith("emulator-core/"))
                .anyMatch(f -> f.startsWith("emulator-lambda/")).anyMatch(f -> f.startsWith("emulator-server/"));
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
