package dev.gureum.s3;

import dev.gureum.core.testing.Await;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files a killed run left in the data directory (uploads cut short, objects whose state is gone) are
 * removed once S3 starts; files Gureum did not write are never touched, by that or by a reset.
 */
class LeftoverFilesIT {

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void leftoversOfAnEarlierRunAreRemovedAndForeignFilesKept() throws Exception {
        try (EmbeddedFrontEnd server = new EmbeddedFrontEnd(new S3Module())) {
            Path s3Dir = server.dataDir().resolve("s3");
            Path tmp = Files.createDirectories(s3Dir.resolve("tmp"));
            Path objects = Files.createDirectories(s3Dir.resolve("objects"));
            // what a run killed with kill -9 leaves: a half-written upload, and object files no state points to
            Path halfUpload = Files.writeString(tmp.resolve("0badc0de-" + UUID.randomUUID()), "partial");
            Path orphan = Files.writeString(objects.resolve("0badc0de-" + UUID.randomUUID()), "orphan");
            Path olderOrphan = Files.writeString(objects.resolve(UUID.randomUUID().toString()), "older naming");
            // the user's own files, which happen to live in the data directory
            Path notes = Files.writeString(server.dataDir().resolve("notes.txt"), "mine");
            Path inTmp = Files.writeString(tmp.resolve("keep-me.bin"), "mine too");
            Path inObjects = Files.writeString(objects.resolve("report.pdf"), "and mine");
            Path subdir = Files.createDirectories(objects.resolve(UUID.randomUUID().toString()));
            Path nested = Files.writeString(subdir.resolve("inside.txt"), "nested");

            try (S3Client s3 = S3Clients.client(server)) {
                s3.createBucket(b -> b.bucket("fresh"));
                s3.putObject(b -> b.bucket("fresh").key("k"), RequestBody.fromString("new bytes"));
                Await.until(() -> !Files.exists(halfUpload) && !Files.exists(orphan) && !Files.exists(olderOrphan),
                        "the leftovers to be removed");
                // what this run wrote is kept
                assertThat(s3.getObjectAsBytes(b -> b.bucket("fresh").key("k")).asUtf8String()).isEqualTo("new bytes");
                assertThat(files(objects)).hasSize(3);
                for (Path p : List.of(notes, inTmp, inObjects, nested)) {
                    assertThat(p).exists();
                }

                // a reset drops every object file Gureum wrote, and nothing else
                server.registry().reset();
                assertThat(files(objects)).containsExactlyInAnyOrder(inObjects, subdir);
                assertThat(files(tmp)).containsExactly(inTmp);
                assertThat(notes).exists();
                assertThat(nested).exists();
            }
        }
    }
}
