package dev.gureum.server;

import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed with {@code kill -9} leaves object files and the parts of an upload in progress in
 * its data directory; the next server started on that directory removes them, and only them.
 */
class KilledServerLeftoversIT {

    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+)");

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static S3Client s3(URI endpoint) {
        return SdkClients.configure(S3Client.builder(), endpoint).build();
    }

    @Test
    void theNextStartKeepsWhatAKilledServerAnsweredAndTouchesNoOtherFile(@TempDir Path dataDir) throws Exception {
        Path mine = Files.writeString(dataDir.resolve("my-notes.txt"), "not Gureum's");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.gureum.server.Main", "serve", "--port", "0", "--services", "s3",
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        try {
            URI endpoint = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line; endpoint == null && (line = out.readLine()) != null; ) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    endpoint = URI.create(m.group(1));
                }
            }
            assertThat(endpoint).as("the child server's endpoint").isNotNull();
            URI childEndpoint = endpoint;
            try (S3Client s3 = s3(childEndpoint)) {
                s3.createBucket(b -> b.bucket("doomed"));
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    s3.putObject(b -> b.bucket("doomed").key("k" + n), RequestBody.fromString("bytes " + n));
                }
                String uploadId = s3.createMultipartUpload(b -> b.bucket("doomed").key("big")).uploadId();
                s3.uploadPart(b -> b.bucket("doomed").key("big").uploadId(uploadId).partNumber(1),
                        RequestBody.fromString("a part"));
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Path s3Dir = dataDir.resolve("s3");
        // the three objects and the part, small, are packed into one segment, back to back
        List<Path> bodies = filesUnder(s3Dir).stream().filter(f -> !f.toString().contains("journal")).toList();
        assertThat(bodies).hasSize(1);
        assertThat(Files.size(bodies.get(0))).isEqualTo(3 * "bytes 0".length() + "a part".length());

        try (GureumServer next = GureumServer.builder().port(0).dataDir(dataDir).build().start();
             S3Client s3 = s3(next.endpoint())) {
            // every write the killed server answered is kept, with the files it points to
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("doomed");
            for (int i = 0; i < 3; i++) {
                int n = i;
                assertThat(s3.getObjectAsBytes(b -> b.bucket("doomed").key("k" + n)).asUtf8String()).isEqualTo("bytes " + n);
            }
            assertThat(s3.listMultipartUploads(b -> b.bucket("doomed")).uploads()).extracting(u -> u.key())
                    .containsExactly("big");
            assertThat(filesUnder(s3Dir).stream().filter(f -> !f.toString().contains("journal")).toList())
                    .isEqualTo(bodies);
            dev.gureum.s3.http.S3Service service = (dev.gureum.s3.http.S3Service) next.services().get("s3");
            dev.gureum.core.testing.Await.until(() -> service.storedBodies() == 4, "the four bodies taken in");
            s3.createBucket(b -> b.bucket("fresh"));
            s3.putObject(b -> b.bucket("fresh").key("k"), RequestBody.fromString("new"));
        }
        assertThat(Files.readString(mine)).isEqualTo("not Gureum's");
    }
}
