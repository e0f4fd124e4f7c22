package dev.gureum.server;

import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code gureum serve --data-dir} says about a directory it cannot use as it is: a torn journal tail
 * is recovered with a warning; a flipped byte, a newer format and a directory in use are refused with one
 * line and exit code 1, never a stack trace.
 */
class DamagedDataDirIT {

    private static final String STS_ONLY = "--services=sts";

    /** A data directory whose STS journal holds {@code count} issued keys, left by a killed server. */
    private static List<Credentials> killedWithKeys(Path dataDir, int count) throws Exception {
        List<Credentials> issued = new ArrayList<>();
        try (ChildGureum child = ChildGureum.start(dataDir, STS_ONLY);
             StsClient sts = SdkClients.configure(StsClient.builder(), child.endpoint()).build()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                issued.add(sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/R").roleSessionName("s" + n))
                        .credentials());
            }
        }
        return issued;
    }

    private static Path journal(Path dataDir) throws Exception {
        try (var files = Files.list(dataDir.resolve("sts").resolve("journal"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Where a journal's frames end: at the end of the file or where only zeros follow. */
    private static long recordsEnd(byte[] journal) {
        ByteBuffer bytes = ByteBuffer.wrap(journal);
        int at = 24;
        while (at + 12 <= journal.length && (bytes.getLong(at) != 0 || bytes.getInt(at + 8) != 0)) {
            at += 12 + bytes.getInt(at);
        }
        return at;
    }

    private static String arnOf(URI endpoint, Credentials c) {
        try (StsClient sts = SdkClients.configure(StsClient.builder(), endpoint).credentialsProvider(
                StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken()))).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** The one line a refused start printed, after checking it printed nothing else of note. */
    private static String refusal(ChildGureum child) throws Exception {
        assertThat(child.exitCode()).as(String.join("\n", child.output())).isEqualTo(1);
        List<String> lines = child.output();
        assertThat(String.join("\n", lines)).doesNotContain("\tat ").doesNotContain("Exception");
        List<String> errors = lines.stream().filter(l -> l.startsWith("gureum: ")).toList();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void aTornTailIsCutWithAWarningAndTheRestIsKept(@TempDir Path dataDir) throws Exception {
        List<Credentials> issued = killedWithKeys(dataDir, 3);
        Path journal = journal(dataDir);
        long size = recordsEnd(Files.readAllBytes(journal)); // a killed writer leaves the zeros it allocated after them
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        try (ChildGureum child = ChildGureum.start(dataDir, STS_ONLY)) {
            URI endpoint = child.endpoint();
            assertThat(arnOf(endpoint, issued.get(0))).endsWith("assumed-role/R/s0");
            assertThat(arnOf(endpoint, issued.get(1))).endsWith("assumed-role/R/s1");
            // the last key's record was cut: it is unknown, so the key acts as the default account
            assertThat(arnOf(endpoint, issued.get(2))).isEqualTo("arn:aws:iam::000000000000:root");
            assertThat(child.output()).anySatisfy(line -> assertThat(line)
                    .contains("WARN")
                    .contains("The journal file " + journal + " ends in a record cut short at byte ")
                    .contains("recovered every record before it."));
        }
    }

    @Test
    void aFlippedByteIsRefusedWithOneLine(@TempDir Path dataDir) throws Exception {
        killedWithKeys(dataDir, 3);
        Path journal = journal(dataDir);
        byte[] bytes = Files.readAllBytes(journal);
        int firstPayload = 24 + 12 + 10;
        bytes[firstPayload] ^= 0x01;
        Files.write(journal, bytes);
        try (ChildGureum child = ChildGureum.start(dataDir, STS_ONLY)) {
            assertThat(refusal(child)).matches("gureum: The journal file " + java.util.regex.Pattern.quote(journal.toString())
                    + " is damaged at byte 24 \\(a record fails its checksum\\); the records after it cannot be trusted\\. "
                    + "Restore the data directory from a backup, or keep the records before byte 24 with: truncate -s 24 .*");
        }
        assertThat(Files.readAllBytes(journal)).as("nothing is cut or rewritten").isEqualTo(bytes);
    }

    @Test
    void aNewerFormatIsRefusedWithOneLine(@TempDir Path dataDir) throws Exception {
        killedWithKeys(dataDir, 1);
        Path journal = journal(dataDir);
        byte[] bytes = Files.readAllBytes(journal);
        ByteBuffer header = ByteBuffer.wrap(bytes);
        header.putInt(8, 2);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 20);
        header.putInt(20, (int) crc.getValue());
        Files.write(journal, bytes);
        try (ChildGureum child = ChildGureum.start(dataDir, STS_ONLY)) {
            assertThat(refusal(child)).isEqualTo("gureum: The journal file " + journal + " is in format 2, written by a "
                    + "newer Gureum; this one reads formats up to 1. Start that version (or a newer one) on this directory.");
        }
    }

    @Test
    void aDirectoryInUseIsRefusedWithOneLine(@TempDir Path dataDir) throws Exception {
        try (ChildGureum first = ChildGureum.start(dataDir, STS_ONLY)) {
            first.endpoint();
            try (ChildGureum second = ChildGureum.start(dataDir, STS_ONLY)) {
                assertThat(refusal(second)).isEqualTo("gureum: The data directory " + dataDir + " is in use by another "
                        + "Gureum (process " + first.pid() + "). Stop that one, or give this one another data directory.");
            }
        }
        // a killed Gureum's lock goes with it
        try (ChildGureum next = ChildGureum.start(dataDir, STS_ONLY)) {
            assertThat(next.endpoint()).isNotNull();
        }
    }

    @Test
    void anUnknownSyncModeIsAUsageError(@TempDir Path dataDir) throws Exception {
        try (ChildGureum child = ChildGureum.start(dataDir, STS_ONLY, "--persistence-sync=sometimes")) {
            assertThat(child.exitCode()).isEqualTo(2);
            assertThat(child.output()).contains(
                    "Invalid value for option '--persistence-sync': 'sometimes' (expected always, batch or off)");
        }
    }
}
