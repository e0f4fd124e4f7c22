package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server killed with {@code kill -9} left in Lambda's folders of the data directory (packages
 * half received or half extracted, packages no function uses) is removed when Lambda next starts on
 * that directory; the packages the new run stores, and files Gureum did not write, stay.
 */
class LeftoverPackagesIT {

    @Test
    void leftoversOfAKilledRunAreRemovedAndOtherFilesKept() throws Exception {
        try (LambdaTestSupport t = new LambdaTestSupport()) {
            // Lambda starts at its first request: until then the data directory is as the killed run left it
            Path lambdaDir = t.server.dataDir().resolve("lambda");
            Path incoming = Files.createDirectories(lambdaDir.resolve("incoming"));
            Path zips = Files.createDirectories(lambdaDir.resolve("zips"));
            Path code = Files.createDirectories(lambdaDir.resolve("code"));
            Path halfUpload = Files.writeString(incoming.resolve("upload-0badc0de-123.zip"), "partial");
            Path halfExtract = Files.createDirectories(incoming.resolve("extract-0badc0de-456"));
            Files.writeString(halfExtract.resolve("app.py"), "def handler(e, c):\n");
            String orphan = "ab".repeat(32);
            Path orphanZip = Files.writeString(zips.resolve(orphan + ".zip"), "an old package");
            Path orphanDir = Files.createDirectories(code.resolve(orphan));
            Files.writeString(orphanDir.resolve("app.py"), "def handler(e, c):\n    return 'old'\n");
            // the same bytes as the package the new run stores: left, then stored again
            SdkBytes zip = LambdaTestSupport.zip(Map.of("app.py", "def handler(e, c):\n    return 'new'\n"));
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip.asByteArray()));
            Files.write(zips.resolve(key + ".zip"), zip.asByteArray());
            Files.writeString(Files.createDirectories(code.resolve(key)).resolve("app.py"), "left by the killed run");
            // the user's own files, in the data directory and in Lambda's folders
            Path notes = Files.writeString(t.server.dataDir().resolve("notes.txt"), "mine");
            Path inIncoming = Files.writeString(incoming.resolve("keep-me.txt"), "mine too");
            Path inZips = Files.writeString(zips.resolve("backup.zip"), "and mine");
            Path inCode = Files.createDirectories(code.resolve("my-sources"));

            t.lambda.createFunction(r -> r.functionName("fresh").runtime("python3.12").handler("app.handler")
                    .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(zip)));

            Await.until(Duration.ofSeconds(10), () -> !Files.exists(halfUpload) && !Files.exists(halfExtract)
                    && !Files.exists(orphanZip) && !Files.exists(orphanDir), "the leftovers to be removed");
            // the function's package is there, extracted
            assertThat(zips.resolve(key + ".zip")).exists();
            assertThat(code.resolve(key).resolve("app.py")).exists();
            for (Path p : List.of(notes, inIncoming, inZips, inCode)) {
                assertThat(p).exists();
            }
            assertThat(Files.readString(notes, UTF_8)).isEqualTo("mine");
            assertThat(t.lambda.getFunction(r -> r.functionName("fresh")).configuration().codeSha256())
                    .isEqualTo(java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(key)));
        }
    }
}
