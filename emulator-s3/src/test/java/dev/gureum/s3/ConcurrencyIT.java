package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gureum.s3.S3Clients.bucketName;
import static dev.gureum.s3.S3Clients.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers replacing one key while readers read and copy it: every read and every copy is one whole
 * version, never a mix or a failure.
 */
class ConcurrencyIT {

    private static final int WRITERS = 4;
    private static final int READERS = 4;
    private static final int COPIERS = 2;
    private static final int WRITES_PER_WRITER = 15;

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        // no retries: a failed read must show, not be hidden by the SDK trying again
        s3 = S3Clients.clientWithoutRetries(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void readersSeeWholeVersionsWhileWritersReplaceTheKey() throws Exception {
        String bucket = bucketName("race");
        s3.createBucket(b -> b.bucket(bucket));
        List<byte[]> payloads = new ArrayList<>();
        Map<String, Integer> md5s = new ConcurrentHashMap<>();
        for (int i = 0; i < WRITERS; i++) {
            // different sizes too, so a torn read cannot pass for a whole one
            byte[] payload = S3Clients.randomBytes(200_000 + i * 50_000, 100 + i);
            payloads.add(payload);
            md5s.put(md5Hex(payload), i);
        }
        s3.putObject(b -> b.bucket(bucket).key("contended"), RequestBody.fromBytes(payloads.get(0)));

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS + COPIERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                byte[] payload = payloads.get(w);
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < WRITES_PER_WRITER; n++) {
                        s3.putObject(b -> b.bucket(bucket).key("contended"), RequestBody.fromBytes(payload));
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    // keep reading while writes go on, and at least a few times each
                    for (int n = 0; writing.get() || n < 5; n++) {
                        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("contended"));
                        String md5 = md5Hex(got.asByteArray());
                        assertThat(md5s).as("the MD5 of a read of %d bytes", got.asByteArray().length).containsKey(md5);
                        assertThat(got.response().eTag()).isEqualTo("\"" + md5 + "\"");
                        assertThat(got.response().contentLength()).isEqualTo(got.asByteArray().length);
                        versionsSeen.add(md5s.get(md5));
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int c = 0; c < COPIERS; c++) {
                String target = "copy-" + c;
                readers.add(pool.submit(() -> {
                    for (int n = 0; writing.get() || n < 3; n++) {
                        String etag = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("contended")
                                .destinationBucket(bucket).destinationKey(target)).copyObjectResult().eTag();
                        byte[] copied = s3.getObjectAsBytes(b -> b.bucket(bucket).key(target)).asByteArray();
                        assertThat(md5s).as("the MD5 of a copy of %d bytes", copied.length).containsKey(md5Hex(copied));
                        assertThat(etag).isEqualTo("\"" + md5Hex(copied) + "\"");
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(READERS * 5);
        assertThat(versionsSeen).isNotEmpty();
        byte[] last = s3.getObjectAsBytes(b -> b.bucket(bucket).key("contended")).asByteArray();
        assertThat(md5s).containsKey(md5Hex(last));
        // replaced versions leave no bytes behind: one file for the key and one for each copy
        try (var files = java.nio.file.Files.walk(server.dataDir().resolve("s3").resolve("objects"))) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).count()).isEqualTo(1 + COPIERS);
        }
    }
}
