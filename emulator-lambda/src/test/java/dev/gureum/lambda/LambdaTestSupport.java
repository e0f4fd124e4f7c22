package dev.gureum.lambda;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A front end with Lambda and CloudWatch Logs on a free port, SDK v2 clients, and deployment packages built in memory. */
final class LambdaTestSupport implements AutoCloseable {

    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    final LambdaModule module;
    final EmbeddedFrontEnd server;
    final LambdaClient lambda;
    final LambdaClient lambdaNoRetries;
    final CloudWatchLogsClient logs;

    LambdaTestSupport() {
        this(Map.of());
    }

    LambdaTestSupport(Map<String, String> settings) {
        this(settings, java.time.Clock.systemUTC());
    }

    LambdaTestSupport(Map<String, String> settings, java.time.Clock clock) {
        module = new LambdaModule(settings);
        server = new EmbeddedFrontEnd(clock, module, module.logs());
        lambda = SdkClients.configure(LambdaClient.builder(), server.endpoint()).build();
        lambdaNoRetries = SdkClients.withoutRetries(SdkClients.configure(LambdaClient.builder(), server.endpoint())).build();
        logs = SdkClients.configure(CloudWatchLogsClient.builder(), server.endpoint()).build();
    }

    /** A client of the account a 12-digit access key id names, without retries. */
    LambdaClient clientOf(String accessKeyId) {
        return SdkClients.withoutRetries(SdkClients.configure(LambdaClient.builder(), server.endpoint(), accessKeyId)).build();
    }

    /** A .zip archive of the given files (name to content). */
    static SdkBytes zip(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return SdkBytes.fromByteArray(zipBytes(bytes));
    }

    static byte[] zipBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    CreateFunctionResponse create(String name, String runtime, String handler, Map<String, String> files) {
        return lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler(handler).role(ROLE)
                .code(c -> c.zipFile(zip(files))));
    }

    /** Waits until the function leaves Pending (its package is unpacked), as the SDK's waiter does. */
    static void waitActive(LambdaClient lambda, String name) {
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    InvokeResponse invokeWithTail(String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)).logType(LogType.TAIL));
    }

    static String tail(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    /** Skips the test class unless the command runs (an interpreter the tests need is installed). */
    static void assumeRuns(String... command) {
        boolean runs;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            runs = p.waitFor() == 0;
        } catch (IOException e) {
            runs = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(runs, String.join(" ", command) + " must run for these tests");
    }

    @Override
    public void close() {
        lambda.close();
        lambdaNoRetries.close();
        logs.close();
        server.close();
    }
}
