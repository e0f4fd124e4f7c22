package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.persist.StateFile;
import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A state file carries S3's object bytes: buckets exported from one server, with every version and the
 * parts of an upload in progress, read the same on another, with or without a data directory, loaded
 * while it runs or at its start, and after that one's restart.
 */
class S3StateFileIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Larger than what is packed into segments: a file of its own. */
    private static final byte[] LARGE = random(200 * 1024, 1);
    private static final byte[] PART_ONE = random(5 * 1024 * 1024, 2);
    private static final byte[] PART_TWO = "the last part".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PENDING_SMALL = "a small part, in a segment".getBytes(StandardCharsets.UTF_8);
    /** A part that is not the last one of an upload is at least 5 MiB. */
    private static final byte[] PENDING_LARGE = random(5 * 1024 * 1024, 3);

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static GureumServer server(Path dataDir) {
        GureumServer.Builder b = GureumServer.builder().port(0).services(Set.of("s3"));
        return (dataDir == null ? b : b.dataDir(dataDir)).build().start();
    }

    private static S3Client s3(GureumServer server) {
        return SdkClients.configure(S3Client.builder(), server.endpoint()).build();
    }

    private static byte[] export(URI endpoint) throws Exception {
        HttpResponse<byte[]> exported = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_gureum/state?services=s3"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(exported.statusCode()).isEqualTo(200);
        return exported.body();
    }

    private static JsonNode load(URI endpoint, byte[] file) throws Exception {
        HttpResponse<String> loaded = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_gureum/state"))
                .header("Content-Type", StateFile.MEDIA_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        return Json.mapper().readTree(loaded.body()).path("loaded");
    }

    /**
     * A versioned bucket (a small object in two versions with metadata and tags, a large one, an empty one, a
     * deleted key, an object of two parts) and an upload in progress with a small and a large part.
     *
     * @return the upload's id
     */
    private static String fixtures(S3Client s3) {
        s3.createBucket(b -> b.bucket("fixtures"));
        s3.putBucketVersioning(b -> b.bucket("fixtures").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putObject(b -> b.bucket("fixtures").key("f.txt").contentType("text/plain").metadata(Map.of("stage", "one")),
                RequestBody.fromString("hello, first"));
        s3.putObject(b -> b.bucket("fixtures").key("f.txt").contentType("text/plain; charset=utf-8")
                .metadata(Map.of("stage", "two")).tagging("team=qa"), RequestBody.fromString("hello, second"));
        s3.putObject(b -> b.bucket("fixtures").key("data/large.bin").contentType("application/octet-stream")
                .cacheControl("max-age=60"), RequestBody.fromBytes(LARGE));
        s3.putObject(b -> b.bucket("fixtures").key("empty"), RequestBody.empty());
        s3.putObject(b -> b.bucket("fixtures").key("gone.txt"), RequestBody.fromString("deleted later"));
        s3.deleteObject(b -> b.bucket("fixtures").key("gone.txt"));
        String done = s3.createMultipartUpload(b -> b.bucket("fixtures").key("multi.bin")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("fixtures").key("multi.bin").uploadId(done).partNumber(1),
                RequestBody.fromBytes(PART_ONE)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("fixtures").key("multi.bin").uploadId(done).partNumber(2),
                RequestBody.fromBytes(PART_TWO)).eTag();
        s3.completeMultipartUpload(b -> b.bucket("fixtures").key("multi.bin").uploadId(done).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        String pending = s3.createMultipartUpload(b -> b.bucket("fixtures").key("pending.bin")
                .metadata(Map.of("origin", "fixture"))).uploadId();
        s3.uploadPart(b -> b.bucket("fixtures").key("pending.bin").uploadId(pending).partNumber(1),
                RequestBody.fromBytes(PENDING_LARGE));
        s3.uploadPart(b -> b.bucket("fixtures").key("pending.bin").uploadId(pending).partNumber(2),
                RequestBody.fromBytes(PENDING_SMALL));
        return pending;
    }

    /**
     * Everything a client sees of the bucket, field by field: each version and delete marker as listed,
     * each version's bytes (by SHA-256), headers, metadata and tags, each upload in progress and its parts.
     */
    private static List<String> seen(S3Client s3) {
        List<String> seen = new ArrayList<>();
        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket("fixtures"));
        for (ObjectVersion v : versions.versions()) {
            seen.add(String.join(" ", "version", v.key(), v.versionId(), String.valueOf(v.isLatest()), v.eTag(),
                    String.valueOf(v.size()), v.lastModified().toString(), v.storageClassAsString()));
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("fixtures").key(v.key())
                    .versionId(v.versionId()));
            GetObjectResponse r = got.response();
            seen.add(String.join(" ", "  bytes", sha256(got.asByteArray()), r.eTag(), String.valueOf(r.contentLength()),
                    r.contentType(), String.valueOf(r.cacheControl()), r.metadata().toString(),
                    String.valueOf(r.partsCount())));
            seen.add("  tags " + s3.getObjectTagging(b -> b.bucket("fixtures").key(v.key()).versionId(v.versionId()))
                    .tagSet());
        }
        for (DeleteMarkerEntry m : versions.deleteMarkers()) {
            seen.add(String.join(" ", "marker", m.key(), m.versionId(), String.valueOf(m.isLatest()),
                    m.lastModified().toString()));
        }
        for (MultipartUpload u : s3.listMultipartUploads(b -> b.bucket("fixtures")).uploads()) {
            seen.add(String.join(" ", "upload", u.key(), u.uploadId(), u.initiated().toString()));
            for (Part p : s3.listParts(b -> b.bucket("fixtures").key(u.key()).uploadId(u.uploadId())).parts()) {
                seen.add(String.join(" ", "  part", String.valueOf(p.partNumber()), p.eTag(), String.valueOf(p.size()),
                        p.lastModified().toString()));
            }
        }
        seen.add("versioning " + s3.getBucketVersioning(b -> b.bucket("fixtures")).statusAsString());
        return seen;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of what was exported, read directly (not only compared with the source). */
    private static void readsAsWritten(S3Client s3, String pending) {
        assertThat(s3.getObjectAsBytes(b -> b.bucket("fixtures").key("f.txt")).asUtf8String()).isEqualTo("hello, second");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("fixtures").key("data/large.bin")).asByteArray()).isEqualTo(LARGE);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("fixtures").key("multi.bin").partNumber(2)).asByteArray())
                .isEqualTo(PART_TWO);
        assertThat(s3.listParts(b -> b.bucket("fixtures").key("pending.bin").uploadId(pending)).parts())
                .extracting(Part::size).containsExactly((long) PENDING_LARGE.length, (long) PENDING_SMALL.length);
    }

    /** The upload loaded in progress completes into the bytes of its parts. */
    private static void completes(S3Client s3, String pending) {
        List<CompletedPart> parts = s3.listParts(b -> b.bucket("fixtures").key("pending.bin").uploadId(pending)).parts()
                .stream().map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag()).build()).toList();
        s3.completeMultipartUpload(b -> b.bucket("fixtures").key("pending.bin").uploadId(pending)
                .multipartUpload(m -> m.parts(parts)));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("fixtures").key("pending.bin"));
        byte[] expected = new byte[PENDING_LARGE.length + PENDING_SMALL.length];
        System.arraycopy(PENDING_LARGE, 0, expected, 0, PENDING_LARGE.length);
        System.arraycopy(PENDING_SMALL, 0, expected, PENDING_LARGE.length, PENDING_SMALL.length);
        assertThat(got.asByteArray()).isEqualTo(expected);
        assertThat(got.response().metadata()).containsEntry("origin", "fixture");
    }

    @Test
    void bucketsLoadedIntoAServerWithoutADataDirectoryReadAsExported() throws Exception {
        byte[] file;
        List<String> exported;
        String pending;
        try (GureumServer source = server(null); S3Client s3 = s3(source)) {
            pending = fixtures(s3);
            exported = seen(s3);
            file = export(source.endpoint());
        }
        try (GureumServer target = server(null); S3Client s3 = s3(target)) {
            s3.createBucket(b -> b.bucket("replaced"));
            s3.putObject(b -> b.bucket("replaced").key("k"), RequestBody.fromBytes(LARGE));
            // the bucket, its five keys, the upload in progress and its two parts, the upload completed
            assertThat(load(target.endpoint(), file).path("s3").asLong()).isEqualTo(10);
            assertThat(seen(s3)).isEqualTo(exported);
            readsAsWritten(s3, pending);
            // loading replaces the state: what was here before is gone
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("replaced"))).isInstanceOf(NoSuchBucketException.class);
            // loaded twice, the state file reads the same
            load(target.endpoint(), file);
            assertThat(seen(s3)).isEqualTo(exported);
            completes(s3, pending);
        }
    }

    @Test
    void bucketsLoadedIntoADataDirectoryAreKeptAcrossARestart(@TempDir Path source, @TempDir Path target)
            throws Exception {
        byte[] file;
        List<String> exported;
        String pending;
        try (GureumServer server = server(source); S3Client s3 = s3(server)) {
            pending = fixtures(s3);
            exported = seen(s3);
            file = export(server.endpoint());
        }
        try (GureumServer server = server(target); S3Client s3 = s3(server)) {
            s3.createBucket(b -> b.bucket("replaced"));
            s3.putObject(b -> b.bucket("replaced").key("k"), RequestBody.fromString("here before"));
            load(server.endpoint(), file);
            assertThat(seen(s3)).isEqualTo(exported);
            readsAsWritten(s3, pending);
        }
        // the bytes are the target's own, in its segments and files: the source's directory is gone
        deleteContents(source);
        try (GureumServer server = server(target); S3Client s3 = s3(server)) {
            assertThat(seen(s3)).isEqualTo(exported);
            readsAsWritten(s3, pending);
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("replaced"))).isInstanceOf(NoSuchBucketException.class);
            completes(s3, pending);
        }
        try (GureumServer server = server(target); S3Client s3 = s3(server)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("fixtures").key("data/large.bin")).asByteArray()).isEqualTo(LARGE);
        }
    }

    @Test
    void aStateFileLoadedAtStartReadsAsExported(@TempDir Path source, @TempDir Path target) throws Exception {
        byte[] fromMemory;
        byte[] fromDisk;
        List<String> exported;
        String pending;
        try (GureumServer server = server(source); S3Client s3 = s3(server)) {
            pending = fixtures(s3);
            exported = seen(s3);
            fromDisk = export(server.endpoint());
        }
        try (GureumServer server = server(null); S3Client s3 = s3(server)) {
            load(server.endpoint(), fromDisk);
            fromMemory = export(server.endpoint());
        }
        deleteContents(source);
        Path files = Files.createTempDirectory("s3-state");
        try {
            for (byte[] file : List.of(fromDisk, fromMemory)) {
                Path fixture = Files.write(files.resolve("fixture.state"), file);
                try (GureumServer server = GureumServer.builder().port(0).services(Set.of("s3")).loadState(fixture)
                        .build().start(); S3Client s3 = s3(server)) {
                    assertThat(seen(s3)).isEqualTo(exported);
                    readsAsWritten(s3, pending);
                }
                Path dir = Files.createDirectory(target.resolve("dir-" + file.length + "-" + System.nanoTime()));
                try (GureumServer server = GureumServer.builder().port(0).services(Set.of("s3")).dataDir(dir)
                        .loadState(fixture).build().start(); S3Client s3 = s3(server)) {
                    assertThat(seen(s3)).isEqualTo(exported);
                }
                try (GureumServer server = server(dir); S3Client s3 = s3(server)) {
                    assertThat(seen(s3)).isEqualTo(exported);
                    completes(s3, pending);
                }
            }
        } finally {
            deleteContents(files);
            Files.delete(files);
        }
    }

    @Test
    void anObjectWhoseBytesAreMissingIsAnInternalErrorWithItsCauseLogged(@TempDir Path dataDir) throws Exception {
        try (ChildGureum child = ChildGureum.start(dataDir, "--services", "s3");
             S3Client s3 = SdkClients.withoutRetries(SdkClients.configure(S3Client.builder(), child.endpoint())).build()) {
            s3.createBucket(b -> b.bucket("damaged"));
            s3.putObject(b -> b.bucket("damaged").key("large.bin"), RequestBody.fromBytes(LARGE));
            try (Stream<Path> files = Files.list(dataDir.resolve("s3").resolve("objects"))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            S3Exception failed = catchThrowableOfType(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("damaged").key("large.bin")));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("InternalError");
            String objects = dataDir.resolve("s3").resolve("objects").toString();
            Await.until(() -> child.output().stream().anyMatch(line -> line.contains("ERROR")
                    && line.contains("Request " + failed.requestId() + " GET s3://damaged/large.bin: the bytes of the "
                            + "object are missing") && line.contains("NoSuchFileException: " + objects)),
                    "the cause in the log");
        }
    }

    private static void deleteContents(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
