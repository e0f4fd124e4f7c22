package dev.gureum.monitoring.alarms;

/** What an alarm makes of periods without data ("Configuring how CloudWatch alarms treat missing data"). */
public enum TreatMissingData {
    /** Missing periods count for nothing; all missing is {@code INSUFFICIENT_DATA}. The default. */
    MISSING("missing"),
    /** Missing periods count for nothing; all missing keeps the current state. */
    IGNORE("ignore"),
    /** Missing periods are breaching. */
    BREACHING("breaching"),
    /** Missing periods are within the threshold. */
    NOT_BREACHING("notBreaching");

    private final String wireName;

    TreatMissingData(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The setting named {@code value} ({@code null} for none), or {@code null} when no setting is named so. */
    public static TreatMissingData of(String value) {
        for (TreatMissingData t : values()) {
            if (t.wireName.equals(value)) {
                return t;
            }
        }
        return null;
    }
}
