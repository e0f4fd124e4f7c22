package dev.gureum.server.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lambda as boto3 and the AWS CLI use it (the script {@code acceptance.py}): a Python function writing
 * to S3 with a plain boto3 client, a Node.js function through the CLI, a Java function compiled here,
 * SQS- and SNS-triggered functions, a timeout, and the logs. Skipped where python3 with boto3 or the
 * AWS CLI is not installed.
 */
class Boto3AndCliIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.port(0));

    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A Java handler compiled against the handler interfaces, as a deployment package. */
    static byte[] javaPackage(Path work) throws Exception {
        Path src = work.resolve("src/example/Upper.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                public class Upper implements RequestHandler<String, String> {
                    public String handleRequest(String input, Context context) {
                        return input.toUpperCase();
                    }
                }
                """);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String core = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "11", "-cp", core,
                "-d", classes.toString(), src.toString());
        assertThat(rc).isZero();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    zip.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(f));
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void boto3AndTheCliDriveFunctionsEndToEnd() throws Exception {
        assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 is needed");
        assumeTrue(runs("aws", "--version"), "the AWS CLI is needed");
        Path work = Files.createTempDirectory("lambda-acceptance-");
        Path javaZip = work.resolve("java.zip");
        Files.write(javaZip, javaPackage(work));
        Path script = work.resolve("acceptance.py");
        try (var in = Boto3AndCliIT.class.getResourceAsStream("acceptance.py")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), gureum.endpoint().toString(),
                javaZip.toString(), work.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.remove("AWS_PROFILE");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(l -> l.startsWith("OK ")).map(l -> l.replaceFirst(" after .*", "")).toList())
                .as(output).isEqualTo(List.of("OK python function writes to S3 with boto3",
                        "OK node function through the AWS CLI", "OK java function", "OK sqs-triggered function",
                        "OK sns-triggered function", "OK timeout cuts the handler off", "OK aws logs filter-log-events"));
    }
}
