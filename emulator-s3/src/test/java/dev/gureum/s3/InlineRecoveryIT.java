package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects and parts up to 64 KiB are committed by a journal record that carries their bytes, and the
 * segments they are packed into are not forced: when a crash leaves such bytes missing, cut short or
 * different (a machine that lost power before they reached the disk), the restart writes them again from
 * the record, and every acknowledged write is whole.
 */
class InlineRecoveryIT {

    private static final int[] SIZES = {0, 1, 4096, 65_535, 65_536, 65_537, 200_000};

    @TempDir
    Path dir;

    private static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void smallFilesTornByACrashAreWholeAfterTheRestart() throws Exception {
        Path data = dir.resolve("data");
        Map<String, byte[]> plain = new LinkedHashMap<>();
        Map<String, byte[]> versions = new LinkedHashMap<>();
        byte[] part1 = bytes(5 * 1024 * 1024, 1);
        byte[] part2 = bytes(3000, 2);
        String uploadId;

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), data.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        try {
            String ready = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(ready).as("child said %s", ready).startsWith("ready ");
            URI endpoint = URI.create("http://127.0.0.1:" + ready.substring("ready ".length()));
            try (S3Client s3 = SdkClients.withoutRetries(SdkClients.configure(S3Client.builder(), endpoint, "test",
                    Region.US_EAST_1)).build()) {
                s3.createBucket(b -> b.bucket("plain"));
                s3.createBucket(b -> b.bucket("versioned"));
                s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(v -> v
                        .status(BucketVersioningStatus.ENABLED)));
                for (int size : SIZES) {
                    for (int n = 0; n < 2; n++) { // written twice: the second replaces the first
                        String key = "size-" + size;
                        byte[] body = bytes(size, size * 2 + n);
                        s3.putObject(b -> b.bucket("plain").key(key), RequestBody.fromBytes(body));
                        plain.put(key, body);
                        String versionId = s3.putObject(b -> b.bucket("versioned").key(key),
                                RequestBody.fromBytes(body)).versionId();
                        versions.put(key + "@" + versionId, body);
                    }
                }
                uploadId = s3.createMultipartUpload(b -> b.bucket("plain").key("multi")).uploadId();
                s3.uploadPart(b -> b.bucket("plain").key("multi").uploadId(uploadId).partNumber(1),
                        RequestBody.fromBytes(part1));
                s3.uploadPart(b -> b.bucket("plain").key("multi").uploadId(uploadId).partNumber(2),
                        RequestBody.fromBytes(part2));
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // what a power cut can do to bytes that were not forced: small objects and parts are packed into
        // segments; each is cut short (the slices past the cut are gone or cut short), and every 512th byte of
        // what is left holds another value, so that every slice of more than one byte is damaged
        List<Path> small = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve("s3").resolve("segments"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".seg")).forEach(small::add);
        }
        assertThat(small).as("segments of the small objects and the small part").isNotEmpty();
        long packed = 0;
        for (Path f : small) {
            packed += Files.size(f);
        }
        assertThat(packed).as("bytes of the small objects and the small part")
                .isGreaterThanOrEqualTo(2L * 2 * (1 + 4096 + 65_535 + 65_536) + 3000);
        for (Path f : small) {
            byte[] content = Files.readAllBytes(f);
            byte[] left = java.util.Arrays.copyOf(content, content.length / 3);
            for (int i = 0; i < left.length; i += 512) {
                left[i] ^= 0x55;
            }
            Files.write(f, left);
        }
        try (Stream<Path> files = Files.list(data.resolve("s3").resolve("objects"))) {
            assertThat(files.filter(f -> {
                try {
                    return Files.size(f) <= 64 * 1024;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("no small object has a file of its own").isEmpty();
        }

        for (int restart = 0; restart < 2; restart++) { // the second start reads the snapshot the first one left
            try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(data, Clock.systemUTC(), new S3Module());
                 S3Client s3 = S3Clients.client(server)) {
                for (Map.Entry<String, byte[]> e : plain.entrySet()) {
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("plain").key(e.getKey())).asByteArray())
                            .as("plain/%s after restart %d", e.getKey(), restart).isEqualTo(e.getValue());
                }
                for (Map.Entry<String, byte[]> e : versions.entrySet()) {
                    String[] keyAndVersion = e.getKey().split("@");
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("versioned").key(keyAndVersion[0])
                            .versionId(keyAndVersion[1])).asByteArray())
                            .as("versioned/%s after restart %d", e.getKey(), restart).isEqualTo(e.getValue());
                }
                if (restart == 1) {
                    var parts = s3.listParts(b -> b.bucket("plain").key("multi").uploadId(uploadId)).parts();
                    s3.completeMultipartUpload(b -> b.bucket("plain").key("multi").uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts.stream().map(p -> software.amazon.awssdk.services.s3
                                    .model.CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag()).build())
                                    .toList())));
                    byte[] whole = new byte[part1.length + part2.length];
                    System.arraycopy(part1, 0, whole, 0, part1.length);
                    System.arraycopy(part2, 0, whole, part1.length, part2.length);
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("plain").key("multi")).asByteArray())
                            .as("the upload completed from a part written again").isEqualTo(whole);
                }
            }
        }
    }
}
