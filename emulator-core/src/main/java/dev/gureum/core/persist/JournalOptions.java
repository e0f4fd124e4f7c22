package dev.gureum.core.persist;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Journal} writes.
 *
 * @param sync               when an append is acknowledged
 * @param batchWindow        {@link SyncMode#BATCH}: how long the writer waits for a group to fill
 * @param flushInterval      {@link SyncMode#OFF}: how often written records are forced to the disk
 * @param snapshotAfterBytes a snapshot is taken once the journal since the last one holds this many
 *                           bytes and more than the last snapshot did, so the disk and the start-up
 *                           replay stay proportional to the state, not to its history
 * @param snapshotOnClose    whether closing takes a snapshot, so the next start replays nothing
 */
public record JournalOptions(SyncMode sync, Duration batchWindow, Duration flushInterval, long snapshotAfterBytes,
                             boolean snapshotOnClose) {

    public static final JournalOptions DEFAULTS =
            new JournalOptions(SyncMode.ALWAYS, Duration.ofMillis(2), Duration.ofSeconds(1), 64L << 20, true);

    public JournalOptions {
        Objects.requireNonNull(sync, "sync");
        if (batchWindow.isNegative() || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("The batch window and the flush interval must be positive");
        }
        if (snapshotAfterBytes < 1) {
            throw new IllegalArgumentException("snapshotAfterBytes must be positive");
        }
    }

    public JournalOptions withSync(SyncMode mode) {
        return new JournalOptions(mode, batchWindow, flushInterval, snapshotAfterBytes, snapshotOnClose);
    }

    public JournalOptions withSnapshotAfterBytes(long bytes) {
        return new JournalOptions(sync, batchWindow, flushInterval, bytes, snapshotOnClose);
    }

    public JournalOptions withSnapshotOnClose(boolean snapshot) {
        return new JournalOptions(sync, batchWindow, flushInterval, snapshotAfterBytes, snapshot);
    }
}
