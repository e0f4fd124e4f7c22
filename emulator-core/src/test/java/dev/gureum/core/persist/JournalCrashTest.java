package dev.gureum.core.persist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A child JVM appends and reports each acknowledgement; it is killed with SIGKILL at a random moment,
 * and the journal is opened again: every acknowledged record is there, and every record there is
 * whole. Rounds run on the same directory, so each also recovers what the rounds before it left.
 */
class JournalCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesAKillAndNoneIsHalf() throws Exception {
        Random random = new Random();
        Map<String, Long> acknowledged = new HashMap<>();
        SyncMode[] modes = {SyncMode.ALWAYS, SyncMode.BATCH, SyncMode.OFF, SyncMode.ALWAYS};
        for (int round = 0; round < modes.length; round++) {
            Path journalDir = dir.resolve("journal");
            Path errors = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), JournalCrashChild.class.getName(),
                    journalDir.toString(), modes[round].value(), "r" + round)
                    .redirectError(errors.toFile())
                    .start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            assertThat(ready).as("child said %s; its errors: %s", ready, read(errors)).startsWith("ready ");

            // While the child runs, the directory is refused to anyone else.
            assertThatThrownBy(() -> new TestState().open(journalDir, JournalOptions.DEFAULTS))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessage("The data directory " + journalDir + " is in use by another Gureum (process "
                            + child.pid() + "). Stop that one, or give this one another data directory.");

            Map<String, Long> acks = new HashMap<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        String[] parts = line.split(" ");
                        if (parts.length == 3 && parts[0].equals("ack")) {
                            acks.put(parts[1], Long.parseLong(parts[2]));
                        }
                    }
                } catch (IOException e) {
                    // the pipe broke with the kill: what was read is what counts
                }
            });
            Thread.sleep(300 + random.nextInt(1200));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.get(30, TimeUnit.SECONDS);
            assertThat(acks).as("acknowledgements in round %d; child errors: %s", round, read(errors)).isNotEmpty();
            acknowledged.putAll(acks);

            TestState recovered = new TestState();
            List<Object> replayed = new ArrayList<>();
            try (Journal journal = Journal.open(journalDir, TestState.TYPES, JournalOptions.DEFAULTS
                    .withSnapshotOnClose(round % 2 == 0), r -> {
                        replayed.add(r);
                        recovered.apply(r);
                    }, recovered::records)) {
                assertThat(journal.recoveredRecords()).isEqualTo(replayed.size());
            }
            for (Object record : replayed) {
                TestState.Entry entry = (TestState.Entry) record;
                assertThat(entry).as("a whole record").isEqualTo(TestState.entry(entry.key(), entry.value()));
            }
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                assertThat(recovered.entries.get(ack.getKey()))
                        .as("acknowledged %s after round %d (%s)", ack.getKey(), round, modes[round])
                        .isEqualTo(TestState.entry(ack.getKey(), ack.getValue()));
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
