package dev.gureum.lambda;

import com.amazonaws.services.lambda.runtime.Context;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles Java sources in a test, against the handler interfaces, into the files of a deployment package. */
final class JavaSources {

    private JavaSources() {
    }

    /**
     * @param sources  class name to source
     * @param classPath extra jars to compile against
     * @return the class files, by path within the package
     */
    static Map<String, byte[]> compile(Map<String, String> sources, List<Path> classPath) {
        try {
            Path dir = Files.createTempDirectory("gureum-java-");
            Path src = dir.resolve("src");
            Path out = dir.resolve("classes");
            Files.createDirectories(out);
            List<String> args = new ArrayList<>();
            List<String> cp = new ArrayList<>();
            cp.add(Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            classPath.forEach(p -> cp.add(p.toString()));
            args.add("-d");
            args.add(out.toString());
            args.add("--release");
            args.add("11");
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, cp));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int rc = compiler.run(null, null, errors, args.toArray(new String[0]));
            if (rc != 0) {
                throw new AssertionError("Compilation failed: " + errors.toString(StandardCharsets.UTF_8));
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        classes.put(out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] jar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
