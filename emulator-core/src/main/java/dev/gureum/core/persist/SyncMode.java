package dev.gureum.core.persist;

/** When an appended record counts as written, and so when its {@code append} stage completes. */
public enum SyncMode {
    /**
     * Forced to the disk before it is acknowledged. Records that arrive while the disk is busy are
     * written and forced together (group commit), so one force serves every waiting writer.
     */
    ALWAYS,
    /**
     * Forced to the disk before it is acknowledged, but the writer waits up to the batch window after
     * the first record of a group for others to join it: fewer forces, at the cost of that latency.
     */
    BATCH,
    /**
     * Acknowledged once handed to the operating system, forced on a timer. A killed Gureum loses
     * nothing acknowledged; a machine that loses power loses up to one timer interval.
     */
    OFF;

    /** The option value: {@code always}, {@code batch}, {@code off}. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SyncMode fromValue(String value) {
        for (SyncMode mode : values()) {
            if (mode.value().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown sync mode '" + value + "': use always, batch or off");
    }
}
