package dev.gureum.s3;

import dev.gureum.core.persist.Journal;
import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.domain.S3Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small objects are packed into segments: a directory written before segments (every object a file of
 * its own, records of version 1) is read by this Gureum, and segments whose objects were mostly replaced
 * are compacted, their last objects moved, and deleted, across restarts.
 */
class SegmentsIT {

    @TempDir
    Path dataDir;

    private static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<Path> segments(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("s3").resolve("segments");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void aDirectoryOfTheFormatBeforeSegmentsIsRead() throws Exception {
        // what a Gureum before segments wrote: a file per object in s3/objects, records of version 1 naming
        // them, small ones carrying their bytes; one file the crash left cut short
        Path objects = dataDir.resolve("s3").resolve("objects");
        Files.createDirectories(objects);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("small", bytes(4096, 1));
        bodies.put("torn", bytes(3000, 2));
        bodies.put("large", bytes(200_000, 3));
        List<S3Object> versions = new ArrayList<>();
        Map<Path, S3Records.Inline> inline = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            Path file = objects.resolve(String.format("0badcafe-00000000-0000-0000-0000-%012d", ++n));
            byte[] body = e.getValue();
            Files.write(file, e.getKey().equals("torn") ? java.util.Arrays.copyOf(body, 10) : body);
            String md5 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(body));
            S3Object o = new S3Object(e.getKey(), "null", false, md5, body.length, Instant.parse("2026-01-01T00:00:00Z"),
                    Map.of("Content-Type", "application/octet-stream"), Map.of(), Map.of(), null, List.of(), Map.of(),
                    "STANDARD", "000000000000", file, Acl.PRIVATE);
            versions.add(o);
            if (body.length <= 64 * 1024) {
                inline.put(file, new S3Records.Inline(body));
            }
        }
        RecordTypes v1 = dev.gureum.s3.domain.RecordsBeforePartChecksums.types(objects, 1);
        try (Journal journal = Journal.open(dataDir.resolve("s3").resolve("journal"), v1,
                JournalOptions.DEFAULTS.withSnapshotOnClose(false), r -> { }, List::of)) {
            journal.append(new S3Records.BucketSettings("old", "000000000000", "us-east-1",
                    Instant.parse("2026-01-01T00:00:00Z"), Bucket.Versioning.UNVERSIONED, false, Map.of(), Map.of(),
                    Acl.PRIVATE));
            for (S3Object o : versions) {
                Map<Path, S3Records.Inline> carried = inline.containsKey(o.blob())
                        ? Map.of(o.blob(), inline.get(o.blob())) : Map.of();
                journal.append(new S3Records.KeyVersions("old", o.key(), List.of(o), carried)).toCompletableFuture().join();
            }
        }

        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(dataDir, Clock.systemUTC(), new S3Module());
                 S3Client s3 = S3Clients.client(server)) {
                for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("old").key(e.getKey())).asByteArray())
                            .as("%s after restart %d", e.getKey(), restart).isEqualTo(e.getValue());
                }
                if (restart == 0) {
                    s3.putObject(b -> b.bucket("old").key("new"), RequestBody.fromBytes(bytes(100, 4)));
                    s3.copyObject(b -> b.sourceBucket("old").sourceKey("small").destinationBucket("old")
                            .destinationKey("copy"));
                } else {
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("old").key("new")).asByteArray()).isEqualTo(bytes(100, 4));
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("old").key("copy")).asByteArray())
                            .isEqualTo(bodies.get("small"));
                }
            }
        }
        assertThat(segments(dataDir)).as("new small objects go to segments").isNotEmpty();
    }

    @Test
    void aSegmentWhoseObjectsWereReplacedIsCompactedAndDeleted() throws Exception {
        int size = 64 * 1024;
        int count = (int) ((16L << 20) / size) + 40; // more than a segment holds
        Map<String, byte[]> kept = new LinkedHashMap<>();
        Path first;
        try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(dataDir, Clock.systemUTC(), new S3Module());
             S3Client s3 = S3Clients.client(server)) {
            s3.createBucket(b -> b.bucket("packed"));
            for (int i = 0; i < count; i++) {
                String key = "k" + i;
                byte[] body = bytes(size, i);
                s3.putObject(b -> b.bucket("packed").key(key), RequestBody.fromBytes(body));
                kept.put(key, body);
            }
            first = segments(dataDir).get(0);
            // replacing most of them with tiny bodies leaves the first segment mostly dead
            for (int i = 0; i < count; i++) {
                if (i % 10 != 0) {
                    String key = "k" + i;
                    byte[] body = bytes(10, -i);
                    s3.putObject(b -> b.bucket("packed").key(key), RequestBody.fromBytes(body));
                    kept.put(key, body);
                }
            }
            Await.until(Duration.ofSeconds(30), () -> !Files.exists(first), "the sparse segment to be deleted");
            for (Map.Entry<String, byte[]> e : kept.entrySet()) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("packed").key(e.getKey())).asByteArray())
                        .as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(dataDir, Clock.systemUTC(), new S3Module());
             S3Client s3 = S3Clients.client(server)) {
            for (Map.Entry<String, byte[]> e : kept.entrySet()) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("packed").key(e.getKey())).asByteArray())
                        .as("%s after the restart", e.getKey()).isEqualTo(e.getValue());
            }
        }
    }
}
