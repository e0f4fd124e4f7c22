package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients write objects (overwriting them, and adding versions) to a server in a child JVM, which is
 * killed with SIGKILL at a random moment: after a restart on the same directory, every write answered
 * 2xx is there with its bytes whole, and no object is there half, over several rounds.
 */
class CrashIT {

    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 8;

    @TempDir
    Path dir;

    /** The bytes of the {@code n}th write of a key: sizes from empty to 96 KiB. */
    private static byte[] body(String key, int n) {
        Random random = new Random(key.hashCode() * 31L + n);
        byte[] bytes = new byte[n % 7 == 0 ? 0 : random.nextInt(96 * 1024)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillWholeAndNoneIsHalf() throws Exception {
        Random random = new Random();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Map<String, Integer> sent = new ConcurrentHashMap<>();
        for (int round = 0; round < 3; round++) {
            Path errors = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                    dir.resolve("data").toString())
                    .redirectError(errors.toFile())
                    .start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            assertThat(ready).as("child said %s; its errors: %s", ready, read(errors)).startsWith("ready ");
            URI endpoint = URI.create("http://127.0.0.1:" + ready.substring("ready ".length()));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            try (S3Client s3 = SdkClients.withoutRetries(SdkClients.configure(S3Client.builder(), endpoint, "test",
                    Region.US_EAST_1)).build()) {
                if (round == 0) {
                    s3.createBucket(b -> b.bucket("plain"));
                    s3.createBucket(b -> b.bucket("versioned"));
                    s3.putBucketVersioning(b -> b.bucket("versioned").versioningConfiguration(v -> v
                            .status(BucketVersioningStatus.ENABLED)));
                }
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    Thread t = new Thread(() -> {
                        Random mine = new Random();
                        while (!stop.get()) {
                            String key = "w" + writer + "-k" + mine.nextInt(KEYS_PER_WRITER);
                            int n = sent.merge(key, 1, Integer::sum);
                            String bucket = writer % 2 == 0 ? "plain" : "versioned";
                            try {
                                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body(key, n)));
                                acknowledged.put(key, n);
                            } catch (RuntimeException e) {
                                return;
                            }
                        }
                    });
                    t.start();
                    writers.add(t);
                }
                Thread.sleep(700 + random.nextInt(1500));
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                for (Thread t : writers) {
                    t.join(30_000);
                }
            }
            assertThat(acknowledged).as("writes acknowledged by round %d; child errors: %s", round, read(errors))
                    .isNotEmpty();

            try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(dir.resolve("data"), Clock.systemUTC(),
                    new S3Module()); S3Client s3 = S3Clients.client(server)) {
                for (int w = 0; w < WRITERS; w++) {
                    String bucket = w % 2 == 0 ? "plain" : "versioned";
                    for (int k = 0; k < KEYS_PER_WRITER; k++) {
                        String key = "w" + w + "-k" + k;
                        Integer acked = acknowledged.get(key);
                        byte[] found;
                        try {
                            found = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
                        } catch (NoSuchKeyException e) {
                            assertThat(acked).as("acknowledged %s after round %d", key, round).isNull();
                            continue;
                        }
                        int last = sent.getOrDefault(key, 0);
                        int from = acked == null ? 1 : acked;
                        // the acknowledged write, or one sent after it that the kill interrupted after it landed
                        boolean whole = false;
                        for (int n = from; n <= last && !whole; n++) {
                            whole = java.util.Arrays.equals(found, body(key, n));
                        }
                        assertThat(whole).as("%s/%s holds a whole write from the %dth on (of %d) after round %d",
                                bucket, key, from, last, round).isTrue();
                        // what was answered is current from now on
                        for (int n = from; n <= last; n++) {
                            if (java.util.Arrays.equals(found, body(key, n))) {
                                acknowledged.put(key, n);
                                sent.put(key, n);
                                break;
                            }
                        }
                    }
                }
                // every version kept in the versioned bucket is readable, whole
                s3.listObjectVersions(b -> b.bucket("versioned")).versions().forEach(v -> assertThat(
                        S3Clients.md5Hex(s3.getObjectAsBytes(b -> b.bucket("versioned").key(v.key())
                                .versionId(v.versionId())).asByteArray()))
                        .as("version %s of %s", v.versionId(), v.key()).isEqualTo(v.eTag().replace("\"", "")));
            }
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
