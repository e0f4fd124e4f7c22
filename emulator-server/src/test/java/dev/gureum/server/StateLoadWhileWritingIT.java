package dev.gureum.server;

import dev.gureum.core.persist.StateFile;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /_gureum/state} replaces a service's state between its requests: while clients keep
 * writing, every write acknowledged before the load began is gone, every one sent after it answered is
 * there, none fails, and the state a restart reads is the one the running server showed (no write that
 * straddled the load comes back from the journal, none is lost).
 */
class StateLoadWhileWritingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WRITERS = 6;

    private record Write(String key, long sent, long acknowledged) {
    }

    private static GureumServer server(Path dataDir) {
        return GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("s3")).build().start();
    }

    private static Set<String> keys(S3Client s3) {
        Set<String> keys = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket("shared")).contents().forEach((S3Object o) -> keys.add(o.key()));
        return keys;
    }

    @Test
    void aLoadIsAtomicWithRespectToWritesInFlight(@TempDir Path dataDir) throws Exception {
        Set<String> inMemory;
        for (int round = 0; round < 3; round++) {
            try (GureumServer server = server(dataDir);
                 S3Client s3 = SdkClients.withoutRetries(SdkClients.configure(S3Client.builder(), server.endpoint()))
                         .build()) {
                s3.createBucket(b -> b.bucket("shared"));
                s3.putObject(b -> b.bucket("shared").key("fixture"), RequestBody.fromString("from the state file"));
                byte[] file = HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve("/_gureum/state?services=s3"))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();

                ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger acknowledged = new AtomicInteger();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                List<Future<?>> running = new ArrayList<>();
                int r = round;
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    running.add(writers.submit(() -> {
                        for (int n = 0; !stop.get(); n++) {
                            String key = "r" + r + "-w" + writer + "-" + n;
                            long sent = System.nanoTime();
                            try {
                                s3.putObject(b -> b.bucket("shared").key(key), RequestBody.fromString(key));
                                writes.add(new Write(key, sent, System.nanoTime()));
                                acknowledged.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                    }));
                }
                dev.gureum.core.testing.Await.until(() -> acknowledged.get() >= 200, "writes before the load");
                long loadSent = System.nanoTime();
                HttpResponse<String> loaded = HTTP.send(HttpRequest.newBuilder(server.endpoint()
                                .resolve("/_gureum/state")).header("Content-Type", StateFile.MEDIA_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
                long loadAnswered = System.nanoTime();
                assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
                int atLoad = acknowledged.get();
                dev.gureum.core.testing.Await.until(() -> acknowledged.get() >= atLoad + 200, "writes after the load");
                stop.set(true);
                for (Future<?> f : running) {
                    f.get(30, TimeUnit.SECONDS);
                }
                writers.shutdown();
                assertThat(failures).as("no write fails").isEmpty();

                inMemory = keys(s3);
                assertThat(inMemory).contains("fixture");
                for (Write w : writes) {
                    if (w.acknowledged() < loadSent) {
                        assertThat(inMemory).as("acknowledged before the load began").doesNotContain(w.key());
                    } else if (w.sent() > loadAnswered) {
                        assertThat(inMemory).as("sent after the load answered").contains(w.key());
                    }
                }
                Set<String> written = new TreeSet<>();
                writes.forEach(w -> written.add(w.key()));
                written.add("fixture");
                assertThat(written).containsAll(inMemory);
            }
            try (GureumServer server = server(dataDir);
                 S3Client s3 = SdkClients.configure(S3Client.builder(), server.endpoint()).build()) {
                assertThat(keys(s3)).as("after the restart of round %d", round).isEqualTo(inMemory);
                for (String key : inMemory) {
                    String body = s3.getObjectAsBytes(b -> b.bucket("shared").key(key)).asUtf8String();
                    assertThat(body).isEqualTo(key.equals("fixture") ? "from the state file" : key);
                }
                Set<String> kept = inMemory;
                s3.deleteObjects(b -> b.bucket("shared").delete(d -> d.objects(kept.stream()
                        .map(k -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key(k).build())
                        .toList())));
                s3.deleteBucket(b -> b.bucket("shared"));
            }
        }
    }
}
