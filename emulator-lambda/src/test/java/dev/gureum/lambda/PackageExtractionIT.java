package dev.gureum.lambda;

import dev.gureum.lambda.protocol.LambdaService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deployment packages are extracted within Lambda's limits, inside their own directory, with Lambda's file modes. */
class PackageExtractionIT {

    static final long LIMIT = 262_144_000L;
    static final String TOO_LARGE = "Unzipped size must be smaller than 262144000 bytes";
    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static Path lambdaDir() {
        return t.server.dataDir().resolve("lambda");
    }

    /** Bytes in extracted files, packages being extracted included. */
    static long extractedBytes() {
        long total = 0;
        for (Path dir : new Path[] {lambdaDir().resolve("incoming"), lambdaDir().resolve("code")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                total += files.filter(p -> !p.getFileName().toString().startsWith("upload-"))
                        .mapToLong(p -> p.toFile().isFile() ? p.toFile().length() : 0).sum();
            } catch (IOException | UncheckedIOException e) {
                // a file went away while it was counted
            }
        }
        return total;
    }

    /** Creates a function from the package while watching the disk; returns the most bytes ever extracted at once. */
    static long peakWhileCreating(String name, byte[] zip) {
        long before = extractedBytes();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(extractedBytes() - before, Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName(name).runtime("python3.12")
                    .handler("app.handler").role(LambdaTestSupport.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))))
                    .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(TOO_LARGE);
                    });
        } finally {
            done.set(true);
            try {
                watcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(extractedBytes()).as("bytes left on disk").isEqualTo(before);
        assertNoExtractionLeft();
        return peak.get();
    }

    static void assertNoExtractionLeft() {
        try (Stream<Path> incoming = Files.list(lambdaDir().resolve("incoming"))) {
            assertThat(incoming).as("partial extractions and uploads").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPackageDeclaringTooLargeAnUnzippedSizeIsRefusedBeforeAnythingIsWritten() {
        byte[] bomb = new RawZip().addZeros("big.bin", 300, 300L << 20).bytes();
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThat(peakWhileCreating("declared-bomb", bomb)).isZero();
        assertThat(t.lambda.listFunctions().functions()).noneMatch(f -> f.functionName().equals("declared-bomb"));
    }

    @Test
    void anEntryLyingAboutItsSizeIsStoppedAtTheLimit() {
        byte[] bomb = new RawZip().add("app.py", 0100644, "def handler(e, c):\n    return 1\n")
                .addZeros("small.txt", 400, 10).bytes();
        assertThat(peakWhileCreating("lying-bomb", bomb)).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void aLayerIsHeldToTheSameLimit() {
        byte[] bomb = new RawZip().addZeros("python/big.bin", 300, 300L << 20).bytes();
        assertThatThrownBy(() -> t.lambda.publishLayerVersion(r -> r.layerName("bomb")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(bomb)))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(TOO_LARGE));
        assertNoExtractionLeft();
    }

    @Test
    void aFunctionAndItsLayersTogetherAreHeldToTheLimit() {
        String layer = t.lambda.publishLayerVersion(r -> r.layerName("half").content(c -> c.zipFile(
                SdkBytes.fromByteArray(new RawZip().addZeros("python/half.bin", 126, 126L << 20).bytes()))))
                .layerVersionArn();
        byte[] half = new RawZip().add("app.py", 0100644, "def handler(e, c):\n    return 1\n")
                .addZeros("half.bin", 126, 126L << 20).bytes();
        t.lambda.createFunction(r -> r.functionName("half").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(half))));
        assertThatThrownBy(() -> t.lambda.updateFunctionConfiguration(r -> r.functionName("half").layers(layer)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(TOO_LARGE));
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("half-with-layer").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).layers(layer)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(half)))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(TOO_LARGE));
        assertThat(t.lambda.getFunctionConfiguration(r -> r.functionName("half")).layers()).isEmpty();
        t.lambda.deleteFunction(r -> r.functionName("half"));
    }

    @Test
    void entriesLeavingThePackageAreRefused() {
        byte[] zip = new RawZip().add("app.py", 0100644, "x = 1\n").add("../../escaped.txt", 0100644, "out").bytes();
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("escaping").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Could not unzip uploaded file. Please check your "
                        + "file, then try to upload again."));
        assertThat(lambdaDir().resolve("escaped.txt")).doesNotExist();
        assertThat(t.server.dataDir().resolve("escaped.txt")).doesNotExist();
        assertNoExtractionLeft();
    }

    @Test
    void aPackageOfTooManyEntriesIsRefused() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setLevel(0);
            for (int i = 0; i <= 100_000; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry(Integer.toString(i, 36)));
                zip.closeEntry();
            }
        }
        long before = extractedBytes();
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("crowded").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(bytes.toByteArray())))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).startsWith("Could not unzip uploaded file."));
        assertThat(extractedBytes()).isEqualTo(before);
        assertNoExtractionLeft();
    }

    @Test
    void filesGetLambdasModesAndLinksStayInside() throws Exception {
        byte[] zip = new RawZip()
                .add("app.py", 0100600, "def handler(e, c):\n    return 1\n")
                .add("bin/", 0040777, "")
                .add("bin/tool", 0106777, "#!/bin/sh\necho hi\n")
                .add("data.txt", 0100666, "data")
                .add("plain.txt", RawZip.NO_MODE, "no unix mode")
                .add("/absolute.txt", 0100644, "leading slash")
                .add("link-in", 0120777, "data.txt")
                .add("link-out", 0120777, "/etc/passwd")
                .add("link-up", 0120777, "../../../etc/passwd")
                .bytes();
        t.lambda.createFunction(r -> r.functionName("modes").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        LambdaService service = (LambdaService) t.server.registry().get("lambda");
        Path archive = service.codeArchive("arn:aws:lambda:us-east-1:000000000000:function:modes");
        Path dir = archive.getParent().getParent().resolve("code").resolve(archive.getFileName().toString()
                .replace(".zip", ""));
        assertThat(mode(dir.resolve("app.py"))).isEqualTo("rw-r--r--");
        assertThat(mode(dir.resolve("bin"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(dir.resolve("bin/tool"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(dir.resolve("data.txt"))).isEqualTo("rw-r--r--");
        assertThat(mode(dir.resolve("plain.txt"))).isEqualTo("rw-r--r--");
        assertThat(dir.resolve("absolute.txt")).hasContent("leading slash");
        assertThat(Files.isSymbolicLink(dir.resolve("link-in"))).isTrue();
        assertThat(dir.resolve("link-in")).hasContent("data");
        assertThat(dir.resolve("link-out")).doesNotExist();
        assertThat(Files.exists(dir.resolve("link-up"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
